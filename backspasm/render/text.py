"""Plain lines of text on stdout or stderr: what actions print when there is nothing to draw.

Rich is not needed for a line of JSON, a plain event or a one-line note, and importing it costs
time; `say` writes and flushes like `print`, so the text appears before any prompt that follows.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from backspasm.emergency.number import EmergencyNumber

from backspasm.wrapping import wrap_words as wrap_words  # re-exported: screens wrap lines through render


def say(text: str = "", *, err: bool = False, end: str = "\n") -> None:
    """Write one line (or several) and flush, on stderr when `err`; `end=""` for text that ends itself."""
    stream = sys.stderr if err else sys.stdout
    stream.write(f"{text}{end}")
    stream.flush()


def to_terminal() -> bool:
    """Whether stdout is a terminal: screens are drawn with rich there, and written as plain lines
    (no rich import) when piped or redirected."""
    return sys.stdout.isatty()


# Plain lines are wrapped to this width when neither BACKSPASM_WIDTH nor COLUMNS says otherwise
# (rich's width for output that is not a terminal, so piped output reads as it did).
PLAIN_WIDTH = 80


def plain_width() -> int:
    """The width plain lines wrap to: BACKSPASM_WIDTH, else COLUMNS, else 80 (one column is kept free)."""
    for name in ("BACKSPASM_WIDTH", "COLUMNS"):
        value = os.environ.get(name, "")
        if value.isdigit() and int(value) > 0:
            return max(int(value) - 1, 20)
    return PLAIN_WIDTH - 1


def write_lines(lines: Iterable[str], out: TextIO | None = None) -> None:
    """Plain lines on stdout (or `out`): control characters made visible, each wrapped in whole words to
    plain_width(), an item ("- ", "1. ") hanging under its text, so `| less` never breaks a word."""
    from backspasm.render.long_text import wrapped_lines
    from backspasm.text_safety import visible

    stream = out or sys.stdout
    width = plain_width()
    stream.write("".join(f"{wrapped}\n" for line in lines for wrapped in wrapped_lines(visible(line), width) or [""]))
    stream.flush()


def emergency_problems(number: EmergencyNumber) -> None:
    """Say once, on stderr, which emergency-number settings were ignored and why (one line each)."""
    for problem in number.problems:
        say(f"backspasm: {problem}", err=True)
