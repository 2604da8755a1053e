"""Which remedies suit a self-care result: those recommended or optional for the current phase.

None that the answers rule out (`result_cautions` in data/triage.yaml): no anti-inflammatory in
pregnancy or on blood thinners, no spinal manipulation on blood thinners or with thin bones.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from backspasm.kb.loader import KnowledgeBase
    from backspasm.kb.views import Remedy
    from backspasm.view_values.triage import SelfCare

SUITABLE_STANCES = ("recommended", "optional")


def phase_for(answers: Mapping[str, Any], early_hours: int) -> str | None:
    """ "early" before the knowledge base's one boundary, "later" after; None when the start was not answered."""
    days = answers.get("days_since_onset")
    if not isinstance(days, (int, float)) or isinstance(days, bool):
        return None
    return "early" if days * 24 < early_hours else "later"


def remedies_for(kb: KnowledgeBase, answers: Mapping[str, Any]) -> list[Remedy]:
    """Recommended, then optional remedies for the phase (either acute phase when unknown), strongest evidence first.

    Remedies the answers rule out are left out.
    """
    from typing import get_args

    from backspasm.kb.vocab import Grade
    from backspasm.triage.advice import withheld

    phase = phase_for(answers, kb.phase_boundary.early_hours)
    phases = {phase} if phase else {"early", "later"}
    grades = list(get_args(Grade))
    ruled_out = withheld(kb, answers)
    suitable = [
        r
        for r in kb.remedies
        if r.stance in SUITABLE_STANCES and phases.intersection(r.phases) and r.id not in ruled_out
    ]
    return sorted(suitable, key=lambda r: (SUITABLE_STANCES.index(r.stance), grades.index(r.evidence.grade)))


def self_care(kb: KnowledgeBase, answers: Mapping[str, Any]) -> SelfCare:
    """What a self-care result shows for these answers: the phase and the remedies that suit it."""
    from backspasm.view_values.triage import SelfCare as Care

    return Care(
        phase_for(answers, kb.phase_boundary.early_hours), remedies_for(kb, answers), answers.get("location") == "neck"
    )
