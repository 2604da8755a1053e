"""Answers a person means, in a real 80x24 terminal read through pyte: keys, no pre-selection, words for time."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pyte
import pytest

from backspasm.storage import journal as record
from backspasm.storage.db import connect

PROGRAM = str(Path(sys.executable).parent / "backspasm")
ENTER = "\r"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(PROGRAM).exists(), reason="the backspasm command is not installed"),
]


class Terminal:
    """backspasm in an 80x24 pseudo-terminal, its screen kept by pyte as a person would see it."""

    def __init__(self, home: Path, *args: str) -> None:
        env = {**os.environ, "BACKSPASM_HOME": str(home), "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1"}
        env.pop("BACKSPASM_WIDTH", None)
        self.screen = pyte.Screen(80, 24)
        self.stream = pyte.Stream(self.screen)
        self.child = pexpect.spawn(PROGRAM, list(args), env=env, encoding="utf-8", dimensions=(24, 80), timeout=10)

    def _read(self, wait: float = 0.3) -> bool:
        """Feed pyte what the program printed; False once it has exited."""
        try:
            while True:
                self.stream.feed(self.child.read_nonblocking(4096, timeout=wait))
        except pexpect.TIMEOUT:
            return True
        except pexpect.EOF:
            return False

    def wait_for(self, text: str) -> str:
        """Read until `text` is on the screen (the screen, not the byte stream: prompts are redrawn)."""
        for _ in range(100):
            if text in self.text():
                break
            if not self._read(0.1):
                break
        screen = self.text()
        assert text in screen, f"{text!r} never appeared; the screen:\n{screen}"
        return screen

    def settle(self) -> str:
        """The screen once the program has drawn what it will for now."""
        self._read()
        return self.text()

    def text(self) -> str:
        """The screen as lines of text."""
        return "\n".join(line.rstrip() for line in self.screen.display)

    def send(self, keys: str) -> None:
        """Type keys."""
        self.child.send(keys)

    def finish(self) -> int:
        """Read to the end and return the exit status."""
        while self._read(1.0):
            pass
        self.child.close()
        return int(self.child.exitstatus if self.child.exitstatus is not None else 128 + (self.child.signalstatus or 0))


@pytest.fixture
def terminals() -> Iterator[list[Terminal]]:
    """Terminals to close even when a test fails."""
    opened: list[Terminal] = []
    yield opened
    for terminal in opened:
        if terminal.child.isalive():
            terminal.child.terminate(force=True)


def open_terminal(terminals: list[Terminal], home: Path, *args: str) -> Terminal:
    """Start backspasm with these arguments and keep it for clean-up."""
    terminal = Terminal(home, *args)
    terminals.append(terminal)
    return terminal


def saved_runs() -> list[record.TriageRun]:
    """Every saved triage run in the test home."""
    conn = connect()
    try:
        return record.triage_runs(conn)
    finally:
        conn.close()


BLADDER = "new trouble peeing"
SADDLE = "numbness or tingling around your genitals"


def test_enter_alone_does_not_answer_and_n_y_u_do(isolated_home: Path, terminals: list[Terminal]) -> None:
    """At a yes/no question Enter alone leaves it unanswered; n answers No, y Yes, u Not sure."""
    term = open_terminal(terminals, isolated_home, "triage")
    screen = term.wait_for("When did this episode start?")
    term.send("yesterday" + ENTER)
    screen = term.wait_for(BLADDER)
    assert "(press y, n or u, then Enter)" in screen
    term.send(ENTER)
    screen = term.wait_for("Nothing is chosen yet")
    assert SADDLE not in screen  # still on the first question
    term.send("n" + ENTER)
    screen = term.wait_for(SADDLE)
    assert "bowels? No" in screen
    term.send("u" + ENTER)
    screen = term.wait_for("What is your sex?")
    assert "thighs? Not sure" in screen
    term.send("2" + ENTER)  # male
    screen = term.wait_for("erection")
    term.send("y" + ENTER)
    term.wait_for("EMERGENCY")
    assert term.finish() == 0
    (run,) = saved_runs()
    assert run.answers["bladder_bowel_change"] is False
    assert run.answers["saddle_numbness"] == "unsure"
    assert run.answers["sexual_dysfunction"] is True
    assert run.onset_at is not None  # the emergency run keeps its onset


def test_typing_no_and_enter_answers_no(isolated_home: Path, terminals: list[Terminal]) -> None:
    """A person who types `no` and presses Enter answers No (the reported bug recorded Yes)."""
    term = open_terminal(terminals, isolated_home, "triage")
    term.wait_for("When did this episode start?")
    term.send("3 hours" + ENTER)
    term.wait_for(BLADDER)
    term.send("no" + ENTER)
    screen = term.wait_for(SADDLE)
    assert "bowels? No" in screen
    term.send("\x03")
    assert term.finish() == 130
    assert saved_runs() == []


def test_onset_question_reads_words(isolated_home: Path, terminals: list[Terminal]) -> None:
    """The onset question refuses nonsense, saying what it takes, and accepts `3 hours`."""
    term = open_terminal(terminals, isolated_home, "triage")
    term.wait_for("When did this episode start?")
    term.send("soonish" + ENTER)
    screen = term.wait_for("Please type")
    assert "yesterday" in screen
    term.send("\x15" + "3 hours" + ENTER)  # Ctrl-U clears the line first
    screen = term.wait_for(BLADDER)
    assert "3 hours" in screen
    term.send("y" + ENTER)
    term.wait_for("EMERGENCY")
    assert term.finish() == 0
    (run,) = saved_runs()
    assert run.answers["days_since_onset"] == pytest.approx(0.125)


@pytest.mark.parametrize("cover_answer", ["n", "u"])
def test_ice_gate_refuses_without_a_sure_yes_to_the_cloth(
    isolated_home: Path, terminals: list[Terminal], cover_answer: str
) -> None:
    """The ice safety gate does not start on No, or on Not sure, to the cloth question, and says why."""
    term = open_terminal(terminals, isolated_home, "session", "ice", "--duration", "2s")
    screen = term.wait_for("wrapped in a damp cloth")
    term.send(ENTER)  # Enter alone: still unanswered, the session does not start
    screen = term.wait_for("Nothing is chosen yet")
    assert "Time left" not in screen
    term.send(cover_answer + ENTER)
    term.wait_for("not safe to start now")
    assert term.finish() == 1
    if cover_answer == "u":
        assert "You were not sure" in term.text()
    conn = connect()
    try:
        assert conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 0
    finally:
        conn.close()
