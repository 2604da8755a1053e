"""`backspasm data import`: an export reads back whole, merges without duplicates, all or nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import journal_rows as rows
import pytest
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.storage.db import MIGRATIONS


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """Exports are stamped with a fixed time, so two exports can be compared."""
    monkeypatch.setenv("BACKSPASM_NOW", rows.NOW_TEXT)


@pytest.fixture
def stored() -> None:
    """Rows in every table, one with a control character and one duplicated on purpose."""
    rows.pain(rows.ago(2), 5, "after gardening", ["walking"])
    rows.pain(rows.ago(1), 7, "twice \x1b[2J")
    rows.pain(rows.ago(1), 7, "twice \x1b[2J")
    rows.triage(rows.ago(1), {"pain_score": 5}, onset_at=rows.ago(2))
    rows.session("ice", rows.ago(1), 900, 600, "stopped")
    rows.stretch("lower-back", rows.ago(0.5), "completed", ["pelvic-tilt"])


def export(runner: CliRunner) -> dict[str, Any]:
    """The journal as exported now."""
    result = runner.invoke(app, ["data", "export", "-"])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def write(path: Path, data: object) -> Path:
    """An export file with this content."""
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_export_forget_import_export_is_the_same(runner: CliRunner, stored: None, tmp_path: Path) -> None:
    """Export, forget, import, export: the same data, ids included, and the summary counts each table."""
    first = export(runner)
    backup = write(tmp_path / "backup.json", first)
    assert runner.invoke(app, ["data", "forget", "--yes"]).exit_code == 0
    result = runner.invoke(app, ["data", "import", str(backup)])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Imported 6 rows: 3 pain entries, 1 ice or heat session, 1 stretch routine, 1 triage run.\n"
    )
    assert export(runner) == first


def test_import_twice_adds_nothing(runner: CliRunner, stored: None, tmp_path: Path) -> None:
    """Merging an export into the journal it came from adds no row and says they were already there."""
    first = export(runner)
    backup = write(tmp_path / "backup.json", first)
    result = runner.invoke(app, ["data", "import", str(backup)])
    assert result.exit_code == 0
    assert result.stdout == "Imported 0 rows.\n6 rows were already in your journal and left as is.\n"
    assert export(runner) == first


def test_merge_keeps_both_journals(runner: CliRunner, stored: None, tmp_path: Path) -> None:
    """Rows of another journal whose ids clash get new ids; rows already there are not doubled."""
    first = export(runner)
    other = json.loads(json.dumps(first))
    other["tables"]["pain_entries"].append({"id": 1, "at": rows.ago(0.1), "pain": 2, "note": "new", "tried": "[]"})
    result = runner.invoke(app, ["data", "import", "-"], input=json.dumps(other))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Imported 1 row: 1 pain entry.")
    entries = export(runner)["tables"]["pain_entries"]
    assert [e["note"] for e in entries] == ["after gardening", "twice \x1b[2J", "twice \x1b[2J", "new"]
    assert entries[-1]["id"] == 4


def test_a_bad_row_imports_nothing(runner: CliRunner, tmp_path: Path) -> None:
    """A row that breaks a rule (pain 11) stops the import and leaves the journal as it was."""
    data = {
        "format": "backspasm-export",
        "schema_version": len(MIGRATIONS),
        "tables": {
            "pain_entries": [{"at": rows.ago(1), "pain": 11, "note": "too much", "tried": "[]"}],
            "sessions": [{"protocol": "ice", "started_at": rows.ago(1), "planned_seconds": 60, "status": "completed"}],
        },
    }
    result = runner.invoke(app, ["data", "import", str(write(tmp_path / "bad.json", data))])
    assert result.exit_code == 2
    assert "table 'pain_entries' row 1: its pain score is not from 0 to 10" in result.stderr
    tables = export(runner)["tables"]
    assert tables["pain_entries"] == [] and tables["sessions"] == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe", "not UTF-8 text"),
        (b"[" * 5000 + b" " * 40000, "nested too deeply"),
        (b"[" * 100000, "far more arrays and objects than an export holds"),
        (b"{", "not valid JSON"),
        (b'{"format": "something-else"}', "not a backspasm export (made by `backspasm data export`)"),
        (b'{"format": "backspasm-export", "schema_version": 99, "tables": {}}', "made by a newer version"),
        (b'{"format": "backspasm-export", "schema_version": 1, "tables": {"secrets": []}}', "'secrets' is not part"),
        (b'{"format": "backspasm-export", "schema_version": 1, "tables": {"sessions": [{"x": 1}]}}', "unknown column"),
        (b'{"format": "backspasm-export", "schema_version": 1, "tables": {"sessions": [{"id": [1]}]}}', "a number"),
    ],
)
def test_invalid_files_are_refused_in_one_line(runner: CliRunner, tmp_path: Path, content: bytes, message: str) -> None:
    """A file that is not a readable export of this or an older version is named in one line, exit 2."""
    path = tmp_path / "in.json"
    path.write_bytes(content)
    result = runner.invoke(app, ["data", "import", str(path)])
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_missing_file_is_an_error(runner: CliRunner, tmp_path: Path) -> None:
    """A file that cannot be read is named with the reason, exit 1."""
    result = runner.invoke(app, ["data", "import", str(tmp_path / "nope.json")])
    assert result.exit_code == 1
    assert result.stderr.startswith("backspasm: cannot read")


def test_older_export_imports_into_newer_journal(runner: CliRunner, tmp_path: Path) -> None:
    """An export from schema 2 (stretch runs without pid) imports; missing columns take their defaults."""
    data = {
        "format": "backspasm-export",
        "schema_version": 2,
        "tables": {
            "stretch_runs": [
                {"id": 1, "routine": "lower-back", "started_at": rows.ago(1), "status": "completed", "done": "[]"}
            ]
        },
    }
    result = runner.invoke(app, ["data", "import", str(write(tmp_path / "old.json", data))])
    assert result.exit_code == 0, result.output
    assert export(runner)["tables"]["stretch_runs"][0]["pid"] is None


def test_import_reads_json_columns_written_as_text(runner: CliRunner, tmp_path: Path) -> None:
    """An older export with JSON columns as text imports; the export then gives them as arrays and objects."""
    data = {
        "format": "backspasm-export",
        "schema_version": 4,
        "tables": {
            "pain_entries": [{"id": 1, "at": rows.ago(1), "pain": 4, "note": None, "tried": '["ice-pack"]'}],
            "triage_runs": [
                {
                    "id": 1,
                    "at": rows.ago(1),
                    "answers": '{"pain_score": 4}',
                    "disposition": "self_care",
                    "result": '{"disposition": "self_care"}',
                    "onset_at": None,
                }
            ],
        },
    }
    result = runner.invoke(app, ["data", "import", str(write(tmp_path / "old.json", data))])
    assert result.exit_code == 0, result.output
    tables = export(runner)["tables"]
    assert tables["pain_entries"][0]["tried"] == ["ice-pack"]
    assert tables["triage_runs"][0]["answers"] == {"pain_score": 4}


def test_text_and_nested_forms_are_the_same_row(runner: CliRunner, stored: None, tmp_path: Path) -> None:
    """Importing an export whose JSON columns are text into the journal it came from adds nothing."""
    first = export(runner)
    for table in first["tables"].values():
        for row in table:
            for column, value in row.items():
                if isinstance(value, (list, dict)):
                    row[column] = json.dumps(value)
    result = runner.invoke(app, ["data", "import", str(write(tmp_path / "text.json", first))])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Imported 0 rows.")


def test_nested_value_in_a_text_column_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    """Only the JSON columns may hold arrays or objects; a nested note is refused in one line."""
    data = {
        "format": "backspasm-export",
        "schema_version": 4,
        "tables": {"pain_entries": [{"at": rows.ago(1), "pain": 4, "note": ["x"], "tried": []}]},
    }
    result = runner.invoke(app, ["data", "import", str(write(tmp_path / "bad.json", data))])
    assert result.exit_code == 2
    assert "'note' must be text, a number or null" in result.stderr
    assert rows.count("pain_entries") == 0


def test_a_bad_answer_in_a_large_batch_is_worded_and_nothing_is_imported(runner: CliRunner, tmp_path: Path) -> None:
    """A new-symptoms answer other than yes, no or unsure (row 1500 of 3000) is named in words; none are imported."""
    entries = [{"at": rows.ago(hours=n), "pain": n % 11, "tried": ["walking"]} for n in range(3000)]
    entries[1499]["new_symptoms"] = "maybe"
    data = {"format": "backspasm-export", "schema_version": len(MIGRATIONS), "tables": {"pain_entries": entries}}
    result = runner.invoke(app, ["data", "import", str(write(tmp_path / "big.json", data))])
    assert result.exit_code == 2, result.output
    assert result.stderr.strip().splitlines() == [
        f"backspasm: {tmp_path / 'big.json'}: table 'pain_entries' row 1500:"
        " its new symptoms answer is not one of yes, no, unsure"
    ]
    assert rows.count("pain_entries") == 0


def test_a_row_sqlite_refuses_in_a_large_batch_is_named_and_nothing_is_imported(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where a column is not described (a later migration's), SQLite's CHECK still holds: row 1500 of 3000 is named."""
    from backspasm.storage import columns

    described = {name: column for name, column in columns.COLUMNS["pain_entries"].items() if name != "new_symptoms"}
    monkeypatch.setitem(columns.COLUMNS, "pain_entries", described)
    entries = [{"at": rows.ago(hours=n), "pain": n % 11, "tried": ["walking"]} for n in range(3000)]
    entries[1499]["new_symptoms"] = "maybe"
    data = {"format": "backspasm-export", "schema_version": len(MIGRATIONS), "tables": {"pain_entries": entries}}
    result = runner.invoke(app, ["data", "import", str(write(tmp_path / "big.json", data))])
    assert result.exit_code == 2, result.output
    assert "table 'pain_entries' row 1500: CHECK constraint failed" in result.stderr
    assert rows.count("pain_entries") == 0


