"""Strict pydantic models of the knowledge base: every entry has an id, words for people, sources."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from backspasm.kb.entry_base import ConditionKeys, LevelWords
from backspasm.kb.vocab import Category, Disposition, Grade, Level, Location, Phase, Scalar, Stance

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
# Seed articles are cited by their file names (000_665f6314defa4c8a.txt), so source keys
# allow dots and underscores where entry ids do not.
SourceKey = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$")]
AnswerKey = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$")]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
Sources = Annotated[list[SourceKey], Field(min_length=1)]



class Strict(BaseModel):
    """Base of every knowledge-base model: unknown fields are errors, entries never change."""

    # defer_build: validators are built on first use, so importing the models alone stays cheap.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class SourceModel(Strict):
    """A guideline, review, web page or seed article that entries cite."""

    id: SourceKey
    title: Text
    publisher: Text
    # A seed article (shared/seeds): may lack an address; every other source needs one.
    seed: bool = False
    year: int | None = Field(default=None, ge=1900, le=2100)
    url: Text | None = None


class EvidenceModel(Strict):
    """How strong the evidence for a remedy is, in the guidelines' words."""

    grade: Grade
    summary: Text
    sources: Sources


class PhaseBoundaryModel(Strict):
    """The one boundary between the early phase and later (shared/clinical-reference.md section 3).

    Remedy phases, the session suggestion, the triage advice and the stretch routine all read it:
    the early phase is the first `early_hours`; heat is the default suggestion from then on, and
    cold stays an option up to `cold_until_hours`.
    """

    early_hours: Annotated[int, Field(gt=0)]
    cold_until_hours: Annotated[int, Field(gt=0)]

    @model_validator(mode="after")
    def _cold_after_early(self) -> PhaseBoundaryModel:
        if self.cold_until_hours < self.early_hours:
            raise ValueError("cold_until_hours must not come before early_hours")
        return self


class RemedyModel(Strict):
    """Something a person might try, graded honestly against the guidelines."""

    id: Id
    name: Text
    category: Category
    phases: Annotated[list[Phase], Field(min_length=1)]
    summary: Text
    steps: list[Text] = []
    cautions: list[Text] = []
    # What changes in pregnancy: shown with the cautions, first when the latest triage says pregnant.
    pregnancy: Text | None = None
    # What changes when the pain is in the neck: shown with the cautions, first when triage says neck.
    neck: Text | None = None
    evidence: EvidenceModel
    stance: Stance
    # Where a seed article claims more than the guidelines support, say so here.
    seed_claim: Text | None = None
    sources: Sources


class CauseModel(Strict):
    """A common reason for back spasms, with ways to prevent the next one."""

    id: Id
    name: Text
    description: Text
    prevention: list[Text] = []
    related_remedies: list[Id] = []
    sources: Sources


class ConditionModel(ConditionKeys, Strict):
    """A test over the answers: `all`, `any`, or one comparison of one answer key.

    An answer that was not given makes a comparison false, never true: the engine
    treats a missing answer as absent, and the questionnaire keeps asking.
    """

    all: list[ConditionModel] | None = None
    any: list[ConditionModel] | None = None
    answer: AnswerKey | None = None
    equals: Scalar | None = None
    one_of: list[Scalar] | None = None
    at_least: float | None = None
    above: float | None = None
    below: float | None = None
    # The comparison's value when the answer was left out (clinical reference v2: a left-out
    # `trend` reads as "not improving", a left-out onset as a new episode). Unset: false.
    if_missing: bool | None = None

    @model_validator(mode="after")
    def _one_form(self) -> ConditionModel:
        forms = [f for f in ("all", "any", "answer") if getattr(self, f) is not None]
        if len(forms) != 1:
            raise ValueError("a condition needs exactly one of all, any or answer")
        tests = [f for f in ("equals", "one_of", "at_least", "above", "below") if getattr(self, f) is not None]
        if self.answer is None and tests:
            raise ValueError(f"{tests[0]} needs an answer key beside it")
        if self.answer is not None and len(tests) != 1:
            raise ValueError("a comparison needs exactly one of equals, one_of, at_least, above, below")
        if self.answer is None and self.if_missing is not None:
            raise ValueError("if_missing belongs to a comparison of one answer key")
        if (self.all is not None and not self.all) or (self.any is not None and not self.any):
            raise ValueError("all and any need at least one condition")
        return self


