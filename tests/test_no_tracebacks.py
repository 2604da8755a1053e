"""Hostile settings and broken outputs get one line naming the problem, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from backspasm.cli import app

COMMANDS = [
    ["remedies"],
    ["warning-signs"],
    ["causes"],
    ["session", "ice"],
    ["protocols"],
    ["stretch"],
    ["log", "-p", "3"],
    ["history"],
    ["report"],
    ["kb", "check"],
]


def no_traceback(result: object) -> None:
    """The run ended by its own exit, printing no Python error."""
    exception = getattr(result, "exception", None)
    assert exception is None or isinstance(exception, SystemExit), exception
    assert "Traceback" not in getattr(result, "output", "")


@pytest.mark.parametrize("command", COMMANDS)
def test_knowledge_base_symlink_loop(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    """BACKSPASM_KB pointing at a directory symlink loop is named in one line, exit 1."""
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    monkeypatch.setenv("BACKSPASM_KB", str(tmp_path / "a"))
    result = runner.invoke(app, command)
    no_traceback(result)
    assert result.exit_code == 1
    assert "too many levels of symbolic links" in result.output
    assert len(result.stderr.splitlines()) <= 2


def test_knowledge_base_symlink_loop_in_triage(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """triage with an answers file and BACKSPASM_KB on a symlink loop names the loop, exit 1."""
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    answers = tmp_path / "answers.json"
    answers.write_text("{}")
    monkeypatch.setenv("BACKSPASM_KB", str(tmp_path / "a"))
    result = runner.invoke(app, ["triage", "--answers", str(answers), "--no-save"])
    no_traceback(result)
    assert result.exit_code == 1
    assert "too many levels of symbolic links" in result.stderr


@pytest.mark.parametrize("command", [["report", "--days"], ["history", "--days"]])
def test_huge_days_is_a_usage_error(runner: CliRunner, command: list[str]) -> None:
    """--days 1000000000 says the allowed range (1 to 36500) and exits 2, no OverflowError."""
    result = runner.invoke(app, [*command, "1000000000"])
    no_traceback(result)
    assert result.exit_code == 2
    assert "36500" in result.stderr
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("now", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59+00:00"])
@pytest.mark.parametrize("command", [["log", "-p", "3"], ["history"], ["report"], ["data", "export", "-"]])
def test_extreme_now_is_refused(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, now: str, command: list[str]
) -> None:
    """BACKSPASM_NOW at the ends of the calendar is refused with the allowed years, exit 2."""
    monkeypatch.setenv("BACKSPASM_NOW", now)
    result = runner.invoke(app, command)
    no_traceback(result)
    assert result.exit_code == 2
    assert result.stderr == (
        f"backspasm: BACKSPASM_NOW must be an ISO 8601 date and time in the years 1900 to 9000 (got {now!r})\n"
    )


@pytest.mark.parametrize("at", ["0001-01-01 10:00", "1899-12-31 23:00", "1000000000 days ago"])
def test_ancient_at_is_refused(runner: CliRunner, at: str) -> None:
    """--at before 1900 (or too far back to count) is a usage error, exit 2."""
    result = runner.invoke(app, ["log", "-p", "3", "--at", at])
    no_traceback(result)
    assert result.exit_code == 2
    assert result.stderr.startswith("backspasm: --at")


def run_backspasm(args: list[str], home: Path, **options: object) -> subprocess.CompletedProcess[bytes]:
    """Run the real program in a child process with the test's home."""
    env = {**os.environ, "BACKSPASM_HOME": str(home)}
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "backspasm", *args], env=env, stderr=subprocess.PIPE, check=False, **options
    )


@pytest.mark.parametrize("command", [["report"], ["history"], ["data", "export", "-"], ["history", "--json"]])
def test_full_disk_on_stdout(runner: CliRunner, isolated_home: Path, command: list[str]) -> None:
    """stdout on /dev/full: one line saying the output failed, exit 1, no traceback."""
    assert runner.invoke(app, ["log", "-p", "3"]).exit_code == 0
    with open("/dev/full", "wb") as full:
        done = run_backspasm(command, isolated_home, stdout=full)
    assert done.returncode == 1
    assert done.stderr.decode() == "backspasm: output failed: No space left on device\n"


@pytest.mark.parametrize("command", [["data", "export", "-"], ["report"], ["history"]])
def test_closed_stdout_fails(runner: CliRunner, isolated_home: Path, command: list[str]) -> None:
    """With stdout closed (>&-) nothing can be written: exit 1 with a message, never a silent 0."""
    assert runner.invoke(app, ["log", "-p", "3"]).exit_code == 0
    done = run_backspasm(command, isolated_home, preexec_fn=lambda: os.close(1))
    assert done.returncode == 1
    assert done.stderr.decode() == "backspasm: standard output is closed, so nothing was done\n"
