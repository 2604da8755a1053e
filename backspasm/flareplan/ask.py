"""The questions of `plan write`: each part of the plan, with suggestions to pick by number and room for own words.

questionary is imported only when a question is really asked (through prompts/).
"""

from __future__ import annotations

from collections.abc import Sequence

from backspasm.flareplan.suggestions import Suggestion, read_answer

HOW = "Type numbers to pick, your own words, or both, separated by ';'. Enter alone skips."
HOW_KEEP = (
    "Type numbers to pick, your own words, or both, separated by ';'. Enter alone keeps what your plan"
    " has now; '-' leaves it empty."
)
WHAT = "the plan"


def can_ask() -> bool:
    """True when there is a person at a terminal (or a test's input) to answer."""
    from backspasm.prompts import questionnaire

    return questionnaire.can_prompt()


def hint(offered: Sequence[Suggestion], keeps: bool = False) -> str:
    """How to answer, then each suggestion numbered with why it is offered."""
    lines = [HOW_KEEP if keeps else HOW]
    lines += [f"- {number}. {s.text} ({s.why})" for number, s in enumerate(offered, start=1)]
    return "\n".join(lines)


def part(question: str, offered: Sequence[Suggestion], current: Sequence[str] = ()) -> list[str]:
    """Ask for one part of the plan; the lines picked and written, in order (Enter alone keeps `current`)."""
    from backspasm.prompts import questionnaire

    def valid(typed: str) -> bool | str:
        found = read_answer(typed, offered, current)
        return True if found.problem is None else found.problem

    typed = questionnaire.text(question, validate=valid, hint=hint(offered, bool(current)), what=WHAT)
    return read_answer(typed, offered, current).lines


def keep() -> bool:
    """Whether to keep the plan just shown (nothing pre-selected)."""
    from backspasm.prompts import questionnaire

    return questionnaire.confirm("Keep this plan?", what=WHAT)


def edit_again() -> bool:
    """After problems in an edited plan: open the editor again to fix them (nothing pre-selected)."""
    from backspasm.prompts import questionnaire

    return questionnaire.confirm("Edit it again to fix this?", what=WHAT)