class RuleModel(Strict):
    """When `when` holds, the person should see a doctor at `level`, for the reason `why`."""

    id: Id
    level: Level
    title: Text
    why: Text
    when: ConditionModel
    sources: Sources


class WarningSignModel(RuleModel):
    """A red flag over the triage answers: when its condition holds, triage reaches its level."""

    # What to do about this sign in particular, shown before the level's advice when it fires
    # (the maternity unit for pregnancy warning signs, a crisis line for not coping).
    advice: Text | None = None


class ChoiceModel(Strict):
    """One allowed value of a choice question, with the words shown for it."""

    value: Text
    label: Text


class WordingModel(Strict):
    """Other words for a question, used when `when` holds on the answers so far (the person's sex)."""

    when: ConditionModel
    prompt: Text
    hint: Text | None = None


class QuestionModel(Strict):
    """One triage question; `key` is the public answer key of shared/triage-answers.md."""

    key: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
    type: Literal["bool", "integer", "number", "choice"]
    prompt: Text
    hint: Text | None = None
    choices: list[ChoiceModel] = []
    minimum: float | None = None
    maximum: float | None = None
    # Informational questions (age, location, pain score) are asked even when no rule reads them.
    always_ask: bool = False
    # Asked only when this holds on the answers so far (for example leg details after a leg symptom).
    ask_if: ConditionModel | None = None
    # When the gate question is answered "no", these answers follow (no leg symptoms: all "none").
    if_no: dict[str, Scalar] = {}
    # Asked before every other question, so that even a triage an emergency cuts short records it.
    ask_first: bool = False
    # "days_ago": a number question also read from words ("yesterday", "3 hours"); the value stays days.
    read_as: Literal["days_ago"] | None = None
    # Other words for other people (the first whose `when` holds): sexual function by sex.
    wordings: list[WordingModel] = []
    # The words of an answer that leaves the key unanswered ("I'd rather not say"), if offered.
    decline: Text | None = None
    # Whether "Not sure" is offered and accepted (yes/no and choice questions); false for the
    # keys the answers contract lists as never unsure (docs/triage-answers.md).
    unsure: bool = True
    sources: list[SourceKey] = []

    @model_validator(mode="after")
    def _choices_fit_type(self) -> QuestionModel:
        if self.type == "choice" and len(self.choices) < 2:
            raise ValueError("a choice question needs at least two choices")
        if self.type != "choice" and self.choices:
            raise ValueError("only a choice question has choices")
        if self.if_no and self.type != "bool":
            raise ValueError("if_no belongs to a yes/no question")
        if self.read_as is not None and self.type != "number":
            raise ValueError("read_as belongs to a number question")
        if not self.unsure and self.type not in ("bool", "choice"):
            raise ValueError("unsure: false belongs to a yes/no or choice question (no other offers it)")
        return self


class GateModel(Strict):
    """A yes/no question asked only interactively to skip questions that cannot apply."""

    id: Id
    prompt: Text
    hint: Text | None = None
    # The words of the two answers, when "Yes" and "No" do not read well ("None of these").
    yes_label: Text | None = None
    no_label: Text | None = None
    # Answering "no" fills these answer keys, and their questions are not asked.
    if_no: dict[str, Scalar]
    sources: list[SourceKey] = []


