"""What the report needs of a window's pain entries, summed up: days, the latest, remedies tried, notes.

A year can hold hundreds of thousands of entries; the report shows them only summed up, and the
store answers each question itself (storage.pain_index.PainIndex.summary), reading no entry whole.
"""

from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from backspasm.journal.trend import DayPain
from backspasm.storage.journal import PainEntry

if TYPE_CHECKING:
    from backspasm.storage.db import Connection

# How many of the latest notes the report quotes.
NOTES_SHOWN = 10


class RemedyCount(NamedTuple):
    """How often one remedy was named in the window's entries, and when it last was."""

    remedy: str
    times: int
    last: datetime


class WindowSummary(NamedTuple):
    """The window's pain entries summed up, as the report reads them."""

    count: int  # type: ignore[assignment]  # the field shadows tuple.count, which nothing here calls
    # The days with entries, oldest first: every day of the window, or the last days asked for
    # (summarise's `days_from`) and the window's first day before them.
    days: list[DayPain] = []
    latest: PainEntry | None = None
    # Each remedy named, in the order it was first named (oldest entry first).
    tried: list[RemedyCount] = []
    notes_count: int = 0
    # The latest entries with a note, newest first (at most NOTES_SHOWN).
    notes: list[PainEntry] = []


def summarise(conn: "Connection", start: datetime, now: datetime, days_from: datetime | None = None) -> WindowSummary:
    """The pain entries from `start` to `now`, summed up by the store.

    With `days_from`, the days are summed up from then on, and the window's first day before
    them: what the report shows (its chart's last 90 days, and the first and latest day).
    """
    from backspasm.storage.pain_index import PainIndex

    count, day_rows, latest, tried_rows, notes_count, notes = PainIndex(conn, start, now).summary(days_from)
    return WindowSummary(
        count=count,
        days=[DayPain(day, n, low, high, mean) for day, n, low, high, mean in day_rows],
        latest=latest,
        tried=[RemedyCount(remedy, times, last) for remedy, times, last in tried_rows],
        notes_count=notes_count,
        notes=notes,
    )
