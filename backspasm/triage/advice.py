"""The words of a triage result: headline, what to do now, what to watch for, cautions, what would change it.

The engine decides the level and the reasons; this module words them from the knowledge base
(`advice` and `result_cautions` in data/triage.yaml). An emergency sign that fired one level
lower on "unsure" answers changes the urgent words to "now, not later today" in the headline,
the advice and the last line alike (clinical reference v3, "How answers are read").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from backspasm.kb.conditions import holds
from backspasm.triage.summary import short_title
from backspasm.triage.unsure import (
    UNSURE_ADVICE,
    UNSURE_EMERGENCY_ADVICE,
    UNSURE_EMERGENCY_CHANGES,
    UNSURE_EMERGENCY_HEADLINE,
)

if TYPE_CHECKING:
    from backspasm.kb.loader import KnowledgeBase
    from backspasm.kb.views import ResultCaution
    from backspasm.view_values.triage import Reason, Watch

PLACEHOLDER = "{emergency_number}"
# "Not asked" never reads as "all clear" (shared/triage-answers.md v2, `complete`).
INCOMPLETE_SELF_CARE_HEADLINE = "No warning sign in your answers, but not every warning sign was asked"


@dataclass(frozen=True)
class Words:
    """Everything a result says besides its level and reasons."""

    headline: str
    advice: str
    watch_for: tuple[Watch, ...]
    tell_them: str | None
    changes: str | None
    cautions: tuple[str, ...]


def with_number(text: str, emergency_number: str) -> str:
    """Text with the emergency number (or the general wording) filled in."""
    return text.replace(PLACEHOLDER, emergency_number)


def unsure_emergencies(reasons: Sequence[Reason], disposition: str) -> list[Reason]:
    """Emergency signs that fired one level lower, at the result's level, because an answer was unsure."""
    return [
        reason
        for reason in reasons
        if reason.level == disposition and reason.unsure and reason.sign_level == "emergency" != reason.level
    ]


def first_advice(reasons: Sequence[Reason], disposition: str) -> list[str]:
    """What to do about the signs at the result's level in particular, before (or instead of) the level's advice.

    A sign's own advice (the maternity unit, a crisis line), then, for signs that fired one level
    lower on unsure answers, what to do now and what would make it more urgent.
    """
    at_level = [reason for reason in reasons if reason.level == disposition]
    said: list[str] = []
    for reason in at_level:
        if reason.advice and reason.advice not in said:
            said.append(reason.advice)
    lowered = [reason for reason in at_level if reason.unsure and reason.sign_level != reason.level]
    emergency_titles = [reason.title.rstrip(".") for reason in unsure_emergencies(reasons, disposition)]
    other_titles = [reason.title.rstrip(".") for reason in lowered if reason.sign_level != "emergency"]
    if emergency_titles:
        said.insert(0, UNSURE_EMERGENCY_ADVICE.replace("{titles}", "; ".join(emergency_titles)))
    elif other_titles:
        said.append(UNSURE_ADVICE.replace("{titles}", "; ".join(other_titles)))
    return said


def cautions_for(kb: KnowledgeBase, facts: Mapping[str, Any]) -> list[ResultCaution]:
    """The result cautions the answers call for (pregnancy, blood thinners, thin bones, under 16), in file order."""
    return cautions_in(kb.result_cautions, facts)


def cautions_in(cautions: Sequence[ResultCaution], facts: Mapping[str, Any]) -> list[ResultCaution]:
    """Those of `cautions` whose condition the answers meet (none when there are no answers)."""
    return [caution for caution in cautions if facts and holds(caution.when, facts)]


def withheld(kb: KnowledgeBase, facts: Mapping[str, Any]) -> set[str]:
    """Ids of the remedies a result must not offer these answers (an NSAID in pregnancy, for one)."""
    return {remedy for caution in cautions_for(kb, facts) for remedy in caution.withhold}


def result_words(
    kb: KnowledgeBase,
    disposition: str,
    reasons: Sequence[Reason],
    facts: Mapping[str, Any],
    *,
    incomplete: bool,
    emergency_number: str,
) -> Words:
    """The words of a result at `disposition`, with the emergency number filled in."""
    # Imported here: `remedies` reads this module for its cautions and draws no result.
    from backspasm.view_values.triage import Watch

    level = kb.advice_for(disposition)
    headline, changes, advice = level.headline, level.changes, level.advice
    if incomplete and disposition == "self_care":
        headline = INCOMPLETE_SELF_CARE_HEADLINE
    said = first_advice(reasons, disposition)
    if unsure := unsure_emergencies(reasons, disposition):
        # "Now" replaces the level's "today": the two must never stand side by side. The last
        # line names the sign, since what to do now has scrolled away by then.
        what = "; ".join(short_title(reason.title) for reason in unsure)
        headline, advice = UNSURE_EMERGENCY_HEADLINE, ""
        changes = UNSURE_EMERGENCY_CHANGES.replace("{what}", what)
    # An emergency is told to go now; the cautions are for whoever treats them there.
    cautions = [] if disposition == "emergency" else [c.text for c in cautions_for(kb, facts)]

    def fill(text: str) -> str:
        return with_number(text, emergency_number)

    return Words(
        headline=fill(headline),
        advice=fill(" ".join(part for part in [*said, advice] if part)),
        watch_for=tuple(Watch(fill(group.then), tuple(fill(s) for s in group.signs)) for group in level.watch_for),
        tell_them=fill(level.tell_them) if level.tell_them else None,
        changes=fill(changes) if changes else None,
        cautions=tuple(fill(text) for text in cautions),
    )
