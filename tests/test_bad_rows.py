"""One bad row never locks a person out: readers show what they can and name it once; import refuses it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import journal_rows as rows
import pytest
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.storage.db import MIGRATIONS

READERS = [
    ["history"],
    ["history", "--all", "--json"],
    ["today"],
    ["report"],
    ["report", "--format", "csv"],
    ["data", "export", "-"],
]
GOOD_SESSION = {"protocol": "ice", "started_at": rows.ago(0.2), "planned_seconds": 600, "status": "completed"}
GOOD_STRETCH = {"routine": "lower-back", "started_at": rows.ago(0.2), "status": "completed", "done": "[]"}
# The hostile rows of issue 27 (an import used to accept each), and what the readers say of them.
HOSTILE = [
    ("sessions", {**GOOD_SESSION, "started_at": "garbage"}, "its start time is not a time"),
    ("sessions", {**GOOD_SESSION, "planned_seconds": "abc"}, "its planned time is not a number"),
    ("sessions", {**GOOD_SESSION, "ended_at": "garbage"}, "its end time is not a time"),
    ("sessions", {**GOOD_SESSION, "status": "running", "pid": "abc"}, "its process id is not a number"),
    ("sessions", {**GOOD_SESSION, "started_at": "0001-01-01T00:00:00+14:00"}, "between the years"),
    ("stretch_runs", {**GOOD_STRETCH, "started_at": "garbage"}, "its start time is not a time"),
    ("stretch_runs", {**GOOD_STRETCH, "done": "zz"}, "its list of stretches done is not a JSON list of names"),
    ("doctor_visits", {"at": "garbage"}, "its time is not a time"),
    ("pain_entries", {"at": "garbage", "pain": 5}, "its time is not a time"),
    (
        "triage_runs",
        {"at": rows.ago(0.2), "answers": '{"days_since_onset": 800000}', "disposition": "self_care", "result": "{}"},
        "its days_since_onset answer is not a number from 0 to 36,500",
    ),
    ("triage_runs", {"at": rows.ago(0.2), "answers": "{}", "disposition": "panic", "result": "{}"}, "its level"),
]


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fixed time, so the rows fall in every window."""
    monkeypatch.setenv("BACKSPASM_NOW", rows.NOW_TEXT)


