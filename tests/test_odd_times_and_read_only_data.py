"""Stopped routines, local times that DST skips or repeats, and data that cannot be written."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest
from stretch_kb import tiny_kb
from test_stretch_pty import QUESTION, runs, spawn
from typer.testing import CliRunner

from backspasm.cli import app


@pytest.mark.slow
@pytest.mark.parametrize("ending", ["SIGHUP", "SIGTERM"])
def test_signal_at_the_question_saves_the_routine_as_stopped(
    isolated_home: Path, tmp_path: Path, children: list[pexpect.spawn], ending: str
) -> None:
    """A routine ended by SIGHUP or SIGTERM is saved as stopped (as sessions are), not as a crash."""
    import signal

    child = spawn(isolated_home, tiny_kb(tmp_path), "stretch", "tiny", "--ready", "1")
    children.append(child)
    child.expect("Press Enter to start the first stretch")
    child.send("\r")
    child.expect(QUESTION)
    child.kill(getattr(signal, ending))
    child.expect(pexpect.EOF)
    child.close()
    assert [r["status"] for r in runs()] == ["stopped"]


@pytest.fixture
def london(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's local time is Europe/London and "now" is the real clock."""
    monkeypatch.delenv("BACKSPASM_NOW", raising=False)
    monkeypatch.setenv("TZ", "Europe/London")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_local_time_skipped_by_dst_asks_for_an_offset(runner: CliRunner, london: None) -> None:
    """--at 01:30 on the day British clocks go forward did not exist: exit 2 asking for an offset."""
    result = runner.invoke(app, ["log", "-p", "3", "--at", "2025-03-30 01:30"])
    assert result.exit_code == 2
    assert result.stderr == (
        "backspasm: --at: 2025-03-30 01:30 did not happen in your time zone (the clocks went forward);"
        " give the time with its UTC offset, like 2025-03-30 01:30+00:00\n"
    )


def test_local_time_repeated_by_dst_asks_which(runner: CliRunner, london: None) -> None:
    """--at 01:30 on the day British clocks go back happened twice: exit 2 naming both offsets."""
    result = runner.invoke(app, ["log", "-p", "3", "--at", "2025-10-26 01:30"])
    assert result.exit_code == 2
    assert "happened twice" in result.stderr
    assert "2025-10-26 01:30+01:00 for the first, 2025-10-26 01:30+00:00 for the second" in result.stderr


def test_offset_settles_a_dst_time(runner: CliRunner, london: None) -> None:
    """With its offset the same wall-clock time is stored as given."""
    result = runner.invoke(app, ["log", "-p", "3", "--at", "2025-10-26 01:30+00:00", "--json"])
    assert result.exit_code == 0, result.output
    assert '"at": "2025-10-26T01:30:00+00:00"' in result.stdout


def read_only_run(home: Path, ro: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run backspasm with its data directory bind-mounted read-only (a private mount namespace)."""
    script = 'mount --bind "$1" "$2" && mount -o remount,bind,ro "$2" && shift 2 && exec "$@"'
    env = {**os.environ, "BACKSPASM_HOME": str(ro)}
    command = ["unshare", "-m", "sh", "-c", script, "sh", str(home), str(ro), sys.executable, "-m", "backspasm"]
    return subprocess.run([*command, *args], env=env, capture_output=True, text=True, check=False)


@functools.cache
def read_only_mounts() -> str | None:
    """None when this machine lets a test bind-mount a directory read-only, else why not (asked once)."""
    if shutil.which("unshare") is None or os.geteuid() != 0:
        return "needs root and unshare for a read-only bind mount"
    with tempfile.TemporaryDirectory() as scratch:
        (Path(scratch) / "home").mkdir()
        (Path(scratch) / "ro").mkdir()
        probe = read_only_run(Path(scratch) / "home", Path(scratch) / "ro", "--version")
    return None if probe.returncode == 0 else f"read-only bind mounts are not allowed here: {probe.stderr.strip()}"


@pytest.fixture
def read_only_home(runner: CliRunner, isolated_home: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A journal with one entry, and an empty mount point for its read-only view."""
    if (why_not := read_only_mounts()) is not None:
        pytest.skip(why_not)
    assert runner.invoke(app, ["log", "-p", "4", "--note", "read me"]).exit_code == 0
    ro = tmp_path / "ro"
    ro.mkdir()
    return isolated_home, ro


@pytest.mark.parametrize(
    "command", [["history"], ["history", "--json"], ["report"], ["report", "--format", "csv"], ["data", "export", "-"]]
)
def test_reading_commands_work_on_a_read_only_directory(
    read_only_home: tuple[Path, Path], command: list[str]
) -> None:
    """history, report and data export read a journal on a read-only disk: exit 0, the entry shown."""
    done = read_only_run(*read_only_home, *command)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert "read me" in done.stdout


def test_writing_on_a_read_only_directory_says_so(read_only_home: tuple[Path, Path]) -> None:
    """log on a read-only disk says the journal cannot be saved there, in one line, exit 1."""
    done = read_only_run(*read_only_home, "log", "-p", "3")
    assert done.returncode == 1
    assert "it is read-only (history, report and data export still work)" in done.stderr
    assert len(done.stderr.splitlines()) == 1
