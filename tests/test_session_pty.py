"""Real sessions of the installed `backspasm` in a pseudo-terminal: screen, bell, keys, signals, kill -9."""

from __future__ import annotations

import os
import signal
import sys
import termios
import time
from pathlib import Path

import pexpect
import pytest

from backspasm.storage import sessions as history
from backspasm.storage.db import connect

# Real programs in real pseudo-terminals, waiting in real time: `pytest -m "not slow"` skips them.
pytestmark = pytest.mark.slow

PROGRAM = str(Path(sys.executable).parent / "backspasm")


def spawn(home: Path, *args: str) -> pexpect.spawn:
    """Start backspasm in a 100x30 pseudo-terminal with its own home."""
    env = {**os.environ, "BACKSPASM_HOME": str(home), "TERM": "xterm"}
    env.pop("NO_COLOR", None)
    env.pop("BACKSPASM_WIDTH", None)
    return pexpect.spawn(PROGRAM, list(args), env=env, encoding="utf-8", dimensions=(30, 100), timeout=15)


def rows() -> list[history.SessionRecord]:
    """Every session in the test store."""
    conn = connect()
    try:
        return history.list_sessions(conn)
    finally:
        conn.close()


def finish(child: pexpect.spawn) -> str:
    """Everything the child printed until it exits."""
    child.expect(pexpect.EOF)
    child.close()
    return str(child.before)


def test_a_short_session_shows_the_display_rings_and_is_recorded(
    isolated_home: Path, children: list[pexpect.spawn]
) -> None:
    """A 2-second live session: the display, a bell, cbreak then line mode again, and a completed row."""
    child = spawn(isolated_home, "session", "ice", "--duration", "2s", "--yes")
    children.append(child)
    child.expect("Time left")
    screen = str(child.before) + str(child.after)
    assert not termios.tcgetattr(child.child_fd)[3] & termios.ICANON  # keys without Enter while it runs
    child.expect(pexpect.EOF)
    screen += str(child.before)
    local_modes = termios.tcgetattr(child.child_fd)[3]
    child.close()
    assert child.exitstatus == 0
    assert local_modes & termios.ICANON and local_modes & termios.ECHO  # the terminal is given back
    for text in ("Ice pack", "Round 1 of 1", "keep the ice on", "Time left", "0:01", "█", "Done · take the ice off"):
        assert text in screen
    assert "\a" in screen
    assert "Ice pack: done. Take the ice off now" in screen
    assert screen.rstrip().endswith("\x1b[?25h")  # the cursor is shown again
    [row] = rows()
    assert (row.protocol, row.status, row.rounds_done) == ("ice", "completed", 1)
    assert row.applied_seconds == pytest.approx(2.0)


def test_no_bell_and_plain_mode_on_a_dumb_terminal(isolated_home: Path, children: list[pexpect.spawn]) -> None:
    """--no-bell rings nothing; TERM=dumb gives one line per event and no redraws."""
    child = spawn(isolated_home, "session", "heat", "--duration", "0.5s", "--yes", "--no-bell")
    children.append(child)
    screen = finish(child)
    assert child.exitstatus == 0
    assert "\a" not in screen
    # Its own home: a second heat session in the first one's home would be within the skin's rest.
    env = {**os.environ, "BACKSPASM_HOME": str(isolated_home / "dumb"), "TERM": "dumb"}
    plain = pexpect.spawn(PROGRAM, ["session", "heat", "--duration", "0.5s", "--yes"], env=env, encoding="utf-8")
    children.append(plain)
    screen = finish(plain)
    assert "Heat pad, wrap or hot water bottle: started." in screen
    assert "Time left" not in screen and "\x1b[" not in screen
    assert "\a" in screen


def test_pause_and_q(isolated_home: Path, children: list[pexpect.spawn]) -> None:
    """Space pauses (the clock stops), space resumes, q ends early: stopped, exit 0, paused time not applied."""
    child = spawn(isolated_home, "session", "heat", "--duration", "1m", "--yes")
    children.append(child)
    child.expect("Time left")
    time.sleep(0.5)
    child.send(" ")
    child.expect("Paused · take the heat off")
    time.sleep(1.5)
    child.send("p")
    child.expect("going on")
    time.sleep(0.5)
    child.send("q")
    screen = finish(child)
    assert child.exitstatus == 0
    assert "stopped early" in screen
    [row] = rows()
    assert row.status == "stopped"
    assert 0.8 < row.applied_seconds < 2.0  # about 1 s on, not the 2.5 s that passed


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_stops_cleanly_and_saves_a_stopped_row(
    isolated_home: Path, children: list[pexpect.spawn], sig: signal.Signals, code: int
) -> None:
    """Ctrl-C (exit 130) or SIGTERM (143) mid-session: terminal and cursor restored, a stopped row with the time on."""
    child = spawn(isolated_home, "session", "ice", "--duration", "1m", "--yes")
    children.append(child)
    child.expect("Time left")
    time.sleep(1.2)
    if sig == signal.SIGINT:
        child.sendintr()
    else:
        child.kill(sig)
    screen = finish(child)
    assert child.exitstatus == code
    assert "Traceback" not in screen
    assert screen.count("stopped early") == 1  # said once, by the session's last line
    assert "saved in your history" in screen
    assert "\x1b[?25h" in screen.split("Time left")[-1]
    [row] = rows()
    assert row.status == "stopped"
    assert 1.0 < row.applied_seconds < 3.0


def test_kill_9_leaves_a_row_the_next_start_marks_interrupted(
    isolated_home: Path, children: list[pexpect.spawn]
) -> None:
    """After kill -9 the row says running; the next session start marks it interrupted with its saved time."""
    child = spawn(isolated_home, "session", "ice", "--duration", "1m", "--yes")
    children.append(child)
    child.expect("Time left")
    time.sleep(2.6)  # long enough for a progress save
    child.kill(signal.SIGKILL)
    child.expect(pexpect.EOF)
    child.close()
    [row] = rows()
    assert row.status == "running" and row.applied_seconds >= 1.5
    # The ice was on, so the skin's rest applies: the next start is a forced early one.
    again = spawn(isolated_home, "session", "heat", "--duration", "0.5s", "--yes", "--force-early")
    children.append(again)
    screen = finish(again)
    assert "1 earlier session(s) ended without finishing; marked interrupted" in screen
    first, second = rows()
    assert (first.status, second.status) == ("interrupted", "completed")
    assert first.applied_seconds == row.applied_seconds


def test_closing_the_terminal_saves_a_stopped_row(isolated_home: Path) -> None:
    """A hang-up (the terminal window closed) ends the session quietly with exit 129 and a stopped row."""
    child = spawn(isolated_home, "session", "ice", "--duration", "1m", "--yes")
    child.expect("Time left")
    time.sleep(1.0)
    child.ptyproc.fileobj.close()  # the terminal goes away: the kernel sends SIGHUP
    assert child.ptyproc.wait() == 129
    [row] = rows()
    assert row.status == "stopped" and 0.8 < row.applied_seconds < 3.0
