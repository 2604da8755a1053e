"""The local store: private files, WAL, idempotent migrations, corrupt-file recovery, concurrent writers."""

from __future__ import annotations

import os
import re
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.storage.db import DB_NAME, MIGRATIONS, connect, migrate


def mode(path: Path) -> int:
    """The permission bits of a file or directory."""
    return stat.S_IMODE(path.stat().st_mode)


def test_directory_is_0700_and_files_0600(isolated_home: Path) -> None:
    """A new store makes a 0700 directory; the database and its WAL and shared-memory files are 0600."""
    conn = connect()
    conn.execute(
        "INSERT INTO sessions (protocol, started_at, planned_seconds, status) VALUES ('ice', 'x', 1, 'running')"
    )
    files = sorted(p.name for p in isolated_home.iterdir())
    assert files == [DB_NAME, f"{DB_NAME}-shm", f"{DB_NAME}-wal"]
    assert mode(isolated_home) == 0o700
    assert {name: mode(isolated_home / name) for name in files} == dict.fromkeys(files, 0o600)
    conn.close()


def test_loose_permissions_are_tightened(isolated_home: Path) -> None:
    """A directory or database left readable by others is made private again on open."""
    connect().close()
    os.chmod(isolated_home, 0o755)
    os.chmod(isolated_home / DB_NAME, 0o644)
    connect().close()
    assert (mode(isolated_home), mode(isolated_home / DB_NAME)) == (0o700, 0o600)


def test_umask_is_restored(isolated_home: Path) -> None:
    """Opening the store does not leave the process with a changed umask."""
    before = os.umask(0o022)
    try:
        connect().close()
        assert os.umask(0o022) == 0o022
    finally:
        os.umask(before)


def test_wal_and_busy_timeout_are_on() -> None:
    """The store uses WAL and waits for a busy writer instead of failing at once."""
    conn = connect()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    conn.close()


def test_migrations_are_idempotent() -> None:
    """Migrating again, or opening again, changes nothing and keeps the rows."""
    conn = connect()
    conn.execute(
        "INSERT INTO sessions (protocol, started_at, planned_seconds, status) VALUES ('ice', 'x', 1, 'running')"
    )
    assert migrate(conn) == len(MIGRATIONS)
    assert migrate(conn) == len(MIGRATIONS)
    conn.close()
    conn = connect()
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == 1
    conn.close()


def test_corrupt_file_is_moved_aside_and_a_new_one_started(isolated_home: Path) -> None:
    """A damaged database is renamed with a timestamp, the user is told where, and a fresh store opens."""
    isolated_home.mkdir(mode=0o700)
    damaged = b"this is not a database" * 100
    (isolated_home / DB_NAME).write_bytes(damaged)
    told: list[str] = []
    conn = connect(warn=told.append)
    assert conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == 0
    conn.close()
    [aside] = [p for p in isolated_home.iterdir() if ".corrupt-" in p.name]
    assert re.fullmatch(rf"{re.escape(DB_NAME)}\.corrupt-\d{{8}}-\d{{6}}", aside.name)
    assert aside.read_bytes() == damaged
    assert len(told) == 1 and str(aside) in told[0] and "damaged" in told[0]


def test_corrupt_file_is_reported_by_the_cli(runner: CliRunner, isolated_home: Path) -> None:
    """`backspasm history` over a damaged file says so on stderr and carries on with an empty history."""
    isolated_home.mkdir(mode=0o700)
    good = sqlite3.connect(isolated_home / DB_NAME)
    good.execute("CREATE TABLE filler (x TEXT)")
    good.executemany("INSERT INTO filler VALUES (?)", [("x" * 500,)] * 200)
    good.commit()
    good.close()
    data = bytearray((isolated_home / DB_NAME).read_bytes())
    data[100:300] = b"\xff" * 200  # keep the header, scribble over the schema page
    (isolated_home / DB_NAME).write_bytes(bytes(data))
    result = runner.invoke(app, ["history"])
    assert result.exit_code == 0, result.stderr
    assert "backspasm: the history database was damaged; it was moved to" in result.stderr
    assert "No sessions yet" in result.stdout


WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from backspasm.storage.db import connect
    go = Path(sys.argv[1])
    while not go.exists():
        time.sleep(0.001)
    conn = connect()
    for n in range(int(sys.argv[2])):
        conn.execute(
            "INSERT INTO sessions (protocol, started_at, planned_seconds, status) VALUES (?, ?, 1, 'running')",
            (sys.argv[3], str(n)),
        )
    conn.close()
    """
)


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    """Two processes open a fresh store (both migrating) and insert 150 rows each at once: all 300 are there."""
    go = tmp_path / "go"
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(go), "150", name], env=os.environ.copy())
        for name in ("ice", "heat")
    ]
    go.touch()
    assert [writer.wait(timeout=60) for writer in writers] == [0, 0]
    conn = connect()
    counts = dict(conn.execute("SELECT protocol, count(*) FROM sessions GROUP BY protocol").fetchall())
    conn.close()
    assert counts == {"ice": 150, "heat": 150}


def test_unusable_directory_is_a_store_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A data directory that is really a file gives a one-line StoreError, not a traceback."""
    from backspasm.errors import StoreError

    blocker = tmp_path / "blocker"
    blocker.write_text("")
    monkeypatch.setenv("BACKSPASM_HOME", str(blocker / "home"))
    with pytest.raises(StoreError, match="cannot use the data directory"):
        connect()