def insert(table: str, row: dict[str, Any]) -> None:
    """Write a row as an older version's import (or another program) could have."""
    names = ", ".join(row)
    rows.with_conn(f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' for _ in row)})", *row.values())


def export_file(tmp_path: Path, tables: dict[str, list[dict[str, Any]]]) -> Path:
    """An export file holding these rows."""
    path = tmp_path / "in.json"
    path.write_text(json.dumps({"format": "backspasm-export", "schema_version": len(MIGRATIONS), "tables": tables}))
    return path


@pytest.mark.parametrize(("table", "row", "problem"), HOSTILE, ids=[h[2][:40] for h in HOSTILE])
def test_every_reader_names_a_bad_row_once_and_shows_the_rest(
    runner: CliRunner, table: str, row: dict[str, Any], problem: str
) -> None:
    """A stored row a reader cannot read: exit 0, the good rows shown, the bad one named once on stderr."""
    rows.pain(rows.ago(0.1), 6, "kept")
    insert(table, row)
    for command in READERS:
        result = runner.invoke(app, command)
        assert result.exit_code == 0, (command, result.output)
        named = [line for line in result.stderr.splitlines() if "could not be read" in line]
        if command[0] != "today" and not (command[0] == "report" and table == "doctor_visits"):
            assert len(named) <= 1, (command, result.stderr)
        for line in named:
            assert problem in line and line.startswith("backspasm: 1 "), (command, line)
        if command[0] == "history":
            assert "kept" in result.stdout
    everything = runner.invoke(app, ["history", "--all", "--json"])
    named = [line for line in everything.stderr.splitlines() if "could not be read" in line]
    assert len(named) == 1 and problem in named[0], everything.stderr


def test_the_line_names_the_row_by_its_id(runner: CliRunner) -> None:
    """The words of the issue: "1 session row could not be read (id 7): its start time is not a time"."""
    insert("sessions", {**GOOD_SESSION, "id": 7, "started_at": "garbage"})
    result = runner.invoke(app, ["history", "--all"])
    assert result.exit_code == 0
    assert "backspasm: 1 session row could not be read (id 7): its start time is not a time" in result.stderr


def test_several_bad_rows_are_one_line(runner: CliRunner) -> None:
    """Rows with the same problem are named together, a few ids listed."""
    for number in range(8):
        insert("sessions", {**GOOD_SESSION, "id": 10 + number, "started_at": f"garbage {number}"})
    result = runner.invoke(app, ["history", "--all"])
    assert result.exit_code == 0
    assert "8 session rows could not be read (ids 10, 11, 12, 13, 14 and 3 more): their start time" in result.stderr


def test_a_partly_readable_row_is_shown(runner: CliRunner) -> None:
    """A stretch routine whose list of stretches is damaged is still in the history, and named as partly read."""
    insert("stretch_runs", {**GOOD_STRETCH, "done": "zz"})
    result = runner.invoke(app, ["history", "--json"])
    assert result.exit_code == 0
    assert [r["kind"] for r in json.loads(result.stdout)["entries"]] == ["stretch"]
    assert "could not be read in full" in result.stderr


def test_a_huge_onset_does_not_stop_the_report(runner: CliRunner) -> None:
    """A triage saved with days_since_onset 800000 (before the bound) reads without its onset; report exits 0."""
    rows.triage(rows.ago(0.5), {"days_since_onset": 800000})
    rows.triage(rows.ago(0.4), {"days_since_onset": 1e300})
    result = runner.invoke(app, ["report"])
    assert result.exit_code == 0, result.output
    assert "2 triage run rows could not be read in full" in result.stderr


@pytest.mark.parametrize(("table", "row", "problem"), HOSTILE, ids=[h[2][:40] for h in HOSTILE])
def test_import_refuses_what_the_readers_could_not_read(
    runner: CliRunner, tmp_path: Path, table: str, row: dict[str, Any], problem: str
) -> None:
    """Each hostile row is refused by `data import` with the same words, exit 2, and nothing is imported."""
    result = runner.invoke(app, ["data", "import", str(export_file(tmp_path, {table: [row]}))])
    assert result.exit_code == 2, result.output
    assert f"table '{table}' row 1: " in result.stderr and problem.split(" is ")[0] in result.stderr
    assert rows.count(table) == 0


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ({**GOOD_SESSION, "started_at": "2024-03-09T10:00:00"}, "its start time has no UTC offset"),
        ({**GOOD_SESSION, "started_at": "2024-03-09T10:00:00+20:00"}, "beyond 14 hours"),
        ({**GOOD_SESSION, "planned_seconds": 1e300}, "its planned time is not from 0 to 86400"),
        ({**GOOD_SESSION, "rounds_done": 1.5}, "is not a whole number"),
        ({**GOOD_SESSION, "note": "\udc80"}, "its note is not valid Unicode text"),
        ({"protocol": "ice", "status": "completed"}, "its start time is missing"),
        ({**GOOD_SESSION, "status": "exploded"}, "its status is not one of running, completed"),
    ],
)
def test_import_checks_by_the_rules_of_the_programs_own_writes(
    runner: CliRunner, tmp_path: Path, row: dict[str, Any], problem: str
) -> None:
    """A time without an offset, an out-of-range number, a lone surrogate or a missing column is refused."""
    result = runner.invoke(app, ["data", "import", str(export_file(tmp_path, {"sessions": [row]}))])
    assert result.exit_code == 2, result.output
    assert problem in result.stderr
    assert "Traceback" not in result.output


