"""One reader for the times and lengths people type: `--at`, onsets, `--since`, `--duration`.

Every length (`15m`, `90s`, `1m30s`, `2 hours`, `a week`) goes through one table of units, so
"3 hours ago" and `--duration 3h` read the same word the same way.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time, timedelta

from backspasm.clock.now import DAYS_AGO_MAX, FIRST_YEAR, WallClockError, _fromiso, local, localize_wall
from backspasm.errors import UsageError

DURATION_FORMS = "15m, 90s, 1m30s, 1h, or a bare number of minutes like 15"
AT_FORMS = "a date and time like 2024-03-01 18:00, 'yesterday 18:00', '5am', 'monday', or '2h ago' / '3 days ago'"

# Every unit a person may type, in seconds.
UNITS: dict[str, float] = {
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), 1),
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes"), 60),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), 3600),
    **dict.fromkeys(("d", "day", "days"), 86400),
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks"), 604800),
}
# Numbers as words, and the vague amounts people use ("a few hours" is read as three).
NUMBER_WORDS: dict[str, float] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "a": 1, "an": 1, "half": 0.5, "few": 3, "couple": 2, "several": 3,
}  # fmt: skip
_NUMBER = r"\d+(?:\.\d+)?"
_COUNT = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_PART = re.compile(rf"\s*({_NUMBER}|(?:{_COUNT})\b)\s*([a-z]+)")
_BARE = re.compile(rf"^{_NUMBER}$")
_LATER = re.compile(rf"^in\s+(?:{_NUMBER}|(?:{_COUNT})\b)")  # "in 2 days": a time still to come
# Words around an amount that do not change it: "about 2 days", "a couple of hours", "1 hour and 30 minutes".
_FILLER = re.compile(r"\b(?:about|around|roughly|approximately|approx|almost|nearly|just|over|of|and)\b|,")


def read_length(text: str) -> float:
    """Seconds from one or more amounts with units: `15m`, `1m30s`, `2 hours`, `a week`, `two days`, `a few hours`.

    Raises ValueError for anything else (a bare number has no unit here).
    """
    raw = " ".join(_FILLER.sub(" ", text.lower()).split())
    raw = raw.replace("half an ", "half ").replace("half a ", "half ").replace("a few ", "few ")
    raw = raw.replace("a couple ", "couple ")
    seconds, at = 0.0, 0
    while at < len(raw):
        match = _PART.match(raw, at)
        if match is None or match.group(2) not in UNITS:
            raise ValueError(f"not a length of time: {text!r}")
        count = match.group(1)
        seconds += (NUMBER_WORDS[count] if count in NUMBER_WORDS else float(count)) * UNITS[match.group(2)]
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


# Parts of a day as people say them: (days back, the hour they stand for, the hour they begin).
_PART_OF_DAY = {
    "this morning": (0, 8, 0),
    "this afternoon": (0, 14, 12),
    "this evening": (0, 19, 17),
    "tonight": (0, 21, 17),
    "earlier today": (0, 12, 0),
    "last night": (1, 22, 18),
    "yesterday morning": (1, 8, 0),
    "yesterday afternoon": (1, 14, 12),
    "yesterday evening": (1, 19, 17),
    "yesterday night": (1, 22, 18),
}
_PARTS = {"morning": (8, 0), "afternoon": (14, 12), "evening": (19, 17), "night": (22, 18)}
DAYS_AGO_FORMS = "a number of days, or words like 'yesterday', 'this morning', '3 hours', 'monday' or '5am'"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_CLOCK = r"(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?"
_CLOCK_ALONE = re.compile(rf"^(?:at\s+)?{_CLOCK}$")
_DAY_WORD = re.compile(rf"^(today|yesterday)(?:\s+(?:at\s+)?{_CLOCK})?$")
_WEEKDAY = re.compile(
    r"^(?:on\s+|last\s+)?(" + "|".join(w[:3] + f"(?:{w[3:]})?" for w in WEEKDAYS) + r")"
    rf"(?:\s+(morning|afternoon|evening|night)|\s+(?:at\s+)?{_CLOCK})?$"
)


class NotYet(ValueError):
    """A time of today that has not come yet ("this evening" at noon): never a moment in the past."""


def _hour(hour: str, minute: str | None, half: str | None) -> tuple[int, int]:
    """A clock time as (hour, minute) on the 24-hour clock: "5", "30", "pm" is (17, 30)."""
    h, m = int(hour), int(minute or 0)
    if half is not None:
        if not 1 <= h <= 12:
            raise ValueError("not a time of day")
        h = h % 12 + (12 if half.startswith("p") else 0)
    return h, m


def _at_clock(day: date, hour: int, minute: int) -> datetime:
    if hour > 23 or minute > 59:
        raise ValueError("not a time of day")
    return localize_wall(datetime.combine(day, time(hour, minute)))


def _part_of_today(current: datetime, hour: int, begins: int) -> datetime:
    """A part of today ("this morning"): its usual hour, or, when that is still to come, a time in it so far."""
    today = local(current).date()
    nominal = _at_clock(today, hour, 0)
    if nominal <= current:
        return nominal
    start = _at_clock(today, begins, 0)
    if start > current:
        raise NotYet("it has not come yet")
    return start + (current - start) / 2  # "this morning" at 06:00: the middle of the morning so far


def read_time(text: str, current: datetime) -> datetime:
    """A past moment as people write it: ISO date/time, now, today/yesterday [18:00], '2h ago', 'two days',
    'this morning', 'monday', '5am' (today, or yesterday when 5am is still to come).

    Raises ValueError (or OverflowError) for anything else, NotYet for a part of today still to
    come; callers word the error for their option.
    """
    lowered = " ".join(text.lower().split())
    lowered = lowered.removeprefix("since ").removeprefix("about ").removeprefix("around ")
    if lowered in ("now", "just now", "right now"):
        return current
    if lowered.startswith(("tomorrow", "next ")) or _LATER.match(lowered):
        raise NotYet("it is in the future")
    length = lowered.removesuffix(" ago") if lowered.endswith(" ago") else lowered
    if length.removesuffix(" back")[:1].isdigit() or length.split(" ")[0] in NUMBER_WORDS:
        try:
            return current - timedelta(seconds=read_length(length.removesuffix(" back")))
        except ValueError:
            pass  # not a length: perhaps a date such as 2024-03-01, or a clock time such as 5am
    today = local(current).date()
    if lowered in _PART_OF_DAY:
        back, hour, begins = _PART_OF_DAY[lowered]
        if back == 0:
            return _part_of_today(current, hour, begins)
        return _at_clock(today - timedelta(days=back), hour, 0)
    if match := _DAY_WORD.match(lowered):
        day = today - timedelta(days=1) if match.group(1) == "yesterday" else today
        if match.group(2) is None:
            # A bare "yesterday" means its middle; a bare "today" means now.
            return current if day == today else _at_clock(day, 12, 0)
        return _at_clock(day, *_hour(match.group(2), match.group(3), match.group(4)))
    if match := _CLOCK_ALONE.match(lowered):
        if match.group(2) is None and match.group(3) is None:
            raise ValueError("a bare number is not a time of day")
        moment = _at_clock(today, *_hour(match.group(1), match.group(2), match.group(3)))
        # A clock time alone is the latest one that has passed: 5am at 03:00 is yesterday's.
        return moment if moment <= current else _at_clock(today - timedelta(days=1), moment.hour, moment.minute)
    if match := _WEEKDAY.match(lowered):
        return _weekday(match, lowered, today, current)
    moment = _fromiso(text)
    if len(text.strip()) == 10:  # a date alone: its middle, or now when that is today
        if moment.date() == today:
            return current
        moment = moment.replace(hour=12)
    return moment if moment.tzinfo is not None else localize_wall(moment)


def _weekday(match: re.Match[str], lowered: str, today: date, current: datetime) -> datetime:
    """'monday', 'last monday', 'monday evening', 'monday 5pm': the latest such day that has passed."""
    wanted = next(index for index, name in enumerate(WEEKDAYS) if name.startswith(match.group(1)[:3]))
    back = (today.weekday() - wanted) % 7
    if back == 0 and lowered.startswith("last "):
        back = 7
    day = today - timedelta(days=back)
    if match.group(2) is not None:
        hour, begins = _PARTS[match.group(2)]
        if day == today:
            try:
                return _part_of_today(current, hour, begins)
            except NotYet:
                day -= timedelta(days=7)  # "monday evening" on Monday morning: last week's
        return _at_clock(day, hour, 0)
    if match.group(3) is not None:
        moment = _at_clock(day, *_hour(match.group(3), match.group(4), match.group(5)))
    else:
        moment = _at_clock(day, 12, 0)  # a day alone: its middle (or now, for today)
    if moment > current:
        if day == today and match.group(3) is None:
            return current
        moment -= timedelta(days=7)  # "monday 5pm" on Monday morning: last week's
    return moment


def read_past(text: str, current: datetime, option: str, *, future: str) -> datetime:
    """A past moment typed for `option` (`--at`, `--since`); unreadable, future or too old is a usage error.

    `future` says, after "is in the future;", why it must be past.
    """
    try:
        moment = read_time(text, current)
    except WallClockError as exc:
        raise UsageError(f"{option}: {exc}") from None
    except NotYet as exc:
        raise UsageError(f"{option} must be {AT_FORMS} (got {text!r}: {exc}; {future})") from None
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


def read_days_ago(text: str, current: datetime) -> float:
    """How many days ago, from a number of days or any time `read_time` reads ('yesterday', '3 hours').

    Raises ValueError for anything else, and for a time in the future; its message says why, in
    words a person reads at the prompt (`days_ago_problem`).
    """
    stripped = text.strip()
    if not stripped:
        raise ValueError("nothing was typed")
    try:
        days = float(stripped)
    except ValueError:
        try:
            moment = read_time(stripped, current)
        except NotYet as exc:
            raise ValueError(f"{stripped!r}: {exc}") from None
        except OverflowError:
            raise ValueError(f"{stripped!r} is too far back") from None
        except ValueError:
            raise ValueError(f"{stripped!r} is not a time I can read") from None
        if moment > current:
            raise ValueError(f"{stripped!r}: it is in the future") from None
        days = (current - moment).total_seconds() / 86400
    if not math.isfinite(days):
        raise ValueError(f"{stripped!r} is not a number of days")
    if days < 0:
        raise ValueError(f"{stripped!r} is less than zero days")
    if days > DAYS_AGO_MAX:
        raise ValueError(f"{stripped!r} is more than 100 years ago")
    return round(days, 3)


def days_ago_problem(text: str, current: datetime) -> str | None:
    """Why an answer to "how long ago?" was refused, and what to type instead; None when it is read."""
    try:
        read_days_ago(text, current)
    except ValueError as exc:
        return f"{exc}. Please type {DAYS_AGO_FORMS}."
    return None
