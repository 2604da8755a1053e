"""`backspasm plan write` and `plan` in a real 80x24 terminal, read as a person sees them."""

from __future__ import annotations

from pathlib import Path

import pytest
from journal_rows import NOW_TEXT, ago, pain
from screen import COLUMNS, LINES, Terminal, broken_on_screen, broken_words

# A real program in a real pseudo-terminal: `pytest -m "not slow"` skips it.
pytestmark = pytest.mark.slow


def test_a_plan_is_written_interactively_at_80x24(isolated_home: Path) -> None:
    """Each question and its suggestions fit the screen; picking one by number and typing one's own words keeps both."""
    pain(ago(days=20), 7, tried=["superficial-heat"])
    pain(ago(days=20, hours=-1), 4)
    terminal = Terminal(isolated_home, "plan", "write", env={"BACKSPASM_NOW": NOW_TEXT})
    try:
        terminal.expect("What helps you first")
        terminal.expect(r"step\)")  # the last suggestion of the first part
        terminal.pump()
        screen = "\n".join(terminal.lines())
        assert "Heat pad, heat wrap or hot water bottle (your journal: pain fell by 2+" in screen
        number = next(line for line in terminal.lines() if "Heat pad" in line).split(".")[0].split()[-1]
        terminal.send(f"{number}; lie on my back\r")
        terminal.expect("Which painkillers suit you")
        terminal.send("The one my pharmacist said\r")
        terminal.expect("How will you pace")
        terminal.send("\r")
        terminal.expect("What will you tell")
        terminal.send("\r")
        terminal.expect("Who will you call")
        terminal.send("GP 01234 567890\r")
        terminal.expect("Keep this plan")
        terminal.pump()
        lines = terminal.lines()
        shown = "\n".join(lines)
        assert "What to do first: Heat pad, heat wrap or hot water bottle • lie on my back" in shown
        assert "Not a normal spasm" in shown and "Keep this plan" in shown
        terminal.send("y\r")
        assert terminal.finish() == 0
    finally:
        terminal.close()
    assert "Saved your flare-up plan (version 1)" in terminal.raw
    assert max(len(line) for line in terminal.lines()) <= COLUMNS
    assert broken_on_screen(terminal.lines()) == [] and broken_words(terminal.raw) == []


def test_the_plan_fits_one_screen(isolated_home: Path, tmp_path: Path) -> None:
    """A full plan (every part, two lines each) and the warning signs: one 80x24 screen, nothing scrolled off."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "first: [Heat pad on my lower back for 20 minutes, Lie on my back with my knees bent]\n"
        "painkillers: [The one my pharmacist said suits me, as on the pack]\n"
        "pacing: [Short walks every hour, No lifting for three days]\n"
        "tell: [I have a back spasm; it eases within days, I will work from home for a day or two]\n"
        "call: ['GP: 01234 567890', 'Physio: 09876 543210']\n",
        encoding="utf-8",
    )
    setup = Terminal(isolated_home, "plan", "write", "--from", str(plan), env={"BACKSPASM_NOW": NOW_TEXT})
    try:
        assert setup.finish() == 0
    finally:
        setup.close()
    terminal = Terminal(isolated_home, "plan", env={"BACKSPASM_NOW": NOW_TEXT, "PAGER": "cat"})
    try:
        assert terminal.finish() == 0
    finally:
        terminal.close()
    lines = terminal.lines()
    assert lines[0] == "Your flare-up plan"
    assert len(terminal.raw.replace("\r", "").rstrip("\n").split("\n")) < LINES
    assert max(len(line) for line in lines) <= COLUMNS
    assert broken_on_screen(lines) == [] and broken_words(terminal.raw) == []


def test_log_keeps_an_urgent_result_and_the_plan_on_one_screen(isolated_home: Path, tmp_path: Path) -> None:
    """After an urgent triage, pain of 8: the urgent box, the plan cut to fit, the entry; nothing scrolled off."""
    from journal_rows import triage

    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "first: [Heat pad on my lower back, Lie on my back with my knees bent]\ncall: 'GP: 01234 567890'\n",
        encoding="utf-8",
    )
    setup = Terminal(isolated_home, "plan", "write", "--from", str(plan), env={"BACKSPASM_NOW": NOW_TEXT})
    try:
        assert setup.finish() == 0
    finally:
        setup.close()
    triage(ago(hours=30), {"days_since_onset": 1, "fever": True}, "urgent", onset_at=ago(days=2))
    terminal = Terminal(isolated_home, "log", "-p", "8", "--no-new-symptoms", env={"BACKSPASM_NOW": NOW_TEXT})
    try:
        assert terminal.finish() == 0
    finally:
        terminal.close()
    text = "\n".join(terminal.lines())
    assert "Urgent" in terminal.lines()[0]
    assert text.index("Speak to a doctor today") < text.index("Your flare-up plan") < text.index("Logged pain 8/10")
    assert "What to do first: Heat pad on my lower back • Lie on my back with my knees bent" in text
    assert len(terminal.raw.replace("\r", "").rstrip("\n").split("\n")) < LINES - 1
    assert broken_on_screen(terminal.lines()) == [] and broken_words(terminal.raw) == []


def test_today_opens_with_the_plan_after_a_pain_jump(isolated_home: Path, tmp_path: Path) -> None:
    """Pain from 2 to 6 within a day: `today` at 80x24 opens with the plan, read from the top of the pager."""
    plan = tmp_path / "plan.yaml"
    plan.write_text("first: [Heat pad on my lower back]\npacing: Short walks every hour\n", encoding="utf-8")
    setup = Terminal(isolated_home, "plan", "write", "--from", str(plan), env={"BACKSPASM_NOW": NOW_TEXT})
    try:
        assert setup.finish() == 0
    finally:
        setup.close()
    pain(ago(hours=20), 2)
    pain(ago(hours=1), 6)
    paged = tmp_path / "paged.txt"
    terminal = Terminal(isolated_home, "today", env={"BACKSPASM_NOW": NOW_TEXT, "PAGER": f"cat > {paged}"})
    try:
        assert terminal.finish() == 0
    finally:
        terminal.close()
    text = paged.read_text(encoding="utf-8") if paged.exists() else terminal.raw
    from screen import ANSI

    lines = ANSI.sub("", text).replace("\r", "").splitlines()
    assert lines[0] == "Your flare-up plan"
    assert lines[1] == "Shown first because your pain rose by 3 or more within a day."
    assert lines[2] == "If anything is new or different from your usual spasms, run backspasm triage."
    assert lines.index("What to do first:") + 1 == lines.index("- Heat pad on my lower back")
    assert max(len(line) for line in lines) <= COLUMNS and broken_words(text) == []
