"""When the flare-up plan comes first on `today`, `log` and the welcome (issue 20).

Pure: the journal's recent pain entries and triage times come in as values. The plan comes
first for a day (SHOWN_FOR) after any of:
- a new episode: a triage, or a pain entry that is the first after 2 weeks without one;
- pain that rose by 3 points or more within a day;
- pain of 7 or more.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

# How long the plan keeps coming first after what brought it up.
SHOWN_FOR = timedelta(days=1)
# A pain entry after this long without one starts a new episode (as the journal's episode gap).
QUIET_GAP = timedelta(days=14)
# A rise this large within a day, or pain this high, brings the plan up.
JUMP = 3
JUMP_WITHIN = timedelta(days=1)
HIGH = 7
# How far back the pain entries must reach for `why` to decide (a gap before the last day).
LOOKBACK = SHOWN_FOR + QUIET_GAP


def why(now: datetime, pains: Sequence[tuple[datetime, int]], triages: Sequence[datetime]) -> str | None:
    """Why the plan comes first now, in a few words; None when it does not.

    `pains` are (time, score) from at least LOOKBACK before `now`, in time order; `triages`
    are the times of recent triage runs.
    """
    start = now - SHOWN_FOR
    recent = [(at, pain) for at, pain in pains if start <= at <= now]
    if any(start <= at <= now for at in triages):
        return "a new episode: you ran triage"
    if any(pain >= HIGH for _, pain in recent):
        return f"your pain reached {HIGH} or more"
    for at, pain in recent:
        if any(at - JUMP_WITHIN <= before < at and pain - earlier >= JUMP for before, earlier in pains):
            return f"your pain rose by {JUMP} or more within a day"
    older = [at for at, _ in pains if at < start]
    first_recent = recent[0][0] if recent else None
    if first_recent is not None:
        previous = older[-1] if older else None
        if previous is None or first_recent - previous >= QUIET_GAP:
            return "a new episode: your first entry in 2 weeks"
    return None
