"""Sessions, stretches and their questions as a person sees them in an 80x24 terminal (pyte), issue 24."""

from __future__ import annotations

import contextlib
import os
import re
import sys
from itertools import pairwise
from pathlib import Path

import pexpect
import pyte
import pytest
from screen import ANSI, COLUMNS, Terminal, broken_on_screen, broken_words

# Real programs in real pseudo-terminals, waiting in real time: `pytest -m "not slow"` skips them.
pytestmark = pytest.mark.slow

NOW = "2026-03-02T14:00:00+00:00"
LATER = "2026-03-02T14:10:00+00:00"
EARLY = "2026-03-02T06:30:00+00:00"  # before 08:00, when "this morning" used to be read as the future


def screen_text(terminal: Terminal) -> str:
    """The 24 lines on screen, as one text."""
    return "\n".join(terminal.lines())


def run(home: Path, *args: str, env: dict[str, str] | None = None) -> Terminal:
    """Run backspasm to its end in an 80x24 terminal; the terminal, for its screen and raw output."""
    terminal = Terminal(home, *args, env=env)
    try:
        terminal.finish()
    finally:
        terminal.close()
    return terminal


# ---------------------------------------------------------------- the rest between sessions


def test_a_session_within_the_rest_is_refused_with_its_time_at_80x24(isolated_home: Path) -> None:
    """An ice session, then `ice` 10 min later: refused (exit 1) with 14:40 on screen, no word broken."""
    first = Terminal(isolated_home, "ice", "--duration", "1s", "--yes", env={"BACKSPASM_NOW": NOW})
    try:
        assert first.finish() == 0
    finally:
        first.close()
    again = Terminal(isolated_home, "ice", "--yes", env={"BACKSPASM_NOW": LATER})
    try:
        assert again.finish() == 1
    finally:
        again.close()
    text = screen_text(again)
    assert "Not yet: the skin rests at least 40 min after ice" in text
    assert "Ice pack may start at 14:40, in 3" in text  # 30 or 31 min: the first session took a second
    assert "backspasm ice --force-early" in text
    assert "Round 1" not in text.split("Not yet")[-1]
    assert broken_on_screen(again.lines()) == [] and broken_words(again.raw) == []


def test_force_early_asks_and_dunno_is_not_a_yes(isolated_home: Path) -> None:
    """--force-early asks once more at 80x24; "dunno" is Not sure, so nothing starts."""
    first = Terminal(isolated_home, "heat", "--duration", "1s", "--yes", env={"BACKSPASM_NOW": NOW})
    try:
        assert first.finish() == 0
    finally:
        first.close()
    early = Terminal(isolated_home, "heat", "--force-early", env={"BACKSPASM_NOW": LATER})
    try:
        early.expect("Not sure")
        early.send("dunno")
        early.pump()
        assert 'You typed "dunno": Not sure.' in screen_text(early)
        early.send("\r")
        assert early.finish() == 1
    finally:
        early.close()
    text = screen_text(early)
    assert "Not sure" in text
    assert "Not started. The next session may start at 14:20." in text
    assert broken_on_screen(early.lines()) == []


# ---------------------------------------------------------------- the running session


def test_the_pause_screen_says_take_the_pack_off(isolated_home: Path) -> None:
    """Paused at 80x24: take the heat off, resume by a time or the session ends; never "keep the heat on"."""
    terminal = Terminal(isolated_home, "heat", "--duration", "2m", "--yes")
    try:
        terminal.expect("Time left")
        terminal.send(" ")
        terminal.expect("the safe maximum")
        terminal.pump(0.5)
        text = screen_text(terminal)
        panel = text[text.rindex("╭") :]
        assert "Paused · take the heat off now" in panel
        assert "keep the heat on" not in panel
        assert "or the session ends" in panel and "safe maximum" in panel
        assert "Take the heat off now. A pause counts toward the 30 min safe maximum" in text.replace("\n", " ")
        assert broken_on_screen(terminal.lines()) == []
        terminal.send("q")
        assert terminal.finish() == 0
    finally:
        terminal.close()


def test_ctrl_c_says_stopped_once_and_keeps_amounts_whole(isolated_home: Path) -> None:
    """Ctrl-C in a session: "stopped early" once, exit 130, and "Applied N s" never split across lines."""
    terminal = Terminal(isolated_home, "session", "heat", "--duration", "1m", "--yes")
    try:
        terminal.expect("Time left")
        terminal.pump(1.2)
        terminal.child.sendintr()
        assert terminal.finish() == 130
    finally:
        terminal.close()
    text = ANSI.sub("", terminal.raw)
    assert text.count("stopped early") == 1
    lines = [line for line in terminal.lines() if line]
    split = [
        f"{first}|{second}"
        for first, second in pairwise(lines)
        if re.search(r"\d$", first) and re.match(r"(s|min)\b", second)
    ]
    assert split == []  # "Applied 1" | "s." never
    assert any(re.search(r"Applied \d+ s, saved", line) or line.startswith(tuple("0123456789")) for line in lines)
    assert broken_on_screen(lines) == []


