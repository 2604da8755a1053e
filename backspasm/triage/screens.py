"""The questionnaire's screens as values: their words, their choices, and what each choice answers.

One place for what a screen offers, so that the prompts (prompts/questionnaire.py), the listing
of `backspasm triage --questions` and the tests' simulated person all read the same choices.
Pure: no printing, no prompting.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from backspasm.kb.unsure import UNSURE, offers_unsure

if TYPE_CHECKING:
    from backspasm.kb.views import Gate, Question

# What the asker returns for a declined answer ("I'd rather not say"): the key stays unanswered.
DECLINED = None


@dataclass(frozen=True)
class Choice:
    """One answer on a screen: its words, the key that picks it, what the asker returns, what it answers."""

    label: str
    key: str
    value: Any
    # The answers (keys and values) choosing it gives.
    answers: dict[str, Any] = field(default_factory=dict)
    # The questions it leads to, asked one at a time ("Yes" on a grouped screen).
    then_asks: tuple[str, ...] = ()


def question_choices(question: Question) -> list[Choice]:
    """The choices of a yes/no or choice question, in the order shown: "Not sure" and a decline last."""
    key = question.key
    if question.type == "bool":
        choices = [Choice("Yes", "y", True, {key: True}), Choice("No", "n", False, {key: False})]
    elif question.type == "choice":
        choices = [
            Choice(choice.label, str(number), choice.value, {key: choice.value})
            for number, choice in enumerate(question.choices, start=1)
        ]
    else:
        return []
    if offers_unsure(question):
        choices.append(Choice("Not sure", "u", UNSURE, {key: UNSURE}))
    if question.decline is not None:
        choices.append(Choice(question.decline, str(len(choices) + 1), DECLINED, {}))
    return choices


def gate_choices(gate: Gate) -> list[Choice]:
    """A grouped screen's answers: "Yes" asks each, "None of these" answers each "no", "Not sure" each "unsure"."""
    keys = tuple(gate.if_no)
    return [
        Choice(gate.yes_label or "Yes", "y", True, {}, then_asks=keys),
        Choice(gate.no_label or "No", "n", False, dict(gate.if_no)),
        Choice("Not sure", "u", UNSURE, dict.fromkeys(keys, UNSURE)),
    ]
