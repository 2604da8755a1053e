"""Whether screens are drawn plain (no box drawing): one flag that asking and drawing both read.

Set once by a command (`prompts.mode.use_plain`, with the questions' mode) and read by every
console as it renders (`render/console.py`). It sits below both, so neither reaches the other.
"""

from __future__ import annotations

import os

_plain = False


def use_plain_screens(on: bool) -> None:
    """Draw every later screen without box characters (True), or as usual."""
    global _plain
    _plain = on


def plain_screens() -> bool:
    """Whether screens are drawn without boxes: `--plain` was given, or the terminal is dumb."""
    return _plain or os.environ.get("TERM", "") == "dumb"
