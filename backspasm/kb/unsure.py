"""The answer "unsure" ("Not sure"): its value, and which questions accept it (docs/triage-answers.md).

It lives with the knowledge base because it is part of how a question is answered: the prompts
offer it, the answers file and `kb check` accept it, and triage reads it; the words a result says
about it are triage's (triage/unsure.py). Which questions do not accept it is data: a question's
`unsure: false` in data/triage.yaml.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from backspasm.kb.views import Question

UNSURE = "unsure"


def offers_unsure(question: Question) -> bool:
    """Whether a question accepts (and the questionnaire offers) "Not sure"."""
    return question.type in ("bool", "choice") and question.unsure
