"""`data import` at speed keeps its safety: CHECKs worded, all or nothing, Ctrl-C or a crash undone, files private."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import stat
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import journal_rows as rows
import pytest
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.storage import pain_sums, restore
from backspasm.storage.db import DB_NAME, MIGRATIONS, connect

GOOD_SESSION = {"protocol": "ice", "started_at": rows.ago(1), "planned_seconds": 600, "status": "completed"}
GOOD_STRETCH = {"routine": "lower-back", "started_at": rows.ago(1), "status": "completed"}
GOOD_PAIN = {"at": rows.ago(1), "pain": 4}
GOOD_CHECK_IN = {"at": rows.ago(1), "pain": 6, "enjoyment": 5, "activity": 4, "peg": 5.0}
# Every CHECK constraint of the journal's schema, with a row that breaks it and the words the
# import refuses it with. SQLite skips these CHECKs during an import (they doubled its insert
# time; restore.checks_mirrored), so a new CHECK must be added here and checked by the import.
CHECKS: list[tuple[str, str, dict[str, Any], str]] = [
    ("sessions", "status IN", {**GOOD_SESSION, "status": "paused"}, "its status is not one of running"),
    ("pain_entries", "pain BETWEEN", {**GOOD_PAIN, "pain": 11}, "its pain score is not from 0 to 10"),
    (
        "pain_entries",
        "new_symptoms IN",
        {**GOOD_PAIN, "new_symptoms": "maybe"},
        "its new symptoms answer is not one of yes, no, unsure",
    ),
    ("stretch_runs", "status IN", {**GOOD_STRETCH, "status": "paused"}, "its status is not one of running"),
    ("check_ins", "pain BETWEEN", {**GOOD_CHECK_IN, "pain": 11}, "its average pain is not from 0 to 10"),
    ("check_ins", "enjoyment BETWEEN", {**GOOD_CHECK_IN, "enjoyment": -1}, "its interference with enjoyment"),
    ("check_ins", "activity BETWEEN", {**GOOD_CHECK_IN, "activity": 12}, "its interference with general activity"),
    ("check_ins", "abs(peg", {**GOOD_CHECK_IN, "peg": 7.0}, "its PEG score 7 is not the mean of its three answers"),
]


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """Exports are stamped with a fixed time, so two exports can be compared."""
    monkeypatch.setenv("BACKSPASM_NOW", rows.NOW_TEXT)


def export_file(path: Path, tables: dict[str, list[dict[str, Any]]]) -> Path:
    """An export file holding these rows."""
    data = {"format": "backspasm-export", "schema_version": len(MIGRATIONS), "tables": tables}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def entries(count: int) -> list[dict[str, Any]]:
    """`count` pain entries as an export gives them, an hour apart, with ids."""
    return [
        {"id": n + 1, "at": rows.ago(hours=n), "pain": n % 11, "note": None, "tried": ["walking"], "new_symptoms": None}
        for n in range(count)
    ]


def journal_state() -> tuple[list[tuple[Any, ...]], list[str], str]:
    """Every pain entry, the indexes and SQLite's integrity check of the test journal."""
    conn = connect()
    try:
        found = [
            tuple(r) for r in conn.execute("SELECT id, at, at_us, pain, note, tried FROM pain_entries ORDER BY id")
        ]
        indexes = sorted(r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'"))
        check = str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()
    return found, indexes, check


def test_the_list_of_checks_is_the_schemas() -> None:
    """Each CHECK in the journal's schema is one of CHECKS (a new one fails here until the import words it)."""
    # The kept sums (storage.pain_sums) are left out: worked out from the entries, never imported.
    conn = connect()
    try:
        rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
        schema = {str(n): str(s) for n, s in rows if n not in pain_sums.TABLES}
        assert all(restore.checks_mirrored(conn, table) for table in schema)
    finally:
        conn.close()
    found = Counter({table: len(re.findall(r"\bCHECK\s*\(", sql)) for table, sql in schema.items()})
    assert +found == Counter(table for table, *_ in CHECKS)
    for table, start, *_ in CHECKS:
        assert f"CHECK ({start}" in schema[table]


@pytest.mark.parametrize(("table", "start", "row", "words"), CHECKS, ids=[f"{c[0]}-{c[1]}" for c in CHECKS])
def test_every_check_is_worded_by_the_import(
    runner: CliRunner, tmp_path: Path, table: str, start: str, row: dict[str, Any], words: str
) -> None:
    """A row that breaks a CHECK is refused in words (not SQLite's), exit 2, among good rows, nothing written."""
    good: dict[str, dict[str, Any]] = {
        "sessions": GOOD_SESSION,
        "pain_entries": GOOD_PAIN,
        "stretch_runs": GOOD_STRETCH,
        "check_ins": GOOD_CHECK_IN,
    }
    content = [good[table]] * 30 + [row] + [good[table]] * 30
    result = runner.invoke(app, ["data", "import", str(export_file(tmp_path / "in.json", {table: content}))])
    assert result.exit_code == 2, result.output
    assert f"table '{table}' row 31: {words}" in result.stderr
    assert "CHECK constraint" not in result.stderr
    assert rows.count(table) == 0


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("at", "2024-02-30T10:00:00+01:00", "its time is not a time"),
        ("pain", 12, "its pain score is not from 0 to 10"),
        ("tried", ["walking", 3], "its list of remedies tried is not a JSON list of names"),
        ("id", "seven", "its id is not a number"),
    ],
)
def test_a_bad_row_at_99999_of_100000_writes_nothing(
    runner: CliRunner, tmp_path: Path, field: str, value: Any, words: str
) -> None:
    """One bad value at row 99,999 of 100,000 is named by row and field in one line, exit 2; nothing is written."""
    rows.pain(rows.ago(400), 3, "already here")
    before = journal_state()
    content = entries(100_000)
    content[99_998][field] = value
    result = runner.invoke(app, ["data", "import", str(export_file(tmp_path / "big.json", {"pain_entries": content}))])
    assert result.exit_code == 2, result.output
    assert result.stderr.strip().splitlines() == [
        f"backspasm: {tmp_path / 'big.json'}: table 'pain_entries' row 99999: {words}"
    ]
    assert journal_state() == before


