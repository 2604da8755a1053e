"""A timer for ice and heat sessions (and later stretch holds): a clock and a pure state machine."""

from __future__ import annotations

from backspasm.clock.ticks import Clock, Reading, SystemClock
from backspasm.timer.machine import Event, Plan, Segment, SessionTimer, Snapshot

__all__ = [
    "Clock",
    "Event",
    "Plan",
    "Reading",
    "Segment",
    "SessionTimer",
    "Snapshot",
    "SystemClock",
]
