"""What the journal says about today, as plain values: the input of the plan (today/plan.py).

today/actions.py reads the store into these; tests build them by hand. Named tuples, not
dataclasses: each dataclass costs about half a millisecond to define when the program starts,
and `today` runs on the light path.
"""

from collections.abc import Mapping
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import Any, NamedTuple

from backspasm.view_values.escalation import Fired as Fired

NO_ANSWERS: Mapping[str, Any] = MappingProxyType({})


class SessionRow(NamedTuple):
    """An ice or heat session from the journal; `running` when its process is still going."""

    id: int
    protocol: str
    started_at: datetime
    ended_at: datetime | None
    applied_seconds: float
    status: str
    running: bool = False


def session_end(session: SessionRow) -> datetime:
    """When a session ended (or was last seen): the stored end, else its start plus the time applied."""
    return session.ended_at or session.started_at + timedelta(seconds=session.applied_seconds)


class StretchRow(NamedTuple):
    """A stretch routine run from the journal."""

    id: int
    routine: str
    started_at: datetime
    status: str


class PainRow(NamedTuple):
    """A pain entry from the journal."""

    id: int
    at: datetime
    pain: int


class Journal(NamedTuple):
    """What the journal says, as plain values (read by today.actions)."""

    now: datetime
    # True when the journal holds anything at all (to tell "nothing yet" from "no spasm now").
    has_rows: bool = False
    # The onset of the current episode, decided once by the journal's facts (journal/facts.py):
    # the latest triage's answer, else the journal's first entry; None when there is no episode.
    episode_start: datetime | None = None
    # When the triage that gave the onset was run; None when the journal's first entry did.
    onset_triage_at: datetime | None = None
    # The answers of the latest triage in the last two weeks (for cautions and the place of the pain).
    triage_answers: Mapping[str, Any] = NO_ANSWERS
    # Pain entries of today, oldest first, and the journal's reading of the latest day
    # (journal/pain_trend.py: improving, same or worse; None when it cannot tell).
    pain_today: tuple[PainRow, ...] = ()
    trend: str | None = None
    # Sessions since the start of yesterday (the last one's rest can reach into today), oldest first.
    sessions: tuple[SessionRow, ...] = ()
    stretches_today: tuple[StretchRow, ...] = ()
    fired: tuple[Fired, ...] = ()
    # When the latest weekly check-in (journal/peg.py) was made; None when there is none.
    latest_check_in: datetime | None = None


