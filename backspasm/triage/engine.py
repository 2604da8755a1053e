"""The triage engine: `evaluate(kb, answers) -> Assessment`, pure, with every rule from the knowledge base.

The level is the most urgent level any warning sign reaches (self_care when none does); the
assessment lists every sign that fired, most urgent first, the advice for that level, and the
answer keys that were not answered. No threshold or rule text lives here.

"Unsure" (clinical reference v2): a sign that holds only when the unsure answers are read as the
most serious ones fires one level lower and names them. `complete` is False while an unanswered
question could still raise the level (v3): "not asked" must never read as "all clear".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from backspasm.kb.conditions import holds, reads_unsure, truth, undecided, unsure_keys
from backspasm.kb.vocab import DISPOSITIONS
from backspasm.triage.advice import result_words
from backspasm.triage.startback import score
from backspasm.view_values.triage import Assessment as Assessment
from backspasm.view_values.triage import Reason as Reason

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

# One level lower, for a sign that fires only on "unsure" answers (soon stays soon).
LOWER = {"emergency": "urgent", "urgent": "soon", "soon": "soon"}


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
    """Every warning sign that fires, most urgent first, in knowledge-base order within a level.

    A sign that holds only with its "unsure" answers read as the most serious ones fires one
    level lower, naming them.
    """
    reasons = []
    for sign in kb.warning_signs:
        level: str
        if holds(sign.when, facts):
            level = sign.level
            # A sign that names "unsure" itself (the cauda equina row) fired on those answers.
            unsure = tuple(unsure_keys(sign.when, facts)) if reads_unsure(sign.when) else ()
        elif holds(sign.when, facts, worst=True):
            level, unsure = LOWER[sign.level], tuple(unsure_keys(sign.when, facts))
        else:
            continue
        reasons.append(
            Reason(
                id=sign.id,
                level=level,
                title=sign.title,
                why=sign.why,
                sources=tuple(sign.sources),
                unsure=unsure,
                advice=sign.advice,
                sign_level=sign.level,
            )
        )
    return sorted(reasons, key=lambda reason: -RANK[reason.level])


def applicable_unanswered(kb: KnowledgeBase, answers: Mapping[str, Any], facts: Mapping[str, Any]) -> set[str]:
    """Unanswered questions that may still be asked: those whose `ask_if` is not already false.

    An `ask_if` is read with every "unsure" as its most serious answer (unsure about a pregnancy:
    its warning signs apply). Repeated until nothing changes, since one question that cannot apply
    (pregnancy, for a man) can make another inapplicable (pregnancy warning signs).
    """
    still = {question.key for question in kb.questions if question.key not in answers}
    while True:
        kept = {
            question.key
            for question in kb.questions
            if question.key in still
            and (question.ask_if is None or truth(question.ask_if, facts, still, worst=True) is not False)
        }
        if kept == still:
            return kept
        still = kept


def startback_applies(kb: KnowledgeBase, answers: Mapping[str, Any]) -> bool:
    """Whether the STarT Back items are still to be answered: not yet given, and the episode has lasted long enough.

    The items are about the last two weeks and are asked from `ask_after_days` on; an episode of
    unknown length may have lasted that long.
    """
    if STARTBACK_KEY in answers:
        return False
    days = answers.get("days_since_onset")
    return not isinstance(days, (int, float)) or days >= kb.startback.ask_after_days


def open_keys(kb: KnowledgeBase, answers: Mapping[str, Any], facts: Mapping[str, Any]) -> set[str]:
    """Facts not known yet that could still be: applicable unanswered keys and the facts derived from them."""
    applicable = applicable_unanswered(kb, answers, facts)
    if startback_applies(kb, answers):
        applicable.add(STARTBACK_KEY)
    return applicable | {fact for fact, keys in DERIVED_FROM.items() if applicable.intersection(keys)}


def not_asked(kb: KnowledgeBase, answers: Mapping[str, Any], facts: Mapping[str, Any], disposition: str) -> list[str]:
    """The signs an unanswered question could still make fire above `disposition` (titles, most urgent first).

    Clinical reference v3: `complete` only when every answer that could raise the level was
    given, with "unsure" read either way. A question that does not apply (its `ask_if` is false on
    the answers given, such as pregnancy questions for a man) is not counted as unanswered here.
    """
    still = open_keys(kb, answers, facts)
    raising = [
        sign for sign in kb.warning_signs if RANK[sign.level] > RANK[disposition] and undecided(sign.when, facts, still)
    ]
    return [sign.title for sign in sorted(raising, key=lambda sign: -RANK[sign.level])]


def level_of(reasons: list[Reason] | tuple[Reason, ...]) -> str:
    """The most urgent level among the reasons; self_care when there are none."""
    return max((reason.level for reason in reasons), key=RANK.__getitem__, default="self_care")


def evaluate(
    kb: KnowledgeBase, answers: Mapping[str, Any], *, emergency_number: str = DEFAULT_EMERGENCY_NUMBER
) -> Assessment:
    """Assess validated answers: the level, the reasons, the advice and what was not answered."""
    facts = derive_facts(kb, answers)
    reasons = fired(kb, facts)
    disposition = level_of(reasons)
    items = answers.get(STARTBACK_KEY)
    missing = not_asked(kb, answers, facts, disposition)
    words = result_words(kb, disposition, reasons, facts, incomplete=bool(missing), emergency_number=emergency_number)
    return Assessment(
        disposition=disposition,
        reasons=tuple(reasons),
        headline=words.headline,
        advice=words.advice,
        watch_for=words.watch_for,
        tell_them=words.tell_them,
        unanswered=tuple(key for key in answer_keys(kb) if key not in answers),
        startback=score(kb.startback, items) if isinstance(items, Mapping) else None,
        emergency_number=emergency_number,
        complete=not missing,
        not_asked=tuple(missing),
        changes=words.changes,
        cautions=words.cautions,
    )