class TriageLevelModel(LevelWords, Strict):
    """A triage level's words, said the same everywhere: its name and what it asks of the person.

    A result shows the name in capitals ("URGENT"), the timeline the name, and the warning-sign
    list and the report the name with the action ("Urgent: speak to a doctor today").
    """

    level: Disposition
    name: Text
    action: Text


class StartBackItemModel(Strict):
    """One item of the Keele STarT Back Screening Tool, worded as Keele words it."""

    key: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
    text: Text
    psychosocial: bool = False
    choices: list[ChoiceModel] = []
    # Choices of a non-yes/no item that score one point.
    scoring: list[Text] = []


class StartBackModel(Strict):
    """The Keele STarT Back tool: items, scoring thresholds and the copyright notice."""

    title: Text
    intro: Text
    copyright: Text
    items: Annotated[list[StartBackItemModel], Field(min_length=1)]
    high_total: int
    high_psychosocial: int
    ask_after_days: float
    sources: Sources


class WatchForModel(Strict):
    """What to do (`then`) if any of `signs` appears: one group of a level's "What to watch for"."""

    then: Text
    # Each a short line of its own, read after `then` ("leg weakness that gets worse").
    signs: Annotated[list[Text], Field(min_length=1)]


class LevelAdviceModel(Strict):
    """What to do now at one triage level, and what would change it."""

    level: Disposition
    headline: Text
    advice: Text
    watch_for: list[WatchForModel] = []
    # What to tell the emergency service or doctor (shown on the emergency screen).
    tell_them: Text | None = None
    # One line on what would change this level, shown last under the level (an emergency
    # repeats its action instead).
    changes: Text | None = None


class ResultCautionModel(Strict):
    """Advice a triage result gives when the answers meet `when`; `withhold` remedies are not offered then."""

    id: Id
    when: ConditionModel
    text: Text
    withhold: list[Id] = []
    sources: Sources


class ProtocolCheckModel(Strict):
    """A safety question before an ice or heat session; the `stop_if` answer stops it."""

    id: Id
    prompt: Text
    # The answer that means the session must not go ahead.
    stop_if: bool
    reason: Text
    alternative: Text


class ProtocolModel(Strict):
    """An ice, heat or ice-massage session with safe defaults and hard caps."""

    id: Id
    name: Text
    kind: Literal["cold", "heat"]
    summary: Text
    default_minutes: Annotated[float, Field(gt=0)]
    max_minutes: Annotated[float, Field(gt=0)]
    rest_minutes: Annotated[float, Field(ge=0)]
    phases: Annotated[list[Phase], Field(min_length=1)]
    steps: list[Text] = []
    checks: list[ProtocolCheckModel] = []
    # What changes in pregnancy: shown before the session when the latest triage says pregnant.
    pregnancy: Text | None = None
    remedy: Id
    sources: Sources

    @model_validator(mode="after")
    def _default_within_cap(self) -> ProtocolModel:
        if self.default_minutes > self.max_minutes:
            raise ValueError("default_minutes must not exceed max_minutes")
        return self


class StretchModel(Strict):
    """A gentle stretch: how to do it, how long to hold, how often."""

    id: Id
    name: Text
    for_locations: list[Location] = []
    steps: Annotated[list[Text], Field(min_length=1)]
    hold_seconds: Annotated[int, Field(ge=0)]
    repetitions: Annotated[int, Field(ge=1)] = 1
    rest_seconds: Annotated[int, Field(ge=0)] = 10
    # One-sided holds that alternate, left first: the timer says which ("Hold 2 of 4, right leg").
    sides: Literal["leg", "side"] | None = None
    # Done lying flat on the back: not for long after about 16 weeks of pregnancy (kb check asks
    # for a pregnancy note, and `today` offers a routine without it to someone pregnant).
    lying_on_back: bool = False
    cautions: list[Text] = []
    # What changes in pregnancy: shown with the cautions, first when the latest triage says pregnant.
    pregnancy: Text | None = None
    remedy: Id | None = None
    sources: Sources


