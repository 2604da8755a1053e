"""The installed command in an 80x24 pseudo-terminal, read as a person sees it (pyte emulates the terminal)."""

from __future__ import annotations

import os
import re
import sys
from itertools import pairwise
from pathlib import Path

import pexpect
import pyte

PROGRAM = str(Path(sys.executable).parent / "backspasm")
COLUMNS, LINES = 80, 24
# Cursor movement, erase and redraw sequences: never in plain output.
CURSOR_CONTROL = re.compile(r"\x1b\[[0-9;?]*[ABCDEFGHJKSTfhlnsu]")


class Terminal:
    """One run of `backspasm ARGS` in an 80x24 terminal: the raw output, and the screen pyte draws from it."""

    def __init__(self, home: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 15) -> None:
        environment = {**os.environ, "BACKSPASM_HOME": str(home), "TERM": "xterm-256color", **(env or {})}
        for name in ("NO_COLOR", "BACKSPASM_WIDTH", "COLUMNS", "LINES"):
            if not env or name not in env:
                environment.pop(name, None)
        self.screen = pyte.Screen(COLUMNS, LINES)
        self.stream = pyte.Stream(self.screen)
        self.raw = ""
        self.child = pexpect.spawn(
            PROGRAM, list(args), env=environment, encoding="utf-8", dimensions=(LINES, COLUMNS), timeout=timeout
        )

    def _take(self) -> None:
        text = str(self.child.before or "") + (self.child.after if isinstance(self.child.after, str) else "")
        self.raw += text
        self.stream.feed(text)

    def expect(self, pattern: str) -> None:
        """Wait for the pattern in the output (a regular expression), then update the screen."""
        self.child.expect(pattern)
        self._take()

    def send(self, text: str) -> None:
        """Type text (keys) into the terminal."""
        self.child.send(text)

    def finish(self) -> int:
        """Wait for the program to end; its exit status."""
        self.child.expect(pexpect.EOF)
        self._take()
        self.child.close()
        return int(self.child.exitstatus if self.child.exitstatus is not None else -(self.child.signalstatus or 0))

    def pump(self, seconds: float = 0.4) -> None:
        """Read what the program prints for a while (it may be waiting for a key), into the screen."""
        import time

        end = time.monotonic() + seconds
        while time.monotonic() < end:
            try:
                text = self.child.read_nonblocking(65536, timeout=0.05)
            except pexpect.TIMEOUT:
                continue
            except pexpect.EOF:
                break
            self.raw += text
            self.stream.feed(text)

    def lines(self) -> list[str]:
        """The 24 lines on screen now, without trailing spaces."""
        return [line.rstrip() for line in self.screen.display]

    def close(self) -> None:
        """End the child if it still runs."""
        if self.child.isalive():
            self.child.terminate(force=True)


ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][A-Z0-9]|\x07")


def broken_words(raw: str, width: int = COLUMNS) -> list[str]:
    """Words the terminal broke in two: where a printed line runs past the width mid-word.

    The program's own line breaks are in the output; a line longer than the width is one the
    terminal wrapped, and a letter on both sides of a wrap point is a broken word (`los|ing`).
    """
    found = []
    for line in ANSI.sub("", raw).replace("\r", "").split("\n"):
        for cut in range(width, len(line), width):
            if line[cut - 1].isalnum() and line[cut].isalnum():
                found.append(f"{line[max(cut - 12, 0) : cut]}|{line[cut : cut + 12]}")
    return found


def broken_on_screen(lines: list[str], width: int = COLUMNS) -> list[str]:
    """Words the terminal broke at its edge, as seen on screen.

    The program wraps its own text short of the last column, so a line that fills the whole
    width and runs on into the next line mid-word is a word the terminal broke (`los|ing`).
    """
    return [
        f"{first[-12:]}|{second[:12]}"
        for first, second in pairwise(lines)
        if len(first) >= width and first[-1:].isalnum() and second[:1].isalnum()
    ]


def widest(text: str) -> int:
    """The widest line of plain text."""
    return max((len(line) for line in text.splitlines()), default=0)
