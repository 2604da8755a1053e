"""The questionnaire's order: emergency questions first, nothing that can no longer matter, STarT Back when due."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import built_in_kb

from backspasm.kb import models
from backspasm.kb.loader import KnowledgeBase
from backspasm.kb.views import Gate, Question, StartBack
from backspasm.triage.flow import answer_gate, keys_that_matter, next_step
from backspasm.triage.run import ask, run_triage

KB: KnowledgeBase = built_in_kb()
EMERGENCY_KEYS = [
    "bladder_bowel_change",
    "saddle_numbness",
    "sexual_dysfunction",
    "leg_pain_below_knee",
    "leg_numbness",
    "leg_weakness",
    "weakness_worsening",
]


class ScriptedPerson:
    """An Asker that answers from a mapping (unlisted yes/no questions: no) and records what was asked."""

    def __init__(self, answers: dict[str, Any], gates: dict[str, bool] | None = None) -> None:
        self.answers = answers
        self.gates = gates or {}
        self.asked: list[str] = []

    def gate(self, gate: Gate) -> bool:
        """Answer a gate from the mapping (default no)."""
        self.asked.append(f"gate:{gate.id}")
        return self.gates.get(gate.id, False)

    def question(self, question: Question) -> Any:
        """Answer from the mapping; a yes/no question not listed gets "no"."""
        self.asked.append(question.key)
        if question.key in self.answers:
            return self.answers[question.key]
        assert question.type == "bool", f"the script has no answer for {question.key}"
        return False

    def startback(self, tool: StartBack) -> dict[str, Any]:
        """Answer every item "disagree" / "not at all"."""
        self.asked.append("startback")
        return {item.key: item.choices[0].value if item.choices else False for item in tool.items}


ORDINARY = {
    "trauma": "none",
    "night_pain": "none",
    "age": 35,
    "days_since_onset": 2,
    "trend": "improving",
    "pain_score": 6,
    "location": "lower_back",
    "episodes_past_year": 0,
    "pregnancy": "not_pregnant",
    "sex": "female",
}


def test_onset_first_then_the_emergency_questions() -> None:
    """With nothing answered, when it began comes first (an emergency keeps it), then the first emergency question."""
    step = next_step(KB, {})
    assert isinstance(step, Question)
    assert step.key == "days_since_onset"
    step = next_step(KB, {"days_since_onset": 1})
    assert isinstance(step, Question)
    assert step.key == "bladder_bowel_change"
    emergency = [s for s in KB.warning_signs if s.level == "emergency"]
    alone = {s.when.answer for s in emergency if s.when.answer is not None}
    in_combination = set().union(*(s.when.keys() for s in emergency))
    order = [q.key for q in KB.questions]
    # Every answer that alone means emergency is asked before any question no emergency sign reads.
    # Questions that decide whether others apply (pregnancy before its warning signs) aside.
    gating = set().union(*(q.ask_if.keys() for q in KB.questions if q.ask_if is not None))
    first_other = min(order.index(key) for key in order if key not in in_combination | gating)
    assert all(order.index(key) < first_other for key in alone)
    # Sex comes just before the sexual-function question, so that it is worded for the person.
    assert [key for key in order if key != "sex"][: len(EMERGENCY_KEYS)] == EMERGENCY_KEYS
    assert order.index("sex") + 1 == order.index("sexual_dysfunction")


@pytest.mark.parametrize(
    ("answer", "key"),
    [(True, "bladder_bowel_change"), (True, "saddle_numbness"), ("both_legs", "leg_weakness")],
)
def test_an_emergency_answer_stops_the_questionnaire(answer: Any, key: str) -> None:
    """The moment an answer reaches emergency, nothing more is asked."""
    person = ScriptedPerson({key: answer, "days_since_onset": 1, "sex": "male"}, gates={"leg-symptoms": True})
    person.answers.update({k: "none" for k in ("leg_pain_below_knee", "leg_numbness") if k != key})
    answers = ask(KB, person)
    assert person.asked[-1] == key
    assert run_triage(KB, answers=answers).assessment.disposition == "emergency"


def test_leg_gate_no_skips_every_leg_question() -> None:
    """Answering "no" to the leg gate fills in "none" for the three leg questions, which are not asked."""
    person = ScriptedPerson(ORDINARY)
    answers = ask(KB, person)
    assert "gate:leg-symptoms" in person.asked
    assert not {"leg_pain_below_knee", "leg_numbness", "leg_weakness"} & set(person.asked)
    assert answers["leg_weakness"] == answers["leg_numbness"] == answers["leg_pain_below_knee"] == "none"


def test_gate_yes_asks_the_leg_questions_right_after_it() -> None:
    """Answering "yes" to the leg gate asks the leg questions straight after it, in file order."""
    person = ScriptedPerson(
        {**ORDINARY, "leg_pain_below_knee": "one_leg", "leg_numbness": "none", "leg_weakness": "none"}
    )
    person.gates["leg-symptoms"] = True
    ask(KB, person)
    at = person.asked.index("gate:leg-symptoms")
    assert person.asked[at + 1 : at + 4] == ["leg_pain_below_knee", "leg_numbness", "leg_weakness"]


def test_ordinary_spasm_skips_questions_that_cannot_matter() -> None:
    """No fever: no questions about drugs, immunity, confusion or burning; no injury: no bone questions."""
    person = ScriptedPerson(ORDINARY)
    answers = ask(KB, person)
    # "None of these" on the grouped screens: no single question about them; lower back: no arm questions.
    skipped = {"iv_drug_use", "immunosuppressed", "confused_or_drowsy", "osteoporosis", "stroke_signs", "arm_numbness"}
    assert not skipped & set(person.asked)
    assert "morning_stiffness_eases_with_movement" not in person.asked  # two days of pain is not three months
    assert "startback" not in person.asked
    first = ["days_since_onset", "bladder_bowel_change", "saddle_numbness", "sex", "sexual_dysfunction"]
    assert person.asked[:6] == [*first, "gate:leg-symptoms"]
    for key in ("age", "days_since_onset", "trend", "pain_score", "location"):
        assert key in person.asked  # always asked
    assert run_triage(KB, answers=answers).assessment.disposition == "self_care"


def test_yes_to_the_history_screen_asks_each_history_question() -> None:
    """ "Yes" to "Do any of these apply to you?" asks the history questions one by one, after the fever question."""
    person = ScriptedPerson({**ORDINARY, "fever": True}, gates={"medical-history": True})
    ask(KB, person)
    for key in ("iv_drug_use", "immunosuppressed", "steroid_use", "cancer_history", "recent_spinal_procedure"):
        assert key in person.asked
    assert person.asked.index("fever") < person.asked.index("gate:medical-history") < person.asked.index("iv_drug_use")


def test_no_to_the_history_screen_fills_every_history_answer_with_no() -> None:
    """ "None of these" answers every history question "no" without asking them."""
    person = ScriptedPerson({**ORDINARY, "trauma": "minor"})
    answers = ask(KB, person)
    history = next(gate for gate in KB.gates if gate.id == "medical-history")
    assert not set(history.if_no) & set(person.asked)
    assert all(answers[key] is False for key in history.if_no)


def test_sudden_pain_question_only_when_it_can_matter() -> None:
    """Sudden unexplained pain is asked at 50 or over, not at 35 with "None of these" to the history screen."""
    older = ScriptedPerson({**ORDINARY, "age": 55})
    ask(KB, older)
    assert "unexplained_sudden_pain" in older.asked
    younger = ScriptedPerson(ORDINARY)
    ask(KB, younger)
    assert "unexplained_sudden_pain" not in younger.asked


def test_an_ordinary_run_asks_twenty_three_screens() -> None:
    """A new lower-back spasm answered "no" throughout takes 23 screens (at most 24; version 2 took 22)."""
    person = ScriptedPerson({**ORDINARY, "days_since_onset": 1})
    ask(KB, person)
    assert len(person.asked) == 23, person.asked


@pytest.mark.parametrize("location", ["lower_back", "mid_back", "upper_back", "neck"])
def test_arm_hand_and_walking_questions_come_for_every_place(location: str) -> None:
    """The spasm's place never hides a question (v3): arms, hands and walking are asked wherever the spasm is."""
    person = ScriptedPerson(
        {
            **ORDINARY,
            "location": location,
            "arm_numbness": "one_arm",
            "arm_weakness": "none",
            "clumsy_or_unsteady": "none",
        },
        gates={"arm-symptoms": True},
    )
    answers = ask(KB, person)
    assert {"gate:arm-symptoms", "arm_numbness", "arm_weakness", "clumsy_or_unsteady"} <= set(person.asked)
    assert run_triage(KB, answers=answers).assessment.disposition == "soon"
    placed = [question.key for question in KB.questions if question.ask_if and "location" in question.ask_if.keys()]  # noqa: SIM118
    assert placed == []


