"""Plain lines of text on stdout or stderr: what actions print when there is nothing to draw.

Rich is not needed for a line of JSON, a plain event or a one-line note, and importing it costs
time; `say` writes and flushes like `print`, so the text appears before any prompt that follows.
"""

from __future__ import annotations

import re
import sys


def say(text: str = "", *, err: bool = False, end: str = "\n") -> None:
    """Write one line (or several) and flush, on stderr when `err`; `end=""` for text that ends itself."""
    stream = sys.stderr if err else sys.stdout
    stream.write(f"{text}{end}")
    stream.flush()


# A space between a number and its unit ("5 s", "40 min"): a line is never broken there.
_AMOUNT_SPACE = re.compile(r"(?<=\d) (?=(?:s|ms|min|mins|h|hours?|minutes?|seconds?|days?|weeks?)\b)")
_KEPT = "\u00a0"  # textwrap breaks only at ASCII whitespace, so this holds an amount together


def wrap_words(text: str, width: int, *, indent: str = "", hang: str = "") -> list[str]:
    """Text wrapped at word boundaries to `width`, never inside a word or between a number and its unit."""
    import textwrap

    kept = _AMOUNT_SPACE.sub(_KEPT, text)
    lines = textwrap.wrap(
        kept,
        width=max(width, 10),
        initial_indent=indent,
        subsequent_indent=hang,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [indent]
    return [line.replace(_KEPT, " ") for line in lines]
