"""What the plan for today reads from the knowledge base, as plain values from its cached data.

`backspasm today` runs on the light path: the cached JSON data (validated when the cache was
written) is read here into small frozen values, never through the pydantic models.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple


class Protocol(NamedTuple):
    """An ice or heat protocol: its name, and the rest it needs after a session."""

    id: str
    name: str
    rest_minutes: float


class Remedy(NamedTuple):
    """A remedy's name and evidence grade."""

    id: str
    name: str
    grade: str


class Routine(NamedTuple):
    """A stretch routine: its phases, and the places of the back its stretches are for."""

    id: str
    name: str
    phases: tuple[str, ...]
    # One entry per stretch: the locations that stretch is for.
    locations: tuple[tuple[str, ...], ...]
    seconds: float


class PhaseRules(NamedTuple):
    """What to do in one phase (today.yaml `phases`)."""

    phase: str
    name: str
    move: str
    move_remedy: str
    session: str | None
    session_note: str | None
    remedies: tuple[str, ...]
    watch: tuple[str, ...]


class Caution(NamedTuple):
    """A caution and the condition over the latest triage's answers that shows it."""

    id: str
    when: Any
    text: str


class Knowledge(NamedTuple):
    """Everything the plan for today needs from the knowledge base."""

    words: Mapping[str, str]
    trend: Mapping[str, str]
    statuses: Mapping[str, str]
    grades: Mapping[str, str]
    phases: Mapping[str, PhaseRules]
    cautions: tuple[Caution, ...]
    early_hours: float
    protocols: Mapping[str, Protocol]
    remedies: Mapping[str, Remedy]
    routines: tuple[Routine, ...]
    # The headline of each triage level's advice ("Speak to a doctor today").
    headlines: Mapping[str, str]
    escalation_rules: tuple[Any, ...]


# The count to get into position before a stretch's first hold (backspasm.stretching.routine.READY_SECONDS).
READY_SECONDS = 20


def stretch_seconds(stretch: Mapping[str, Any]) -> float:
    """How long a stretch takes with its count-in, holds and rests, as `backspasm stretch` times it.

    The same sum as backspasm.stretching.routine.stretch_seconds (a test holds them equal), on
    plain data: importing that module brings in the session timer, which `today` does not need.
    """
    hold, repetitions = float(stretch["hold_seconds"]), int(stretch["repetitions"])
    rest = float(stretch["rest_seconds"])
    counted = hold > 0 and not (repetitions == 1 and rest == 0)
    return (READY_SECONDS if counted else 0) + hold * repetitions + rest * (repetitions - 1)


def from_data(data: Mapping[str, Any]) -> Knowledge:
    """The plan's knowledge from the knowledge base's plain data (kb.loader.load_active_data)."""
    from backspasm.kb.views import Condition, EscalationRule

    today = data["today"]
    stretches = {s["id"]: s for s in data["stretches"]}
    routines = []
    for routine in data["routines"]:
        members = [stretches[sid] for sid in routine["stretches"] if sid in stretches]
        routines.append(
            Routine(
                routine["id"],
                routine["name"],
                tuple(routine.get("phases") or ()),
                tuple(tuple(s.get("for_locations") or ()) for s in members),
                sum(stretch_seconds(s) for s in members),
            )
        )
    phases = {
        p["phase"]: PhaseRules(
            p["phase"],
            str(p["name"]).replace("{hours}", str(data["phase_boundary"]["early_hours"])),
            p["move"],
            p["move_remedy"],
            p.get("session"),
            p.get("session_note"),
            tuple(p.get("remedies") or ()),
            tuple(p.get("watch") or ()),
        )
        for p in today["phases"]
    }
    return Knowledge(
        words=today["words"],
        trend=today["trend"],
        statuses=today["statuses"],
        grades=today["grades"],
        phases=phases,
        cautions=tuple(Caution(c["id"], Condition(c["when"]), c["text"]) for c in today.get("cautions") or ()),
        early_hours=float(data["phase_boundary"]["early_hours"]),
        protocols={p["id"]: Protocol(p["id"], p["name"], float(p["rest_minutes"])) for p in data["protocols"]},
        remedies={r["id"]: Remedy(r["id"], r["name"], r["evidence"]["grade"]) for r in data["remedies"]},
        routines=tuple(routines),
        headlines={a["level"]: a["headline"] for a in data["advice"]},
        escalation_rules=tuple(EscalationRule(rule) for rule in data["escalation_rules"]),
    )
