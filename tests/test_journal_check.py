"""quick_check runs only on a journal not as the program left it; damage is still found before any write."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import journal_rows as rows
import pytest
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.storage.db import DB_NAME, PAGE_SIZE, SEEN_SUFFIX

PAGE = PAGE_SIZE  # a new journal's pages


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every read-only probe of the journal that opening it makes (the quick_check runs in one)."""
    probes: list[str] = []
    real: Callable[..., Any] = sqlite3.connect

    def connect(database: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(database, str) and "mode=ro" in database:
            probes.append(database)
        return real(database, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", connect)
    return probes


def many_entries(runner: CliRunner, count: int = 300) -> None:
    """A journal of many pages, written as `log` writes."""
    for number in range(count):
        rows.pain(rows.ago(hours=number), number % 11, f"entry {number} " + "x" * 60)
    assert runner.invoke(app, ["log", "-p", "4"]).exit_code == 0


def test_a_journal_as_the_program_left_it_is_not_checked(runner: CliRunner, checks: list[str]) -> None:
    """After `log` writes, the next commands open the journal without quick_check (it would read every page)."""
    assert runner.invoke(app, ["log", "-p", "4"]).exit_code == 0
    checks.clear()
    for command in (["log", "-p", "5"], ["history"], ["report"], ["today"], ["log", "-p", "6"]):
        assert runner.invoke(app, command).exit_code == 0, command
    assert checks == []


def test_a_journal_changed_by_something_else_is_checked_once(
    runner: CliRunner, isolated_home: Path, checks: list[str]
) -> None:
    """A journal another program wrote to is checked on the next open, then not again."""
    assert runner.invoke(app, ["log", "-p", "4"]).exit_code == 0
    other = sqlite3.connect(isolated_home / DB_NAME)
    other.execute("INSERT INTO doctor_visits (at, note) VALUES ('2024-03-01T10:00:00+01:00', 'by hand')")
    other.commit()
    other.close()
    checks.clear()
    assert runner.invoke(app, ["history"]).exit_code == 0
    assert len(checks) == 1
    assert runner.invoke(app, ["history"]).exit_code == 0
    assert len(checks) == 1


def test_a_page_of_junk_in_a_closed_journal_is_found_before_anything_is_written(
    runner: CliRunner, isolated_home: Path
) -> None:
    """Junk over one page of a journal the program had left sound: the next `log` moves it aside untouched first."""
    many_entries(runner)
    journal = isolated_home / DB_NAME
    assert (isolated_home / f"{DB_NAME}{SEEN_SUFFIX}").exists()
    data = bytearray(journal.read_bytes())
    pages = len(data) // PAGE
    assert pages > 8
    middle = pages // 2 * PAGE
    data[middle : middle + PAGE] = os.urandom(PAGE)
    journal.write_bytes(bytes(data))  # same size: only its modification time says it changed
    result = runner.invoke(app, ["log", "-p", "7", "--note", "after the damage"])
    assert result.exit_code == 0, result.output
    assert "the history database was damaged; it was moved to" in result.stderr
    [aside] = [
        p for p in isolated_home.iterdir() if ".corrupt-" in p.name and not p.name.endswith(("-wal", "-shm"))
    ]
    assert aside.read_bytes() == bytes(data)  # nothing was written to the damaged journal
    conn = sqlite3.connect(journal)
    try:
        assert conn.execute("SELECT pain, note FROM pain_entries").fetchall() == [(7, "after the damage")]
    finally:
        conn.close()


def test_the_same_junk_with_the_programs_record_removed_is_found_too(runner: CliRunner, isolated_home: Path) -> None:
    """Without the record of how the program left it (a copy from a backup), the journal is checked."""
    many_entries(runner, 100)
    journal = isolated_home / DB_NAME
    data = bytearray(journal.read_bytes())
    data[PAGE * 2 : PAGE * 3] = b"\xff" * PAGE
    journal.write_bytes(bytes(data))
    (isolated_home / f"{DB_NAME}{SEEN_SUFFIX}").unlink()
    result = runner.invoke(app, ["history"])
    assert result.exit_code == 0
    assert "the history database was damaged" in result.stderr


def test_an_sqlite_error_makes_the_next_open_check(
    runner: CliRunner, isolated_home: Path, checks: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A command that met an SQLite error forgets the record, so the next open runs quick_check."""
    assert runner.invoke(app, ["log", "-p", "4"]).exit_code == 0
    seen = isolated_home / f"{DB_NAME}{SEEN_SUFFIX}"
    assert seen.exists()

    def broken(*_args: object, **_kwargs: object) -> None:
        raise sqlite3.DatabaseError("database disk image is malformed")

    from backspasm.journal import timeline

    working = timeline.build
    monkeypatch.setattr(timeline, "build", broken)
    result = runner.invoke(app, ["history"])
    assert result.exit_code == 1 and "malformed" in result.stderr
    assert not seen.exists()
    monkeypatch.setattr(timeline, "build", working)
    checks.clear()
    assert runner.invoke(app, ["history"]).exit_code == 0
    assert len(checks) == 1 and seen.exists()


def test_forget_deletes_the_record_too(runner: CliRunner, isolated_home: Path) -> None:
    """`data forget` deletes the record of the journal's state with the journal."""
    assert runner.invoke(app, ["log", "-p", "4"]).exit_code == 0
    assert (isolated_home / f"{DB_NAME}{SEEN_SUFFIX}").exists()
    assert runner.invoke(app, ["data", "forget", "--yes"]).exit_code == 0
    assert not [p for p in isolated_home.iterdir() if p.name.startswith(DB_NAME)]
