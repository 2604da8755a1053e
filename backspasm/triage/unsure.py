"""The answer "unsure" ("I don't know"): which triage keys accept it (shared/triage-answers.md v2)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from backspasm.kb.plain import Question

UNSURE = "unsure"
# Every yes/no key and every choice key accepts "unsure", except these (the contract).
NOT_UNSURE = frozenset({"sex", "location", "trend"})


def offers_unsure(question: Question) -> bool:
    """Whether a question accepts (and the questionnaire offers) "Not sure"."""
    return question.type in ("bool", "choice") and question.key not in NOT_UNSURE