def test_an_empty_journal_takes_every_row_of_a_large_export(runner: CliRunner, tmp_path: Path) -> None:
    """Into an empty journal a large export goes in whole (its indexes made after), and reads back the same."""
    entries = [{"id": n + 1, "at": rows.ago(hours=n), "pain": n % 11, "note": None, "tried": []} for n in range(12000)]
    entries[5]["tried"] = ["walking", "ice-pack"]
    data = {"format": "backspasm-export", "schema_version": len(MIGRATIONS), "tables": {"pain_entries": entries}}
    result = runner.invoke(app, ["data", "import", str(write(tmp_path / "big.json", data))])
    assert result.exit_code == 0, result.output
    exported = export(runner)["tables"]["pain_entries"]
    assert len(exported) == 12000 and exported[5]["tried"] == ["walking", "ice-pack"]
    assert [row["id"] for row in exported] == list(range(1, 12001))
    from backspasm.storage.db import connect

    conn = connect()
    try:
        indexes = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        query = "EXPLAIN QUERY PLAN SELECT * FROM pain_entries WHERE at_us > 0"
        plan = " ".join(str(r[3]) for r in conn.execute(query))
    finally:
        conn.close()
    assert {"pain_entries_time", "pain_entries_tried", "pain_entries_noted"} <= indexes
    assert "pain_entries_time" in plan