def test_import_lists_one_line_per_problem_up_to_twenty(runner: CliRunner, tmp_path: Path) -> None:
    """Thirty bad rows: nineteen lines name a problem each, the twentieth says how many more; nothing imported."""
    bad = [{**GOOD_SESSION, "started_at": f"garbage {n}"} for n in range(30)]
    result = runner.invoke(app, ["data", "import", str(export_file(tmp_path, {"sessions": [GOOD_SESSION, *bad]}))])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 20
    assert all("its start time is not a time" in line for line in lines[:19])
    assert "row 2:" in lines[0] and lines[-1].endswith("11 more problems; nothing was imported")
    assert rows.count("sessions") == 0


def test_the_rows_the_program_writes_import_cleanly(runner: CliRunner, tmp_path: Path) -> None:
    """What the commands wrote exports and imports back with no problem (the rules are the writes' rules)."""
    assert runner.invoke(app, ["log", "-p", "5", "--note", "snow ☃", "--tried", "ice-pack"]).exit_code == 0
    assert runner.invoke(app, ["log", "--saw-doctor", "--note", "GP"]).exit_code == 0
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"days_since_onset": 2, "pain_score": 6}))
    assert runner.invoke(app, ["triage", "--answers", str(answers)]).exit_code == 0
    exported = runner.invoke(app, ["data", "export", "-"]).stdout
    assert runner.invoke(app, ["data", "forget", "--yes"]).exit_code == 0
    result = runner.invoke(app, ["data", "import", "-"], input=exported)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Imported 3 rows")


def test_nested_junk_is_refused_before_it_is_parsed(runner: CliRunner, tmp_path: Path) -> None:
    """An export whose rows are a flood of empty lists is refused at once, without building them."""
    path = tmp_path / "junk.json"
    head = b'{"format": "backspasm-export", "schema_version": 1, "tables": {"pain_entries": ['
    path.write_bytes(head + b"[]," * 300_000 + b"[]]}}")
    result = runner.invoke(app, ["data", "import", str(path)])
    assert result.exit_code == 2
    assert "far more arrays and objects than an export holds" in result.stderr


def test_brackets_in_notes_are_not_junk(runner: CliRunner, tmp_path: Path) -> None:
    """A note full of [ and { is text, not arrays: the export imports."""
    note = "[{" * 5000
    rows.pain(rows.ago(1), 3, note)
    exported = runner.invoke(app, ["data", "export", "-"]).stdout
    assert runner.invoke(app, ["data", "forget", "--yes"]).exit_code == 0
    result = runner.invoke(app, ["data", "import", "-"], input=exported)
    assert result.exit_code == 0, result.output


def test_text_that_is_not_utf8_is_read_with_replacements(runner: CliRunner, tmp_path: Path) -> None:
    """One invalid UTF-8 byte in a note: history, today, report and export all work and say so."""
    rows.pain(rows.ago(0.1), 4, "fine")
    rows.with_conn(
        "INSERT INTO pain_entries (at, pain, note, tried) VALUES (?, 5, CAST(X'61FF62' AS TEXT), '[]')", rows.ago(0.2)
    )
    rows.with_conn("INSERT INTO doctor_visits (at, note) VALUES (?, X'FF')", rows.ago(0.3))
    for command in READERS:
        result = runner.invoke(app, command)
        assert result.exit_code == 0, (command, result.output)
    history = runner.invoke(app, ["history", "--json"])
    assert "a\ufffdb" in history.stdout and "not valid UTF-8" in history.stderr
    out = tmp_path / "export.json"
    result = runner.invoke(app, ["data", "export", str(out)])
    assert result.exit_code == 0
    notes = [r["note"] for r in json.loads(out.read_text())["tables"]["pain_entries"]]
    assert notes == ["fine", "a\ufffdb"]
    assert "2 rows had text that is not valid UTF-8" in result.stderr
