"""Evaluate the knowledge base's escalation rules over the journal facts.

Two-valued on purpose (`holds`): a fact the journal cannot tell is absent, and every comparison
on an absent fact is false, so a thin record never raises an alarm by itself (triage is where
missing answers are chased). The thresholds live in
data/escalation.yaml, never here.
"""

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from backspasm.kb.conditions import holds
from backspasm.kb.vocab import DISPOSITIONS

if TYPE_CHECKING:
    from backspasm.kb.views import EscalationRule



class Escalation(NamedTuple):
    """A rule that fired: it is time to see a doctor, at this level, for this reason."""

    id: str
    level: str
    title: str
    why: str
    sources: list[str]
    # The facts this rule reads, as the journal showed them.
    reads: list[str]


def evaluate(rules: "list[EscalationRule]", facts: Mapping[str, Any]) -> list[Escalation]:
    """Every rule that fires on the facts, most urgent first (knowledge-base order within a level)."""
    fired = [
        Escalation(r.id, r.level, r.title, r.why, list(r.sources), sorted(r.when.keys()))
        for r in rules
        if holds(r.when, facts)
    ]
    return sorted(fired, key=lambda e: DISPOSITIONS.index(e.level))
