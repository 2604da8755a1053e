"""Plain screens: no box drawing, for screen readers (which read ╭─│ aloud), `--plain` and TERM=dumb.

A flag, set once by a command (prompts.mode.use_plain sets it with the questions' mode), read
by every console as it renders (render/console.py). Light: no rich here.
"""

from __future__ import annotations

import os
import re

_plain = False

# Box drawing (─│╭╮┌┐└┘├┤┬┴┼═║ ...): tables and panels drawn with lines.
BOX = re.compile("[\u2500-\u257f]")


def use_plain_screens(on: bool) -> None:
    """Draw every later screen without box characters (True), or as usual."""
    global _plain
    _plain = on


def plain_screens() -> bool:
    """Whether screens are drawn without boxes: `--plain` was given, or the terminal is dumb."""
    return _plain or os.environ.get("TERM", "") == "dumb"


def unboxed(text: str) -> str:
    """Rendered text without box characters: a line that was only a border goes, others keep their layout."""
    if not BOX.search(text):
        return text
    lines = []
    for line in text.split("\n"):
        if not BOX.search(line):
            lines.append(line)
            continue
        spaced = BOX.sub(" ", line)
        if _visible(spaced).strip():
            lines.append(spaced.rstrip())
    return "\n".join(lines)


_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _visible(line: str) -> str:
    return _ANSI.sub("", line)
