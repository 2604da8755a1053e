"""Before a session or stretch: what a recent triage (or new symptoms told to `log`) says to do first."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Reminder:
    """What a recent triage said, and what to do about it now."""

    level: str
    said: str
    headline: str
    # What to do before starting, when it is not "get seen first" (new symptoms: triage first).
    first: str | None = None