def test_the_times_number_is_worked_out_not_taken(runner: CliRunner, tmp_path: Path) -> None:
    """An export that gives a time's number (at_us) has it replaced by the number of its time."""
    from backspasm.clock.now import parse_stamp
    from backspasm.storage.db import connect
    from backspasm.storage.times import micros

    at = rows.ago(1)
    data = {
        "format": "backspasm-export",
        "schema_version": len(MIGRATIONS),
        "tables": {"pain_entries": [{"at": at, "at_us": 5, "pain": 4}]},
    }
    assert runner.invoke(app, ["data", "import", str(write(tmp_path / "in.json", data))]).exit_code == 0
    conn = connect()
    try:
        assert conn.execute("SELECT at_us FROM pain_entries").fetchone()[0] == micros(parse_stamp(at))
    finally:
        conn.close()


def test_true_is_not_a_pain_score_beside_ones(runner: CliRunner, tmp_path: Path) -> None:
    """A column read once per distinct value still tells true from 1: the row with true is refused."""
    entries = [{"at": rows.ago(hours=n), "pain": 1} for n in range(50)] + [{"at": rows.ago(3), "pain": True}]
    data = {"format": "backspasm-export", "schema_version": len(MIGRATIONS), "tables": {"pain_entries": entries}}
    result = runner.invoke(app, ["data", "import", str(write(tmp_path / "in.json", data))])
    assert result.exit_code == 2
    assert "row 51: 'pain' must be text, a number or null" in result.stderr


