"""What the journal's escalation rules say, in words: each rule that fired, and a triage's reminder.

journal/ and today/ word them; render/journal.py, render/today.py and render/reminder.py draw them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

# What comes first after new symptoms told to `log`, on every screen that shows the reminder.
TRIAGE_NOW = "Run backspasm triage now"


class Fired(NamedTuple):
    """An escalation rule that fired, with what the journal showed for it, in words."""

    id: str
    level: str
    title: str
    why: str
    journal: tuple[str, ...]
    sources: tuple[str, ...]
    # A rule that remembers a triage: its journal line ("your triage on ... said URGENT (...)")
    # already says what its title says.
    from_triage: bool = False
    # A rule that remembers new symptoms told to `log`: what to do is to run triage now.
    from_log: bool = False

    def line(self) -> str:
        """The rule in one sentence: what the journal showed, under its title unless that repeats it."""
        shown = "; ".join(self.journal)
        if (self.from_triage or self.from_log) and shown:
            return f"{shown[:1].upper()}{shown[1:]}."
        return f"{self.title}: {shown}." if shown else f"{self.title}."


@dataclass(frozen=True)
class Verdict:
    """What the journal says: every escalation rule that fired, most urgent first, and the facts (for JSON)."""

    fired: tuple[Fired, ...]
    facts: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Reminder:
    """What a recent triage said, and what to do about it now."""

    level: str
    said: str
    headline: str
    # What to do before starting, when it is not "get seen first" (new symptoms: triage first).
    first: str | None = None
