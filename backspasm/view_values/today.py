"""The plan for today as its screen and its JSON read it: every sentence already in words (today/plan.py)."""

from datetime import datetime
from typing import NamedTuple

from backspasm.view_values.escalation import Fired


class First(NamedTuple):
    """What comes before everything else: an escalation from the journal or a recent triage."""

    level: str
    advice: str
    fired: tuple[Fired, ...]
    hint: str
    # The box's title, and (emergency, urgent) the line saying today's self-care plan waits.
    heading: str = ""
    on_hold: str = ""


class Step(NamedTuple):
    """One next step: keep moving, a session, a stretch routine, a remedy, or what to watch for."""

    kind: str
    text: str
    id: str | None = None
    # session: ready, resting or running; stretch: todo or done.
    state: str | None = None
    # session: when the next one may start (resting).
    start_from: datetime | None = None
    rest_minutes: float | None = None
    grade: str | None = None
    note: str | None = None


class Done(NamedTuple):
    """One thing done today: a session, a stretch routine, or the pain scores."""

    kind: str
    text: str
    id: str | None = None
    at: datetime | None = None
    minutes: float | None = None
    status: str | None = None
    scores: tuple[int, ...] = ()


class Caution(NamedTuple):
    """A caution that applies, from the latest triage."""

    id: str
    text: str


class DayPlan(NamedTuple):
    """The plan for today, every sentence in words."""

    now: datetime
    title: str
    # "early", "later", "prevention"; None when nothing is recorded.
    phase: str | None
    phase_name: str | None
    # Whole days since the episode began (0 on the first day, as "began today"), the exact days,
    # when it began, and how that was decided: "triage", "journal" or "since".
    day: int | None
    began: datetime | None
    began_from: str | None
    where: tuple[str, ...]
    pain_scores: tuple[int, ...]
    trend: str | None
    first: First | None
    first_heading: str
    steps_heading: str
    steps: tuple[Step, ...]
    done_heading: str
    done: tuple[Done, ...]
    done_nothing: str
    cautions_heading: str
    cautions: tuple[Caution, ...]
    more: str
    disclaimer: str
    # The weekly check-in (journal/peg.py): "first" at the start of the episode, "weekly" a week
    # after the latest, None when not due; said in `where`, after the pain of today.
    check_in_due: str | None = None