def test_nulls_and_text_go_in_as_given(runner: CliRunner, tmp_path: Path) -> None:
    """Into an empty journal a null stays NULL and text stays text ("0", "" too), in columns of nulls alone or mixed."""
    from backspasm.storage.db import connect

    notes: list[Any] = [None, "0", "", "0.0", None, "after a walk"]
    sessions = [
        {"id": n + 1, "protocol": "ice", "started_at": rows.ago(hours=n), "planned_seconds": 600, "status": "completed"}
        for n in range(len(notes))
    ]
    for session, note in zip(sessions, notes, strict=True):
        session.update(note=note, ended_at=None, pid=None)
    entries = [
        {"id": n + 1, "at": rows.ago(hours=n), "pain": 4, "note": note, "tried": [], "new_symptoms": None}
        for n, note in enumerate(notes)
    ]
    tables = {"pain_entries": entries, "sessions": sessions}
    data = {"format": "backspasm-export", "schema_version": len(MIGRATIONS), "tables": tables}
    assert runner.invoke(app, ["data", "import", str(write(tmp_path / "in.json", data))]).exit_code == 0
    conn = connect()
    try:
        pain = conn.execute("SELECT note, typeof(note), new_symptoms FROM pain_entries ORDER BY id").fetchall()
        kept = conn.execute("SELECT note, typeof(note), ended_at, pid FROM sessions ORDER BY id").fetchall()
    finally:
        conn.close()
    expected = [(n, "null" if n is None else "text") for n in notes]
    assert [tuple(r[:2]) for r in pain] == expected and {r[2] for r in pain} == {None}
    assert [tuple(r[:2]) for r in kept] == expected and {(r[2], r[3]) for r in kept} == {(None, None)}


def test_a_column_of_nulls_is_left_out_only_where_that_stores_null() -> None:
    """A nullable column with a default keeps its nulls bound (leaving it out would store the default)."""
    import sqlite3

    from backspasm.storage import restore

    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, plain TEXT, kept TEXT DEFAULT 'd', mixed TEXT)")
    batch = restore.Batch(("plain", "kept", "mixed"), [1, 2], [[None, None], [None, None], [None, "x"]], [1, 2])
    names, marks, values = restore._nulls_bound_cheaply(batch, restore._null_by_default(conn, "t"))
    assert names == ("kept", "mixed")
    conn.execute(f"INSERT INTO t (kept, mixed) VALUES ({', '.join(marks)})", [v[0] for v in values])
    assert conn.execute("SELECT plain, kept, mixed FROM t").fetchall() == [(None, None, None)]


def test_rows_of_one_column_go_in(runner: CliRunner, tmp_path: Path) -> None:
    """Doctor visits that give only their time are imported (a table's rows read column by column, one column)."""
    visits = [{"at": rows.ago(hours=n + 1)} for n in range(3)]
    data = {"format": "backspasm-export", "schema_version": len(MIGRATIONS), "tables": {"doctor_visits": visits}}
    result = runner.invoke(app, ["data", "import", str(write(tmp_path / "in.json", data))])
    assert result.exit_code == 0, result.output
    assert rows.count("doctor_visits") == 3


def test_rows_go_in_exactly_whatever_their_number(runner: CliRunner, tmp_path: Path) -> None:
    """1,234 entries (many statements of a hundred rows and a remainder) read back exactly as given, in order."""
    notes = [None, "0", "stiff", ""]
    entries = [
        {"id": n + 1, "at": rows.ago(hours=1234 - n), "pain": n % 11, "note": notes[n % 4], "tried": ["ice"][: n % 2]}
        for n in range(1234)
    ]
    data = {"format": "backspasm-export", "schema_version": len(MIGRATIONS), "tables": {"pain_entries": entries}}
    result = runner.invoke(app, ["data", "import", str(write(tmp_path / "in.json", data))])
    assert result.exit_code == 0, result.output
    exported = export(runner)["tables"]["pain_entries"]
    assert [{k: row[k] for k in entries[0]} for row in exported] == entries
