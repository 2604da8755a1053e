"""Signals between the timed parts of a routine: Ctrl-C, SIGTERM or SIGHUP end it, recorded.

While a hold is timed, SessionTerminal turns these signals into a flag the timer loop reads.
Between holds (a question, a stretch card) there is no such loop, so the handlers here raise
`Ended` (through the question's own event loop while one is asked), which the routine loop
turns into an interrupted outcome; prompt_toolkit gives the terminal back as it unwinds.
"""

from __future__ import annotations

import contextlib
import signal
import sys
from collections.abc import Iterator
from types import FrameType
from typing import Any

from backspasm.timer.terminal import ENDING_SIGNALS


class Ended(BaseException):
    """A signal arrived between timed parts (at a question, while printing): end the routine cleanly."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


def _raise_ended(number: int, frame: FrameType | None) -> None:
    # A question being asked is ended from inside its own event loop; anything else gets Ended here.
    questionnaire = sys.modules.get("backspasm.prompts.questionnaire")
    if questionnaire is not None and questionnaire.end_question(Ended(number)):
        return
    raise Ended(number)


@contextlib.contextmanager
def signals_end_routine() -> Iterator[None]:
    """Within the block, an ending signal raises Ended; the old handlers come back afterwards."""
    old: dict[signal.Signals, Any] = {}
    try:
        for number in ENDING_SIGNALS:
            old[number] = signal.signal(number, _raise_ended)
    except ValueError:  # not the main thread: keep the default behaviour
        pass
    try:
        yield
    finally:
        for ending, handler in old.items():
            with contextlib.suppress(ValueError, TypeError):
                signal.signal(ending, handler)
