"""When this episode began (`--since`), and which protocol suits that phase.

Ice suits the first 48–72 hours after onset and heat the time after (seed 003; the evidence
favours heat overall): shared/clinical-reference.md section 3.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from backspasm.errors import UsageError

if TYPE_CHECKING:
    from backspasm.kb.loader import KnowledgeBase
    from backspasm.kb.models import Protocol

SINCE_FORMS = "a date or date and time like 2024-03-01 or 2024-03-01 18:00, or a time ago like '2 days ago' or '6h ago'"

# Ice is the suggestion up to this long after onset, heat after it.
EARLY_HOURS = 72

_UNITS: dict[str, float] = {}
for _names, _seconds in (
    (("m", "min", "mins", "minute", "minutes"), 60),
    (("h", "hr", "hrs", "hour", "hours"), 3600),
    (("d", "day", "days"), 86400),
    (("w", "wk", "wks", "week", "weeks"), 604800),
):
    _UNITS.update(dict.fromkeys(_names, _seconds))
_AGO = re.compile(r"^(\d+(?:\.\d+)?)\s*([a-z]+)(?:\s+ago)?$")


def parse_since(text: str, now: datetime) -> datetime:
    """The onset from an ISO date/time (local time unless it has an offset) or '2 days ago' / '6h ago'."""
    lowered = " ".join(text.lower().split())
    onset: datetime | None = None
    if match := _AGO.match(lowered):
        unit = _UNITS.get(match.group(2))
        if unit is not None:
            try:
                onset = now - timedelta(seconds=float(match.group(1)) * unit)
            except OverflowError:
                onset = None
    else:
        onset = _parse_iso(text.strip())
    if onset is None:
        raise UsageError(f"--since '{text}' is not a time; use {SINCE_FORMS}")
    if onset > now:
        raise UsageError(f"--since '{text}' is in the future; give when this episode of back pain began")
    return onset


def _parse_iso(text: str) -> datetime | None:
    # Python 3.10 does not read a trailing Z (UTC) itself.
    candidate = text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text
    try:
        moment = datetime.fromisoformat(candidate)
    except ValueError:
        return None
    if len(text) == 10:  # a date alone: its middle, since a day's start would overstate the age
        moment = moment.replace(hour=12)
    return moment if moment.tzinfo is not None else moment.astimezone()


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