@pytest.mark.parametrize("journal", ["empty", "holding rows"])
def test_ctrl_c_mid_import_leaves_the_journal_as_it_was(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, journal: str
) -> None:
    """Ctrl-C after rows went in (a second table's insert) undoes them all: rows, indexes, soundness as before."""
    if journal == "holding rows":
        rows.pain(rows.ago(400), 3, "already here")
    else:
        connect().close()
    before = journal_state()
    real_insert = restore._insert

    def interrupted(*args: Any) -> None:
        real_insert(*args)  # the rows go in, then Ctrl-C
        if args[2] == "sessions":
            raise KeyboardInterrupt

    monkeypatch.setattr(restore, "_insert", interrupted)
    sessions = [{**GOOD_SESSION, "id": n + 1} for n in range(20)]
    path = export_file(tmp_path / "big.json", {"pain_entries": entries(12_000), "sessions": sessions})
    result = runner.invoke(app, ["data", "import", str(path)])
    assert result.exit_code != 0
    assert journal_state() == before
    assert rows.count("sessions") == 0


@pytest.mark.parametrize("filled", [True, False], ids=["journal-with-rows", "empty-journal-written-directly"])
def test_a_crash_mid_import_leaves_the_journal_as_it_was(tmp_path: Path, filled: bool) -> None:
    """The process killed outright after the pain entries went in (before the commit): the journal is as it was."""
    home = Path(os.environ["BACKSPASM_HOME"])
    if filled:
        rows.pain(rows.ago(400), 3, "already here")
    else:
        connect().close()
    before = journal_state()
    path = export_file(tmp_path / "big.json", {"pain_entries": entries(12_000), "sessions": [GOOD_SESSION]})
    crash = (
        "import os, signal, sys\n"
        "from backspasm.storage import restore\n"
        "real = restore._insert\n"
        "def dying(*args):\n"
        "    real(*args)\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "restore._insert = dying\n"
        "sys.argv = ['backspasm', 'data', 'import', sys.argv[1]]\n"
        "from backspasm.cli import main\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", crash, str(path)], env={**os.environ, "BACKSPASM_HOME": str(home)})
    assert done.returncode == -9
    assert journal_state() == before
    conn = connect()  # and it opens as a journal again, in WAL mode
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        conn.close()


