"""The knowledge base as light, read-only views with the models' names, for every everyday command.

Importing pydantic and the models and checking cached data through them costs 100 ms or more,
more than most commands' own work. The cache (kb/cache.py) holds data that the models validated
when it was written, so everyday commands read it through these light classes instead: each
has exactly its model's fields (tests/test_kb_views.py holds them to that, and to giving the
models' results), is built from the model's JSON dump, and cannot be changed once built.
Pydantic is imported only to check a knowledge base (`kb check`) or to rebuild the cache.

Classes are hand-written rather than dataclasses: defining twenty dataclasses costs more at
start-up than reading the whole cache.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import Any, ClassVar, Literal, TypeVar

from backspasm.kb.derived import ConditionKeys, LevelWords
from backspasm.kb.vocab import Category, Disposition, Grade, Level, Location, Phase, Scalar, Stance

V = TypeVar("V", bound="View")


class View:
    """One entry read by attribute, built from its model's JSON dump; it never changes.

    `_fields` lists every field in the model's order; `_nested` names the fields that hold
    other entries (one, or a list of them), built as views too.
    """

    _fields: ClassVar[tuple[str, ...]] = ()
    _nested: ClassVar[Mapping[str, type[View]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # The class's own annotations, unevaluated (strings): only their names are read.
        own = [name for name in inspect.get_annotations(cls) if not name.startswith("_")]
        cls._fields = (*cls._fields, *own)

    def __init__(self, data: Mapping[str, Any]) -> None:
        """Raises KeyError or TypeError when the data does not have exactly this entry's fields."""
        if len(data) != len(self._fields):
            raise TypeError(f"{type(self).__name__}: fields {sorted(data)} are not {list(self._fields)}")
        values = {name: data[name] for name in self._fields}
        for name, kind in self._nested.items():
            value = values[name]
            if isinstance(value, list):
                values[name] = [kind(item) for item in value]
            elif value is not None:
                values[name] = kind(value)
        self.__dict__.update(values)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.__dict__ == self.__dict__

    __hash__ = None  # type: ignore[assignment]  # entries hold lists, as the models do

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__name__}({shown})"

    def as_data(self) -> dict[str, Any]:
        """The entry as JSON-ready data, exactly as its model's `model_dump(mode="json")`."""
        return {name: _data(getattr(self, name)) for name in self._fields}

    def replaced(self: V, **changes: Any) -> V:
        """A copy with some fields changed (as the models' `model_copy(update=...)`)."""
        return type(self)({**self.as_data(), **{name: _data(value) for name, value in changes.items()}})


def _data(value: Any) -> Any:
    if isinstance(value, View):
        return value.as_data()
    if isinstance(value, list):
        return [_data(item) for item in value]
    if isinstance(value, dict):
        return {key: _data(item) for key, item in value.items()}
    return value


class Source(View):
    """A guideline, review, web page or seed article that entries cite."""

    id: str
    title: str
    publisher: str
    seed: bool
    year: int | None
    url: str | None


class Evidence(View):
    """How strong the evidence for a remedy is, in the guidelines' words."""

    grade: Grade
    summary: str
    sources: list[str]


class PhaseBoundary(View):
    """The one boundary between the early phase and later."""

    early_hours: int
    cold_until_hours: int


class Remedy(View):
    """Something a person might try, graded honestly against the guidelines."""

    _nested = {"evidence": Evidence}
    id: str
    name: str
    category: Category
    phases: list[Phase]
    summary: str
    steps: list[str]
    cautions: list[str]
    pregnancy: str | None
    neck: str | None
    evidence: Evidence
    stance: Stance
    seed_claim: str | None
    sources: list[str]


class Cause(View):
    """A common reason for back spasms, with ways to prevent the next one."""

    id: str
    name: str
    description: str
    prevention: list[str]
    related_remedies: list[str]
    sources: list[str]