class RoutineModel(Strict):
    """A named sequence of stretches run by `backspasm stretch`."""

    id: Id
    name: Text
    summary: Text
    stretches: Annotated[list[Id], Field(min_length=1)]
    # `early`: the routine `backspasm stretch` picks in the early phase; kb check keeps every
    # stretch in it suitable then (its remedy lists the early phase).
    phases: list[Phase] = []
    # Offered in pregnancy in place of a routine with a stretch done lying on the back; never a
    # default otherwise.
    for_pregnancy: bool = False
    sources: Sources


class DoctorQuestionModel(Strict):
    """A question a doctor is likely to ask (seed 001), answered in the report."""

    id: Id
    text: Text
    # Where the report finds the answer: triage answer keys or journal fields.
    answered_by: list[Text] = []
    sources: Sources


class EscalationRuleModel(RuleModel):
    """A rule over the journal facts that says it is time to see a doctor."""


# ---------------------------------------------------------------- the plan for today (today.yaml)
# Each template of `backspasm today` and the values it may name; anything else in braces is an error.
TODAY_PLACEHOLDERS: dict[str, frozenset[str]] = {
    "title": frozenset({"date"}),
    "nothing_yet": frozenset(),
    "no_episode": frozenset(),
    "began": frozenset({"when", "ago", "how"}),
    "onset_triage": frozenset({"date"}),
    "onset_journal": frozenset(),
    "onset_since": frozenset(),
    "pain_today": frozenset({"scores", "trend"}),
    "pain_today_one": frozenset({"scores"}),
    "no_pain_today": frozenset(),
    "first_heading": frozenset(),
    "escalation": frozenset({"headline"}),
    "seen_hint": frozenset(),
    "act_now_heading": frozenset(),
    "on_hold": frozenset(),
    "new_symptoms": frozenset(),
    "on_hold_triage": frozenset(),
    "steps_heading": frozenset({"phase"}),
    "session_ready": frozenset({"name", "id"}),
    "session_resting": frozenset({"name", "time", "rest", "after"}),
    "session_running": frozenset({"name"}),
    "stretch_todo": frozenset({"name", "minutes", "id"}),
    "stretch_done": frozenset(),
    "stretch_worse": frozenset(),
    "remedy": frozenset({"name", "grade"}),
    "done_heading": frozenset(),
    "done_nothing": frozenset(),
    "done_session": frozenset({"name", "minutes", "applied", "time"}),
    "done_stretch": frozenset({"name", "time", "status"}),
    "done_pain": frozenset({"scores"}),
    "cautions_heading": frozenset(),
    "welcome_more": frozenset(),
    "check_in_due": frozenset(),
    "disclaimer": frozenset(),
}


def _placeholders(text: str) -> set[str]:
    from string import Formatter

    try:
        return {name for _, name, _, _ in Formatter().parse(text) if name is not None}
    except ValueError:
        return {"{"}


class TodayWordsModel(Strict):
    """The words of `backspasm today`; {names} in braces are filled in from the journal."""

    title: Text
    nothing_yet: Text
    no_episode: Text
    began: Text
    onset_triage: Text
    onset_journal: Text
    onset_since: Text
    pain_today: Text
    pain_today_one: Text
    no_pain_today: Text
    first_heading: Text
    escalation: Text
    seen_hint: Text
    act_now_heading: Text
    on_hold: Text
    new_symptoms: Text
    on_hold_triage: Text
    steps_heading: Text
    session_ready: Text
    session_resting: Text
    session_running: Text
    stretch_todo: Text
    stretch_done: Text
    stretch_worse: Text
    remedy: Text
    done_heading: Text
    done_nothing: Text
    done_session: Text
    done_stretch: Text
    done_pain: Text
    cautions_heading: Text
    welcome_more: Text
    check_in_due: Text
    disclaimer: Text

    @model_validator(mode="after")
    def _known_placeholders(self) -> TodayWordsModel:
        for field, allowed in TODAY_PLACEHOLDERS.items():
            unknown = sorted(_placeholders(getattr(self, field)) - allowed)
            if unknown:
                names = ", ".join("{" + name + "}" for name in sorted(allowed)) or "none"
                raise ValueError(f"{field} names {{{unknown[0]}}}; it may name {names}")
        return self


