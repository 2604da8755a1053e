"""The one idea of now: BACKSPASM_NOW or the system clock, local time, and stored timestamps.

Tests (and goldens) fix the time with BACKSPASM_NOW, an ISO 8601 date and time with offset;
its offset then also stands in for the local time zone, so output does not depend on the machine.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import date, datetime, timezone, tzinfo

from backspasm.errors import UsageError

NOW_ENV = "BACKSPASM_NOW"

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
# How long ago something may have begun, in days (100 years): a back spasm's onset, in every form
# it is given (typed, in an answers file, in an imported journal). Here rather than in clock.read,
# whose patterns cost 3 ms to compile, so that the journal's readers (storage.columns) stay light.
DAYS_AGO_MAX = 36_500


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


def at_wall(wall: float) -> datetime:
    """The local time of a wall-clock reading (seconds since the epoch), as records store it."""
    return local(datetime.fromtimestamp(wall, timezone.utc))


def local_zone_modifier() -> str:
    """How SQLite's date() reaches the local day of a stored time, as local_days does in Python.

    'localtime' asks the C library, as Python's astimezone() does; BACKSPASM_NOW's offset is a
    shift in minutes.
    """
    zone = _override_zone()
    if zone is None:
        return "localtime"
    offset = zone.utcoffset(None)
    minutes = 0 if offset is None else int(offset.total_seconds() // 60)
    return f"{minutes:+d} minutes"
