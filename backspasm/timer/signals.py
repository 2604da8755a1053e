"""Signals between the timed parts of a routine: Ctrl-C, SIGTERM or SIGHUP end it, recorded.

While a hold is timed, SessionTerminal turns these signals into a flag the timer loop reads.
Between holds (a question, a stretch card) there is no such loop, so the handlers here raise
`Ended` (through the question's own event loop while one is asked, by the hook the action hands
in), which the routine loop turns into an interrupted outcome; prompt_toolkit gives the terminal
back as it unwinds.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Callable, Iterator
from types import FrameType
from typing import Any

from backspasm.timer.terminal import ENDING_SIGNALS


class Ended(BaseException):
    """A signal arrived between timed parts (at a question, while printing): end the routine cleanly."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


@contextlib.contextmanager
def signals_end_routine(end_question: Callable[[BaseException], bool] | None = None) -> Iterator[None]:
    """Within the block, an ending signal raises Ended; the old handlers come back afterwards.

    A question being asked is ended from inside its own event loop instead: `end_question` (the
    action hands in prompts' own) raises the error there and says True when a question was asked.
    """

    def raise_ended(number: int, frame: FrameType | None) -> None:
        if end_question is not None and end_question(Ended(number)):
            return
        raise Ended(number)

    old: dict[signal.Signals, Any] = {}
    try:
        for number in ENDING_SIGNALS:
            old[number] = signal.signal(number, raise_ended)
    except ValueError:  # not the main thread: keep the default behaviour
        pass
    try:
        yield
    finally:
        for ending, handler in old.items():
            with contextlib.suppress(ValueError, TypeError):
                signal.signal(ending, handler)