class Condition(ConditionKeys, View):
    """A test over the answers: `all`, `any`, or one comparison of one answer key."""

    all: list[Condition] | None
    any: list[Condition] | None
    answer: str | None
    equals: Scalar | None
    one_of: list[Scalar] | None
    at_least: float | None
    above: float | None
    below: float | None
    if_missing: bool | None


Condition._nested = {"all": Condition, "any": Condition}


class Rule(View):
    """When `when` holds, the person should see a doctor at `level`, for the reason `why`."""

    _nested = {"when": Condition}
    id: str
    level: Level
    title: str
    why: str
    when: Condition
    sources: list[str]


class WarningSign(Rule):
    """A red flag over the triage answers: when its condition holds, triage reaches its level."""

    advice: str | None


class Choice(View):
    """One allowed value of a choice question, with the words shown for it."""

    value: str
    label: str


class Wording(View):
    """Other words for a question, used when `when` holds on the answers so far (the person's sex)."""

    _nested = {"when": Condition}
    when: Condition
    prompt: str
    hint: str | None


class Question(View):
    """One triage question; `key` is the public answer key of shared/triage-answers.md."""

    _nested = {"choices": Choice, "ask_if": Condition, "wordings": Wording}
    key: str
    type: Literal["bool", "integer", "number", "choice"]
    prompt: str
    hint: str | None
    choices: list[Choice]
    minimum: float | None
    maximum: float | None
    always_ask: bool
    ask_if: Condition | None
    if_no: dict[str, Scalar]
    ask_first: bool
    read_as: Literal["days_ago"] | None
    wordings: list[Wording]
    decline: str | None
    sources: list[str]


class Gate(View):
    """A yes/no question asked only interactively to skip questions that cannot apply."""

    id: str
    prompt: str
    hint: str | None
    yes_label: str | None
    no_label: str | None
    if_no: dict[str, Scalar]
    sources: list[str]


class WatchFor(View):
    """What to do (`then`) if any of `signs` appears: one group of a level's "What to watch for"."""

    then: str
    signs: list[str]


class LevelAdvice(View):
    """What to do now at one triage level, and what would change it."""

    _nested = {"watch_for": WatchFor}
    level: Disposition
    headline: str
    advice: str
    watch_for: list[WatchFor]
    tell_them: str | None
    changes: str | None


class ResultCaution(View):
    """Advice a triage result gives when the answers meet `when`; `withhold` remedies are not offered then."""

    _nested = {"when": Condition}
    id: str
    when: Condition
    text: str
    withhold: list[str]
    sources: list[str]


class TriageLevel(LevelWords, View):
    """A triage level's words: its name ("Urgent") and what it asks of the person."""

    level: Disposition
    name: str
    action: str


class StartBackItem(View):
    """One item of the Keele STarT Back Screening Tool, worded as Keele words it."""

    _nested = {"choices": Choice}
    key: str
    text: str
    psychosocial: bool
    choices: list[Choice]
    scoring: list[str]


class StartBack(View):
    """The Keele STarT Back tool: items, scoring thresholds and the copyright notice."""

    _nested = {"items": StartBackItem}
    title: str
    intro: str
    copyright: str
    items: list[StartBackItem]
    high_total: int
    high_psychosocial: int
    ask_after_days: float
    sources: list[str]


class ProtocolCheck(View):
    """A safety question before an ice or heat session; `stop_if` answers stop it."""

    id: str
    prompt: str
    stop_if: bool
    reason: str
    alternative: str


class Protocol(View):
    """An ice, heat or ice-massage session with safe defaults and hard caps."""

    _nested = {"checks": ProtocolCheck}
    id: str
    name: str
    kind: Literal["cold", "heat"]
    summary: str
    default_minutes: float
    max_minutes: float
    rest_minutes: float
    phases: list[Phase]
    steps: list[str]
    checks: list[ProtocolCheck]
    pregnancy: str | None
    remedy: str
    sources: list[str]


