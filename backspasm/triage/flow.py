"""Which question to ask next: emergency questions first, nothing that can no longer matter.

Pure: given the knowledge base and the answers so far, `next_step` returns the next gate,
question or the STarT Back block, or None when the questionnaire is done (all that can change
the result has been asked, or an answer has already reached emergency).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING, Any

from backspasm.kb.conditions import deciding_keys, truth
from backspasm.triage.engine import (
    DERIVED_FROM,
    STARTBACK_KEY,
    applicable_unanswered,
    derive_facts,
    fired,
    level_of,
)

if TYPE_CHECKING:
    from backspasm.kb.loader import KnowledgeBase
    from backspasm.kb.plain import Gate, Question, StartBack


def open_facts(kb: KnowledgeBase, answers: Mapping[str, Any]) -> set[str]:
    """Facts that are not known yet but could still be: unanswered keys and what derives from them.

    A question whose `ask_if` is already false (arm questions for a lower-back spasm) will never be
    asked, so its key is not open: it cannot keep other questions alive.
    """
    unanswered = applicable_unanswered(kb, answers, derive_facts(kb, answers))
    if STARTBACK_KEY not in answers:
        unanswered.add(STARTBACK_KEY)
    derived = {fact for fact, sources in DERIVED_FROM.items() if unanswered.intersection(sources)}
    return unanswered | derived


def keys_that_matter(kb: KnowledgeBase, answers: Mapping[str, Any]) -> set[str]:
    """Unanswered keys whose answers could still change which warning signs fire."""
    facts = derive_facts(kb, answers)
    still_open = open_facts(kb, answers)
    found: set[str] = set()
    for sign in kb.warning_signs:
        for key in deciding_keys(sign.when, facts, still_open):
            found.update(DERIVED_FROM.get(key, (key,)))
    return found


def is_emergency(kb: KnowledgeBase, answers: Mapping[str, Any]) -> bool:
    """Whether the answers so far already reach emergency (then the questionnaire stops)."""
    return level_of(fired(kb, derive_facts(kb, answers))) == "emergency"


def wants_startback(kb: KnowledgeBase, answers: Mapping[str, Any], *, asked_for: bool) -> bool:
    """Ask the STarT Back items when asked for, or when this episode has lasted long enough."""
    if STARTBACK_KEY in answers:
        return False
    days = answers.get("days_since_onset")
    return asked_for or (isinstance(days, (int, float)) and days >= kb.startback.ask_after_days)


def _may_ask(question: Question, answers: Mapping[str, Any], facts: Mapping[str, Any], matter: set[str]) -> bool:
    if question.key in answers:
        return False
    if question.ask_if is not None and truth(question.ask_if, facts) is not True:
        return False
    return question.always_ask or question.key in matter


def next_step(
    kb: KnowledgeBase,
    answers: Mapping[str, Any],
    gates_done: Collection[str] = (),
    *,
    startback: bool = False,
) -> Gate | Question | StartBack | None:
    """The next thing to ask, in file order after any `ask_first` question; a gate comes just before
    the first question it covers."""
    if is_emergency(kb, answers):
        return None
    facts = derive_facts(kb, answers)
    matter = keys_that_matter(kb, answers)
    # `ask_first` questions (when it began) come before the rest, the order of the file after that.
    for question in sorted(kb.questions, key=lambda q: not q.ask_first):
        if not _may_ask(question, answers, facts, matter):
            continue
        for gate in kb.gates:
            if gate.id not in gates_done and question.key in gate.if_no:
                return gate
        return question
    if wants_startback(kb, answers, asked_for=startback):
        return kb.startback
    return None


def answer_gate(gate: Gate, yes: bool | str, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers after a gate: "no" fills in its answers (never over one already given).

    Only a plain "no" does: "Not sure" (UNSURE) is treated like "yes", so each question gets asked.
    """
    updated = dict(answers)
    if yes is False:
        for key, value in gate.if_no.items():
            updated.setdefault(key, value)
    return updated


def answer_question(question: Question, value: Any, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers after one question, with its `if_no` answers when a yes/no question got "no"."""
    updated = {**answers, question.key: value}
    if value is False:
        for key, implied in question.if_no.items():
            updated.setdefault(key, implied)
    return updated