class TodayTrendModel(Strict):
    """The pain trend in a word or two."""

    easing: Text
    same: Text
    worse: Text


class TodayStatusesModel(Strict):
    """How a stretch routine ended, in words."""

    completed: Text
    stopped: Text
    worse: Text
    interrupted: Text
    running: Text


class TodayPhaseModel(Strict):
    """What to do in one phase of an episode: keep moving, which session, what helps, what to watch."""

    phase: Phase
    # Shown in the heading of the steps; {hours} is the knowledge base's one phase boundary.
    name: Text
    move: Text
    move_remedy: Id
    # The ice or heat protocol suggested in this phase (none between episodes).
    session: Id | None = None
    session_note: Text | None = None
    remedies: list[Id] = []
    watch: list[Text] = []
    sources: Sources

    @model_validator(mode="after")
    def _name_placeholders(self) -> TodayPhaseModel:
        unknown = sorted(_placeholders(self.name) - {"hours"})
        if unknown:
            raise ValueError(f"name names {{{unknown[0]}}}; it may name {{hours}}")
        if self.session_note is not None and self.session is None:
            raise ValueError("session_note belongs to a phase with a session")
        return self


class TodayCautionModel(Strict):
    """A caution shown when the latest triage's answers meet `when` (for example pregnancy)."""

    id: Id
    when: ConditionModel
    text: Text
    sources: Sources


class TodayModel(Strict):
    """The plan of `backspasm today`: its words, the rules of each phase and the cautions."""

    words: TodayWordsModel
    trend: TodayTrendModel
    statuses: TodayStatusesModel
    # Each evidence grade in a word or two ("moderate").
    grades: dict[Grade, Text]
    phases: Annotated[list[TodayPhaseModel], Field(min_length=1)]
    cautions: list[TodayCautionModel] = []
    sources: Sources

    @model_validator(mode="after")
    def _every_grade(self) -> TodayModel:
        from typing import get_args

        missing = [grade for grade in get_args(Grade) if grade not in self.grades]
        if missing:
            raise ValueError(f"grades has no word for '{missing[0]}'")
        return self


# A phone number as people dial it: digits, single spaces between groups ("999", "0800 611 116").
PhoneNumber = Annotated[str, StringConstraints(pattern=r"^[0-9]+( [0-9]+)*$", max_length=20)]
# An ISO 3166-1 alpha-2 country code, in capitals ("GB").
RegionCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]


class HelplineModel(Strict):
    """An urgent medical helpline: advice when it is urgent but not an emergency (never an information line)."""

    name: Text
    number: PhoneNumber
    # Where it works, when that is not the whole country ("England, Scotland and Wales; ...").
    where: Text | None = None


class RegionModel(Strict):
    """A country: the number to call for an ambulance there, and its urgent medical helpline if it has one."""

    code: RegionCode
    name: Text
    emergency: PhoneNumber
    # Other numbers that reach an ambulance from any phone (112 beside a national number).
    also: list[PhoneNumber] = []
    helpline: HelplineModel | None = None
    # Shown only in docs/emergency-numbers.md: what the numbers are, what was left out and why.
    note: Text | None = None
    sources: Sources

    @model_validator(mode="after")
    def _numbers_differ(self) -> RegionModel:
        numbers = [self.emergency, *self.also]
        if len(set(numbers)) != len(numbers):
            raise ValueError("also must not repeat the emergency number")
        if self.helpline is not None and self.helpline.number in numbers:
            raise ValueError("the helpline must not be an emergency number")
        return self
