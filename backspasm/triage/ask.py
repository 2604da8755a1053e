"""The person at the terminal as an `Asker`: questionary prompts, and the Keele notice before its items."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from backspasm.prompts import questionnaire
from backspasm.render.triage import render_startback_intro

if TYPE_CHECKING:
    from backspasm.kb.views import Gate, Question, StartBack
    from backspasm.render.console import Console

WHAT = "triage"


class TerminalAsker:
    """Asks one question at a time; Ctrl-C or end of input raises Interrupted, never a "no"."""

    def __init__(self, console: Console) -> None:
        self.console = console

    def gate(self, gate: Gate) -> bool | str:
        """Ask a gate question (yes, no or not sure; nothing pre-selected)."""
        return questionnaire.ask_gate(gate, what=WHAT)

    def question(self, question: Question) -> Any:
        """Ask one triage question."""
        return questionnaire.ask_question(question, what=WHAT)

    def startback(self, tool: StartBack) -> dict[str, Any]:
        """Show Keele's heading, instruction and copyright line, then ask every item."""
        render_startback_intro(tool, self.console)
        return {item.key: questionnaire.ask_startback_item(item, what=WHAT) for item in tool.items}
