"""The journal's sense of time: an injectable "now", local time, and the forms `--at` accepts.

Tests (and goldens) fix the time with BACKSPASM_NOW, an ISO 8601 date and time with offset;
its offset then also stands in for the local time zone, so output does not depend on the machine.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta, tzinfo

from backspasm.errors import UsageError

NOW_ENV = "BACKSPASM_NOW"

AT_FORMS = "a date and time like 2024-03-01 18:00, 'yesterday 18:00', or '2h ago' / '3 days ago'"

_UNITS: dict[str, float] = {
    "m": 60,
    "min": 60,
    "mins": 60,
    "minute": 60,
    "minutes": 60,
    "h": 3600,
    "hr": 3600,
    "hrs": 3600,
    "hour": 3600,
    "hours": 3600,
    "d": 86400,
    "day": 86400,
    "days": 86400,
    "w": 604800,
    "wk": 604800,
    "wks": 604800,
    "week": 604800,
    "weeks": 604800,
}
_AGO = re.compile(r"^(\d+(?:\.\d+)?|an?|one)\s*([a-z]+)(?:\s+ago)?$")
# Parts of a day as people say them, and the clock time each stands for.
_PART_OF_DAY = {
    "this morning": (0, 8),
    "this afternoon": (0, 14),
    "this evening": (0, 19),
    "last night": (1, 22),
    "yesterday morning": (1, 8),
    "yesterday afternoon": (1, 14),
    "yesterday evening": (1, 19),
}
DAYS_AGO_FORMS = "a number of days (0.25 is six hours), or words like 'yesterday', 'this morning', '3 hours', 'a week'"
_DAY_WORD = re.compile(r"^(today|yesterday)(?:\s+(?:at\s+)?(\d{1,2})(?::(\d{2}))?)?$")


# The zone of each BACKSPASM_NOW value seen: local() runs once per row, so parse it once.
_ZONES: dict[str, tzinfo | None] = {}


def _override_zone() -> tzinfo | None:
    value = os.environ.get(NOW_ENV)
    if not value:
        return None
    if value not in _ZONES:
        _ZONES[value] = _parse_now(value).tzinfo
    return _ZONES[value]


# The years a clock (BACKSPASM_NOW) may show: room on both sides for windows, offsets and --days.
NOW_YEARS = (1900, 9000)
# The earliest year a journal entry may be dated.
FIRST_YEAR = 1900


def _parse_now(value: str) -> datetime:
    first, last = NOW_YEARS
    rule = f"{NOW_ENV} must be an ISO 8601 date and time in the years {first} to {last} (got {value!r})"
    try:
        moment = _fromiso(value)
    except ValueError:
        raise UsageError(rule) from None
    if not first <= moment.year <= last:
        raise UsageError(rule)
    return moment if moment.tzinfo is not None else moment.astimezone()


def now() -> datetime:
    """The current time with its UTC offset; BACKSPASM_NOW replaces it in tests."""
    value = os.environ.get(NOW_ENV)
    if value:
        return _parse_now(value)
    return datetime.now().astimezone()


def local(moment: datetime) -> datetime:
    """The same instant in local time (or in BACKSPASM_NOW's offset when that is set)."""
    zone = _override_zone()
    return moment.astimezone(zone) if zone is not None else moment.astimezone()


def localize(naive: datetime) -> datetime:
    """Read a wall-clock time without offset as local time (DST-correct outside tests)."""
    zone = _override_zone()
    return naive.replace(tzinfo=zone) if zone is not None else naive.astimezone()


def _fromiso(text: str) -> datetime:
    # Python 3.10 does not read a trailing Z (UTC) itself.
    text = text.strip()
    return datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text)


def parse_stamp(text: str) -> datetime:
    """A stored ISO 8601 timestamp as an aware datetime (a stray naive one is read as local)."""
    moment = _fromiso(text)
    return moment if moment.tzinfo is not None else localize(moment)


def stamp(moment: datetime) -> str:
    """How the store writes a time: ISO 8601 in local time with its offset, to the second."""
    return local(moment).isoformat(timespec="seconds")


def local_day(moment: datetime) -> date:
    """The local calendar day of an instant, which is how a person counts days."""
    return local(moment).date()


def local_days(moments: Iterable[datetime]) -> list[date]:
    """local_day of many instants, looking up the zone once (this runs over whole journals)."""
    zone = _override_zone()
    if zone is None:
        return [m.astimezone().date() for m in moments]
    return [m.astimezone(zone).date() for m in moments]


