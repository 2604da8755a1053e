"""The escalation box and `today` after an emergency, in a real 80x24 terminal read through pyte."""

from __future__ import annotations

from pathlib import Path

import pytest
from journal_rows import NOW_TEXT, ago, pains, triage
from screen import ANSI, COLUMNS, Terminal, broken_on_screen, broken_words

# A real program in a real pseudo-terminal: `pytest -m "not slow"` skips it.
pytestmark = pytest.mark.slow

ENV = {"BACKSPASM_NOW": NOW_TEXT, "BACKSPASM_EMERGENCY_NUMBER": "999"}


def emergency_an_hour_ago() -> None:
    """An emergency triage an hour ago, not yet seen by a doctor."""
    result = {"disposition": "emergency", "reasons": [{"title": "New trouble peeing"}], "advice": "", "unanswered": []}
    answers = {"days_since_onset": 1, "bladder_bowel_change": True, "location": "lower_back"}
    triage(ago(hours=1), answers, "emergency", result, onset_at=ago(days=1, hours=1))


def screen_of(home: Path, *args: str) -> tuple[list[str], str]:
    """The final screen's lines and the raw output of `backspasm ARGS` at 80x24."""
    terminal = Terminal(home, *args, env=ENV)
    try:
        assert terminal.finish() == 0
    finally:
        terminal.close()
    return terminal.lines(), terminal.raw


def test_the_escalation_box_after_an_emergency(isolated_home: Path) -> None:
    """`log` after an emergency: headed Emergency, what to do said once, wrapped lines hang, words whole."""
    emergency_an_hour_ago()
    lines, raw = screen_of(isolated_home, "log", "--pain", "6", "--no-new-symptoms")
    top = lines.index("Emergency:")
    assert "Time to see a doctor" not in raw
    text = " ".join(" ".join(lines[top:]).split())
    assert text.count("Call 999 now, or go") == 1  # said once at the top; whom to call closes the verdict
    journal = next(i for i, line in enumerate(lines) if line.startswith("  Your journal:"))
    assert lines[journal + 1].startswith("  ") and lines[journal + 1][2] != " "  # hangs at column 2
    assert max(len(line) for line in lines) <= COLUMNS
    assert broken_on_screen(lines) == [] and broken_words(raw) == []


def test_today_after_an_emergency_leads_with_what_to_do_now(isolated_home: Path) -> None:
    """After an emergency not yet seen to: what to do now first, and no sessions, stretches or walks."""
    emergency_an_hour_ago()
    pains((0.1, 6))
    lines, raw = screen_of(isolated_home, "today")
    assert lines[0].startswith("Today, Sun 10 Mar, 18:00")
    assert lines[1] == "Do this now:"  # the heading of what comes first, in the emergency's colours
    assert "Call 999 now" in " ".join(lines[2:5])
    text = "\n".join(lines)
    assert "Ice, heat and stretches can wait." in " ".join(text.split())
    for planned in ("Next steps", "backspasm session", "backspasm stretch", "4 weeks"):
        assert planned not in raw, planned
    assert max(len(line) for line in lines) <= COLUMNS
    assert broken_on_screen(lines) == [] and broken_words(raw) == []


def test_history_opens_with_the_reminder(isolated_home: Path, tmp_path: Path) -> None:
    """`history` taller than the screen goes through the pager from the top: the reminder is seen first."""
    emergency_an_hour_ago()
    pains(*[(day / 2, 5) for day in range(1, 30)])
    paged = tmp_path / "paged.txt"
    terminal = Terminal(isolated_home, "history", env={**ENV, "PAGER": f"cat > {paged}"})
    try:
        assert terminal.finish() == 0
    finally:
        terminal.close()
    text = ANSI.sub("", paged.read_text(encoding="utf-8"))  # the pager keeps the colours
    assert text.lstrip().startswith("Emergency:")
    assert text.index("Call 999 now") < text.index("Your journal: the last 30 days") < text.index("Pain by day")


def test_every_row_goes_down_the_pager_as_drawn(isolated_home: Path, tmp_path: Path) -> None:
    """`history --all --limit 0` with a reminder: every row reaches the pager (streamed), reminder first, one table."""
    emergency_an_hour_ago()
    pains(*[(hour / 24, hour % 11) for hour in range(1, 450)])
    paged = tmp_path / "paged.txt"
    terminal = Terminal(isolated_home, "history", "--all", "--limit", "0", env={**ENV, "PAGER": f"cat > {paged}"})
    try:
        assert terminal.finish() == 0
    finally:
        terminal.close()
    text = ANSI.sub("", paged.read_text(encoding="utf-8"))
    assert text.lstrip().startswith("╭─ Emergency")
    lines = text.splitlines()
    assert sum(line.split("│")[2].strip() == "pain" for line in lines if line.count("│") == 5) == 449
    assert sum(line.startswith("└") for line in lines) == 1  # one table, however many parts drew it
    assert max(len(line) for line in lines) <= COLUMNS - 1


def test_a_pager_that_fails_gets_the_rows_printed(isolated_home: Path) -> None:
    """PAGER=false: the rows drawn for the pager are read again and printed, not lost."""
    emergency_an_hour_ago()
    pains(*[(hour / 24, 4) for hour in range(1, 60)])
    terminal = Terminal(isolated_home, "history", "--all", "--limit", "0", env={**ENV, "PAGER": "false"})
    try:
        assert terminal.finish() == 0
    finally:
        terminal.close()
    assert ANSI.sub("", terminal.raw).count("pain 4/10") == 59
