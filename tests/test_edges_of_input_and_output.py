"""The edges of input and output: closed stdin, end of input, signals at a prompt, failing pagers, ASCII terminals."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import journal_rows as rows
import pexpect
import pytest
from screen import PROGRAM
from terminal import on_a_terminal
from typer.testing import CliRunner

from backspasm.cli import app


def run(
    home: Path, *args: str, env: dict[str, str] | None = None, shell: str | None = None
) -> subprocess.CompletedProcess[str]:
    """The installed command in a subprocess (or a shell line running it), with its own data directory."""
    environment = {**os.environ, "BACKSPASM_HOME": str(home), **(env or {})}
    if shell is not None:
        return subprocess.run(["sh", "-c", shell, "sh", PROGRAM], env=environment, capture_output=True, text=True)
    return subprocess.run([PROGRAM, *args], env=environment, capture_output=True, text=True)


def test_answers_from_a_closed_stdin_is_one_line(isolated_home: Path) -> None:
    """`triage --answers -` with stdin closed (0<&-): exit 2, one line, no traceback."""
    done = run(isolated_home, shell='"$1" triage --answers - 0<&-')
    assert done.returncode == 2
    assert done.stderr == "backspasm: --answers -: standard input is closed; pipe the answers in, or give a file\n"


def test_install_completion_into_a_directory_is_one_line(tmp_path: Path, isolated_home: Path) -> None:
    """--install-completion when ~/.bashrc is a directory: exit 1, one line naming it, no traceback."""
    home = tmp_path / "user"
    (home / ".bashrc").mkdir(parents=True)
    done = run(isolated_home, "--install-completion", "bash", env={"HOME": str(home), "SHELL": "/bin/bash"})
    assert done.returncode == 1
    assert done.stderr == f"backspasm: cannot write {home / '.bashrc'}: Is a directory\n"


@pytest.mark.parametrize(
    ("command", "typed", "said"),
    [
        (["triage", "--plain", "--no-save"], "2 days\nn\n", "triage was not finished: the input ended"),
        (["session", "--yes", "--plain"], "", "choosing a protocol was not finished: the input ended"),
    ],
    ids=["triage", "session-choice"],
)
def test_end_of_input_is_exit_2_not_ctrl_c(runner: CliRunner, command: list[str], typed: str, said: str) -> None:
    """Input that ends before an answer (a script, Ctrl-D) exits 2, as bad input does; 130 stays Ctrl-C's."""
    result = runner.invoke(app, command, input=typed)
    assert result.exit_code == 2, result.output
    assert said in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("stage", ["text", "choice"])
def test_kill_int_at_a_prompt_ends_triage(isolated_home: Path, stage: str) -> None:
    """`kill -INT` while triage waits at a question (typed text or a yes/no choice): it stops with exit 130."""
    env = {**os.environ, "BACKSPASM_HOME": str(isolated_home), "TERM": "xterm-256color", "PROMPT_TOOLKIT_NO_CPR": "1"}
    child = pexpect.spawn(PROGRAM, ["triage"], env=env, encoding="utf-8", dimensions=(24, 80), timeout=15)
    try:
        child.expect("When did this episode start")
        if stage == "choice":
            child.send("3 hours\r")
            child.expect("peeing")
        time.sleep(0.5)  # the prompt is drawn and waiting
        os.kill(child.pid, signal.SIGINT)
        child.expect(pexpect.EOF, timeout=10)
        child.close()
        assert child.exitstatus == 130
    finally:
        if child.isalive():
            child.terminate(force=True)


@pytest.mark.slow
@pytest.mark.parametrize("pager", ["false", "no-such-pager-anywhere"])
def test_a_failing_pager_prints_instead(isolated_home: Path, pager: str) -> None:
    """PAGER=false or a pager that is not installed: the list is printed all the same, not lost with exit 0."""
    env = {**os.environ, "BACKSPASM_HOME": str(isolated_home), "TERM": "xterm-256color", "PAGER": pager}
    env.pop("BACKSPASM_WIDTH", None)
    child = pexpect.spawn(PROGRAM, ["remedies"], env=env, encoding="utf-8", dimensions=(24, 80), timeout=20)
    child.expect(pexpect.EOF)
    shown = str(child.before)
    child.close()
    assert child.exitstatus == 0
    assert "Remedies for back spasms" in shown and "evidence: moderate quality" in shown


@pytest.mark.slow  # runs the installed command six times
def test_an_ascii_terminal_saves_and_shows_replacements(isolated_home: Path) -> None:
    """PYTHONIOENCODING=ascii: `log --note ☃` saves once, exit 0, shows '?'; nothing asks to type it again."""
    ascii_env = {"PYTHONIOENCODING": "ascii"}
    logged = run(isolated_home, "log", "-p", "3", "--note", "snow ☃", env=ascii_env)
    assert logged.returncode == 0, logged.stderr
    assert "note: snow ?" in logged.stdout
    assert "again" not in logged.stderr
    for command in (["history"], ["report"], ["today"], ["history", "--json"]):
        shown = run(isolated_home, *command, env=ascii_env)
        assert shown.returncode == 0, (command, shown.stderr)
    exported = run(isolated_home, "data", "export", "-", env=ascii_env)
    [entry] = json.loads(exported.stdout)["tables"]["pain_entries"]
    assert entry["note"] == "snow ☃"  # JSON is UTF-8 whatever the terminal: the export loses nothing


def test_history_in_parts_is_one_table(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """A long history is drawn in parts that join into exactly the table drawn at once."""
    from backspasm.render import timeline

    monkeypatch.setenv("BACKSPASM_NOW", rows.NOW_TEXT)
    for n in range(45):
        rows.pain(rows.ago(n / 4), n % 11, "a longer note that wraps in the details column" if n % 3 else None)
    rows.session("ice", rows.ago(2), 900, 600, "stopped")
    rows.stretch("lower-back", rows.ago(3), "completed", ["pelvic-tilt"])
    whole = runner.invoke(app, ["history", "--limit", "0"])
    monkeypatch.setattr(timeline, "PART_ROWS", 7)
    parts = runner.invoke(app, ["history", "--limit", "0"])
    assert whole.exit_code == parts.exit_code == 0
    assert parts.stdout == whole.stdout
    assert whole.stdout.count("pain ") >= 45


def test_history_all_draws_as_it_goes(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """`history --all --limit 0` never lays out one table of every row: each part holds at most PART_ROWS rows."""
    from rich.table import Table

    from backspasm.render import timeline

    monkeypatch.setenv("BACKSPASM_NOW", rows.NOW_TEXT)
    for n in range(30):
        rows.pain(rows.ago(n), 4)
    monkeypatch.setattr(timeline, "PART_ROWS", 10)
    largest = []
    original = Table.add_row

    def counted(self: Table, *cells: object, **options: object) -> None:
        original(self, *cells, **options)  # type: ignore[arg-type]
        largest.append(self.row_count)

    monkeypatch.setattr(Table, "add_row", counted)
    on_a_terminal(monkeypatch)
    result = runner.invoke(app, ["history", "--all", "--limit", "0"])
    assert result.exit_code == 0
    assert max(largest) == 10 and result.stdout.count("pain 4/10") == 30
