"""Times as people read them: a clock that counts down, minutes in words, a day and a moment."""

from __future__ import annotations

import math
from datetime import date, datetime


def clock_text(seconds: float) -> str:
    """Time left as a clock, rounded up so it never shows 0:00 before the end: `14:59`, `1:02:03`."""
    whole = max(0, math.ceil(seconds - 1e-9))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def words(seconds: float) -> str:
    """A length in words, to the second: `15 min`, `1 min 30 s`, `45 s`."""
    whole = round(seconds)
    minutes, secs = divmod(whole, 60)
    if minutes and secs:
        return f"{minutes} min {secs} s"
    if minutes:
        return f"{minutes} min"
    return f"{secs} s"


def clock_in(seconds: float) -> str:
    """The clock time `seconds` from now ("17:45"), from the one clock (BACKSPASM_NOW in tests)."""
    from datetime import timedelta

    from backspasm.clock.now import local, now

    return local(now() + timedelta(seconds=max(seconds, 0.0))).strftime("%H:%M")


def day_text(day: date) -> str:
    """A day as people read it: Fri 1 Mar 2024."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def moment_text(moment: datetime) -> str:
    """A time as people read it, in local time: Fri 1 Mar 2024 18:00."""
    from backspasm.clock.now import local

    at = local(moment)
    return f"{day_text(at.date())} {at:%H:%M}"
