"""The knowledge base as light, read-only views, one per model. GENERATED from kb/models.py: do not edit.

The pydantic models (kb/models.py) are the schema. To add or change a field, edit its model and
run `python -m backspasm.kb.snapshot`, which writes this file and data/validated.json again
(tests/test_kb_views.py says when either is stale). Everyday commands read the cached knowledge
base through these classes (kb/entry_base.py) and never import pydantic.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from backspasm.kb.entry_base import ConditionKeys, LevelWords, View
from backspasm.kb.vocab import Category, Disposition, Grade, Level, Location, Phase, Scalar, Stance


class Source(View):
    """A guideline, review, web page or seed article that entries cite."""

    _fields = ("id", "title", "publisher", "seed", "year", "url")
    id: str
    title: str
    publisher: str
    seed: bool
    year: int | None
    url: str | None


class Evidence(View):
    """How strong the evidence for a remedy is, in the guidelines' words."""

    _fields = ("grade", "summary", "sources")
    grade: Grade
    summary: str
    sources: list[str]


class PhaseBoundary(View):
    """The one boundary between the early phase and later (shared/clinical-reference.md section 3)."""

    _fields = ("early_hours", "cold_until_hours")
    early_hours: int
    cold_until_hours: int


class Remedy(View):
    """Something a person might try, graded honestly against the guidelines."""

    _fields = (
        "id",
        "name",
        "category",
        "phases",
        "summary",
        "steps",
        "cautions",
        "pregnancy",
        "neck",
        "evidence",
        "stance",
        "seed_claim",
        "sources",
    )
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

    _fields = ("id", "name", "description", "prevention", "related_remedies", "sources")
    id: str
    name: str
    description: str
    prevention: list[str]
    related_remedies: list[str]
    sources: list[str]


class Condition(ConditionKeys, View):
    """A test over the answers: `all`, `any`, or one comparison of one answer key."""

    _fields = ("all", "any", "answer", "equals", "one_of", "at_least", "above", "below", "if_missing")
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

    _fields: ClassVar[tuple[str, ...]] = ("id", "level", "title", "why", "when", "sources")
    _nested = {"when": Condition}
    id: str
    level: Level
    title: str
    why: str
    when: Condition
    sources: list[str]


class WarningSign(Rule):
    """A red flag over the triage answers: when its condition holds, triage reaches its level."""

    _fields: ClassVar[tuple[str, ...]] = ("id", "level", "title", "why", "when", "sources", "advice")
    advice: str | None


class Choice(View):
    """One allowed value of a choice question, with the words shown for it."""

    _fields = ("value", "label")
    value: str
    label: str


class Wording(View):
    """Other words for a question, used when `when` holds on the answers so far (the person's sex)."""

    _fields = ("when", "prompt", "hint")
    _nested = {"when": Condition}
    when: Condition
    prompt: str
    hint: str | None


class Question(View):
    """One triage question; `key` is the public answer key of shared/triage-answers.md."""

    _fields = (
        "key",
        "type",
        "prompt",
        "hint",
        "choices",
        "minimum",
        "maximum",
        "always_ask",
        "ask_if",
        "if_no",
        "ask_first",
        "read_as",
        "wordings",
        "decline",
        "unsure",
        "sources",
    )
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
    unsure: bool
    sources: list[str]


class Gate(View):
    """A yes/no question asked only interactively to skip questions that cannot apply."""

    _fields = ("id", "prompt", "hint", "yes_label", "no_label", "if_no", "sources")
    id: str
    prompt: str
    hint: str | None
    yes_label: str | None
    no_label: str | None
    if_no: dict[str, Scalar]
    sources: list[str]


class TriageLevel(LevelWords, View):
    """A triage level's words, said the same everywhere: its name and what it asks of the person."""

    _fields = ("level", "name", "action")
    level: Disposition
    name: str
    action: str


class StartBackItem(View):
    """One item of the Keele STarT Back Screening Tool, worded as Keele words it."""

    _fields = ("key", "text", "psychosocial", "choices", "scoring")
    _nested = {"choices": Choice}
    key: str
    text: str
    psychosocial: bool
    choices: list[Choice]
    scoring: list[str]


class StartBack(View):
    """The Keele STarT Back tool: items, scoring thresholds and the copyright notice."""

    _fields = ("title", "intro", "copyright", "items", "high_total", "high_psychosocial", "ask_after_days", "sources")
    _nested = {"items": StartBackItem}
    title: str
    intro: str
    copyright: str
    items: list[StartBackItem]
    high_total: int
    high_psychosocial: int
    ask_after_days: float
    sources: list[str]


class WatchFor(View):
    """What to do (`then`) if any of `signs` appears: one group of a level's "What to watch for"."""

    _fields = ("then", "signs")
    then: str
    signs: list[str]


class LevelAdvice(View):
    """What to do now at one triage level, and what would change it."""

    _fields = ("level", "headline", "advice", "watch_for", "tell_them", "changes")
    _nested = {"watch_for": WatchFor}
    level: Disposition
    headline: str
    advice: str
    watch_for: list[WatchFor]
    tell_them: str | None
    changes: str | None


