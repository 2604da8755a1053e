"""Lengths of time as people type them (`15m`, `90s`, `1m30s`, `15`) and as they read them."""

from __future__ import annotations

import math
import re

from backspasm.errors import UsageError

DURATION_FORMS = "15m, 90s, 1m30s, 1h, or a bare number of minutes like 15"

_NUMBER = r"\d+(?:\.\d+)?"
_PARTS = re.compile(
    rf"^(?:(?P<h>{_NUMBER})\s*h(?:ours?|rs?)?)?\s*"
    rf"(?:(?P<m>{_NUMBER})\s*m(?:in(?:utes?|s)?)?)?\s*"
    rf"(?:(?P<s>{_NUMBER})\s*s(?:ec(?:onds?|s)?)?)?$"
)
_BARE = re.compile(rf"^{_NUMBER}$")


def parse_duration(text: str, option: str = "--duration") -> float:
    """Seconds from `15m`, `90s`, `1m30s`, `1h` or a bare number of minutes; zero or less is refused."""
    raw = text.strip().lower()
    sign = -1.0 if raw.startswith("-") else 1.0
    raw = raw.lstrip("+-").strip()
    if _BARE.match(raw):
        seconds = sign * float(raw) * 60
    else:
        match = _PARTS.match(raw)
        if not raw or match is None or not any(match.groupdict().values()):
            raise UsageError(f"{option} '{text}' is not a length of time; use {DURATION_FORMS}")
        hours, minutes, secs = (float(match.group(k) or 0) for k in ("h", "m", "s"))
        seconds = sign * (hours * 3600 + minutes * 60 + secs)
    if not math.isfinite(seconds) or seconds <= 0:
        raise UsageError(f"{option} '{text}' must be longer than zero; use {DURATION_FORMS}")
    return seconds


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
