"""One triage run: answers from a file, or asked one at a time, then the assessment.

The human is behind the `Asker` protocol, so tests (and a later journal) can run the same
questionnaire with an answers mapping instead of a terminal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from backspasm.errors import Interrupted
from backspasm.triage.engine import DEFAULT_EMERGENCY_NUMBER, STARTBACK_KEY, Assessment, evaluate
from backspasm.triage.flow import answer_gate, answer_question, next_step

if TYPE_CHECKING:
    from backspasm.kb.loader import KnowledgeBase
    from backspasm.kb.views import Gate, Question, StartBack


class Asker(Protocol):
    """Whoever answers the questionnaire: a person at a terminal, or a test."""

    def gate(self, gate: Gate) -> bool | str:
        """Answer a grouped screen: True ("Yes", then each is asked), False ("None of these"), or "unsure"."""
        ...

    def question(self, question: Question) -> Any:
        """Answer one question with a value allowed by its type, or None for a declined answer."""
        ...

    def startback(self, tool: StartBack) -> dict[str, Any]:
        """Answer every STarT Back item."""
        ...


class Unfinished(Interrupted):
    """The questionnaire was cut short (Ctrl-C, end of input); `answers` holds what was answered."""

    def __init__(self, what: str, answers: dict[str, Any], exit_code: int | None = None) -> None:
        super().__init__(what)
        self.answers = answers
        if exit_code is not None:  # 2 when the input ended, 130 for Ctrl-C
            self.exit_code = exit_code


@dataclass(frozen=True)
class TriageRun:
    """The answers a triage was assessed on, the assessment, and whether it was asked interactively."""

    answers: dict[str, Any]
    assessment: Assessment
    interactive: bool


def ask(kb: KnowledgeBase, asker: Asker, *, startback: bool = False) -> dict[str, Any]:
    """Ask until nothing left can change the result, stopping at once when an answer reaches emergency.

    Cut short, it raises `Unfinished` with the answers so far (never a result to save).
    """
    from backspasm.kb.views import Gate, Question  # already imported with the knowledge base

    answers: dict[str, Any] = {}
    shown: set[str] = set()  # gate ids and question keys asked (a declined answer leaves no key)
    try:
        while (step := next_step(kb, answers, shown, startback=startback)) is not None:
            if isinstance(step, Gate):
                shown.add(step.id)
                answers = answer_gate(step, asker.gate(step), answers)
            elif isinstance(step, Question):
                shown.add(step.key)
                answers = answer_question(step, asker.question(step), answers)
            else:
                answers = {**answers, STARTBACK_KEY: asker.startback(step)}
    except Interrupted as stopped:
        raise Unfinished(str(stopped), answers, stopped.exit_code) from None
    return answers


def run_triage(
    kb: KnowledgeBase,
    *,
    answers: Mapping[str, Any] | None = None,
    asker: Asker | None = None,
    startback: bool = False,
    emergency_number: str = DEFAULT_EMERGENCY_NUMBER,
) -> TriageRun:
    """Assess validated `answers`, or ask them through `asker`; returns the answers and the assessment."""
    if answers is None:
        if asker is None:
            raise ValueError("run_triage needs answers or an asker")
        given = ask(kb, asker, startback=startback)
    else:
        given = dict(answers)
    return TriageRun(
        answers=given,
        assessment=evaluate(kb, given, emergency_number=emergency_number),
        interactive=answers is None,
    )
