"""The questionnaire's order: emergency questions first, nothing that can no longer matter, STarT Back when due."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from conftest import DATA

from backspasm.kb.loader import KnowledgeBase, load
from backspasm.kb.models import Condition, Gate, Question, StartBack
from backspasm.triage.flow import keys_that_matter, next_step
from backspasm.triage.run import ask, run_triage

KB: KnowledgeBase = load(DATA)
EMERGENCY_KEYS = [
    "bladder_bowel_change",
    "saddle_numbness",
    "sexual_dysfunction",
    "leg_pain_below_knee",
    "leg_numbness",
    "leg_weakness",
    "trauma",
    "chest_pain",
    "abdominal_pain",
    "fever",
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
    first_other = min(order.index(key) for key in order if key not in in_combination)
    assert all(order.index(key) < first_other for key in alone)
    assert order[: len(EMERGENCY_KEYS)] == EMERGENCY_KEYS


@pytest.mark.parametrize(
    ("answer", "key"),
    [(True, "bladder_bowel_change"), (True, "saddle_numbness"), ("both_legs", "leg_weakness")],
)
def test_an_emergency_answer_stops_the_questionnaire(answer: Any, key: str) -> None:
    """The moment an answer reaches emergency, nothing more is asked."""
    person = ScriptedPerson({key: answer, "days_since_onset": 1}, gates={"leg-symptoms": True})
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
    skipped = {"iv_drug_use", "immunosuppressed", "confused_or_drowsy", "painful_urination", "osteoporosis"}
    assert not skipped & set(person.asked)
    assert "morning_stiffness_eases_with_movement" not in person.asked  # two days of pain is not three months
    assert "startback" not in person.asked
    first = ["days_since_onset", "bladder_bowel_change", "saddle_numbness", "sexual_dysfunction", "gate:leg-symptoms"]
    assert person.asked[:5] == first
    for key in ("age", "days_since_onset", "trend", "pain_score", "location"):
        assert key in person.asked  # always asked
    assert run_triage(KB, answers=answers).assessment.disposition == "self_care"


def test_fever_brings_in_the_infection_questions() -> None:
    """A fever makes the injected-drugs, immunity, confusion and burning questions matter."""
    person = ScriptedPerson({**ORDINARY, "fever": True})
    ask(KB, person)
    for key in ("iv_drug_use", "immunosuppressed", "confused_or_drowsy", "painful_urination"):
        assert key in person.asked
    assert person.asked.index("fever") < person.asked.index("iv_drug_use")


def test_minor_injury_brings_in_the_osteoporosis_question() -> None:
    """A slip or bump makes the osteoporosis question matter."""
    person = ScriptedPerson({**ORDINARY, "trauma": "minor"})
    ask(KB, person)
    assert "osteoporosis" in person.asked


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


def test_not_sure_at_a_gate_fills_nothing_in() -> None:
    """"Not sure" to the leg gate is not "no": each leg question is still asked."""
    person = ScriptedPerson(
        {**ORDINARY, "leg_pain_below_knee": "none", "leg_numbness": "none", "leg_weakness": "none"}
    )
    person.gates["leg-symptoms"] = "unsure"  # type: ignore[assignment]
    ask(KB, person)
    assert {"leg_pain_below_knee", "leg_numbness", "leg_weakness"} <= set(person.asked)


def test_keys_that_matter_shrink_as_answers_come_in() -> None:
    """Fever unknown: drug use matters; no fever: it no longer does."""
    assert "iv_drug_use" in keys_that_matter(KB, {})
    assert "iv_drug_use" not in keys_that_matter(KB, {"fever": False})
    assert "osteoporosis" not in keys_that_matter(KB, {"trauma": "none"})


def test_run_triage_returns_answers_and_assessment() -> None:
    """run_triage gives back what was asked and its assessment, marked interactive."""
    run = run_triage(KB, asker=ScriptedPerson(ORDINARY), emergency_number="999")
    assert run.interactive
    assert run.answers["age"] == 35
    assert run.assessment.disposition == "self_care"
    assert "999" in " ".join(run.assessment.watch_for)
    assert set(EMERGENCY_KEYS) <= set(run.answers)


def test_ask_if_limits_a_question_to_when_it_holds() -> None:
    """A question with ask_if is asked only when its condition holds on the answers so far."""
    location = KB.question_index["location"]
    limited = location.model_copy(update={"ask_if": Condition.model_validate({"answer": "fever", "equals": True})})
    kb = dataclasses.replace(KB, questions=[limited if q.key == "location" else q for q in KB.questions])
    calm = ScriptedPerson(ORDINARY)
    ask(kb, calm)
    assert "location" not in calm.asked
    feverish = ScriptedPerson({**ORDINARY, "fever": True})
    ask(kb, feverish)
    assert "location" in feverish.asked


def test_question_if_no_fills_answers_it_implies() -> None:
    """A yes/no question answered "no" fills in its if_no answers, which are then not asked."""
    fever = KB.question_index["fever"]
    implying = fever.model_copy(update={"if_no": {"painful_urination": False}})
    kb = dataclasses.replace(KB, questions=[implying if q.key == "fever" else q for q in KB.questions])
    person = ScriptedPerson({**ORDINARY, "trauma": "minor"})
    answers = ask(kb, person)
    assert answers["painful_urination"] is False
    assert person.asked.count("painful_urination") == 0