class ResultCaution(View):
    """Advice a triage result gives when the answers meet `when`; `withhold` remedies are not offered then."""

    _fields = ("id", "when", "text", "withhold", "sources")
    _nested = {"when": Condition}
    id: str
    when: Condition
    text: str
    withhold: list[str]
    sources: list[str]


class ProtocolCheck(View):
    """A safety question before an ice or heat session; the `stop_if` answer stops it."""

    _fields = ("id", "prompt", "stop_if", "reason", "alternative")
    id: str
    prompt: str
    stop_if: bool
    reason: str
    alternative: str


class Protocol(View):
    """An ice, heat or ice-massage session with safe defaults and hard caps."""

    _fields = (
        "id",
        "name",
        "kind",
        "summary",
        "default_minutes",
        "max_minutes",
        "rest_minutes",
        "phases",
        "steps",
        "checks",
        "pregnancy",
        "remedy",
        "sources",
    )
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

    _fields = (
        "id",
        "name",
        "for_locations",
        "steps",
        "hold_seconds",
        "repetitions",
        "rest_seconds",
        "sides",
        "lying_on_back",
        "cautions",
        "pregnancy",
        "remedy",
        "sources",
    )
    id: str
    name: str
    for_locations: list[Location]
    steps: list[str]
    hold_seconds: int
    repetitions: int
    rest_seconds: int
    sides: Literal["leg", "side"] | None
    lying_on_back: bool
    cautions: list[str]
    pregnancy: str | None
    remedy: str | None
    sources: list[str]


class Routine(View):
    """A named sequence of stretches run by `backspasm stretch`."""

    _fields = ("id", "name", "summary", "stretches", "phases", "for_pregnancy", "sources")
    id: str
    name: str
    summary: str
    stretches: list[str]
    phases: list[Phase]
    for_pregnancy: bool
    sources: list[str]


class DoctorQuestion(View):
    """A question a doctor is likely to ask (seed 001), answered in the report."""

    _fields = ("id", "text", "answered_by", "sources")
    id: str
    text: str
    answered_by: list[str]
    sources: list[str]


class EscalationRule(Rule):
    """A rule over the journal facts that says it is time to see a doctor."""


class TodayWords(View):
    """The words of `backspasm today`; {names} in braces are filled in from the journal."""

    _fields = (
        "title",
        "nothing_yet",
        "no_episode",
        "began",
        "onset_triage",
        "onset_journal",
        "onset_since",
        "pain_today",
        "pain_today_one",
        "no_pain_today",
        "first_heading",
        "escalation",
        "seen_hint",
        "act_now_heading",
        "on_hold",
        "new_symptoms",
        "on_hold_triage",
        "steps_heading",
        "session_ready",
        "session_resting",
        "session_running",
        "stretch_todo",
        "stretch_done",
        "stretch_worse",
        "remedy",
        "done_heading",
        "done_nothing",
        "done_session",
        "done_stretch",
        "done_pain",
        "cautions_heading",
        "welcome_more",
        "check_in_due",
        "disclaimer",
    )
    title: str
    nothing_yet: str
    no_episode: str
    began: str
    onset_triage: str
    onset_journal: str
    onset_since: str
    pain_today: str
    pain_today_one: str
    no_pain_today: str
    first_heading: str
    escalation: str
    seen_hint: str
    act_now_heading: str
    on_hold: str
    new_symptoms: str
    on_hold_triage: str
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
    check_in_due: str
    disclaimer: str


class TodayTrend(View):
    """The pain trend in a word or two."""

    _fields = ("easing", "same", "worse")
    easing: str
    same: str
    worse: str


class TodayStatuses(View):
    """How a stretch routine ended, in words."""

    _fields = ("completed", "stopped", "worse", "interrupted", "running")
    completed: str
    stopped: str
    worse: str
    interrupted: str
    running: str


class TodayPhase(View):
    """What to do in one phase of an episode: keep moving, which session, what helps, what to watch."""

    _fields = ("phase", "name", "move", "move_remedy", "session", "session_note", "remedies", "watch", "sources")
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

    _fields = ("id", "when", "text", "sources")
    _nested = {"when": Condition}
    id: str
    when: Condition
    text: str
    sources: list[str]


class Today(View):
    """The plan of `backspasm today`: its words, the rules of each phase and the cautions."""

    _fields = ("words", "trend", "statuses", "grades", "phases", "cautions", "sources")
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
    """An urgent medical helpline: advice when it is urgent but not an emergency (never an information line)."""

    _fields = ("name", "number", "where")
    name: str
    number: str
    where: str | None


class Region(View):
    """A country: the number to call for an ambulance there, and its urgent medical helpline if it has one."""

    _fields = ("code", "name", "emergency", "also", "helpline", "note", "sources")
    _nested = {"helpline": Helpline}
    code: str
    name: str
    emergency: str
    also: list[str]
    helpline: Helpline | None
    note: str | None
    sources: list[str]


class Sections:
    """Every section of a knowledge base, as named in its files (kb/files.py): a list of entries, or one."""

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


# Every section and the view of its entries, in the order of the files.
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
