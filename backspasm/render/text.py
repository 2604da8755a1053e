"""Plain lines of text on stdout or stderr: what actions print when there is nothing to draw.

Rich is not needed for a line of JSON, a plain event or a one-line note, and importing it costs
time; `say` writes and flushes like `print`, so the text appears before any prompt that follows.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

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


def emergency_problems(number: EmergencyNumber) -> None:
    """Say once, on stderr, which emergency-number settings were ignored and why (one line each)."""
    for problem in number.problems:
        say(f"backspasm: {problem}", err=True)
