"""Whether screens are drawn plain (no box drawing): one flag that asking and drawing both read.

`dumb_terminal` is the one check for a terminal that cannot move its cursor (TERM=dumb), which
prompts, the timer and the screens all go by.

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


def dumb_terminal() -> bool:
    """Whether the terminal cannot move its cursor or draw (TERM=dumb): plain lines, no pager."""
    return os.environ.get("TERM", "") == "dumb"


def pager_off() -> bool:
    """Whether long output is printed as it is, without a pager: a dumb terminal, or PAGER=cat."""
    return dumb_terminal() or os.environ.get("PAGER") == "cat"


def plain_screens() -> bool:
    """Whether screens are drawn without boxes: `--plain` was given, or the terminal is dumb."""
    return _plain or dumb_terminal()
