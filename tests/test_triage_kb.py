"""The triage knowledge base against the public contract and the clinical reference."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import DATA

from backspasm.kb.loader import KnowledgeBase, load

KB: KnowledgeBase = load(DATA)

SIDES = ["none", "one_leg", "both_legs"]
# shared/triage-answers.md: key -> (type, choices, minimum, maximum).
CONTRACT: dict[str, tuple[str, list[str], float | None, float | None]] = {
    "age": ("integer", [], 16, 120),
    "sex": ("choice", ["female", "male", "other"], None, None),
    "location": ("choice", ["lower_back", "mid_back", "upper_back", "neck"], None, None),
    "days_since_onset": ("number", [], 0, None),
    "trend": ("choice", ["improving", "same", "worse"], None, None),
    "pain_score": ("integer", [], 0, 10),
    "trauma": ("choice", ["none", "minor", "major"], None, None),
    "bladder_bowel_change": ("bool", [], None, None),
    "saddle_numbness": ("bool", [], None, None),
    "sexual_dysfunction": ("bool", [], None, None),
    "leg_pain_below_knee": ("choice", SIDES, None, None),
    "leg_numbness": ("choice", SIDES, None, None),
    "leg_weakness": ("choice", SIDES, None, None),
    "chest_pain": ("bool", [], None, None),
    "abdominal_pain": ("bool", [], None, None),
    "fever": ("bool", [], None, None),
    "painful_urination": ("bool", [], None, None),
    "confused_or_drowsy": ("bool", [], None, None),
    "iv_drug_use": ("bool", [], None, None),
    "immunosuppressed": ("bool", [], None, None),
    "cancer_history": ("bool", [], None, None),
    "weight_loss": ("bool", [], None, None),
    "night_pain": ("choice", ["none", "when_moving", "wakes_me"], None, None),
    "pain_at_rest": ("bool", [], None, None),
    "steroid_use": ("bool", [], None, None),
    "osteoporosis": ("bool", [], None, None),
    "episodes_past_year": ("integer", [], 0, None),
    "daily_activities_limited": ("bool", [], None, None),
    "morning_stiffness_eases_with_movement": ("bool", [], None, None),
}

# shared/clinical-reference.md section 1: the level each red flag reaches.
EXPECTED_LEVELS = {
    "emergency": {
        "cauda-equina-bladder",
        "cauda-equina-saddle",
        "cauda-equina-sexual",
        "sciatica-both-legs",
        "numbness-both-legs",
        "weakness-both-legs",
        "leg-weakness-getting-worse",
        "major-trauma",
        "chest-pain",
        "abdominal-pain",
        "fever-with-infection-risk",
        "cancer-with-nerve-symptoms",
        "confusion-with-fever",
    },
    "urgent": {
        "fever",
        "kidney-infection",
        "cancer-history",
        "weight-loss",
        "pain-not-eased-by-rest",
        "night-pain-wakes",
        "long-term-steroids",
        "osteoporosis-minor-fall",
        "weakness-one-leg",
    },
    "soon": {
        "sciatica-not-improving",
        "numbness-one-leg-over-a-week",
        "not-better-after-four-weeks",
        "getting-worse",
        "stopping-daily-activities",
        "frequent-episodes",
        "inflammatory-pattern",
        "age-70-new-episode",
        "startback-high-risk",
        "persisting-not-improving",
    },
}


def test_questions_are_exactly_the_contract_keys() -> None:
    """One question per answer key of the contract, with its exact type, choices and range."""
    found = {q.key: (q.type, [c.value for c in q.choices], q.minimum, q.maximum) for q in KB.questions}
    assert found == CONTRACT


@pytest.mark.parametrize("question", KB.questions, ids=[q.key for q in KB.questions])
def test_every_question_has_plain_words(question: Any) -> None:
    """Each question is a real question in plain words, each choice labelled."""
    assert question.prompt.rstrip().endswith("?")
    assert "_" not in question.prompt
    assert all(choice.label and "_" not in choice.label for choice in question.choices)


def test_informational_questions_are_always_asked() -> None:
    """Age, start, trend, pain score and location are asked whatever the rules need."""
    always = {q.key for q in KB.questions if q.always_ask}
    assert {"age", "days_since_onset", "trend", "pain_score", "location"} <= always


def test_sign_levels_follow_the_clinical_reference() -> None:
    """Every warning sign has the level section 1 of the clinical reference gives it."""
    found = {level: {s.id for s in KB.warning_signs if s.level == level} for level in EXPECTED_LEVELS}
    assert found == EXPECTED_LEVELS


def test_signs_are_listed_most_urgent_first_with_words_and_sources() -> None:
    """Signs are grouped emergency, urgent, soon; each has a title, a why and resolvable sources."""
    order = {"emergency": 0, "urgent": 1, "soon": 2}
    ranks = [order[s.level] for s in KB.warning_signs]
    assert ranks == sorted(ranks)
    for sign in KB.warning_signs:
        assert sign.title and len(sign.why) > 40
        assert set(sign.sources) <= set(KB.source_index)


def test_advice_names_the_emergency_number_where_it_matters() -> None:
    """Emergency advice says to call the number; every other level says when to call it."""
    emergency = KB.advice_for("emergency")
    assert "{emergency_number}" in emergency.headline and "{emergency_number}" in emergency.advice
    assert emergency.tell_them
    for level in ("urgent", "soon", "self_care"):
        assert any(text.startswith("Call {emergency_number} if") for text in KB.advice_for(level).watch_for)


def test_leg_gate_fills_only_leg_questions_with_none() -> None:
    """The leg gate's "no" means no leg pain, numbness or weakness, and nothing else."""
    (gate,) = KB.gates
    assert gate.if_no == {"leg_pain_below_knee": "none", "leg_numbness": "none", "leg_weakness": "none"}
