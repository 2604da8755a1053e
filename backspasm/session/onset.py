"""When this episode began (`--since`), and which protocol suits that phase.

One boundary, the knowledge base's `phase_boundary`: in the early phase (the first 48 hours)
cold is the default suggestion, after it heat (the evidence favours heat overall), and cold stays
an option up to 72 hours: shared/clinical-reference.md section 3.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from backspasm.errors import UsageError

if TYPE_CHECKING:
    from backspasm.kb.loader import KnowledgeBase
    from backspasm.kb.views import Protocol

def parse_since(text: str, now: datetime) -> datetime:
    """The onset from an ISO date/time (local unless it has an offset) or '2 days ago' / '6h ago'."""
    from backspasm.clock.read import read_onset

    return read_onset(text, now)


@dataclass(frozen=True)
class Suggestion:
    """The protocol that suits the phase, and why, in words."""

    protocol: Protocol
    phase: str
    why: str


def suggest_protocol(kb: KnowledgeBase, onset: datetime, now: datetime) -> Suggestion:
    """Ice (the first `early` protocol) in the early phase, heat (the first `later` one) after it."""
    boundary = kb.phase_boundary
    hours = max(0.0, (now - onset).total_seconds() / 3600)
    phase = "early" if hours < boundary.early_hours else "later"
    kind = "cold" if phase == "early" else "heat"
    chosen = next((p for p in kb.protocols if phase in p.phases and p.kind == kind), None)
    chosen = chosen or next((p for p in kb.protocols if phase in p.phases), None)
    if chosen is None:
        raise UsageError(f"the knowledge base has no protocol for the {phase} phase; name one ('backspasm protocols')")
    early, cold_until = boundary.early_hours, boundary.cold_until_hours
    age = f"{hours:.0f} hours" if hours < 48 else f"{hours / 24:.1f}".removesuffix(".0") + " days"
    if phase == "early":
        why = f"the pain began {age} ago: in the first {early} hours cold is the usual first choice; heat is fine too"
    elif hours < cold_until:
        why = (
            f"the pain began {age} ago: after the first {early} hours heat is the usual choice "
            f"(the evidence favours it); cold is still an option up to {cold_until} hours"
        )
    else:
        why = (
            f"the pain began {age} ago: after the first {early} hours heat is the usual choice "
            "(the evidence favours it)"
        )
    return Suggestion(chosen, phase, why)