def asked_after(known: dict[str, Any], person: ScriptedPerson) -> list[str]:
    """The questions asked when some answers are already known (as if given earlier), gates answered no."""
    answers = dict(known)
    gates_done: set[str] = set()
    while (step := next_step(KB, answers, gates_done)) is not None:
        if isinstance(step, Gate):
            gates_done.add(step.id)
            answers = answer_gate(step, person.gate(step), answers)
        elif isinstance(step, Question):
            answers = {**answers, step.key: person.question(step)}
        else:
            break
    return person.asked


@pytest.mark.parametrize(
    ("known", "asked"),
    [({}, True), ({"sex": "male"}, False), ({"sex": "female"}, True), ({"sex": "other"}, True)],
)
def test_pregnancy_is_not_asked_of_a_man(known: dict[str, Any], asked: bool) -> None:
    """The pregnancy question is skipped only when the person said they are male."""
    person = ScriptedPerson({**ORDINARY, "age": 30, "pregnancy": "not_pregnant"})
    assert ("pregnancy" in asked_after(known, person)) is asked


@pytest.mark.parametrize(("age", "asked"), [(9, False), (10, True), (60, True), (61, False)])
def test_pregnancy_is_asked_only_at_ages_it_can_apply(age: int, asked: bool) -> None:
    """The pregnancy question comes for ages 10 to 60 (v3)."""
    person = ScriptedPerson({**ORDINARY, "age": age, "pregnancy": "not_pregnant"})
    ask(KB, person)
    assert ("pregnancy" in person.asked) is asked


