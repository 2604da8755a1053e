"""When this episode began (`--since`), and which protocol suits that phase.

Ice suits the first 48–72 hours after onset and heat the time after (seed 003; the evidence
favours heat overall): shared/clinical-reference.md section 3.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from backspasm.errors import UsageError

if TYPE_CHECKING:
    from backspasm.kb.loader import KnowledgeBase
    from backspasm.kb.models import Protocol

SINCE_FORMS = "a date or date and time like 2024-03-01 or 2024-03-01 18:00, or a time ago like '2 days ago' or '6h ago'"

# Ice is the suggestion up to this long after onset, heat after it.
EARLY_HOURS = 72


def parse_since(text: str, now: datetime) -> datetime:
    """The onset from an ISO date/time (local unless it has an offset) or '2 days ago' / '6h ago'."""
    from backspasm.journal.clock import read_time

    try:
        onset = read_time(text, now)
    except (ValueError, OverflowError):
        raise UsageError(f"--since '{text}' is not a time; use {SINCE_FORMS}") from None
    if onset > now:
        raise UsageError(f"--since '{text}' is in the future; give when this episode of back pain began")
    return onset


@dataclass(frozen=True)
class Suggestion:
    """The protocol that suits the phase, and why, in words."""

    protocol: Protocol
    phase: str
    why: str


def suggest_protocol(kb: KnowledgeBase, onset: datetime, now: datetime) -> Suggestion:
    """Ice (an `early` protocol) in the first 72 hours after onset, heat (a `later` one) after."""
    hours = max(0.0, (now - onset).total_seconds() / 3600)
    phase = "early" if hours < EARLY_HOURS else "later"
    chosen = next((p for p in kb.protocols if phase in p.phases), None)
    if chosen is None:
        raise UsageError(f"the knowledge base has no protocol for the {phase} phase; name one ('backspasm protocols')")
    age = f"{hours:.0f} hours" if hours < 48 else f"{hours / 24:.1f} days"
    if phase == "early":
        why = f"the pain began {age} ago: in the first 48–72 hours cold is the usual choice"
    else:
        why = f"the pain began {age} ago: after the first 72 hours heat is the usual choice (the evidence favours it)"
    return Suggestion(chosen, phase, why)