# ---------------------------------------------------------------- stretches


def test_a_stretch_keeps_its_name_and_steps_in_view_through_the_count_and_hold(isolated_home: Path) -> None:
    """The intro waits for Enter; the stretch's title and first step stay on screen while counting and holding."""
    terminal = Terminal(isolated_home, "stretch", "--ready", "3")
    try:
        terminal.expect("Press Enter to start the first stretch")
        terminal.pump(0.3)
        intro = screen_text(terminal)
        assert "Evidence:" in intro and "Stretch 1 of" not in intro
        terminal.send("\r")
        terminal.expect("Get into position")
        terminal.pump(0.5)
        counting = screen_text(terminal)
        assert "Stretch 1 of 4: Pelvic tilt" in counting
        assert "1. Lie on your back" in counting
        terminal.expect("Hold 1 of 5")
        terminal.pump(1.5)
        holding = screen_text(terminal)
        assert "Stretch 1 of 4: Pelvic tilt" in holding
        assert "1. Lie on your back" in holding
        assert "Hold 1 of 5" in holding
        assert broken_on_screen(terminal.lines()) == []
        terminal.send("q")
        assert terminal.finish() == 0
    finally:
        terminal.close()


# ---------------------------------------------------------------- when did it begin?


def _onset_refusal(home: Path, columns: int, typed: str) -> list[str]:
    """Type an answer at triage's first question in a terminal `columns` wide; the screen after Enter."""
    env = {**os.environ, "BACKSPASM_HOME": str(home), "TERM": "xterm-256color", "BACKSPASM_NOW": EARLY}
    for name in ("NO_COLOR", "BACKSPASM_WIDTH", "COLUMNS", "LINES"):
        env.pop(name, None)
    program = str(Path(sys.executable).parent / "backspasm")
    child = pexpect.spawn(program, ["triage", "--no-save"], env=env, encoding="utf-8", dimensions=(24, columns))
    shown = pyte.Screen(columns, 24)
    stream = pyte.Stream(shown)
    try:
        child.expect("When did this episode start")
        stream.feed(str(child.before) + str(child.after))
        child.send(typed + "\r")
        child.expect(r"5am'\.")
        stream.feed(str(child.before) + str(child.after))
        with contextlib.suppress(pexpect.TIMEOUT):
            stream.feed(child.read_nonblocking(65536, timeout=0.5))
        return [line.rstrip() for line in shown.display]
    finally:
        child.terminate(force=True)


@pytest.mark.parametrize("columns", [COLUMNS, 60])
def test_a_refused_onset_says_why_in_whole_words(isolated_home: Path, columns: int) -> None:
    """At 80 and 60 columns the refusal says why ("in the future") and wraps in whole words, cut nowhere."""
    lines = _onset_refusal(isolated_home, columns, "tomorrow")
    text = " ".join(line.strip() for line in lines if line.strip())
    assert "'tomorrow': it is in the future." in text
    assert "'monday' or '5am'." in text  # the whole line, to its end
    assert all(len(line) < columns for line in lines)
    assert broken_on_screen(lines, columns) == []


def test_this_morning_before_eight_is_read(isolated_home: Path) -> None:
    """At 06:30, "this morning" is read (never "in the future"): the next question comes."""
    terminal = Terminal(isolated_home, "triage", "--no-save", env={"BACKSPASM_NOW": EARLY})
    try:
        terminal.expect("When did this episode start")
        terminal.send("this morning\r")
        terminal.expect(r"press y, n or u")
        assert "future" not in ANSI.sub("", terminal.raw)
    finally:
        terminal.close()


# ---------------------------------------------------------------- pager


@pytest.mark.parametrize("args", [("session", "--help"), ("report",)])
def test_long_help_and_the_report_go_through_the_pager_on_a_terminal(
    isolated_home: Path, tmp_path: Path, args: tuple[str, ...]
) -> None:
    """On a terminal, `session --help` and `report` go through the pager (PAGER), wrapped in whole words."""
    paged = tmp_path / "paged.txt"
    terminal = run(isolated_home, *args, env={"PAGER": f"cat > {paged}"})
    text = paged.read_text(encoding="utf-8")
    assert ("--force-early" in text) if args[0] == "session" else ("# Back spasm record for the doctor" in text)
    assert max(len(line) for line in ANSI.sub("", text).splitlines()) < COLUMNS
    assert "Usage:" not in terminal.raw and "record for the doctor" not in terminal.raw
