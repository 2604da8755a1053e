"""What the report needs of a window's pain entries, summed up: days, the latest, remedies tried, notes.

A month can hold thousands of entries; the report shows them only summed up. `summarise` works
it out from entries (the pure path, and the one for a store holding odd rows); the store can
answer the same questions itself (storage.pain_index.PainIndex.summary), reading no entry whole.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from backspasm.journal.trend import DayPain, daily
from backspasm.storage.journal import PainEntry

# How many of the latest notes the report quotes.
NOTES_SHOWN = 10


@dataclass(frozen=True)
class RemedyCount:
    """How often one remedy was named in the window's entries, and when it last was."""

    remedy: str
    times: int
    last: datetime


@dataclass(frozen=True)
class WindowSummary:
    """The window's pain entries summed up, as the report reads them."""

    count: int
    days: list[DayPain] = field(default_factory=list)
    latest: PainEntry | None = None
    # Each remedy named, in the order it was first named (oldest entry first).
    tried: list[RemedyCount] = field(default_factory=list)
    notes_count: int = 0
    # The latest entries with a note, newest first (at most NOTES_SHOWN).
    notes: list[PainEntry] = field(default_factory=list)


def summarise(entries: list[PainEntry]) -> WindowSummary:
    """The summary of entries given oldest first."""
    times: dict[str, int] = {}
    last: dict[str, datetime] = {}
    for entry in entries:
        for remedy in entry.tried:
            times[remedy] = times.get(remedy, 0) + 1
            last[remedy] = entry.at
    noted = [e for e in entries if e.note]
    return WindowSummary(
        count=len(entries),
        days=daily(entries),
        latest=entries[-1] if entries else None,
        tried=[RemedyCount(remedy, n, last[remedy]) for remedy, n in times.items()],
        notes_count=len(noted),
        notes=noted[-NOTES_SHOWN:][::-1],
    )