def test_a_large_import_into_an_empty_journal_leaves_it_in_wal_mode(runner: CliRunner, tmp_path: Path) -> None:
    """Written straight into the file (no WAL) for speed, the journal is in WAL mode again afterwards."""
    path = export_file(tmp_path / "big.json", {"pain_entries": entries(12_000)})
    result = runner.invoke(app, ["data", "import", str(path)])
    assert result.exit_code == 0, result.output
    home = Path(os.environ["BACKSPASM_HOME"])
    assert not (home / f"{DB_NAME}-journal").exists()
    conn = sqlite3.connect(home / DB_NAME)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("SELECT count(*) FROM pain_entries").fetchone()[0] == 12_000
    finally:
        conn.close()


def test_the_imported_journal_is_private(runner: CliRunner, tmp_path: Path) -> None:
    """An import into a new data directory leaves it 0700 and every file in it 0600."""
    home = Path(os.environ["BACKSPASM_HOME"])
    result = runner.invoke(
        app, ["data", "import", str(export_file(tmp_path / "in.json", {"pain_entries": entries(12_000)}))]
    )
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    files = list(home.iterdir())
    assert home / DB_NAME in files
    assert {f.name: stat.S_IMODE(f.stat().st_mode) for f in files} == {f.name: 0o600 for f in files}
    conn = sqlite3.connect(home / DB_NAME)
    try:
        assert conn.execute("SELECT count(*) FROM pain_entries").fetchone()[0] == 12_000
    finally:
        conn.close()


def test_sqlite_checks_again_after_an_import() -> None:
    """The connection an import used enforces CHECKs again afterwards (they are skipped only while rows go in)."""
    conn = connect()
    try:
        restore.import_all(conn, {"pain_entries": entries(3)}, "in.json")
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            conn.execute("INSERT INTO pain_entries (at, pain) VALUES (?, 11)", (rows.ago(1),))
    finally:
        conn.close()


def test_rows_of_several_shapes_into_an_empty_journal_all_go_in(runner: CliRunner, tmp_path: Path) -> None:
    """Rows giving different columns go in batch by batch; an id a row without one was given goes to a new row."""
    content = [
        {"id": 1, "at": rows.ago(3), "pain": 1, "note": "first"},
        {"at": rows.ago(2), "pain": 2},
        {"id": 2, "at": rows.ago(1), "pain": 3},
    ]
    result = runner.invoke(app, ["data", "import", str(export_file(tmp_path / "in.json", {"pain_entries": content}))])
    assert result.exit_code == 0, result.output
    found, _, check = journal_state()
    assert sorted(row[3] for row in found) == [1, 2, 3]
    assert check == "ok"


def test_no_statement_gives_sqlite_more_than_999_values() -> None:
    """Rows of a dozen columns go in whole where SQLite takes at most 999 values a statement (as before 3.32)."""
    sessions = [
        {
            **GOOD_SESSION,
            "id": n + 1,
            "started_at": rows.ago(hours=n + 1),
            "ended_at": rows.ago(hours=n + 0.5),
            "applied_seconds": 600,
            "rounds_planned": 2,
            "rounds_done": 2,
            "pid": 100 + n,
            "note": f"session {n}",
        }
        for n in range(250)
    ]
    if sys.version_info < (3, 11):
        pytest.skip("Connection.setlimit came with Python 3.11")
    conn = connect()
    try:
        conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 999)
        restore.import_all(conn, {"sessions": sessions}, "in.json")
        stored = conn.execute("SELECT id, note, pid FROM sessions ORDER BY id").fetchall()
    finally:
        conn.close()
    assert [tuple(r) for r in stored] == [(n + 1, f"session {n}", 100 + n) for n in range(250)]
