"""Test doubles of the timed runtime: a clock that moves only when told, and time that passes at once."""

from __future__ import annotations

import pytest

from backspasm.clock import ticks
from backspasm.clock.now import now
from backspasm.clock.ticks import Reading
from backspasm.timer.terminal import SessionTerminal


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


def instant_time(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    """Make timed commands run at once: their clock is fake, and waiting for a key moves it on."""
    clock = FakeClock(wall=now().timestamp())
    monkeypatch.setattr(ticks, "system_clock", lambda: clock)
    real_wait = SessionTerminal.wait

    def wait(self: SessionTerminal, timeout: float) -> str:
        keys = real_wait(self, 0.0)  # keys already typed are read; nothing blocks
        if not keys and self.signal is None:
            clock.advance(max(timeout, 0.0))
        return keys

    monkeypatch.setattr(SessionTerminal, "wait", wait)
    return clock
