"""Is the pain improving, the same or worse? The journal read the way patients feel a change.

Clinical reference v3, "Reading the journal", after Farrar 2001 (a change of 2 points or 30% on a
0-10 scale is the smallest that matters to patients):

- A day's pain is that day's highest entry (a triage's pain score counts as an entry).
- *Improving*: the latest day is at least 2 points, or 30%, below the episode's worst day.
- *Worse*: the latest day is above the worst day, or at least 2 points above the lowest day
  since the worst day (a relapse counts). Worse wins when both hold (8, 3, 6: down 2 from the
  worst, but up 3 from the low).
- Neither is *the same*.

The worst day is the highest day before the latest one (the later of equals: the latest peak),
and the lowest day the lowest since then (the later of equals), so the latest day is always read
against what came before it.
"""

from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

IMPROVING, SAME, WORSE = "improving", "same", "worse"
# Farrar 2001: the smallest change that matters, in points and as a share of the worst day.
MIN_POINTS = 2
MIN_SHARE_PERCENT = 30


class DayHigh(NamedTuple):
    """One local day of the episode and its highest pain score."""

    day: date
    pain: int


class PainTrend(NamedTuple):
    """The latest day read against the days before it."""

    trend: str
    latest: DayHigh
    # The worst day before the latest, and the lowest day from it up to the latest.
    worst: DayHigh
    lowest: DayHigh
    # Whether any day of the episode (the latest included) was improving when it came.
    eased_some_day: bool


def eased(pain: int, worst: int) -> bool:
    """At least 2 points, or 30%, below the worst day."""
    return worst - pain >= MIN_POINTS or 100 * (worst - pain) >= MIN_SHARE_PERCENT * worst > 0


def _classify(latest: DayHigh, worst: DayHigh, lowest: DayHigh) -> str:
    if latest.pain > worst.pain or latest.pain - lowest.pain >= MIN_POINTS:
        return WORSE
    return IMPROVING if eased(latest.pain, worst.pain) else SAME


def read(days: Sequence[DayHigh]) -> PainTrend | None:
    """The trend of an episode's days (oldest first, one per day); None with fewer than two days.

    One pass: each day is read against the days before it as they stood then (a year-long
    episode is a few hundred days, read every time `log` runs).
    """
    if len(days) < 2:
        return None
    worst = lowest = days[0]
    some_day = False
    for day in days[1:-1]:
        some_day = some_day or _classify(day, worst, lowest) == IMPROVING
        if day.pain >= worst.pain:  # a new (or equal, later) peak: the low is counted from it
            worst = lowest = day
        elif day.pain <= lowest.pain:  # the later of equal lows
            lowest = day
    trend = _classify(days[-1], worst, lowest)
    return PainTrend(trend, days[-1], worst, lowest, some_day or trend == IMPROVING)


def day_highs(pains: Sequence[tuple[date, int]]) -> list[DayHigh]:
    """(local day, pain) pairs as one DayHigh per day, oldest first."""
    highest: dict[date, int] = {}
    for day, pain in pains:
        highest[day] = max(pain, highest.get(day, pain))
    return [DayHigh(day, pain) for day, pain in sorted(highest.items())]