class Stretch(View):
    """A gentle stretch: how to do it, how long to hold, how often."""

    id: str
    name: str
    for_locations: list[Location]
    steps: list[str]
    hold_seconds: int
    repetitions: int
    rest_seconds: int
    sides: Literal["leg", "side"] | None
    cautions: list[str]
    pregnancy: str | None
    remedy: str | None
    sources: list[str]


class Routine(View):
    """A named sequence of stretches run by `backspasm stretch`."""

    id: str
    name: str
    summary: str
    stretches: list[str]
    phases: list[Phase]
    sources: list[str]


class DoctorQuestion(View):
    """A question a doctor is likely to ask, answered in the report."""

    id: str
    text: str
    answered_by: list[str]
    sources: list[str]


class EscalationRule(Rule):
    """A rule over the journal facts that says it is time to see a doctor."""


class TodayWords(View):
    """The words of `backspasm today`; {names} in braces are filled in from the journal."""

    title: str
    nothing_yet: str
    no_episode: str
    day: str
    day_zero: str
    pain_today: str
    pain_today_one: str
    no_pain_today: str
    first_heading: str
    escalation: str
    seen_hint: str
    steps_heading: str
    session_ready: str
    session_resting: str
    session_running: str
    stretch_todo: str
    stretch_done: str
    stretch_worse: str
    remedy: str
    done_heading: str
    done_nothing: str
    done_session: str
    done_stretch: str
    done_pain: str
    cautions_heading: str
    welcome_more: str
    disclaimer: str


class TodayTrend(View):
    """The pain trend in a word or two."""

    easing: str
    same: str
    worse: str


class TodayStatuses(View):
    """How a stretch routine ended, in words."""

    completed: str
    stopped: str
    worse: str
    interrupted: str
    running: str


class TodayPhase(View):
    """What to do in one phase of an episode: keep moving, which session, what helps, what to watch."""

    phase: Phase
    name: str
    move: str
    move_remedy: str
    session: str | None
    session_note: str | None
    remedies: list[str]
    watch: list[str]
    sources: list[str]


class TodayCaution(View):
    """A caution shown when the latest triage's answers meet `when` (for example pregnancy)."""

    _nested = {"when": Condition}
    id: str
    when: Condition
    text: str
    sources: list[str]


class Today(View):
    """The plan of `backspasm today`: its words, the rules of each phase and the cautions."""

    _nested = {
        "words": TodayWords,
        "trend": TodayTrend,
        "statuses": TodayStatuses,
        "phases": TodayPhase,
        "cautions": TodayCaution,
    }
    words: TodayWords
    trend: TodayTrend
    statuses: TodayStatuses
    grades: dict[Grade, str]
    phases: list[TodayPhase]
    cautions: list[TodayCaution]
    sources: list[str]


class Helpline(View):
    """An urgent medical helpline: advice when it is urgent but not an emergency."""

    name: str
    number: str
    where: str | None


class Region(View):
    """A country: the number to call for an ambulance there, and its urgent medical helpline if it has one."""

    _nested = {"helpline": Helpline}
    code: str
    name: str
    emergency: str
    also: list[str]
    helpline: Helpline | None
    note: str | None
    sources: list[str]


# Every section of a knowledge base: a list of entries, or one entry (phase_boundary, startback).
SECTIONS: dict[str, type[View]] = {
    "sources": Source,
    "phase_boundary": PhaseBoundary,
    "remedies": Remedy,
    "causes": Cause,
    "warning_signs": WarningSign,
    "questions": Question,
    "gates": Gate,
    "levels": TriageLevel,
    "advice": LevelAdvice,
    "result_cautions": ResultCaution,
    "startback": StartBack,
    "protocols": Protocol,
    "stretches": Stretch,
    "routines": Routine,
    "doctor_questions": DoctorQuestion,
    "escalation_rules": EscalationRule,
    "today": Today,
    "regions": Region,
}


