"""The triage engine: `evaluate(kb, answers) -> Assessment`, pure, with every rule from the knowledge base.

The level is the most urgent level any warning sign reaches (self_care when none does); the
assessment lists every sign that fired, most urgent first, the advice for that level, and the
answer keys that were not answered. No threshold or rule text lives here.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from backspasm.kb.conditions import holds
from backspasm.kb.vocab import DISPOSITIONS
from backspasm.triage.startback import StartBackScore, score

if TYPE_CHECKING:
    from backspasm.kb.loader import KnowledgeBase

# Most urgent first: the order of dispositions in the contract (shared/triage-answers.md).
LEVELS = DISPOSITIONS
RANK = {level: len(LEVELS) - index for index, level in enumerate(LEVELS)}

DEFAULT_EMERGENCY_NUMBER = "your local emergency number (for example 999, 911 or 112)"
PLACEHOLDER = "{emergency_number}"

# The key of the STarT Back items in an answers mapping, and the facts derived from them.
STARTBACK_KEY = "startback"
# Derived facts and the answer keys each is computed from (the questionnaire asks those keys).
DERIVED_FROM: dict[str, tuple[str, ...]] = {
    "startback.total": (STARTBACK_KEY,),
    "startback.psychosocial": (STARTBACK_KEY,),
    "startback.risk": (STARTBACK_KEY,),
    "age_at_onset": ("age", "days_since_onset"),
}
DAYS_PER_YEAR = 365.25


@dataclass(frozen=True)
class Reason:
    """One warning sign that fired: its id, level, words for people and sources."""

    id: str
    level: str
    title: str
    why: str
    sources: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """The reason object of the JSON result (the level is the disposition's business)."""
        return {"id": self.id, "title": self.title, "why": self.why, "sources": list(self.sources)}


@dataclass(frozen=True)
class Assessment:
    """The result of one triage: level, reasons, what to do now, what to watch for."""

    disposition: str
    reasons: tuple[Reason, ...]
    headline: str
    advice: str
    watch_for: tuple[str, ...]
    tell_them: str | None
    unanswered: tuple[str, ...]
    startback: StartBackScore | None
    emergency_number: str

    def to_dict(self) -> dict[str, Any]:
        """The result object of shared/triage-answers.md; `startback` only when it was answered."""
        result: dict[str, Any] = {
            "disposition": self.disposition,
            "reasons": [reason.to_dict() for reason in self.reasons],
            "advice": self.advice,
            "unanswered": list(self.unanswered),
        }
        if self.startback is not None:
            result["startback"] = self.startback.to_dict()
        return result

    def to_json(self) -> str:
        """The result as JSON text, as `backspasm triage --json` prints it."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)


def answer_keys(kb: KnowledgeBase) -> list[str]:
    """Every answer key of the contract, in questionnaire order, STarT Back last."""
    return [question.key for question in kb.questions] + [STARTBACK_KEY]


def derive_facts(kb: KnowledgeBase, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers plus the facts rules may read: STarT Back scores and the age at onset."""
    facts = {key: value for key, value in answers.items() if key != STARTBACK_KEY}
    items = answers.get(STARTBACK_KEY)
    if isinstance(items, Mapping):
        result = score(kb.startback, items)
        facts["startback.total"] = result.total
        facts["startback.psychosocial"] = result.psychosocial
        facts["startback.risk"] = result.risk
    if "age" in answers and "days_since_onset" in answers:
        facts["age_at_onset"] = answers["age"] - answers["days_since_onset"] / DAYS_PER_YEAR
    return facts


def fired(kb: KnowledgeBase, facts: Mapping[str, Any]) -> list[Reason]:
    """Every warning sign whose condition holds, most urgent first, in knowledge-base order within a level."""
    reasons = [
        Reason(id=sign.id, level=sign.level, title=sign.title, why=sign.why, sources=tuple(sign.sources))
        for sign in kb.warning_signs
        if holds(sign.when, facts)
    ]
    return sorted(reasons, key=lambda reason: -RANK[reason.level])


def level_of(reasons: list[Reason] | tuple[Reason, ...]) -> str:
    """The most urgent level among the reasons; self_care when there are none."""
    return max((reason.level for reason in reasons), key=RANK.__getitem__, default="self_care")


def with_number(text: str, emergency_number: str) -> str:
    """Advice text with the emergency number (or the general wording) filled in."""
    return text.replace(PLACEHOLDER, emergency_number)


def evaluate(
    kb: KnowledgeBase, answers: Mapping[str, Any], *, emergency_number: str = DEFAULT_EMERGENCY_NUMBER
) -> Assessment:
    """Assess validated answers: the level, the reasons, the advice and what was not answered."""
    facts = derive_facts(kb, answers)
    reasons = fired(kb, facts)
    disposition = level_of(reasons)
    advice = kb.advice_for(disposition)
    items = answers.get(STARTBACK_KEY)
    return Assessment(
        disposition=disposition,
        reasons=tuple(reasons),
        headline=with_number(advice.headline, emergency_number),
        advice=with_number(advice.advice, emergency_number),
        watch_for=tuple(with_number(text, emergency_number) for text in advice.watch_for),
        tell_them=with_number(advice.tell_them, emergency_number) if advice.tell_them else None,
        unanswered=tuple(key for key in answer_keys(kb) if key not in answers),
        startback=score(kb.startback, items) if isinstance(items, Mapping) else None,
        emergency_number=emergency_number,
    )
