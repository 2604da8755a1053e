"""Which question to ask next: emergency questions first, nothing that can no longer matter.

Pure: given the knowledge base and the answers so far, `next_step` returns the next gate,
question or the STarT Back block, or None when the questionnaire is done (all that can change
the result has been asked, or an answer has already reached emergency).

Clinical reference v3, "How the questions are asked": a question is left out only when no answer
to it could change the result, worked out with every "unsure" read both as "no" and as its most
serious answer; a grouped screen's "None of these" answers "no" for each answer it stands for,
"Not sure" answers "unsure" for each, and "Yes" asks them one at a time.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING, Any

from backspasm.kb.conditions import open_deciders, truth
from backspasm.kb.unsure import UNSURE
from backspasm.triage.engine import (
    DERIVED_FROM,
    STARTBACK_KEY,
    derive_facts,
    fired,
    level_of,
    open_keys,
)

if TYPE_CHECKING:
    from backspasm.kb.loader import KnowledgeBase
    from backspasm.kb.views import Gate, Question, StartBack


def open_facts(kb: KnowledgeBase, answers: Mapping[str, Any]) -> set[str]:
    """Facts that are not known yet but could still be: unanswered keys and what derives from them.

    A question whose `ask_if` is already false (pregnancy for a man) will never be asked, so its
    key is not open: it cannot keep other questions alive.
    """
    return open_keys(kb, answers, derive_facts(kb, answers))


def keys_that_matter(kb: KnowledgeBase, answers: Mapping[str, Any]) -> set[str]:
    """Unanswered keys whose answers could still change which warning signs fire ("unsure" read either way).

    A key that decides whether such a question is asked (its `ask_if`), or in which words (its
    `wordings`), matters too: pregnancy before its warning signs, sex before sexual function.
    """
    facts = derive_facts(kb, answers)
    still_open = open_facts(kb, answers)
    found: set[str] = set()
    for sign in kb.warning_signs:
        for key in open_deciders(sign.when, facts, still_open):
            found.update(DERIVED_FROM.get(key, (key,)))
    # Follow ask_if and wordings back to the keys they read, until nothing new is added.
    questions = kb.question_index
    todo = list(found)
    while todo:
        question = questions.get(todo.pop())
        if question is None:
            continue
        conditions = [wording.when for wording in question.wordings]
        if question.ask_if is not None:
            conditions.append(question.ask_if)
        for condition in conditions:
            for key in open_deciders(condition, facts, still_open) - found:
                found.add(key)
                todo.append(key)
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


def _may_ask(
    question: Question, answers: Mapping[str, Any], facts: Mapping[str, Any], matter: set[str], shown: Collection[str]
) -> bool:
    if question.key in answers or question.key in shown:  # shown: declined ("I'd rather not say")
        return False
    # An "unsure" read as its most serious answer: unsure about a pregnancy asks its warning signs.
    if question.ask_if is not None and truth(question.ask_if, facts, worst=True) is not True:
        return False
    return question.always_ask or question.key in matter


def worded(question: Question, facts: Mapping[str, Any]) -> Question:
    """The question in the words that fit the answers so far: the first of its `wordings` that holds."""
    for wording in question.wordings:
        if truth(wording.when, facts) is True:
            return question.replaced(prompt=wording.prompt, hint=wording.hint)
    return question


def next_step(
    kb: KnowledgeBase,
    answers: Mapping[str, Any],
    shown: Collection[str] = (),
    *,
    startback: bool = False,
) -> Gate | Question | StartBack | None:
    """The next thing to ask, in file order after any `ask_first` question; a gate comes just before
    the first question it covers. `shown` holds the ids of gates and the keys of questions already asked."""
    if is_emergency(kb, answers):
        return None
    facts = derive_facts(kb, answers)
    matter = keys_that_matter(kb, answers)
    # `ask_first` questions (when it began) come before the rest, the order of the file after that.
    for question in sorted(kb.questions, key=lambda q: not q.ask_first):
        if not _may_ask(question, answers, facts, matter, shown):
            continue
        for gate in kb.gates:
            if gate.id not in shown and question.key in gate.if_no:
                return gate
        return worded(question, facts)
    if wants_startback(kb, answers, asked_for=startback):
        return kb.startback
    return None


def answer_gate(gate: Gate, yes: bool | str, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers after a grouped screen, never over one already given.

    "None of these" (False) answers "no" for each answer it stands for; "Not sure" (UNSURE) answers
    "unsure" for each; "Yes" fills nothing in, so each is asked one at a time.
    """
    updated = dict(answers)
    if yes is False:
        for key, value in gate.if_no.items():
            updated.setdefault(key, value)
    elif yes == UNSURE:
        for key in gate.if_no:
            updated.setdefault(key, UNSURE)
    return updated


def answer_question(question: Question, value: Any, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers after one question, with its `if_no` answers when a yes/no question got "no".

    None is a declined answer ("I'd rather not say"): the key stays unanswered.
    """
    if value is None:
        return dict(answers)
    updated = {**answers, question.key: value}
    if value is False:
        for key, implied in question.if_no.items():
            updated.setdefault(key, implied)
    return updated
