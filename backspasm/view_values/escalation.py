"""What the journal's escalation rules say, in words: each rule that fired, and the verdict they make.

journal/ and today/ word them; render/journal.py and render/today.py draw them (a reminder: reminder.py).
"""

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

# What comes first after new symptoms told to `log`, on every screen that shows the reminder.
TRIAGE_NOW = "Run backspasm triage now"
# The escalation reminder's title by its level (screens and the report): an emergency is never
# just "time to see a doctor".
PANEL_TITLES = {"emergency": "Emergency", "urgent": "Urgent", "soon": "See a doctor soon"}


def panel_title(level: str) -> str:
    """The escalation reminder's title by its level."""
    return PANEL_TITLES.get(level, PANEL_TITLES["soon"])


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


class Verdict(NamedTuple):
    """What the journal says: every escalation rule that fired, most urgent first, and the facts (for JSON)."""

    fired: tuple[Fired, ...]
    facts: Mapping[str, Any] = MappingProxyType({})

