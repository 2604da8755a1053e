"""The data directory as people really have it: odd characters in its path, a full disk, a read-only disk, a file."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.storage.db import DB_NAME

ODD_NAMES = ["with#hash", "with?question", "with%41percent", "with spaces", "all #?%41 of them"]


@pytest.mark.parametrize("name", ODD_NAMES)
def test_an_odd_path_keeps_a_healthy_journal(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """#, ?, %41 and spaces in the data directory: entries kept, nothing moved aside, no stray file beside it."""
    home = tmp_path / name
    monkeypatch.setenv("BACKSPASM_HOME", str(home))
    for score in ("3", "4"):
        result = runner.invoke(app, ["log", "-p", score, "--note", f"entry {score}"])
        assert result.exit_code == 0, result.output
    history = runner.invoke(app, ["history", "--json"])
    assert history.exit_code == 0 and "entry 3" in history.stdout and "entry 4" in history.stdout
    assert not [p for p in home.iterdir() if ".corrupt-" in p.name]
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


@pytest.mark.parametrize("name", ODD_NAMES)
def test_an_odd_path_still_finds_real_damage(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """A page of junk in a closed journal is found there too: moved aside, said once, a new journal started."""
    home = tmp_path / name
    monkeypatch.setenv("BACKSPASM_HOME", str(home))
    home.mkdir(mode=0o700)
    good = sqlite3.connect(home / DB_NAME)
    good.execute("CREATE TABLE filler (x TEXT)")
    good.executemany("INSERT INTO filler VALUES (?)", [("x" * 500,)] * 200)
    good.commit()
    good.close()
    data = bytearray((home / DB_NAME).read_bytes())
    data[100:300] = b"\xff" * 200
    (home / DB_NAME).write_bytes(bytes(data))
    result = runner.invoke(app, ["history"])
    assert result.exit_code == 0, result.output
    assert "the history database was damaged; it was moved to" in result.stderr
    assert [p for p in home.iterdir() if ".corrupt-" in p.name]
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_a_data_directory_that_is_a_file_is_named(runner: CliRunner, isolated_home: Path) -> None:
    """BACKSPASM_HOME naming a file: today, history and log say so in one line (not "nothing in your journal")."""
    isolated_home.write_text("not a directory")
    for command in (["today"], ["history"], ["log", "-p", "3"], ["data", "export", "-"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 1, (command, result.output)
        assert result.stderr == (
            f"backspasm: the data directory {isolated_home} is a file, not a directory;"
            " move that file away (or set BACKSPASM_HOME)\n"
        ), command
    assert isolated_home.read_text() == "not a directory"
    welcome = runner.invoke(app, [])
    assert welcome.exit_code == 0 and "emergency number" in welcome.stdout


def namespace_run(script: str, home: Path, mount: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run backspasm with `mount` prepared by `script` from `home` in a private mount namespace."""
    env = {**os.environ, "BACKSPASM_HOME": str(mount)}
    command = ["unshare", "-m", "sh", "-c", script, "sh", str(home), str(mount), sys.executable, "-m", "backspasm"]
    return subprocess.run([*command, *args], env=env, capture_output=True, text=True, check=False)


# A small disk holding a copy of the journal, then filled to the last byte.
FULL = (
    'mount -t tmpfs -o size=4m tmpfs "$2" && cp -a "$1"/. "$2"/ &&'
    ' { dd if=/dev/zero of="$2/fill" bs=4k 2>/dev/null; true; } && shift 2 && exec "$@"'
)
READ_ONLY = 'mount --bind "$1" "$2" && mount -o remount,bind,ro "$2" && shift 2 && exec "$@"'
# Rows written by a process that died before SQLite could move them from the -wal file into the journal.
DIED_WRITING = textwrap.dedent(
    """
    import os, sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    for n in range(50):
        note = f"in the wal {n}"
        conn.execute("INSERT INTO pain_entries (at, pain, note) VALUES ('2024-03-10T10:00:00+01:00', 5, ?)", (note,))
    os._exit(0)
    """
)


@pytest.fixture
def mount_point(runner: CliRunner, isolated_home: Path, tmp_path: Path) -> Path:
    """A journal with one entry, and an empty directory to mount a disk on."""
    if shutil.which("unshare") is None or os.geteuid() != 0:
        pytest.skip("needs root and unshare for a private mount")
    assert runner.invoke(app, ["log", "-p", "4", "--note", "read me"]).exit_code == 0
    mount = tmp_path / "mnt"
    mount.mkdir()
    probe = namespace_run(FULL, isolated_home, mount, "--version")
    if probe.returncode != 0:
        pytest.skip(f"mounts are not allowed here: {probe.stderr.strip()}")
    return mount


@pytest.mark.slow  # runs the program six times in a mount namespace
@pytest.mark.parametrize("in_the_wal", [False, True], ids=["checkpointed", "rows in the -wal file"])
def test_a_full_disk_still_exports_to_another_disk(
    isolated_home: Path, mount_point: Path, tmp_path: Path, in_the_wal: bool
) -> None:
    """No room for SQLite's -shm file: data export FILE (elsewhere), history, report and today still read it all."""
    if in_the_wal:
        subprocess.run([sys.executable, "-c", DIED_WRITING, str(isolated_home / DB_NAME)], check=True)
        (isolated_home / f"{DB_NAME}-shm").unlink()
        assert (isolated_home / f"{DB_NAME}-wal").stat().st_size > 0
    out = tmp_path / "rescued.json"
    done = namespace_run(FULL, isolated_home, mount_point, "data", "export", str(out))
    assert done.returncode == 0, done.stderr
    text = out.read_text()
    assert "read me" in text and (("in the wal 49" in text) == in_the_wal)
    for command in (["history", "--json"], ["report"], ["today", "--json"]):
        done = namespace_run(FULL, isolated_home, mount_point, *command)
        assert done.returncode == 0, (command, done.stderr)
    logged = namespace_run(FULL, isolated_home, mount_point, "log", "-p", "3")
    assert logged.returncode == 1 and len(logged.stderr.splitlines()) == 1


@pytest.mark.slow  # runs the program in a mount namespace
def test_today_reads_a_read_only_data_directory(isolated_home: Path, mount_point: Path) -> None:
    """today only reads: on a read-only disk it shows today's plan, exit 0, nothing on stderr."""
    done = namespace_run(READ_ONLY, isolated_home, mount_point, "today", "--json")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert '"pain_today"' in done.stdout or "pain" in done.stdout
