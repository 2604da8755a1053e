"""Clocks: a monotonic clock for deadlines and a wall clock for spotting suspends and stamping records."""

from __future__ import annotations

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
    """The real clocks: time.monotonic for deadlines, time.time for the calendar."""

    def now(self) -> Reading:
        """Both clocks, read together."""
        return Reading(mono=time.monotonic(), wall=time.time())


class FakeClock:
    """A clock that moves only when told, for tests of the timer and anything built on it."""

    def __init__(self, mono: float = 1000.0, wall: float = 1_700_000_000.0) -> None:
        self.mono = mono
        self.wall = wall

    def now(self) -> Reading:
        """Both clocks, read together."""
        return Reading(mono=self.mono, wall=self.wall)

    def advance(self, seconds: float) -> Reading:
        """Let time pass normally: both clocks move by the same amount."""
        self.mono += seconds
        self.wall += seconds
        return self.now()

    def suspend(self, seconds: float) -> Reading:
        """Simulate a suspended machine: the wall clock jumps, the monotonic clock stands still."""
        self.wall += seconds
        return self.now()
