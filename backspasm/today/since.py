"""`today --since WHEN`: when this episode began, read as `log --at` and the triage onset read times."""

from __future__ import annotations

from datetime import datetime

from backspasm.clock.now import FIRST_YEAR, WallClockError
from backspasm.clock.read import AT_FORMS, read_time
from backspasm.errors import UsageError


def read_since(text: str, now: datetime) -> datetime:
    """The onset given with --since; a time that cannot be read, or in the future, is a usage error."""
    try:
        moment = read_time(text, now)
    except WallClockError as error:
        raise UsageError(f"--since: {error}") from None
    except (ValueError, OverflowError):
        raise UsageError(f"--since must be {AT_FORMS} (got {text!r})") from None
    if moment > now:
        raise UsageError(f"--since {text!r} is in the future; give when this episode of back pain began")
    if moment.year < FIRST_YEAR:
        raise UsageError(f"--since {text!r} is before {FIRST_YEAR}; give a date from {FIRST_YEAR} on")
    return moment
