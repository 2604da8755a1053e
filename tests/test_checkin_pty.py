"""`backspasm check-in` asked in a real 80x24 terminal, read through pyte as a person sees it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from journal_rows import NOW_TEXT, pains
from screen import COLUMNS, Terminal, broken_on_screen, broken_words
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.storage.paths import journal_file

# A real program in a real pseudo-terminal: `pytest -m "not slow"` skips it.
pytestmark = pytest.mark.slow

ENV = {"BACKSPASM_NOW": NOW_TEXT}


def stored() -> list[tuple[int, int, int, float]]:
    """The stored check-ins: (pain, enjoyment, activity, peg), oldest first."""
    conn = sqlite3.connect(journal_file())
    try:
        return conn.execute("SELECT pain, enjoyment, activity, peg FROM check_ins ORDER BY at_us").fetchall()
    finally:
        conn.close()


def test_the_check_in_asked_at_80x24(isolated_home: Path) -> None:
    """The three items in their words with their anchors; 12 refused; the result and the source fit one screen."""
    pains((1, 7))
    terminal = Terminal(isolated_home, "check-in", env=ENV)
    try:
        terminal.expect("your pain on average in the past week")
        terminal.expect("pain as bad as you can imagine")
        terminal.send("7\r")
        terminal.expect("enjoyment of life")
        terminal.send("12\r")
        terminal.expect("Please type a whole number from 0 to 10")
        terminal.send("\b\b6\r")
        terminal.expect("general activity")
        terminal.expect("completely interferes")
        terminal.send("8\r")
        assert terminal.finish() == 0
    finally:
        terminal.close()
    lines = [line for line in terminal.lines() if line]
    assert lines[0].startswith("Weekly check-in: three questions about the past week")  # nothing scrolled off
    text = "\n".join(lines)
    assert "Check-in saved: PEG score 7 out of 10" in text
    assert "Your first check-in of this episode: the baseline to compare with." in text
    assert lines[-1] == "The PEG scale: Krebs et al., J Gen Intern Med 2009."
    assert max(len(line) for line in lines) <= COLUMNS
    assert broken_on_screen(terminal.lines()) == [] and broken_words(terminal.raw) == []
    assert stored() == [(7, 6, 8, 7.0)]


def test_a_second_check_in_in_the_week_asks_to_replace(isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Within 6 days: "Replace this week's?" with nothing pre-selected; No keeps it, Yes asks the three again."""
    monkeypatch.setenv("BACKSPASM_NOW", NOW_TEXT)
    args = ["check-in", "--pain", "6", "--enjoyment", "6", "--activity", "6", "--at", "2 days ago"]
    assert CliRunner().invoke(app, args).exit_code == 0
    terminal = Terminal(isolated_home, "check-in", env=ENV)
    try:
        terminal.expect(r"Replace this week's\?")
        terminal.send("n\r")
        assert terminal.finish() == 0
    finally:
        terminal.close()
    assert "Kept that check-in; nothing new was saved." in terminal.raw
    assert stored() == [(6, 6, 6, 6.0)]
    terminal = Terminal(isolated_home, "check-in", env=ENV)
    try:
        terminal.expect(r"Replace this week's\?")
        terminal.send("y\r")
        for answer in ("4", "3", "5"):
            terminal.expect(r"What number best describes")
            terminal.send(f"{answer}\r")
        assert terminal.finish() == 0
    finally:
        terminal.close()
    assert "It replaces your check-in of" in " ".join(terminal.raw.split())
    assert stored() == [(4, 3, 5, 4.0)]


def test_the_check_in_as_plain_lines(isolated_home: Path) -> None:
    """--plain (screen readers): each question a few lines of text answered by typing a line, no cursor movement."""
    from screen import CURSOR_CONTROL

    terminal = Terminal(isolated_home, "check-in", "--plain", env=ENV)
    try:
        for answer in ("5", "4", "6"):
            terminal.expect(r"\n> ")
            terminal.send(f"{answer}\r")
        assert terminal.finish() == 0
    finally:
        terminal.close()
    assert CURSOR_CONTROL.search(terminal.raw) is None
    assert "0 = no pain, 10 = pain as bad as you can imagine" in terminal.raw
    assert "Check-in saved: PEG score 5 out of 10" in terminal.raw
    assert stored() == [(5, 4, 6, 5.0)]
