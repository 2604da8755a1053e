"""Plain screens: no box drawing, for screen readers (which read ╭─│ aloud), `--plain` and TERM=dumb.

The flag is backspasm.plain_output (set with the questions' mode); this module takes the boxes
out of what a console renders. Light: no rich here.
"""

from __future__ import annotations

import re

from backspasm.plain_output import plain_screens as plain_screens  # re-exported for consoles

# Box drawing (─│╭╮┌┐└┘├┤┬┴┼═║ ...): tables and panels drawn with lines.
BOX = re.compile("[\u2500-\u257f]")


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