class WallClockError(ValueError):
    """A local time that the clocks skipped (spring forward) or showed twice (fall back)."""


def _offset(moment: datetime) -> str:
    delta = moment.utcoffset()
    minutes = int(delta.total_seconds() // 60) if delta is not None else 0
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def localize_wall(naive: datetime) -> datetime:
    """Like localize, but refuse a local time that did not exist or happened twice (DST changes).

    Python would silently pick one reading (and for a skipped time, store it an hour off), so
    the person is asked to give the UTC offset instead.
    """
    if _override_zone() is not None:
        return localize(naive)
    first = naive.replace(fold=0).astimezone()
    second = naive.replace(fold=1).astimezone()
    if first.utcoffset() == second.utcoffset():
        return first
    shown = naive.strftime("%Y-%m-%d %H:%M")
    if first.astimezone().replace(tzinfo=None) != naive:
        raise WallClockError(
            f"{shown} did not happen in your time zone (the clocks went forward);"
            f" give the time with its UTC offset, like {shown}{_offset(first)}"
        )
    raise WallClockError(
        f"{shown} happened twice in your time zone (the clocks went back);"
        f" add its UTC offset: {shown}{_offset(first)} for the first, {shown}{_offset(second)} for the second"
    )


def _at_clock(day: date, hour: int, minute: int) -> datetime:
    if hour > 23 or minute > 59:
        raise ValueError("not a time of day")
    return localize_wall(datetime.combine(day, time(hour, minute)))


def read_time(text: str, current: datetime) -> datetime:
    """A past moment as people write it: ISO date/time, now, today/yesterday [18:00], '2h ago'.

    Raises ValueError (or OverflowError) for anything else; callers word the error for their option.
    """
    lowered = " ".join(text.lower().split())
    if lowered == "now":
        return current
    if match := _AGO.match(lowered):
        count = match.group(1)
        amount, unit = (1.0 if count in ("a", "an", "one") else float(count)), match.group(2)
        if unit not in _UNITS:
            raise ValueError(f"unknown unit {unit!r}")
        return current - timedelta(seconds=amount * _UNITS[unit])
    today = local(current).date()
    if lowered in _PART_OF_DAY:
        back, hour = _PART_OF_DAY[lowered]
        return _at_clock(today - timedelta(days=back), hour, 0)
    if match := _DAY_WORD.match(lowered):
        day = today - timedelta(days=1) if match.group(1) == "yesterday" else today
        if match.group(2) is None:
            # A bare "yesterday" means its middle; a bare "today" means now.
            return current if day == today else _at_clock(day, 12, 0)
        return _at_clock(day, int(match.group(2)), int(match.group(3) or 0))
    moment = _fromiso(text)
    if len(text.strip()) == 10:  # a date alone: its middle, or now when that is today
        if moment.date() == today:
            return current
        moment = moment.replace(hour=12)
    return moment if moment.tzinfo is not None else localize_wall(moment)


def parse_when(text: str, current: datetime) -> datetime:
    """Turn an `--at` value into an aware time; refuse unreadable and future times."""
    try:
        moment = read_time(text, current)
    except WallClockError as exc:
        raise UsageError(f"--at: {exc}") from None
    except (ValueError, OverflowError):
        raise UsageError(f"--at must be {AT_FORMS} (got {text!r})") from None
    if moment > current:
        raise UsageError(f"--at {text!r} is in the future; a journal entry records what already happened")
    if moment.year < FIRST_YEAR:
        raise UsageError(f"--at {text!r} is before {FIRST_YEAR}; give a date from {FIRST_YEAR} on")
    return moment


def read_days_ago(text: str, current: datetime) -> float:
    """How many days ago, from a number of days or any time `read_time` reads ('yesterday', '3 hours').

    Raises ValueError for anything else, and for a time in the future.
    """
    stripped = text.strip()
    try:
        days = float(stripped)
    except ValueError:
        try:
            moment = read_time(stripped, current)
        except OverflowError:
            raise ValueError("too far back") from None
        if moment > current:
            raise ValueError("in the future") from None
        days = (current - moment).total_seconds() / 86400
    if not math.isfinite(days) or days < 0:
        raise ValueError("not a number of days")
    return round(days, 3)
