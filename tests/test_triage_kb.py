"""The triage knowledge base against the public contract and the clinical reference."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import built_in_kb

from backspasm.kb.loader import KnowledgeBase

KB: KnowledgeBase = built_in_kb()

SIDES = ["none", "one_leg", "both_legs"]
ARMS = ["none", "one_arm", "both_arms"]
# shared/triage-answers.md: key -> (type, choices, minimum, maximum).
CONTRACT: dict[str, tuple[str, list[str], float | None, float | None]] = {
    "age": ("integer", [], 0, 120),
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
    # Version 2: seventeen new keys.
    "weakness_worsening": ("bool", [], None, None),
    "arm_numbness": ("choice", ARMS, None, None),
    "arm_weakness": ("choice", ARMS, None, None),
    "clumsy_or_unsteady": ("choice", ["none", "gradual", "recent"], None, None),
    "stroke_signs": ("bool", [], None, None),
    "severe_headache": ("bool", [], None, None),
    "blood_thinners": ("bool", [], None, None),
    "recent_spinal_procedure": ("bool", [], None, None),
    "pregnancy": ("choice", ["not_pregnant", "pregnant", "recently_gave_birth"], None, None),
    "pregnancy_warning_signs": ("bool", [], None, None),
    "unexplained_sudden_pain": ("bool", [], None, None),
    "collapse_or_sweating": ("bool", [], None, None),
    "known_aneurysm": ("bool", [], None, None),
    "very_unwell": ("bool", [], None, None),
    "back_lump_or_deformity": ("bool", [], None, None),
    "dark_urine": ("bool", [], None, None),
    "struggling_to_cope": ("bool", [], None, None),
    "neck_pain": ("bool", [], None, None),
    "bruise_growing": ("bool", [], None, None),
}

# shared/clinical-reference.md section 1: the level each red flag reaches.
EXPECTED_LEVELS = {
    "emergency": {
        "cauda-equina-bladder",
        "cauda-equina-saddle",
        "cauda-equina-sexual",
        "cauda-equina-unsure",
        "sciatica-both-legs",
        "numbness-both-legs",
        "weakness-both-legs",
        "leg-weakness-getting-worse",
        "arms-both",
        "clumsy-or-unsteady-recent",
        "stroke-signs",
        "major-trauma",
        "neck-injury-65",
        "chest-pain",
        "abdominal-pain",
        "sudden-unexplained-pain",
        "aneurysm-severe-pain",
        "collapse",
        "very-unwell",
        "confusion",
        "severe-headache",
        "fever-with-infection-risk",
        "fever-with-limb-symptoms",
        "cancer-with-nerve-symptoms",
        "bleeding-or-procedure-with-limb-symptoms",
        "pregnancy-warning-signs",
    },
    "urgent": {
        "fever",
        "pregnancy-infection",
        "painful-urination",
        "infection-risk",
        "weakness-one-leg",
        "weakness-one-arm",
        "clumsy-or-unsteady-gradual",
        "cancer-history",
        "weight-loss",
        "pain-not-eased-by-rest",
        "night-pain-wakes",
        "back-lump",
        "dark-urine",
        "long-term-steroids",
        "fall-with-fragile-bones",
        "blood-thinners-injury",
        "blood-thinners-sudden-pain",
        "recent-procedure-worse",
        "aneurysm-new-pain",
        "young-child",
        "struggling-to-cope",
    },
    "soon": {
        "pain-not-eased-but-improving",
        "sciatica-not-improving",
        "numbness-one-leg-over-a-week",
        "numbness-one-arm",
        "not-better-after-six-weeks",
        "not-better-after-four-weeks",
        "getting-worse",
        "stopping-daily-activities",
        "frequent-episodes",
        "inflammatory-pattern",
        "age-70-new-episode",
        "osteoporosis-new-episode",
        "child-5-to-15",
        "startback-medium-or-high-risk",
        "persisting-not-improving",
    },
}


def test_questions_are_exactly_the_contract_keys() -> None:
    """One question per answer key of the contract, with its exact type, choices and range."""
    found = {
        q.key: (q.type, list(dict.fromkeys(c.value for c in q.choices)), q.minimum, q.maximum) for q in KB.questions
    }
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
        assert any(group.then.startswith("Call {emergency_number}") for group in KB.advice_for(level).watch_for)


def test_leg_gate_fills_only_leg_questions_with_none() -> None:
    """The leg gate's "no" means no leg pain, numbness or weakness (nor worsening weakness), and nothing else."""
    gate = next(gate for gate in KB.gates if gate.id == "leg-symptoms")
    assert gate.if_no == {
        "leg_pain_below_knee": "none",
        "leg_numbness": "none",
        "leg_weakness": "none",
        "weakness_worsening": False,
    }


def test_grouped_screens_hold_rare_signs_with_a_none_of_these_answer() -> None:
    """The rare emergency signs share one "Do you have any of these?" screen answered "None of these"."""
    gate = next(gate for gate in KB.gates if gate.id == "rare-emergency-signs")
    assert set(gate.if_no) == {
        "stroke_signs",
        "collapse_or_sweating",
        "very_unwell",
        "severe_headache",
        "confused_or_drowsy",
    }
    assert all(value is False for value in gate.if_no.values())
    assert gate.no_label == "None of these"
    # After "yes", its questions follow the screen at once: they sit together in the file.
    order = [q.key for q in KB.questions]
    places = sorted(order.index(key) for key in gate.if_no)
    assert places == list(range(places[0], places[0] + len(places)))


def test_the_keys_that_never_take_unsure_are_the_contracts_and_are_data() -> None:
    """Only sex, location and trend refuse "Not sure" (the answers contract), each by `unsure: false` in triage.yaml."""
    from backspasm.kb.unsure import offers_unsure

    refused = {q.key for q in KB.questions if q.type in ("bool", "choice") and not offers_unsure(q)}
    assert refused == {"sex", "location", "trend"}
    assert refused == {q.key for q in KB.questions if not q.unsure}
