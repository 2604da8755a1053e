"""A journal the release wrote at schema 6 reads the same after migration 7 gives every time a number."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.storage.db import DB_NAME, MIGRATIONS

FIXTURES = Path(__file__).parent / "fixtures"
RELEASE = FIXTURES / "journal-schema6.sqlite3"
# The fixture's clock, as the release read it (tests/fixtures/make_release_journal.py).
NOW = "2024-03-10T18:00:00+01:00"
# The schema a journal is migrated to: 7 numbered the times; later migrations add tables of their
# own (8: the weekly check-ins, 9: the flare-up plan), empty in a journal the release wrote.
LATEST = len(MIGRATIONS)
# What `history --json` gained after the release (issue 21): the check-ins, none in its journal.
LATER_KEYS = {"check_ins": None}


@pytest.fixture
def release_journal(isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The release's journal as the data directory's journal, read at the release's clock."""
    monkeypatch.setenv("BACKSPASM_NOW", NOW)
    isolated_home.mkdir(mode=0o700)
    shutil.copyfile(RELEASE, isolated_home / DB_NAME)
    return isolated_home / DB_NAME


def release_output(name: str) -> tuple[Any, str]:
    """What the release printed, parsed, and what it said on stderr."""
    return json.loads((FIXTURES / name).read_text()), (FIXTURES / f"{name}.stderr").read_text()


def test_the_fixture_is_the_releases_schema() -> None:
    """The checked-in journal is at schema 6 and has no time numbers: migration 7 has real work to do."""
    conn = sqlite3.connect(RELEASE)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 6
        columns = [row[1] for row in conn.execute("PRAGMA table_info(pain_entries)")]
    finally:
        conn.close()
    assert "at_us" not in columns and "new_symptoms" in columns
    assert LATEST >= 7


def test_every_row_reads_the_same_after_the_migration(runner: CliRunner, release_journal: Path) -> None:
    """history --all --json after migrating is what the release printed: every row, trend, verdict and note."""
    result = runner.invoke(app, ["history", "--all", "--json"])
    assert result.exit_code == 0, result.output
    before, said = release_output("journal-schema6.history-all.json")
    after = json.loads(result.stdout)
    assert after["entries"] == before["entries"]
    assert after == {**before, **LATER_KEYS}
    assert sorted(result.stderr.splitlines()) == sorted(said.splitlines())
    conn = sqlite3.connect(release_journal)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
    finally:
        conn.close()


def test_each_time_gets_the_number_of_the_instant_its_text_shows(runner: CliRunner, release_journal: Path) -> None:
    """Migrated rows hold microseconds since 1970 (UTC) of their text; a text that is no time holds none."""
    from backspasm.clock.now import parse_stamp
    from backspasm.storage.columns import PLACED
    from backspasm.storage.times import micros

    assert runner.invoke(app, ["history"]).exit_code == 0
    conn = sqlite3.connect(release_journal)
    try:
        unplaced = 0
        for table, (text, number) in PLACED.items():
            for value, found in conn.execute(f"SELECT {text}, {number} FROM {table}"):
                try:
                    expected: int | None = micros(parse_stamp(value))
                except ValueError:
                    expected = None
                assert found == expected, (table, value)
                unplaced += found is None
    finally:
        conn.close()
    assert unplaced == 4  # "yesterday", 30 February, "garbage" and "soon"


def test_the_export_is_the_same_but_for_the_schema(runner: CliRunner, release_journal: Path) -> None:
    """data export after migrating gives the release's rows, value for value; the numbers are not exported."""
    result = runner.invoke(app, ["data", "export", "-"])
    assert result.exit_code == 0, result.output
    before, _ = release_output("journal-schema6.export.json")
    after = json.loads(result.stdout)
    assert after["schema_version"] == LATEST and before["schema_version"] == 6
    assert after["tables"] == {**{table: [] for table in after["tables"]}, **before["tables"]}


def test_an_export_of_the_release_imports(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The release's own export imports into a new journal, which then reads as the release read those rows."""
    monkeypatch.setenv("BACKSPASM_NOW", NOW)
    older = FIXTURES / "journal-schema6.clean-export.json"
    result = runner.invoke(app, ["data", "import", str(older)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Imported 57 rows")
    exported = json.loads(runner.invoke(app, ["data", "export", "-"]).stdout)
    tables = json.loads(older.read_text())["tables"]
    assert exported["tables"] == {**{table: [] for table in exported["tables"]}, **tables}
    before, _ = release_output("journal-schema6.history-all.json")
    shown = json.loads(runner.invoke(app, ["history", "--all", "--json"]).stdout)
    ids = {(row["kind"], row["id"]) for row in shown["entries"]}
    assert shown["entries"] == [row for row in before["entries"] if (row["kind"], row["id"]) in ids]
    assert len(ids) == 57


def test_an_interrupted_migration_leaves_the_release_journal(
    runner: CliRunner, release_journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure while numbering the times rolls the journal back to schema 6, untouched; the next run migrates."""
    from backspasm.storage import times

    def fail(_conn: object) -> int:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr("backspasm.storage.db.place", fail)
    result = runner.invoke(app, ["log", "-p", "3"])
    assert result.exit_code == 1 and "disk I/O error" in result.stderr
    conn = sqlite3.connect(release_journal)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 6
        assert "at_us" not in [row[1] for row in conn.execute("PRAGMA table_info(pain_entries)")]
        assert conn.execute("SELECT COUNT(*) FROM pain_entries").fetchone()[0] == 47
    finally:
        conn.close()
    monkeypatch.setattr("backspasm.storage.db.place", times.place)
    assert runner.invoke(app, ["log", "-p", "3"]).exit_code == 0
    conn = sqlite3.connect(release_journal)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
    finally:
        conn.close()
