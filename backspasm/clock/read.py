"""One reader for the times and lengths people type: `--at`, onsets, `--since`, `--duration`.

Every length (`15m`, `90s`, `1m30s`, `2 hours`, `a week`) goes through one table of units, so
"3 hours ago" and `--duration 3h` read the same word the same way.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time, timedelta

from backspasm.clock.now import FIRST_YEAR, WallClockError, _fromiso, local, localize_wall
from backspasm.errors import UsageError

DURATION_FORMS = "15m, 90s, 1m30s, 1h, or a bare number of minutes like 15"
AT_FORMS = "a date and time like 2024-03-01 18:00, 'yesterday 18:00', or '2h ago' / '3 days ago'"

# Every unit a person may type, in seconds.
UNITS: dict[str, float] = {
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), 1),
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes"), 60),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), 3600),
    **dict.fromkeys(("d", "day", "days"), 86400),
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks"), 604800),
}
_NUMBER = r"\d+(?:\.\d+)?"
_PART = re.compile(rf"\s*({_NUMBER}|an?|one)\s*([a-z]+)")
_BARE = re.compile(rf"^{_NUMBER}$")


def read_length(text: str) -> float:
    """Seconds from one or more amounts with units: `15m`, `1m30s`, `2 hours`, `a week`.

    Raises ValueError for anything else (a bare number has no unit here).
    """
    raw = " ".join(text.lower().split())
    seconds, at = 0.0, 0
    while at < len(raw):
        match = _PART.match(raw, at)
        if match is None or match.group(2) not in UNITS:
            raise ValueError(f"not a length of time: {text!r}")
        count = match.group(1)
        seconds += (1.0 if count in ("a", "an", "one") else float(count)) * UNITS[match.group(2)]
        at = match.end()
    if at == 0:
        raise ValueError("empty")
    return seconds


def parse_duration(text: str, option: str = "--duration") -> float:
    """Seconds from `15m`, `90s`, `1m30s`, `1h` or a bare number of minutes; zero or less is refused."""
    raw = text.strip().lower()
    sign = -1.0 if raw.startswith("-") else 1.0
    raw = raw.lstrip("+-").strip()
    if _BARE.match(raw):
        seconds = sign * float(raw) * 60
    else:
        try:
            seconds = sign * read_length(raw)
        except (ValueError, OverflowError):
            raise UsageError(f"{option} '{text}' is not a length of time; use {DURATION_FORMS}") from None
    if not math.isfinite(seconds) or seconds <= 0:
        raise UsageError(f"{option} '{text}' must be longer than zero; use {DURATION_FORMS}")
    return seconds


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
    length = lowered.removesuffix(" ago") if lowered.endswith(" ago") else lowered
    if length[:1].isdigit() or length.split(" ")[0] in ("a", "an", "one"):
        try:
            return current - timedelta(seconds=read_length(length))
        except ValueError:
            pass  # not a length: perhaps a date such as 2024-03-01
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


def read_past(text: str, current: datetime, option: str, *, future: str) -> datetime:
    """A past moment typed for `option` (`--at`, `--since`); unreadable, future or too old is a usage error.

    `future` says, after "is in the future;", why it must be past.
    """
    try:
        moment = read_time(text, current)
    except WallClockError as exc:
        raise UsageError(f"{option}: {exc}") from None
    except (ValueError, OverflowError):
        raise UsageError(f"{option} must be {AT_FORMS} (got {text!r})") from None
    if moment > current:
        raise UsageError(f"{option} {text!r} is in the future; {future}")
    if moment.year < FIRST_YEAR:
        raise UsageError(f"{option} {text!r} is before {FIRST_YEAR}; give a date from {FIRST_YEAR} on")
    return moment


def parse_when(text: str, current: datetime) -> datetime:
    """Turn an `--at` value into an aware time; refuse unreadable and future times."""
    return read_past(text, current, "--at", future="a journal entry records what already happened")


def read_onset(text: str, current: datetime) -> datetime:
    """When this episode began (`--since`, or typed at a question); refuse unreadable and future times."""
    return read_past(text, current, "--since", future="give when this episode of back pain began")


# How long ago something may have begun, in days (100 years): a back spasm's onset, in every form
# it is given (typed, in an answers file, in an imported journal).
DAYS_AGO_MAX = 36_500


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
    if days > DAYS_AGO_MAX:
        raise ValueError("more than 100 years ago")
    return round(days, 3)
