"""The screens of `backspasm check-in`: what it asks about, and what was saved; plain lines, 80x24 at most.

The action hands in finished words and numbers; nothing here reads the journal or knows the scale.
The source of the scale is always the last line.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from typing import Any

from backspasm.render.text import say, wrap_words
from backspasm.text_safety import dumps, visible

INTRO = "Weekly check-in: three questions about the past week, each 0 to 10 (the PEG scale)."
# The answers' labels are padded to this column, so the numbers line up.
LABEL_WIDTH = 38


def _width() -> int:
    return max(shutil.get_terminal_size().columns - 1, 20)


def _say_wrapped(text: str, *, hang: str = "") -> None:
    for line in wrap_words(visible(text), _width(), hang=hang):
        say(line)


def show_intro() -> None:
    """The line before the questions."""
    _say_wrapped(INTRO)


def show_saved(title: str, answers: Sequence[tuple[str, int]], lines: Sequence[str], citation: str) -> None:
    """The check-in as saved: its score, the three answers, what it shows next to the first, the source last."""
    _say_wrapped(title)
    for label, value in answers:
        say(f"  {label:<{LABEL_WIDTH}}{value:>2}")
    for line in lines:
        _say_wrapped(line)
    _say_wrapped(citation)


def show_kept(line: str, citation: str) -> None:
    """Nothing saved: the week's check-in was kept."""
    _say_wrapped(line)
    _say_wrapped(citation)


def print_json(data: dict[str, Any]) -> None:
    """What `check-in --json` prints."""
    say(dumps(data))
