"""Real stretch routines of the installed `backspasm` in a pseudo-terminal, with one-second holds."""

from __future__ import annotations

import json
import os
import signal
import sys
import termios
from pathlib import Path

import pexpect
import pytest
from stretch_kb import tiny_kb

from backspasm.storage.db import connect

# Real programs in real pseudo-terminals, waiting in real time: `pytest -m "not slow"` skips them.
pytestmark = pytest.mark.slow

PROGRAM = str(Path(sys.executable).parent / "backspasm")
QUESTION = "Did the pain get worse"
NO = "n\r"  # nothing is pre-selected: n, then Enter


def started(home: Path, kb: Path, *args: str) -> pexpect.spawn:
    """A routine started in a pseudo-terminal: its intro read, then Enter to start the first stretch."""
    child = spawn(home, kb, *args)
    child.expect("Press Enter to start the first stretch")
    child.send("\r")
    return child


def spawn(home: Path, kb: Path, *args: str) -> pexpect.spawn:
    """Start backspasm in a 100x30 pseudo-terminal with its own home and the tiny knowledge base."""
    env = {**os.environ, "BACKSPASM_HOME": str(home), "BACKSPASM_KB": str(kb), "TERM": "xterm"}
    env["PROMPT_TOOLKIT_NO_CPR"] = "1"  # the pty never answers cursor-position requests
    env.pop("NO_COLOR", None)
    env.pop("BACKSPASM_WIDTH", None)
    return pexpect.spawn(PROGRAM, list(args), env=env, encoding="utf-8", dimensions=(30, 100), timeout=20)


def runs() -> list[dict[str, object]]:
    """Every stretch_runs row of the test store."""
    conn = connect()
    try:
        return [dict(row) for row in conn.execute("SELECT * FROM stretch_runs ORDER BY id").fetchall()]
    finally:
        conn.close()


def line_mode(child: pexpect.spawn) -> bool:
    """Whether the terminal is back in ordinary line mode with echo."""
    modes = termios.tcgetattr(child.child_fd)[3]
    return bool(modes & termios.ICANON and modes & termios.ECHO)


def test_a_routine_end_to_end_counts_holds_asks_and_is_recorded(
    isolated_home: Path, tmp_path: Path, children: list[pexpect.spawn]
) -> None:
    """Two stretches: steps, a live counted hold, the bell, "worse?" after each, then a completed row."""
    child = spawn(isolated_home, tiny_kb(tmp_path), "stretch", "tiny", "--ready", "1")
    children.append(child)
    child.expect("Press Enter to start the first stretch")
    screen = str(child.before)
    child.send("\r")
    child.expect("Stretch 1 of 2")
    screen += str(child.before) + str(child.after)
    child.expect("Hold 1 of 2")
    screen += str(child.before) + str(child.after)
    assert not termios.tcgetattr(child.child_fd)[3] & termios.ICANON  # keys without Enter during a hold
    child.expect(QUESTION)
    screen += str(child.before)
    child.send(NO)
    child.expect("Stretch 2 of 2")
    child.expect(QUESTION)
    screen += str(child.before)
    child.send(NO)
    child.expect(pexpect.EOF)
    screen += str(child.before)
    restored = line_mode(child)
    child.close()
    assert child.exitstatus == 0
    assert restored
    for text in ("Evidence: very low certainty", "Lie on your back", "Time left", "0:01", "Relax", "Knee to chest"):
        assert text in screen
    assert "\a" in screen
    assert "Routine done: 2 of 2 stretches" in screen
    [row] = runs()
    assert (row["status"], json.loads(str(row["done"]))) == ("completed", ["pelvic-tilt", "knee-to-chest"])


def test_ctrl_c_during_a_hold_exits_130_restores_the_terminal_and_records_it(
    isolated_home: Path, tmp_path: Path, children: list[pexpect.spawn]
) -> None:
    """Ctrl-C while a hold is counted: exit 130, line mode again, the row saved as stopped at that stretch."""
    child = started(isolated_home, tiny_kb(tmp_path), "stretch", "tiny", "--ready", "1")
    children.append(child)
    child.expect("Hold 1 of 2")
    child.sendintr()
    child.expect(pexpect.EOF)
    restored = line_mode(child)
    child.close()
    assert child.exitstatus == 130
    assert restored
    assert "stretch routine stopped: 0 of 2 stretches done" in str(child.before)
    [row] = runs()
    assert (row["status"], row["stopped_at_stretch"]) == ("stopped", "pelvic-tilt")


def test_q_ends_the_routine_early_and_sigterm_at_the_question_is_clean(
    isolated_home: Path, tmp_path: Path, children: list[pexpect.spawn]
) -> None:
    """q during a hold ends it (exit 0, stopped); SIGTERM at the question ends it too (exit 143, stopped)."""
    kb = tiny_kb(tmp_path)
    child = started(isolated_home, kb, "stretch", "tiny", "--ready", "1")
    children.append(child)
    child.expect("Hold 1 of 2")
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "Routine ended early: 0 of 2 stretches done" in str(child.before)

    child = started(isolated_home, kb, "stretch", "tiny", "--ready", "1")
    children.append(child)
    child.expect(QUESTION)
    child.kill(signal.SIGTERM)
    child.expect(pexpect.EOF)
    restored = line_mode(child)
    child.close()
    assert child.exitstatus == 128 + signal.SIGTERM
    assert restored
    assert [(r["status"], r["stopped_at_stretch"]) for r in runs()] == [
        ("stopped", "pelvic-tilt"),
        ("stopped", "pelvic-tilt"),
    ]


def test_enter_ends_the_time_to_get_into_position(
    isolated_home: Path, tmp_path: Path, children: list[pexpect.spawn]
) -> None:
    """With 60 s to get into position, Enter starts the first hold at once (the wait would outlast the timeout)."""
    child = started(isolated_home, tiny_kb(tmp_path), "stretch", "tiny", "--ready", "60")
    children.append(child)
    child.expect("press Enter when ready")
    child.send("\r")
    child.expect("Hold 1 of 2")  # within the 20 s timeout, far less than the 60 s count
    child.terminate(force=True)
