"""A busy journal is waited for and reported as busy, never moved aside as damaged; odd files get a note."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.storage import db as store
from backspasm.storage.db import DB_NAME, MIGRATIONS


@pytest.fixture(autouse=True)
def short_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands give up on a held lock quickly in tests."""
    monkeypatch.setattr(store, "BUSY_SECONDS", 0.05)  # each wait here is for a lock held all along: it ends busy


@pytest.fixture
def journal(runner: CliRunner, isolated_home: Path) -> Path:
    """A journal with one pain entry."""
    assert runner.invoke(app, ["log", "-p", "5", "--note", "kept"]).exit_code == 0
    return isolated_home / DB_NAME


def lock(db: Path, exclusive: bool) -> sqlite3.Connection:
    """Another program holding the journal: a write lock, or a lock that keeps readers out too."""
    other = sqlite3.connect(db, isolation_level=None, timeout=0)
    if exclusive:
        other.execute("PRAGMA locking_mode = EXCLUSIVE")
        other.execute("BEGIN EXCLUSIVE")
        other.execute("INSERT INTO pain_entries (at, pain) VALUES ('2024-01-01T00:00:00+00:00', 1)")
    else:
        other.execute("BEGIN IMMEDIATE")
    return other


@pytest.fixture
def held(journal: Path) -> Iterator[sqlite3.Connection]:
    """The journal held under an exclusive lock by another connection while the test runs."""
    other = lock(journal, exclusive=True)
    yield other
    other.execute("ROLLBACK")
    other.close()


@pytest.mark.parametrize("command", [["history"], ["report"], ["log", "-p", "3"], ["data", "export", "-"]])
def test_locked_journal_is_busy_not_damaged(
    runner: CliRunner, isolated_home: Path, held: sqlite3.Connection, command: list[str]
) -> None:
    """Under another program's exclusive lock a command says the journal is busy, exits 1, moves nothing."""
    result = runner.invoke(app, command)
    assert result.exit_code == 1
    assert "busy" in result.stderr and "damaged" not in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert not [p for p in isolated_home.iterdir() if ".corrupt-" in p.name]


def test_journal_rows_are_seen_once_the_lock_is_released(runner: CliRunner, isolated_home: Path, journal: Path) -> None:
    """After a busy refusal, the journal's rows are still there for the next command."""
    other = lock(journal, exclusive=True)
    assert runner.invoke(app, ["history"]).exit_code == 1
    other.execute("ROLLBACK")
    other.close()
    result = runner.invoke(app, ["history", "--json"])
    assert result.exit_code == 0
    assert "kept" in result.stdout


def test_log_waiting_past_a_write_lock_says_busy(runner: CliRunner, journal: Path) -> None:
    """`log` while another program holds the write lock past the wait says busy, not OperationalError."""
    other = lock(journal, exclusive=False)
    try:
        result = runner.invoke(app, ["log", "-p", "3"])
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert result.exit_code == 1
    assert result.stderr.startswith("backspasm: the journal") and "busy" in result.stderr
    assert "OperationalError" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_zero_byte_database_gets_a_note(runner: CliRunner, isolated_home: Path) -> None:
    """An empty (0-byte) database file left behind is noted on stderr, not silently started afresh."""
    isolated_home.mkdir(mode=0o700)
    db = isolated_home / DB_NAME
    db.write_bytes(b"")
    os.utime(db, (1_000_000_000, 1_000_000_000))
    result = runner.invoke(app, ["history"])
    assert result.exit_code == 0
    assert "was empty (0 bytes)" in result.stderr
    assert "data import" in result.stderr


def test_newer_journal_is_refused(runner: CliRunner, isolated_home: Path) -> None:
    """A journal from a newer version (unknown schema, no pain_entries table) is named as such by every command."""
    isolated_home.mkdir(mode=0o700)
    newer = sqlite3.connect(isolated_home / DB_NAME)
    newer.execute("CREATE TABLE something_else (x)")
    newer.execute("PRAGMA user_version = 99")
    newer.commit()
    newer.close()
    for command in (["log", "-p", "5"], ["history"], ["report"], ["data", "export", "-"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 1, command
        assert result.stderr == (
            "backspasm: the journal was written by a newer version of backspasm"
            f" (schema 99; this version knows up to {len(MIGRATIONS)}): upgrade backspasm to use it\n"
        )
