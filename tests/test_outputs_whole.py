"""Reports and exports are whole or absent: a kill while writing leaves neither half a file nor a temporary one."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import journal_rows as rows
import pytest
from typer.testing import CliRunner

from backspasm import atomic_file
from backspasm.atomic_file import atomic_file as open_atomic
from backspasm.atomic_file import temporary_name
from backspasm.cli import app
from backspasm.errors import Signalled

WRITERS = [["report", "--output"], ["report", "--format", "csv", "-o"], ["data", "export"]]


def leftovers(directory: Path) -> list[str]:
    """Temporary files left in a directory."""
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
@pytest.mark.parametrize("existing", [False, True], ids=["new", "replaced"])
def test_a_signal_while_writing_leaves_the_name_as_it_was(tmp_path: Path, number: int, existing: bool) -> None:
    """SIGTERM or SIGHUP in the middle of a write: the old file (or none) at the name, no temporary file, exit 128+N."""
    target = tmp_path / "report.csv"
    if existing:
        target.write_text("old")
    with pytest.raises(Signalled) as stopped, open_atomic(target) as handle:
        handle.write(b"half of a long report\n")
        os.kill(os.getpid(), number)
        handle.write(b"the rest\n")
    assert stopped.value.exit_code == 128 + number
    assert "was not written" in str(stopped.value)
    assert (target.read_text() if existing else target.exists()) == ("old" if existing else False)
    assert leftovers(tmp_path) == []
    assert signal.getsignal(number) is signal.SIG_DFL  # the default is back once the write is over


def test_a_new_file_never_replaces_one_that_appeared(tmp_path: Path) -> None:
    """Writing a new file (not --force) refuses to take a name that another program took meanwhile."""
    target = tmp_path / "out.md"
    with pytest.raises(FileExistsError), open_atomic(target, replace=False) as handle:
        handle.write(b"ours")
        target.write_text("theirs")
    assert target.read_text() == "theirs"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("command", WRITERS)
def test_a_kill_while_a_command_writes_leaves_nothing(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    """SIGTERM arriving while report or export writes: exit 143, one line, no file and no temporary file."""
    rows.pain(rows.ago(1), 5, "kept")
    assert runner.invoke(app, ["remedies"]).exit_code == 0  # the knowledge base's cache is written before
    real_fsync = os.fsync

    def killed_before_sync(fd: int) -> None:
        os.kill(os.getpid(), signal.SIGTERM)
        real_fsync(fd)

    monkeypatch.setattr(atomic_file.os, "fsync", killed_before_sync)
    target = tmp_path / ("out.csv" if "csv" in command else "out.md" if command[0] == "report" else "out.json")
    result = runner.invoke(app, [*command, str(target)])
    assert result.exit_code == 143, result.output
    assert result.stderr == f"backspasm: stopped by SIGTERM: {target} was not written\n"
    assert not target.exists()
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("command", WRITERS)
def test_stale_temporary_files_of_a_killed_run_are_removed(
    runner: CliRunner, tmp_path: Path, command: list[str]
) -> None:
    """A `.NAME.<pid>.tmp` left by a run that was killed (its process gone) goes on the next run; a live one stays."""
    rows.pain(rows.ago(1), 5)
    target = tmp_path / "out.txt"
    dead = temporary_name(target, pid=2**22 + 12345)
    dead.write_text("half of a report")
    live = temporary_name(target, pid=os.getppid())
    live.write_text("another run is writing this")
    elsewhere = tmp_path / "victim"
    elsewhere.write_text("not ours")
    planted = temporary_name(target, pid=2**22 + 777)
    planted.symlink_to(elsewhere)
    result = runner.invoke(app, [*command, str(target)])
    assert result.exit_code == 0, result.output
    assert not dead.exists()
    assert live.exists() and planted.is_symlink() and elsewhere.read_text() == "not ours"


def test_stale_files_go_even_when_the_command_refuses(runner: CliRunner, tmp_path: Path) -> None:
    """The next run cleans up before it checks the name: without --force, an existing file's stale temps still go."""
    target = tmp_path / "out.json"
    target.write_text("{}")
    dead = temporary_name(target, pid=2**22 + 4321)
    dead.write_text("half")
    result = runner.invoke(app, ["data", "export", str(target)])
    assert result.exit_code == 2
    assert not dead.exists()


@pytest.mark.kb_cache
def test_settings_and_cache_use_the_one_writer(runner: CliRunner, isolated_home: Path) -> None:
    """`config set` and the knowledge-base cache leave no temporary file and write 0600 files."""
    assert runner.invoke(app, ["config", "set", "emergency-number", "112"]).exit_code == 0
    assert runner.invoke(app, ["remedies"]).exit_code == 0
    written = [p for p in isolated_home.rglob("*") if p.is_file()]
    assert written and all(p.stat().st_mode & 0o777 == 0o600 for p in written)
    assert [p.name for p in written if p.name.endswith(".tmp")] == []


@pytest.mark.slow
@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_the_installed_command_killed_at_any_moment(tmp_path: Path, isolated_home: Path, number: int) -> None:
    """`data export FILE` of a large journal, signalled at several moments: each time a whole export or none."""
    conn_rows = [(rows.ago(n / 100), n % 11, "x" * 200, "[]") for n in range(60_000)]
    from backspasm.storage.db import connect

    conn = connect()
    conn.executemany("INSERT INTO pain_entries (at, pain, note, tried) VALUES (?, ?, ?, ?)", conn_rows)
    conn.close()
    env = {**os.environ, "BACKSPASM_HOME": str(isolated_home)}
    for delay in (0.2, 0.5, 0.8, 1.2):
        target = tmp_path / f"export-{delay}.json"
        child = subprocess.Popen(
            [sys.executable, "-m", "backspasm", "data", "export", str(target)], env=env, stderr=subprocess.PIPE
        )
        time.sleep(delay)
        child.send_signal(number)
        _, said = child.communicate(timeout=60)
        assert b"Traceback" not in said
        if target.exists():
            assert len(json.loads(target.read_text())["tables"]["pain_entries"]) == 60_000
        assert leftovers(tmp_path) == []
