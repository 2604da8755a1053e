"""`backspasm today` in a real 80x24 terminal, read as a person in pain sees it."""

from __future__ import annotations

from pathlib import Path

import pytest
from journal_rows import NOW_TEXT, ago, pains, session, triage
from screen import COLUMNS, Terminal, broken_on_screen, broken_words

# A real program in a real pseudo-terminal: `pytest -m "not slow"` skips it.
pytestmark = pytest.mark.slow


def screen_of(home: Path, *args: str) -> tuple[list[str], str]:
    """The final screen's lines and the raw output of `backspasm ARGS` at 80x24."""
    terminal = Terminal(home, *args, env={"BACKSPASM_NOW": NOW_TEXT})
    try:
        assert terminal.finish() == 0
    finally:
        terminal.close()
    return terminal.lines(), terminal.raw


def test_an_ordinary_day_fits_one_screen(isolated_home: Path) -> None:
    """Day 1 with a session resting and pain easing: the whole plan on one 80x24 screen, words whole."""
    pains((1, 7), (0.3, 6), (0.1, 5))
    session("ice", ago(25 / 1440), 900, 900)
    lines, raw = screen_of(isolated_home, "today")
    assert lines[0].startswith("Today, Sun 10 Mar, 18:00")  # nothing scrolled off the top
    text = "\n".join(lines)
    assert "- Ice pack: next session from 18:30; the skin rests 40 min after ice." in text
    assert "Done today" in text and "not a diagnosis" in text
    assert max(len(line) for line in lines) <= COLUMNS
    assert broken_on_screen(lines) == [] and broken_words(raw) == []


def test_a_long_day_goes_through_the_pager_from_the_top(isolated_home: Path, tmp_path: Path) -> None:
    """An URGENT triage and a caution: the day opens with what to do now, and long days are paged from the top."""
    result = {"disposition": "urgent", "reasons": [{"title": "A high temperature"}], "advice": "", "unanswered": []}
    answers = {"days_since_onset": 2, "fever": True, "pregnancy": "pregnant"}
    triage(ago(days=1), answers, "urgent", result, onset_at=ago(days=3))
    pains(
        (0.2, 6),
    )
    paged = tmp_path / "paged.txt"
    terminal = Terminal(isolated_home, "today", env={"BACKSPASM_NOW": NOW_TEXT, "PAGER": f"cat > {paged}"})
    try:
        assert terminal.finish() == 0
    finally:
        terminal.close()
    # Paged from the top when it is long; drawn as it is when it fits: either way, read from the top.
    text = paged.read_text(encoding="utf-8") if paged.exists() else terminal.raw
    assert text.index("Do this now") < text.index("Speak to a doctor today") < text.index("This episode began")
    assert "Next steps" not in text  # the plan waits until a doctor has been seen
    assert text.index("Take care") < text.index("not a diagnosis")
