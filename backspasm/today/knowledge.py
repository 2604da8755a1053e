"""What the plan for today reads from the knowledge base: the light views of the sections it needs.

`backspasm today` runs on the light path: the cached JSON data (validated when the cache was
written) is read here into the knowledge base's own views (kb/views.py), only the sections the
plan reads, never through the pydantic models. Nothing here describes an entry a second time.
"""

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from backspasm.kb.views import EscalationRule, Protocol, Remedy, Routine, Stretch, TodayCaution, TodayPhase
    from backspasm.kb.vocab import Grade


class TimedRoutine(NamedTuple):
    """A stretch routine with what the plan works out from its stretches: where they are for, how long it takes."""

    routine: "Routine"
    # One entry per stretch: the locations that stretch is for.
    locations: tuple[tuple[str, ...], ...]
    seconds: float
    # A stretch in it is done lying on the back (not for long after about 16 weeks of pregnancy).
    lying_on_back: bool = False
    # Offered in pregnancy in place of a routine that lies on the back; never a default otherwise.
    for_pregnancy: bool = False


class Knowledge(NamedTuple):
    """Everything the plan for today needs from the knowledge base."""

    # The words of today.yaml, looked up by key.
    words: Mapping[str, str]
    trend: Mapping[str, str]
    statuses: Mapping[str, str]
    grades: "Mapping[Grade, str]"
    # Each phase's rules, its name filled in with the knowledge base's one boundary.
    phases: "Mapping[str, TodayPhase]"
    cautions: "tuple[TodayCaution, ...]"
    early_hours: float
    protocols: "Mapping[str, Protocol]"
    remedies: "Mapping[str, Remedy]"
    routines: tuple[TimedRoutine, ...]
    # The headline of each triage level's advice ("Speak to a doctor today").
    headlines: Mapping[str, str]
    escalation_rules: "tuple[EscalationRule, ...]"


# The count to get into position before a stretch's first hold (backspasm.stretch.routine.READY_SECONDS).
READY_SECONDS = 20


def stretch_seconds(stretch: "Stretch") -> float:
    """How long a stretch takes with its count-in, holds and rests, as `backspasm stretch` times it.

    The same sum as backspasm.stretch.routine.stretch_seconds (a test holds them equal):
    importing that module brings in the session timer, which `today` does not need.
    """
    hold, repetitions, rest = float(stretch.hold_seconds), stretch.repetitions, float(stretch.rest_seconds)
    counted = hold > 0 and not (repetitions == 1 and rest == 0)
    return (READY_SECONDS if counted else 0) + hold * repetitions + rest * (repetitions - 1)


def from_data(data: Mapping[str, Any]) -> Knowledge:
    """The plan's knowledge from the knowledge base's plain data (kb.loader.load_active_data)."""
    from backspasm.kb import views

    today = views.Today(data["today"])
    hours = data["phase_boundary"]["early_hours"]
    stretches = {s["id"]: views.Stretch(s) for s in data["stretches"]}
    routines = []
    for routine in (views.Routine(r) for r in data["routines"]):
        members = [stretches[sid] for sid in routine.stretches if sid in stretches]
        locations = tuple(tuple(s.for_locations) for s in members)
        seconds = sum(stretch_seconds(s) for s in members)
        lying = any(s.lying_on_back for s in members)
        routines.append(TimedRoutine(routine, locations, seconds, lying, bool(routine.for_pregnancy)))
    return Knowledge(
        words=today.words.as_data(),
        trend=today.trend.as_data(),
        statuses=today.statuses.as_data(),
        grades=today.grades,
        phases={p.phase: p.replaced(name=p.name.replace("{hours}", str(hours))) for p in today.phases},
        cautions=tuple(today.cautions),
        early_hours=float(hours),
        protocols={p["id"]: views.Protocol(p) for p in data["protocols"]},
        remedies={r["id"]: views.Remedy(r) for r in data["remedies"]},
        routines=tuple(routines),
        headlines={a["level"]: a["headline"] for a in data["advice"]},
        escalation_rules=tuple(views.EscalationRule(rule) for rule in data["escalation_rules"]),
    )
