"""Pain by day: the numbers behind every trend the journal draws (table, sparkline, chart).

The store sums each local day up (storage.pain_index.PainIndex.days); this draws them.
"""

from datetime import date, timedelta
from typing import NamedTuple

# Eight heights for pain 0..10; a day without entries is a gap, never a zero.
_BARS = "▁▂▃▄▅▆▇█"
NO_ENTRY = "·"


class DayPain(NamedTuple):
    """The pain entries of one local day, summed up."""

    day: date
    count: int  # type: ignore[assignment]  # the field shadows tuple.count, which nothing here calls
    low: int
    high: int
    mean: float


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