class KnowledgeBase:
    """Every entry of one knowledge-base directory, validated (when read or when the cache was written).

    Read-only like its entries; `replaced` makes a changed copy. A plain class, not a dataclass:
    generating a dataclass's methods costs milliseconds at every start.
    """

    directory: Path
    sources: list[Source]
    phase_boundary: PhaseBoundary
    remedies: list[Remedy]
    causes: list[Cause]
    warning_signs: list[WarningSign]
    questions: list[Question]
    gates: list[Gate]
    levels: list[TriageLevel]
    advice: list[LevelAdvice]
    result_cautions: list[ResultCaution]
    startback: StartBack
    protocols: list[Protocol]
    stretches: list[Stretch]
    routines: list[Routine]
    doctor_questions: list[DoctorQuestion]
    escalation_rules: list[EscalationRule]
    today: Today
    regions: list[Region]

    def __init__(self, directory: Path, **sections: Any) -> None:
        """Raises TypeError unless every section is given."""
        if sections.keys() != SECTIONS.keys():
            raise TypeError(f"sections {sorted(sections)} are not {list(SECTIONS)}")
        self.__dict__.update(sections, directory=directory)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("KnowledgeBase is read-only")

    def __repr__(self) -> str:
        return f"KnowledgeBase({str(self.directory)!r})"

    def replaced(self, **changes: Any) -> KnowledgeBase:
        """A copy with some sections changed (tests, and checks of an edited knowledge base)."""
        sections = {name: changes.pop(name, getattr(self, name)) for name in SECTIONS}
        return KnowledgeBase(changes.pop("directory", self.directory), **sections, **changes)

    @cached_property
    def source_index(self) -> dict[str, Source]:
        """Sources by id."""
        return {s.id: s for s in self.sources}

    @cached_property
    def remedy_index(self) -> dict[str, Remedy]:
        """Remedies by id."""
        return {r.id: r for r in self.remedies}

    @cached_property
    def question_index(self) -> dict[str, Question]:
        """Questions by answer key."""
        return {q.key: q for q in self.questions}

    @cached_property
    def protocol_index(self) -> dict[str, Protocol]:
        """Protocols by id."""
        return {p.id: p for p in self.protocols}

    @cached_property
    def stretch_index(self) -> dict[str, Stretch]:
        """Stretches by id."""
        return {s.id: s for s in self.stretches}

    @cached_property
    def routine_index(self) -> dict[str, Routine]:
        """Routines by id."""
        return {r.id: r for r in self.routines}

    @cached_property
    def level_index(self) -> dict[str, TriageLevel]:
        """Each triage level's words, by level."""
        return {level.level: level for level in self.levels}

    def advice_for(self, level: str) -> LevelAdvice:
        """The advice entry of one triage level."""
        return next(a for a in self.advice if a.level == level)

    def level(self, level: str) -> TriageLevel:
        """The words of one triage level."""
        return self.level_index[level]

    def as_data(self) -> dict[str, Any]:
        """Every section as JSON-ready data, as the models dump it (what the cache holds)."""
        data: dict[str, Any] = {}
        for name in SECTIONS:
            value = getattr(self, name)
            data[name] = [entry.as_data() for entry in value] if isinstance(value, list) else value.as_data()
        return data


def from_data(directory: Path, data: Mapping[str, Any]) -> KnowledgeBase:
    """The views of every section; KeyError or TypeError when the data is not the models' dump."""
    sections: dict[str, Any] = {}
    for name, kind in SECTIONS.items():
        value = data[name]
        sections[name] = [kind(entry) for entry in value] if isinstance(value, list) else kind(value)
    if len(data) != len(SECTIONS):
        raise TypeError(f"sections {sorted(data)} are not {list(SECTIONS)}")
    return KnowledgeBase(directory, **sections)
