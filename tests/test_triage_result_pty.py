"""Triage results in a real 80x24 terminal, read through pyte: the last screen of each, and the unsure headline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from screen import COLUMNS, LINES, Terminal, broken_words
from test_triage_result_words import all_clear

# Real programs in real pseudo-terminals: `pytest -m "not slow"` skips them.
pytestmark = pytest.mark.slow


def run(home: Path, tmp_path: Path, answers: dict[str, Any]) -> Terminal:
    """`triage --answers` (saved, as a person's run is) in an 80x24 terminal, to its end."""
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(answers), encoding="utf-8")
    terminal = Terminal(home, "triage", "--answers", str(path), "--emergency-number", "999")
    try:
        assert terminal.finish() == 0
    finally:
        terminal.close()
    assert broken_words(terminal.raw) == []
    return terminal


def test_self_care_last_screen_shows_the_level_what_changes_it_and_what_to_watch_for(
    isolated_home: Path, tmp_path: Path
) -> None:
    """At 80x24 the self-care result ends on its level, what would change it and the signs to watch for."""
    final = run(isolated_home, tmp_path, all_clear()).lines()
    text = "\n".join(final)
    assert len(final) == LINES and max(len(line) for line in final) < COLUMNS
    assert "SELF-CARE: Home care is reasonable for now" in text
    assert "A sign above? Do what it says. No better after 3 days? Book a GP or physio." in text
    assert "Call 999 at once if you get:" in text
    assert "leg weakness that gets worse or spreads" in text
    assert "Speak to a doctor today if you get:" in text
    assert "Remedy (id)" not in text  # the table is above, not the last thing on screen


def test_soon_and_urgent_last_screens_show_their_level(isolated_home: Path, tmp_path: Path) -> None:
    """Soon and urgent results, too, end at 80x24 on their level and what would change it."""
    soon = "\n".join(run(isolated_home, tmp_path, all_clear(episodes_past_year=3)).lines())
    assert "SOON: Book an appointment with a GP or physiotherapist" in soon
    assert "If you get a sign above, do what it says." in soon
    urgent = "\n".join(run(isolated_home, tmp_path, all_clear(fever=True)).lines())
    assert "URGENT: Speak to a doctor today" in urgent
    assert "If you get a sign from the first list, call 999 at once." in urgent


def test_an_unsure_chest_pain_answer_says_now_at_the_top_and_at_the_end(isolated_home: Path, tmp_path: Path) -> None:
    """Not sure about chest pain: the headline and the last box say "now, not later today"; never "today" alone."""
    terminal = run(isolated_home, tmp_path, all_clear(chest_pain="unsure"))
    first_lines = terminal.raw.replace("\r", "").split("\n")[:4]
    assert any("Speak to a doctor or a medical helpline now, not later today" in line for line in first_lines)
    final = "\n".join(terminal.lines())
    assert "URGENT: Speak to a doctor or a medical helpline now, not later today" in final
    assert "Call 999 if you find you have it" in final
    assert "Speak to a doctor today" not in terminal.raw


def test_ctrl_c_after_an_unsure_bladder_answer_ends_on_now_and_the_signs(isolated_home: Path) -> None:
    """Ctrl-C after "not sure" about a bladder change: the last screen lists signs one a line and says now."""
    terminal = Terminal(isolated_home, "triage", "--emergency-number", "999", env={"PROMPT_TOOLKIT_NO_CPR": "1"})
    try:
        terminal.expect("When did this episode start")
        terminal.send("yesterday\r")
        terminal.expect("new trouble peeing")
        terminal.pump()
        terminal.send("u\r")
        terminal.expect("numbness or tingling")
        terminal.pump()
        terminal.send("\x03")
        assert terminal.finish() == 130
    finally:
        terminal.close()
    final = terminal.lines()
    text = " ".join(" ".join(final).replace("│", " ").split())
    assert "  - Warning signs in pregnancy or after the birth" in final
    assert "Any of these? Call 999 now." in final
    assert "not sure about new trouble peeing" in text
    assert "now, not later today" in text
    assert "speak to a doctor today" not in text.lower()
