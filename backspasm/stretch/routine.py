"""A routine from the knowledge base, made ready to run: its stretches, their timer plans, its length.

Pure: no terminal, no store. Each stretch is timed with the session timer's Plan: a hold is an
"apply" phase, repeated `repetitions` times with `rest_seconds` between; a count of the same
rest length comes first, so there is time to get into position.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from backspasm.timer import Plan

if TYPE_CHECKING:
    from backspasm.kb.loader import KnowledgeBase
    from backspasm.kb.views import Routine, Stretch

# The remedy whose graded evidence is shown before every routine.
EVIDENCE_REMEDY = "stretching"
# Said when the knowledge base has no such remedy (shared/clinical-reference.md section 2).
FALLBACK_EVIDENCE = (
    "Evidence: very low certainty. Exercise in the first weeks of back pain has very low certainty of "
    "benefit (Cochrane 2023); gentle stretches are a way to keep moving. Stop any stretch that makes the "
    "pain worse (NHS)."
)
LEGS = "legs"


@dataclass(frozen=True)
class StretchingEvidence:
    """What the evidence says about stretching, in words, with its sources."""

    text: str
    sources: tuple[str, ...]


def choose(
    kb: KnowledgeBase,
    wanted: str | None,
    location: str | None = None,
    phase: str | None = None,
    *,
    pregnant: bool = False,
) -> Routine:
    """The routine asked for (an unknown id is a usage error naming the closest), else a default.

    In the early phase (from the latest triage's onset and the knowledge base's one boundary)
    only routines marked for it are candidates, so day 1 or 2 gets the gentle one. The default is
    the candidate most about `location` (where the spasm is, from the latest triage): the largest
    share of its stretches for that place, the earlier routine winning a tie; with no such
    routine, or no location, the first candidate. When `pregnant` (the latest triage said so), a
    default with a stretch done lying on the back gives way to a routine for pregnancy, as in
    `today` (the NHS: not flat on your back for long after about 16 weeks).
    """
    from backspasm.errors import KnowledgeBaseError
    from backspasm.kb.lookup import find

    if wanted is not None:
        return find("routine", wanted, kb.routine_index, "backspasm stretch --list")
    if not kb.routines:
        raise KnowledgeBaseError("the knowledge base has no stretch routines")
    # A routine for pregnancy is offered in place of another, never as a default otherwise.
    routines = [r for r in kb.routines if not r.for_pregnancy] or kb.routines
    chosen = _default(kb, routines, location, phase)
    if pregnant and lies_on_back(kb, chosen):
        for_pregnancy = [r for r in kb.routines if r.for_pregnancy]
        if for_pregnancy:
            return _default(kb, for_pregnancy, location, phase)
    return chosen


def lies_on_back(kb: KnowledgeBase, routine: Routine) -> bool:
    """Whether any stretch of the routine is done lying flat on the back."""
    return any(s.lying_on_back for s in stretches_of(kb, routine))


def _default(kb: KnowledgeBase, routines: list[Routine], location: str | None, phase: str | None) -> Routine:
    candidates = [r for r in routines if phase in r.phases] if phase == "early" else []
    candidates = candidates or routines
    if location is None:
        return candidates[0]

    def fit(routine: Routine) -> float:
        stretches = stretches_of(kb, routine)
        return sum(location in s.for_locations for s in stretches) / max(len(stretches), 1)

    best = max(candidates, key=fit)  # max keeps the first of equals
    return best if fit(best) > 0 else candidates[0]


def stretches_of(kb: KnowledgeBase, routine: Routine) -> list[Stretch]:
    """The routine's stretches in order (kb check guarantees every id exists)."""
    return [kb.stretch_index[sid] for sid in routine.stretches if sid in kb.stretch_index]


# Long enough to get down onto the floor with a back in spasm (`stretch --ready` changes it).
READY_SECONDS = 20


def ready_plan(stretch: Stretch, ready_seconds: float = READY_SECONDS) -> Plan | None:
    """The count to get into position before the first hold, or None for no count (a walk, or 0)."""
    if ready_seconds <= 0 or stretch.hold_seconds <= 0 or (stretch.repetitions == 1 and stretch.rest_seconds == 0):
        return None
    return Plan(apply_seconds=ready_seconds)


def hold_plan(stretch: Stretch) -> Plan | None:
    """Hold, rest, hold...: one round per repetition; None for a stretch without a timed hold."""
    if stretch.hold_seconds <= 0:
        return None
    return Plan(apply_seconds=stretch.hold_seconds, rest_seconds=stretch.rest_seconds, rounds=stretch.repetitions)


def stretch_seconds(stretch: Stretch, ready_seconds: float = READY_SECONDS) -> float:
    """How long a stretch takes with its count-in, holds and rests."""
    plan = ready_plan(stretch, ready_seconds)
    ready = plan.apply_seconds if plan is not None else 0
    return ready + stretch.hold_seconds * stretch.repetitions + stretch.rest_seconds * (stretch.repetitions - 1)


def routine_seconds(stretches: list[Stretch], ready_seconds: float = READY_SECONDS) -> float:
    """How long a routine takes, without the questions between stretches."""
    return sum(stretch_seconds(s, ready_seconds) for s in stretches)


def areas(stretches: list[Stretch]) -> list[str]:
    """Where the routine is for, in words: the back locations all its back stretches share, or legs.

    Shared rather than any: a short walk suits every location, and would make a lower-back
    routine look like one for the neck.
    """
    located = [s.for_locations for s in stretches if s.for_locations]
    if not located:
        return [LEGS]
    shared = [place for place in located[0] if all(place in other for other in located)]
    if not shared:  # a mixed routine: name every location it has a stretch for
        shared = list(dict.fromkeys(place for places in located for place in places))
    return [place.replace("_", " ") for place in shared]


def evidence(kb: KnowledgeBase) -> StretchingEvidence:
    """The graded evidence on stretching from the knowledge base (a fixed honest note if it is missing)."""
    remedy = kb.remedy_index.get(EVIDENCE_REMEDY)
    if remedy is None:
        return StretchingEvidence(FALLBACK_EVIDENCE, ())
    graded = remedy.evidence
    return StretchingEvidence(f"Evidence: {graded.grade}. {graded.summary}", tuple(graded.sources))
