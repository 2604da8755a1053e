"""The person at the terminal as an `Asker`: each screen asked in its own words, and Keele's notice before its items."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from backspasm.prompts import questionnaire
from backspasm.render.triage import render_startback_intro
from backspasm.triage.screens import gate_choices, question_choices

if TYPE_CHECKING:
    from backspasm.kb.views import Gate, Question, StartBack, StartBackItem
    from backspasm.render.console import Console

WHAT = "triage"


class TerminalAsker:
    """Asks one question at a time; Ctrl-C or end of input raises Interrupted, never a "no"."""

    def __init__(self, console: Console) -> None:
        self.console = console

    def gate(self, gate: Gate) -> bool | str:
        """Ask a gate question (yes, no or not sure; nothing pre-selected)."""
        return ask_gate(gate)

    def question(self, question: Question) -> Any:
        """Ask one triage question."""
        return ask_question(question)

    def startback(self, tool: StartBack) -> dict[str, Any]:
        """Show Keele's heading, instruction and copyright line, then ask every item."""
        render_startback_intro(tool, self.console)
        return {item.key: ask_startback_item(item) for item in tool.items}


def ask_question(question: Question) -> Any:
    """Ask one triage question with the prompt that suits its type and return an allowed value.

    Yes/no and choice questions pre-select nothing and offer "Not sure" where the key accepts it,
    and a declining answer (None) where the question has one (triage/screens.py).
    """
    if question.type in ("bool", "choice"):
        options = [(choice.value, choice.label, choice.key) for choice in question_choices(question)]
        return questionnaire.choose(question.prompt, options, hint=question.hint, what=WHAT)
    if question.read_as == "days_ago":
        return questionnaire.days_ago(question.prompt, hint=question.hint, what=WHAT)
    integer = question.type == "integer"
    low, high = question.minimum, question.maximum
    value = questionnaire.number(
        question.prompt, minimum=low, maximum=high, integer=integer, hint=question.hint, what=WHAT
    )
    return int(value) if integer else value


def ask_gate(gate: Gate) -> bool | str:
    """Ask a grouped screen in its own words ("None of these"): True, False or "unsure"; nothing pre-selected."""
    options = [(choice.value, choice.label, choice.key) for choice in gate_choices(gate)]
    result: bool | str = questionnaire.choose(gate.prompt, options, hint=gate.hint, what=WHAT)
    return result


def ask_startback_item(item: StartBackItem) -> Any:
    """Ask one Keele STarT Back item in Keele's words: agree/disagree, or its own choices."""
    if item.choices:
        return questionnaire.select(item.text, [(choice.value, choice.label) for choice in item.choices], what=WHAT)
    return questionnaire.select(item.text, [(False, "Disagree"), (True, "Agree")], what=WHAT)
