"""What helped this person: each remedy they logged, against their next pain entry within 4 hours.

Pure: entries come in as values, in time order; nothing is read, printed or asked here. The same
numbers feed `remedies --mine`, the doctor report's "What you tried and how your pain changed"
and the suggestions of `plan write`. They are the person's own experience, not evidence: a pain
that eases after a remedy may have eased anyway (spasms ease by themselves over days).

- A *trial* is a pain entry that names a remedy (`log --tried X`): the pain logged with it, and
  the pain of the next entry if one came within 4 hours (FOLLOW_UP), else none.
- Per remedy: how many times it was tried, how many of those had a next entry to compare with,
  the median change (next minus with; negative is less pain), and how many times pain fell by
  2 points or more (FELL_BY: the smallest change that matters to patients, Farrar 2001).
"""

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import NamedTuple

# How soon the next pain entry must come to say how the pain changed after a remedy.
FOLLOW_UP = timedelta(hours=4)
# A fall of this many points is one that matters to patients (Farrar 2001).
FELL_BY = 2

# What the screens say of these numbers, wherever they are shown.
OWN_EXPERIENCE = (
    "This is your own experience from your journal, not evidence: pain often eases by itself, so a remedy"
    " may get credit it did not earn."
)


class Trial(NamedTuple):
    """One time a remedy was logged: when, the pain logged with it, and the next pain within 4 hours (or None)."""

    remedy: str
    at: datetime
    pain: int
    after: int | None

    @property
    def change(self) -> int | None:
        """The next pain minus the pain logged with the remedy; None without a next entry in time."""
        return None if self.after is None else self.after - self.pain


class Helped(NamedTuple):
    """One remedy, as the journal shows it worked for this person."""

    remedy: str
    tried: int
    compared: int  # the times a pain entry followed within 4 hours
    median_change: float | None  # None when none did
    fell: int  # the times pain fell by FELL_BY points or more

    def as_data(self) -> dict[str, object]:
        """JSON-ready values."""
        return {
            "remedy": self.remedy,
            "tried": self.tried,
            "compared": self.compared,
            "median_change": self.median_change,
            "fell_by_2_or_more": self.fell,
        }


# An entry as this module reads it: when, the pain, the remedies it names.
Entry = tuple[datetime, int, Sequence[str]]
# An entry with the next one (its time and pain; None when it is the last).
Pair = tuple[datetime, int, Sequence[str], "datetime | None", "int | None"]


def _median(values: Sequence[float]) -> float:
    # statistics.median, without its import (4 ms of `report`'s start).
    ordered = sorted(values)
    middle = len(ordered) // 2
    return float(ordered[middle]) if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def pairs(entries: Iterable[Entry]) -> list[Pair]:
    """Each entry that names a remedy, with the entry after it (`entries` in time order)."""
    out: list[Pair] = []
    waiting: Entry | None = None
    for entry in entries:
        if waiting is not None:
            out.append((*waiting, entry[0], entry[1]))
        waiting = entry if entry[2] else None
    if waiting is not None:
        out.append((*waiting, None, None))
    return out


def trials(found: Iterable[Pair]) -> list[Trial]:
    """The trials of entries paired with their next entry: one per remedy named, compared only within 4 hours."""
    out = []
    for at, pain, remedies, next_at, next_pain in found:
        after = next_pain if next_at is not None and timedelta(0) <= next_at - at <= FOLLOW_UP else None
        out += [Trial(remedy, at, pain, after) for remedy in dict.fromkeys(remedies)]
    return out


def what_helped(tried: Iterable[Trial]) -> list[Helped]:
    """Per remedy, in the order each was first tried: times tried, compared, median change, falls of 2 or more."""
    by_remedy: dict[str, list[Trial]] = {}
    for trial in tried:
        by_remedy.setdefault(trial.remedy, []).append(trial)
    out = []
    for remedy, found in by_remedy.items():
        changes = [change for trial in found if (change := trial.change) is not None]
        middle = _median(changes) if changes else None
        out.append(Helped(remedy, len(found), len(changes), middle, sum(change <= -FELL_BY for change in changes)))
    return out


def from_entries(entries: Iterable[Entry]) -> list[Helped]:
    """what_helped of pain entries in time order (when, pain, remedies named)."""
    return what_helped(trials(pairs(entries)))


# Entries counted (storage.pain_entries.tried_with_next): the remedies named, the change from the
# pain logged with them to the next pain within 4 hours (None without one), and how many entries were so.
Counted = tuple[Sequence[str], "int | None", int]


def _counted_median(changes: dict[int, int]) -> float:
    """The median of values given as {value: how many times} (the same as _median of them all)."""
    total = sum(changes.values())
    wanted = (total - 1) // 2, total // 2  # the middle place, or the two middle places
    found: list[int] = []
    seen = 0
    for value in sorted(changes):
        seen += changes[value]
        while len(found) < 2 and seen > wanted[len(found)]:
            found.append(value)
    return float(found[0]) if total % 2 else (found[0] + found[1]) / 2


def from_counts(counted: Iterable[Counted]) -> list[Helped]:
    """what_helped of counted entries: the same numbers, without a Trial per entry (a journal may hold a million)."""
    tried: dict[str, int] = {}
    changes: dict[str, dict[int, int]] = {}
    for remedies, change, count in counted:
        for remedy in dict.fromkeys(remedies):
            tried[remedy] = tried.get(remedy, 0) + count
            found = changes.setdefault(remedy, {})
            if change is not None:
                found[change] = found.get(change, 0) + count
    out = []
    for remedy, times in tried.items():
        found = changes[remedy]
        compared = sum(found.values())
        middle = _counted_median(found) if compared else None
        fell = sum(n for change, n in found.items() if change <= -FELL_BY)
        out.append(Helped(remedy, times, compared, middle, fell))
    return out


def helped_first(found: Iterable[Helped]) -> list[Helped]:
    """Most often followed by a fall of 2 or more first, then the larger median fall; untested last."""
    return sorted(
        found,
        key=lambda h: (
            -(h.fell / h.compared) if h.compared else 1.0,
            h.median_change if h.median_change is not None else 99.0,
            -h.tried,
        ),
    )


def suggestions(found: Iterable[Helped]) -> list[Helped]:
    """The remedies after which pain fell by 2 or more at least once, most helpful first (for `plan write`)."""
    return helped_first(h for h in found if h.fell)


def change_words(change: float) -> str:
    """A median change as people read it: "down 2", "up 1.5", "no change"."""
    if change == 0:
        return "no change"
    shown = f"{abs(change):g}"
    return f"down {shown}" if change < 0 else f"up {shown}"


def summary_words(helped: Helped) -> str:
    """One remedy in a short phrase: "tried 3 times: median down 2; down by 2+ in 2 of 3", "tried once: up 1"."""
    times = "once" if helped.tried == 1 else f"{helped.tried} times"
    if helped.median_change is None:
        return f"tried {times}; no pain entry within 4 hours after"
    some = "" if helped.compared == helped.tried else f", {helped.compared} with a pain entry within 4 h"
    if helped.compared == 1:  # one change: no median, no count of falls
        return f"tried {times}{some}: {change_words(helped.median_change)}"
    fell = f"down by {FELL_BY}+ in {helped.fell} of {helped.compared}"
    return f"tried {times}{some}: median {change_words(helped.median_change)}; {fell}"
