"""Clocks: a monotonic clock for deadlines and a wall clock for spotting suspends and stamping records."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Reading:
    """One look at both clocks at the same moment, in seconds."""

    mono: float
    wall: float


class Clock(Protocol):
    """Anything that can tell the monotonic and the wall time."""

    def now(self) -> Reading:
        """Both clocks, read together."""
        ...


class SystemClock:
    """The real clocks: time.monotonic for deadlines, time.time for the calendar.

    When BACKSPASM_NOW is set the wall clock starts there and runs on, so what a session
    records agrees with every other "now" in the app.
    """

    def __init__(self) -> None:
        from backspasm.clock.now import NOW_ENV, now

        self._offset = now().timestamp() - time.time() if os.environ.get(NOW_ENV) else 0.0

    def now(self) -> Reading:
        """Both clocks, read together."""
        return Reading(mono=time.monotonic(), wall=time.time() + self._offset)


def system_clock() -> Clock:
    """The clock timed commands run on (tests hand in a fake one through this function)."""
    return SystemClock()
