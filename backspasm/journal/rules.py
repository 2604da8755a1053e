"""Evaluate the knowledge base's escalation rules over the journal facts.

Two-valued on purpose: a fact the journal cannot tell is absent, and every comparison on an
absent fact is false, so a thin record never raises an alarm by itself (triage, with its own
three-valued engine, is where missing answers are chased). The thresholds live in
data/escalation.yaml, never here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from backspasm.kb.models import Condition, EscalationRule

# Most urgent first, as triage orders its levels.
LEVEL_ORDER = ("emergency", "urgent", "soon", "self_care")


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _same(value: Any, expected: Any) -> bool:
    # True == 1 in Python; a yes/no fact must not match a number, nor the other way round.
    if isinstance(value, bool) or isinstance(expected, bool):
        return isinstance(value, bool) and isinstance(expected, bool) and value is expected
    return bool(value == expected)


def holds(condition: Condition, facts: Mapping[str, Any]) -> bool:
    """Whether a condition holds on the facts; a missing fact makes its comparison false."""
    if condition.all is not None:
        return all(holds(part, facts) for part in condition.all)
    if condition.any is not None:
        return any(holds(part, facts) for part in condition.any)
    value = facts.get(condition.answer or "")
    if value is None:
        return False
    if condition.equals is not None:
        return _same(value, condition.equals)
    if condition.one_of is not None:
        return any(_same(value, option) for option in condition.one_of)
    number = _number(value)
    if number is None:
        return False
    if condition.at_least is not None:
        return number >= condition.at_least
    if condition.above is not None:
        return number > condition.above
    if condition.below is not None:
        return number < condition.below
    return False


@dataclass(frozen=True)
class Escalation:
    """A rule that fired: it is time to see a doctor, at this level, for this reason."""

    id: str
    level: str
    title: str
    why: str
    sources: list[str]
    # The facts this rule reads, as the journal showed them.
    reads: list[str]


def evaluate(rules: list[EscalationRule], facts: Mapping[str, Any]) -> list[Escalation]:
    """Every rule that fires on the facts, most urgent first (knowledge-base order within a level)."""
    fired = [
        Escalation(r.id, r.level, r.title, r.why, list(r.sources), sorted(r.when.keys()))
        for r in rules
        if holds(r.when, facts)
    ]
    return sorted(fired, key=lambda e: LEVEL_ORDER.index(e.level))


def most_urgent(fired: list[Escalation]) -> str | None:
    """The most urgent level among fired rules, or None when none fired."""
    return fired[0].level if fired else None
