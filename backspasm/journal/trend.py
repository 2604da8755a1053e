"""Pain by day: the numbers behind every trend the journal draws (table, sparkline, chart)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from backspasm.clock.now import local_days
from backspasm.storage.journal import PainEntry
from backspasm.storage.pain_entries import PainPoint

# Eight heights for pain 0..10; a day without entries is a gap, never a zero.
_BARS = "▁▂▃▄▅▆▇█"
NO_ENTRY = "·"


@dataclass(frozen=True)
class DayPain:
    """The pain entries of one local day, summed up."""

    day: date
    count: int
    low: int
    high: int
    mean: float


def daily(entries: Sequence[PainEntry]) -> list[DayPain]:
    """One DayPain per local day that has entries, oldest first."""
    return _by_day([e.at for e in entries], [e.pain for e in entries])


def daily_points(points: Sequence[PainPoint]) -> list[DayPain]:
    """One DayPain per local day, from (time, id, score) points (storage.pain_entries.pain_points)."""
    return _by_day([point[0] for point in points], [point[2] for point in points])


def _by_day(moments: list[datetime], pains: list[int]) -> list[DayPain]:
    by_day: dict[date, list[int]] = defaultdict(list)
    for day, pain in zip(local_days(moments), pains, strict=True):
        by_day[day].append(pain)
    return [
        DayPain(day, len(pains), min(pains), max(pains), sum(pains) / len(pains))
        for day, pains in sorted(by_day.items())
    ]


def spark(value: float) -> str:
    """One block character for a pain from 0 to 10."""
    return _BARS[min(int(value / 10 * len(_BARS)), len(_BARS) - 1)]


def sparkline(days: list[DayPain], first: date, last: date, measure: str = "mean") -> str:
    """Each day's pain from `first` to `last` as block characters, `·` for days without entries.

    `measure` is "mean" (the day's average) or "high" (its highest entry, as the journal's rules read a day).
    """
    by_day = {d.day: d for d in days}
    out = []
    day = first
    while day <= last:
        found = by_day.get(day)
        out.append(NO_ENTRY if found is None else spark(found.high if measure == "high" else found.mean))
        day += timedelta(days=1)
    return "".join(out)
