"""Score the Keele STarT Back Screening Tool with the items and thresholds of startback.yaml."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from backspasm.view_values.triage import StartBackScore as StartBackScore

if TYPE_CHECKING:
    from backspasm.kb.views import StartBack, StartBackItem


def item_scores(item: StartBackItem, value: Any) -> bool:
    """Whether one answer scores a point: "agree" on a yes/no item, a scoring choice otherwise."""
    if item.choices:
        return value in item.scoring
    return value is True


def score(tool: StartBack, answers: Mapping[str, Any]) -> StartBackScore:
    """Score a complete set of item answers (validated beforehand) into a risk group."""
    total = psychosocial = 0
    for item in tool.items:
        if item_scores(item, answers.get(item.key)):
            total += 1
            psychosocial += 1 if item.psychosocial else 0
    if total < tool.high_total:
        risk = "low"
    elif psychosocial >= tool.high_psychosocial:
        risk = "high"
    else:
        risk = "medium"
    return StartBackScore(total=total, psychosocial=psychosocial, risk=risk)
