"""Plain mode (--plain, TERM=dumb): every question a few lines of text answered by typing a line."""

from __future__ import annotations

from pathlib import Path

import pytest
from screen import CURSOR_CONTROL, Terminal
from stretch_kb import tiny_kb
from typer.testing import CliRunner

from backspasm.cli import app

# An ordinary run typed as lines: the onset in words, "no" throughout (see test_screens_80x24).
# Sex (1: female) before the sexual-function question; the arm screen for every place; `n` answers
# a numbered "No" (no injury, not pregnant).
LINES = ["2 days", "n", "n", "1", "n", "n", "35", "1", "n", "n", "no", "n", "n", "n", "n", "n", "n", "2", "n"]
ORDINARY = "\n".join([*LINES, "n", "1", "6"])
ORDINARY += "\n0"  # no other episodes


def test_plain_triage_is_lines_of_text_answered_by_typing(runner: CliRunner) -> None:
    """triage --plain reads answers as lines (keys, numbers or words) and prints no escape codes."""
    result = runner.invoke(app, ["triage", "--plain", "--no-save"], input=ORDINARY + "\n")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "1 or y: Yes" in out and "3 or u: Not sure" in out
    assert "Answer: No" in out
    assert "SELF-CARE" in out and "Home care is reasonable for now" in out
    assert "\x1b" not in out


def test_a_line_that_is_not_an_answer_says_what_is(runner: CliRunner) -> None:
    """An answer that is none of the options is refused with the keys to type, then asked again."""
    result = runner.invoke(app, ["triage", "--plain", "--no-save"], input="2 days\nmaybe\ny\n")
    assert result.exit_code == 0, result.output
    assert "Please type y, n, u, or a number from 1 to 3." in result.stdout
    assert "EMERGENCY" in result.stdout


def test_end_of_input_is_never_an_answer(runner: CliRunner) -> None:
    """Input that ends mid-questionnaire stops it (exit 2, not Ctrl-C's 130), never read as "no"."""
    result = runner.invoke(app, ["triage", "--plain", "--no-save"], input="2 days\nn\n")
    assert result.exit_code == 2
    assert "not finished" in result.stdout + result.stderr


def test_plain_session_checks_are_lines_too(runner: CliRunner) -> None:
    """session --plain asks its safety checks as lines; "n" to the cloth question stops it."""
    result = runner.invoke(app, ["session", "ice", "--plain", "--duration", "1s"], input="n\n")
    assert result.exit_code == 1
    assert "1 or y: Yes" in result.stdout
    assert "not safe to start now" in result.stdout


def test_plain_stretch_asks_whether_it_got_worse_as_a_line(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, instant: object
) -> None:
    """stretch --plain asks "did the pain get worse?" as a line; "y" stops the routine as worse."""
    monkeypatch.setenv("BACKSPASM_KB", str(tiny_kb(tmp_path)))
    result = runner.invoke(app, ["stretch", "tiny", "--plain", "--ready", "0"], input="\ny\n")  # Enter, then yes
    assert "1 or y: Yes" in result.stdout
    assert "Pain got worse: stop this stretch" in result.stdout


@pytest.mark.slow
def test_a_dumb_terminal_gets_plain_questions_without_cursor_control(isolated_home: Path) -> None:
    """TERM=dumb in a real terminal: triage asks plain lines, and nothing moves the cursor."""
    terminal = Terminal(isolated_home, "triage", "--no-save", env={"TERM": "dumb"})
    try:
        terminal.expect("When did this episode start")
        terminal.send("2 days\r")
        terminal.expect("1 or y: Yes")
        terminal.send("y\r")
        terminal.expect("EMERGENCY")
        assert terminal.finish() == 0
    finally:
        terminal.close()
    assert CURSOR_CONTROL.findall(terminal.raw) == []
