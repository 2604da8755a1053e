"""The stretches, doctor questions and escalation rules of the built-in knowledge base."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import built_in_kb, dump_yaml, load_yaml
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.kb.check import JOURNAL_FACTS, check
from backspasm.kb.loader import KnowledgeBase

DATA = Path(__file__).resolve().parent.parent / "data"

# The public answer keys of shared/triage-answers.md, and the journal fields a report can read.
TRIAGE_KEYS = {
    "age", "sex", "location", "days_since_onset", "trend", "pain_score", "trauma",
    "bladder_bowel_change", "saddle_numbness", "sexual_dysfunction", "leg_pain_below_knee",
    "leg_numbness", "leg_weakness", "chest_pain", "abdominal_pain", "fever", "painful_urination",
    "confused_or_drowsy", "iv_drug_use", "immunosuppressed", "cancer_history", "weight_loss",
    "night_pain", "pain_at_rest", "steroid_use", "osteoporosis", "episodes_past_year",
    "daily_activities_limited", "morning_stiffness_eases_with_movement",
}  # fmt: skip
JOURNAL_FIELDS = {"journal.pain", "journal.note", "journal.tried", "journal.medications"}


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    """The built-in knowledge base, loaded once."""
    return built_in_kb()


def test_built_in_kb_passes_check() -> None:
    """The built-in knowledge base has no schema or cross-reference problems."""
    assert check(DATA) == []


def test_required_stretches_exist(kb: KnowledgeBase) -> None:
    """The seed stretches are all present, each with steps, cautions and sources."""
    required = {
        "pelvic-tilt", "knee-to-chest", "childs-pose", "short-walk",
        "calf-stretch-strap", "hamstring-stretch-strap",
        "calf-weight-shift", "tiptoe-stand", "lunge-calf-stretch",
        "chin-tuck", "neck-side-bend", "neck-turn",
    }  # fmt: skip
    assert required <= set(kb.stretch_index)
    for stretch in kb.stretches:
        assert stretch.steps and stretch.sources
        # The same pain words as the remedies: a gentle pull is fine, sharper or worse means stop.
        assert any("sharper or worse" in c for c in stretch.cautions), stretch.id
        assert not any("push through pain" in c for c in stretch.cautions), stretch.id


def test_pelvic_tilt_holds_ten_seconds(kb: KnowledgeBase) -> None:
    """The pelvic tilt is held 10 seconds, as seed 002 says, and cites it."""
    tilt = kb.stretch_index["pelvic-tilt"]
    assert tilt.hold_seconds == 10
    assert "002_30f726c5dafc4c6d.txt" in tilt.sources


def test_strap_stretches_loop_a_strap_around_the_foot(kb: KnowledgeBase) -> None:
    """The calf and hamstring stretches of seed 001 use a strap or belt looped around the foot."""
    for stretch_id in ("calf-stretch-strap", "hamstring-stretch-strap"):
        text = " ".join(kb.stretch_index[stretch_id].steps)
        assert "strap, belt" in text and "around" in text and "foot" in text, stretch_id


def test_stretches_link_their_remedies(kb: KnowledgeBase) -> None:
    """The lower-back stretches and the walk point at their remedy entries."""
    links = {s.id: s.remedy for s in kb.stretches}
    for stretch_id in ("pelvic-tilt", "knee-to-chest", "childs-pose"):
        assert links[stretch_id] == stretch_id
    assert links["short-walk"] == "walking"
    assert all(remedy in kb.remedy_index for remedy in links.values() if remedy is not None)


def test_short_walk_lasts_three_to_five_minutes(kb: KnowledgeBase) -> None:
    """The short walk is one timed step of 3 to 5 minutes on flat ground, every 3 hours."""
    walk = kb.stretch_index["short-walk"]
    assert 180 <= walk.hold_seconds <= 300
    assert walk.repetitions == 1
    text = " ".join(walk.steps)
    assert "flat" in text and "every 3 hours" in text


def test_neck_stretches_are_for_neck_and_upper_back(kb: KnowledgeBase) -> None:
    """Every stretch of the neck routine suits a neck or upper-back spasm."""
    for stretch_id in kb.routine_index["neck-and-upper-back"].stretches:
        assert {"neck", "upper_back"} <= set(kb.stretch_index[stretch_id].for_locations), stretch_id


def test_required_routines_exist_with_lower_back_first(kb: KnowledgeBase) -> None:
    """The four required routines exist and the lower-back routine is the default (first)."""
    assert kb.routines[0].id == "lower-back"
    assert {"lower-back", "neck-and-upper-back", "legs", "gentle-start"} <= set(kb.routine_index)
    lower_back = kb.routine_index["lower-back"].stretches
    assert lower_back == ["pelvic-tilt", "knee-to-chest", "childs-pose", "short-walk"]
    legs = set(kb.routine_index["legs"].stretches)
    assert {"calf-stretch-strap", "hamstring-stretch-strap"} <= legs


def test_every_routine_stretch_exists(kb: KnowledgeBase) -> None:
    """Every stretch a routine names is a stretch of the knowledge base."""
    for routine in kb.routines:
        missing = [s for s in routine.stretches if s not in kb.stretch_index]
        assert missing == [], routine.id


def test_doctor_questions_cover_the_seed_questions(kb: KnowledgeBase) -> None:
    """The nine questions of seed 001 are present, in order, each citing seed 001."""
    assert [q.id for q in kb.doctor_questions] == [
        "pain-feel", "pain-location", "bladder-bowel", "spasm-duration", "spasm-frequency",
        "stiffness", "tingling-numbness", "weakness", "medications",
    ]  # fmt: skip
    for question in kb.doctor_questions:
        assert "001_b26c349953590b49.txt" in question.sources, question.id
        assert question.answered_by, question.id


def test_doctor_questions_answered_by_known_places(kb: KnowledgeBase) -> None:
    """Every answered_by entry is a public triage answer key or a journal field."""
    for question in kb.doctor_questions:
        unknown = [a for a in question.answered_by if a not in TRIAGE_KEYS | JOURNAL_FIELDS]
        assert unknown == [], question.id
    answered = {q.id: q.answered_by for q in kb.doctor_questions}
    assert "bladder_bowel_change" in answered["bladder-bowel"]
    # Medicines only: ice packs and walks are remedies, not medications.
    assert "journal.medications" in answered["medications"]
    assert "journal.tried" not in answered["medications"]


def test_escalation_rules_read_only_journal_facts(kb: KnowledgeBase) -> None:
    """Every escalation rule reads only facts the journal computes."""
    assert kb.escalation_rules
    for rule in kb.escalation_rules:
        assert rule.when.keys() <= set(JOURNAL_FACTS), rule.id


def test_escalation_rules_have_the_required_thresholds(kb: KnowledgeBase) -> None:
    """The journal's time rules carry the reference's thresholds: day 3, 4 weeks not improving, 6 weeks."""
    rules = {r.id: r for r in kb.escalation_rules}

    def parts(rule_id: str) -> set[tuple[Any, ...]]:
        when = rules[rule_id].when
        return {(c.answer, c.at_least, c.below, c.equals, c.if_missing) for c in (when.all or [when])}

    assert parts("persisting-not-improving") == {
        ("episode_days", 3, None, None, None),
        ("pain_improving", None, None, False, None),
        ("pain_worse", None, None, False, None),
        ("pain_eased_some_day", None, None, False, None),
    }
    assert parts("pain-worse") == {("episode_days", 3, None, None, None), ("pain_worse", None, None, True, None)}
    assert parts("long-episode") == {
        ("episode_days", 28, None, None, None),
        ("episode_days", None, 42, None, None),
        ("pain_improving", None, None, False, True),
    }
    assert parts("very-long-episode") == {("episode_days", 42, None, None, None)}
    assert "pain-rising" not in rules  # nothing fires from pain scores before day 3
    recurrent = rules["recurrent-episodes"].when
    assert (recurrent.answer, recurrent.at_least) == ("episodes_past_year", 2)
    assert parts("new-symptoms") == {("days_since_new_symptoms", None, 14, None, None)}
    # Only the rules that remember a triage result or new symptoms are more urgent than "soon".
    others = [r for r in kb.escalation_rules if not r.id.startswith("triage-said-") and r.id != "new-symptoms"]
    assert {r.level for r in others} == {"soon"}
    said = {r.id: (r.level, r.when.answer, r.when.below) for r in kb.escalation_rules if r.id.startswith("triage-")}
    assert said == {
        "triage-said-emergency": ("emergency", "days_since_emergency_triage", 7),
        "triage-said-urgent": ("urgent", "days_since_urgent_triage", 7),
        "triage-said-soon": ("soon", "days_since_soon_triage", 14),
    }


def test_check_reports_rule_reading_unknown_fact(runner: CliRunner, tmp_path: Path) -> None:
    """`kb check` names an escalation rule that reads a fact the journal does not compute."""
    broken = tmp_path / "kb"
    shutil.copytree(DATA, broken)
    # Compare with the untouched copy, so only the line this edit causes is looked at.
    before = runner.invoke(app, ["kb", "check", str(broken)]).stdout.splitlines()
    path = broken / "escalation.yaml"
    content = load_yaml(path.read_text(encoding="utf-8"))
    content["escalation_rules"][0]["when"] = {"answer": "pain_score", "at_least": 8}
    path.write_text(dump_yaml(content, sort_keys=False), encoding="utf-8")
    result = runner.invoke(app, ["kb", "check", str(broken)])
    assert result.exit_code == 1
    rule_id = content["escalation_rules"][0]["id"]
    new = [line for line in result.stdout.splitlines() if line not in before]
    assert new == [
        f"kb/escalation.yaml: escalation_rules[0] ({rule_id}).when: "
        "reads 'pain_score', which is not a journal fact"
    ]