def test_pregnancy_warning_signs_only_when_pregnant_or_just_delivered() -> None:
    """The pregnancy warning-signs question follows "pregnant" or "gave birth", not "no"."""
    pregnant = ScriptedPerson({**ORDINARY, "age": 30, "pregnancy": "pregnant"})
    ask(KB, pregnant)
    assert pregnant.asked.index("pregnancy") + 1 == pregnant.asked.index("pregnancy_warning_signs")
    not_pregnant = ScriptedPerson({**ORDINARY, "age": 30, "pregnancy": "not_pregnant"})
    ask(KB, not_pregnant)
    assert "pregnancy_warning_signs" not in not_pregnant.asked


def test_long_pain_before_45_asks_about_morning_stiffness() -> None:
    """Months of pain that began before 45 make the morning-stiffness question matter."""
    person = ScriptedPerson({**ORDINARY, "days_since_onset": 120, "trend": "same"})
    ask(KB, person)
    assert "morning_stiffness_eases_with_movement" in person.asked


def test_startback_after_two_weeks_or_when_asked_for() -> None:
    """STarT Back is asked at the end after two weeks of pain, or earlier with startback=True."""
    late = ScriptedPerson({**ORDINARY, "days_since_onset": 14})
    answers = ask(KB, late)
    assert late.asked[-1] == "startback"
    assert run_triage(KB, answers=answers).assessment.startback is not None
    early = ScriptedPerson(ORDINARY)
    ask(KB, early, startback=True)
    assert early.asked[-1] == "startback"


def test_not_sure_at_a_gate_is_unsure_for_each_answer_on_it() -> None:
    """"Not sure" to the leg screen is not "no": it answers "unsure" for each leg answer, never asked again."""
    person = ScriptedPerson(ORDINARY)
    person.gates["leg-symptoms"] = "unsure"  # type: ignore[assignment]
    answers = ask(KB, person)
    legs = next(gate for gate in KB.gates if gate.id == "leg-symptoms")
    assert all(answers[key] == "unsure" for key in legs.if_no)
    assert not set(legs.if_no) & set(person.asked)
    result = run_triage(KB, answers=answers).assessment
    assert result.disposition == "urgent"  # both legs weak, unsure: one level below emergency
    assert result.complete


def test_keys_that_matter_shrink_as_answers_come_in() -> None:
    """Onset unknown: morning stiffness matters; two days of pain: it no longer does."""
    assert "morning_stiffness_eases_with_movement" in keys_that_matter(KB, {})
    assert "morning_stiffness_eases_with_movement" not in keys_that_matter(KB, {"days_since_onset": 2})
    assert "known_aneurysm" in keys_that_matter(KB, {"days_since_onset": 2})


def test_run_triage_returns_answers_and_assessment() -> None:
    """run_triage gives back what was asked and its assessment, marked interactive."""
    run = run_triage(KB, asker=ScriptedPerson(ORDINARY), emergency_number="999")
    assert run.interactive
    assert run.answers["age"] == 35
    assert run.assessment.disposition == "self_care"
    assert "999" in " ".join(group.then for group in run.assessment.watch_for)
    assert set(EMERGENCY_KEYS) <= set(run.answers)


def test_ask_if_limits_a_question_to_when_it_holds() -> None:
    """A question with ask_if is asked only when its condition holds on the answers so far."""
    location = KB.question_index["location"]
    fever = models.ConditionModel.model_validate({"answer": "fever", "equals": True})
    limited = location.replaced(ask_if=fever.model_dump())
    kb = KB.replaced(questions=[limited if q.key == "location" else q for q in KB.questions])
    calm = ScriptedPerson(ORDINARY)
    ask(kb, calm)
    assert "location" not in calm.asked
    feverish = ScriptedPerson({**ORDINARY, "fever": True})
    ask(kb, feverish)
    assert "location" in feverish.asked


def test_question_if_no_fills_answers_it_implies() -> None:
    """A yes/no question answered "no" fills in its if_no answers, which are then not asked."""
    fever = KB.question_index["fever"]
    implying = fever.replaced(if_no={"painful_urination": False})
    kb = KB.replaced(questions=[implying if q.key == "fever" else q for q in KB.questions])
    person = ScriptedPerson({**ORDINARY, "trauma": "minor"})
    answers = ask(kb, person)
    assert answers["painful_urination"] is False
    assert person.asked.count("painful_urination") == 0
