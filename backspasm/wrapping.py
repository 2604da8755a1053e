"""Wrapping words to a width: never inside a word, and never between a number and its unit ("5 s").

Shared by the screens (render/) and the prompts (prompts/), which wrap their own lines because a
terminal breaks words at its edge.
"""

from __future__ import annotations

import re

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
