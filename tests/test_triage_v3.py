"""Triage version 3: the rule fixes, the new answers, and how the questions are asked (clinical reference v3)."""

from __future__ import annotations

import io
import json
import sys
from typing import Any

import pytest
from conftest import REPO, built_in_kb
from person import FEELINGS, Person, feelings_for, screen_words
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.kb.check import cross_reference_problems as check
from backspasm.kb.loader import KnowledgeBase
from backspasm.kb.unsure import UNSURE
from backspasm.kb.views import Gate, Question, StartBack
from backspasm.prompts import plain_prompt
from backspasm.triage.answers_file import validate_answers
from backspasm.triage.engine import evaluate
from backspasm.triage.flow import answer_gate, keys_that_matter, next_step
from backspasm.triage.run import ask
from backspasm.triage.screens import gate_choices, question_choices

KB: KnowledgeBase = built_in_kb()
GATES = {gate.id: gate for gate in KB.gates}


def level(answers: dict[str, Any]) -> str:
    """The level an answers file reaches."""
    return evaluate(KB, validate_answers(KB, answers)).disposition


def fired(answers: dict[str, Any]) -> set[str]:
    """The ids of the signs that fire on these answers."""
    return {reason.id for reason in evaluate(KB, validate_answers(KB, answers)).reasons}


class Script:
    """An asker from a mapping: unlisted yes/no questions "no", choices their first answer; records what was asked."""

    def __init__(self, answers: dict[str, Any], gates: dict[str, bool | str] | None = None) -> None:
        self.answers = answers
        self.gates = gates or {}
        self.asked: list[str] = []
        self.words: dict[str, str] = {}

    def gate(self, gate: Gate) -> bool | str:
        """The gate's answer from the mapping, "None of these" by default."""
        self.asked.append(f"gate:{gate.id}")
        return self.gates.get(gate.id, False)

    def question(self, question: Question) -> Any:
        """The mapping's answer, or "no" / the first choice; the words shown are kept."""
        self.asked.append(question.key)
        self.words[question.key] = screen_words(question.prompt, question.hint)
        if question.key in self.answers:
            return self.answers[question.key]
        return False if question.type == "bool" else question.choices[0].value

    def startback(self, tool: StartBack) -> dict[str, Any]:
        """Disagree to every item."""
        self.asked.append("startback")
        return {item.key: item.choices[0].value if item.choices else False for item in tool.items}


ORDINARY = {"days_since_onset": 1, "age": 35, "sex": "female", "location": "lower_back", "trend": "same"}
ORDINARY |= {"pain_score": 5, "episodes_past_year": 0}


def run(answers: dict[str, Any], gates: dict[str, bool | str] | None = None) -> tuple[Script, dict[str, Any]]:
    """Ask the questionnaire of a scripted person; what was asked and the answers given."""
    script = Script({**ORDINARY, **answers}, gates)
    return script, ask(KB, script)


# ---------------------------------------------------------------- rule fixes (v3)


def test_a_left_out_trend_is_never_worse_after_a_spinal_procedure() -> None:
    """The post-operation row needs "worse" answered: a left-out trend does not fire it (v3)."""
    assert "recent-procedure-worse" not in fired({"recent_spinal_procedure": True})
    assert "recent-procedure-worse" in fired({"recent_spinal_procedure": True, "trend": "worse"})
    assert level({"recent_spinal_procedure": True, "trend": "worse"}) == "urgent"


STIFF = "morning_stiffness_eases_with_movement"


@pytest.mark.parametrize(
    ("answers", "sign", "fires"),
    [
        # Numbness "over a week" is 8 days or more.
        ({"leg_numbness": "one_leg", "days_since_onset": 7.9}, "numbness-one-leg-over-a-week", False),
        ({"leg_numbness": "one_leg", "days_since_onset": 8}, "numbness-one-leg-over-a-week", True),
        # "Over 3 months" is more than 90 days.
        ({"age": 30, STIFF: True, "days_since_onset": 90}, "inflammatory-pattern", False),
        ({"age": 30, STIFF: True, "days_since_onset": 90.5}, "inflammatory-pattern", True),
        # "Under 6 weeks" is fewer than 42 days.
        ({"age": 72, "days_since_onset": 41.9}, "age-70-new-episode", True),
        ({"age": 72, "days_since_onset": 42}, "age-70-new-episode", False),
    ],
)
def test_over_n_means_more_than_n(answers: dict[str, Any], sign: str, fires: bool) -> None:
    """"Over N" is more than N; "under 6 weeks" fewer than 42 days (v3)."""
    assert (sign in fired(answers)) is fires


@pytest.mark.parametrize(("days", "expected"), [(0.5, "emergency"), (0.99, "emergency"), (1, "urgent"), (3, "urgent")])
def test_sudden_pain_on_blood_thinners_is_an_emergency_on_the_first_day_only(days: float, expected: str) -> None:
    """Sudden unexplained pain on blood thinners: emergency within the first day, urgent after it."""
    answers = {"age": 35, "unexplained_sudden_pain": True, "blood_thinners": True, "days_since_onset": days}
    assert level(answers) == expected


def test_sudden_pain_on_blood_thinners_with_no_onset_reads_as_new() -> None:
    """A left-out onset reads as a new episode: within the first day, so an emergency."""
    assert level({"age": 35, "unexplained_sudden_pain": True, "blood_thinners": True}) == "emergency"


# ---------------------------------------------------------------- the new answers (v3)


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"trauma": "minor", "age": 70, "location": "lower_back", "neck_pain": True}, "emergency"),
        ({"trauma": "minor", "age": 70, "location": "neck"}, "emergency"),  # a neck spasm implies neck pain
        ({"trauma": "minor", "age": 70, "location": "lower_back", "neck_pain": False}, "urgent"),
        ({"trauma": "minor", "age": 64, "location": "lower_back", "neck_pain": True}, "self_care"),
        ({"trauma": "none", "age": 70, "location": "lower_back", "neck_pain": True}, "soon"),  # age 70 alone
    ],
)
def test_neck_pain_after_a_fall_at_65_is_an_emergency_wherever_the_spasm_is(
    answers: dict[str, Any], expected: str
) -> None:
    """A fall or blow with neck pain at 65 or over is an emergency, whatever the spasm's place (v3)."""
    assert level({"days_since_onset": 2, "trend": "improving", **answers}) == expected


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"blood_thinners": True, "bruise_growing": True}, "urgent"),
        ({"blood_thinners": False, "bruise_growing": True}, "self_care"),
        ({"blood_thinners": True, "trauma": "minor", "pain_score": 7}, "self_care"),
        ({"blood_thinners": True, "trauma": "minor", "pain_score": 8}, "urgent"),
        ({"blood_thinners": "unsure", "bruise_growing": True}, "soon"),
    ],
)
def test_a_growing_bruise_or_severe_pain_after_an_injury_on_blood_thinners_is_urgent(
    answers: dict[str, Any], expected: str
) -> None:
    """On blood thinners, a bruise that keeps growing, or an injury with pain 8+, is urgent (v3)."""
    assert level({"age": 40, "days_since_onset": 2, "trend": "improving", **answers}) == expected


def test_the_new_keys_are_in_the_contract_documentation() -> None:
    """neck_pain and bruise_growing are answer keys, in docs/triage-answers.md, which the README names."""
    keys = {question.key for question in KB.questions}
    assert {"neck_pain", "bruise_growing"} <= keys
    contract = (REPO / "docs" / "triage-answers.md").read_text(encoding="utf-8")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for key in sorted(keys):
        assert f"`{key}`" in contract, key
    assert "`neck_pain`" in readme and "`bruise_growing`" in readme


# ---------------------------------------------------------------- how the questions are asked


def test_choosing_questions_reads_unsure_as_its_most_serious_answer() -> None:
    """Unsure about a fever still asks what a fever would add to; unsure about blood thinners asks about sudden pain."""
    assert "iv_drug_use" in keys_that_matter(KB, {"days_since_onset": 1, "fever": UNSURE})
    thinners = {"days_since_onset": 0.5, "age": 35, "blood_thinners": UNSURE, "known_aneurysm": False}
    assert "unexplained_sudden_pain" in keys_that_matter(KB, thinners)
    assert "unexplained_sudden_pain" not in keys_that_matter(KB, {**thinners, "blood_thinners": False})


def test_unsure_about_blood_thinners_is_asked_about_sudden_pain_and_a_growing_bruise() -> None:
    """A person unsure about blood thinners is asked the questions that would matter if they were on them."""
    script, answers = run(
        {"days_since_onset": 0.5, "blood_thinners": UNSURE, "unexplained_sudden_pain": True}, {"medical-history": True}
    )
    assert {"unexplained_sudden_pain", "bruise_growing"} <= set(script.asked)
    assert evaluate(KB, answers).disposition == "urgent"
    calm, _ = run({}, {"medical-history": True})
    assert "bruise_growing" not in calm.asked  # no blood thinners: a bruise cannot change the result


@pytest.mark.parametrize(
    ("answers", "asked"),
    [
        ({"age": 70, "trauma": "minor"}, True),
        ({"age": 70, "trauma": "minor", "location": "neck"}, False),  # implied by a neck spasm
        ({"age": 70, "trauma": "none"}, False),
        ({"age": 40, "trauma": "minor"}, False),
    ],
)
def test_neck_pain_is_asked_wherever_the_spasm_is_when_it_can_matter(answers: dict[str, Any], asked: bool) -> None:
    """The neck-pain question comes after a fall at 65 or over, for every place but a neck spasm, which implies it."""
    script, _ = run(answers)
    assert ("neck_pain" in script.asked) is asked


@pytest.mark.parametrize("gate", KB.gates, ids=[gate.id for gate in KB.gates])
def test_a_grouped_screen_names_every_meaning_of_every_answer_it_stands_for(gate: Gate) -> None:
    """Anyone with any meaning of any answer on a grouped screen recognises it there: "None of these" is never a lie."""
    words = screen_words(gate.prompt, gate.hint)
    missing = []
    for key in gate.if_no:
        for value in FEELINGS[key]:
            for feeling in feelings_for(key, value, "other"):
                person = Person(truth={}, sure=[feeling], unsure=[], tells_sex="other")
                if person.yes_no(words, grouped=True) != "yes":
                    missing.append(f"{key}={value}: {feeling.words}")
    assert missing == []


PLAIN_FACTS = {"location": "lower_back", "trend": "same"}


@pytest.mark.parametrize("key", sorted(FEELINGS))
def test_each_question_names_every_meaning_of_its_own_answer(key: str) -> None:
    """Asked on its own, each question is recognised by anyone with any meaning of its answer, who picks that answer."""
    question = KB.question_index[key]
    wrong = []
    for sex in ("female", "male"):
        shown = next((w for w in question.wordings if w.when.equals == sex), question)
        for value in FEELINGS[key]:
            for feeling in feelings_for(key, value, sex):
                person = Person(truth=PLAIN_FACTS, sure=[feeling], unsure=[], tells_sex=sex)
                words_shown = question.replaced(prompt=shown.prompt, hint=shown.hint)
                if person.question(words_shown) != value:
                    wrong.append(f"{sex}: {value}: {feeling.words}")
    assert wrong == []


def test_yes_on_a_grouped_screen_asks_which_one_at_a_time() -> None:
    """"Yes" to the rare-signs screen asks each of its answers on its own screen, in order."""
    script, answers = run({}, {"rare-emergency-signs": True})
    at = script.asked.index("gate:rare-emergency-signs")
    rare = list(GATES["rare-emergency-signs"].if_no)
    assert script.asked[at + 1 : at + 1 + len(rare)] == rare
    assert all(answers[key] is False for key in rare)


def test_not_sure_on_a_grouped_screen_is_unsure_for_each_answer() -> None:
    """"Not sure" answers "unsure" for every answer the screen stands for; the result names them all."""
    gate = GATES["rare-emergency-signs"]
    assert answer_gate(gate, UNSURE, {"stroke_signs": False}) == {
        "stroke_signs": False,
        **{key: UNSURE for key in gate.if_no if key != "stroke_signs"},
    }
    script, answers = run({}, {"rare-emergency-signs": UNSURE})
    assert not set(gate.if_no) & set(script.asked)
    result = evaluate(KB, answers)
    assert result.disposition == "urgent" and result.complete
    assert {key for reason in result.reasons for key in reason.unsure} >= set(gate.if_no)


def test_none_of_these_answers_no_for_each_answer_on_the_screen() -> None:
    """"None of these" answers each of the screen's answers as its "no", and asks none of them."""
    script, answers = run({})
    for gate in KB.gates:
        assert all(answers[key] == value for key, value in gate.if_no.items()), gate.id
        assert not set(gate.if_no) & set(script.asked)


@pytest.mark.parametrize(
    ("facts", "asked"),
    [
        ({"age": 9, "sex": "female"}, False),
        ({"age": 10, "sex": "female"}, True),
        ({"age": 60, "sex": "other"}, True),
        ({"age": 61, "sex": "female"}, False),
        ({"age": 30, "sex": "male"}, False),
        ({"age": 30, "sex": None}, True),  # "I'd rather not say": did not say male
    ],
)
def test_pregnancy_is_asked_of_everyone_10_to_60_who_did_not_say_male(facts: dict[str, Any], asked: bool) -> None:
    """The pregnancy question: ages 10 to 60, unless the person said they are male (v3)."""
    script, answers = run(facts)
    assert ("pregnancy" in script.asked) is asked
    if facts["sex"] is None:
        assert "sex" in script.asked and "sex" not in answers


@pytest.mark.parametrize(
    ("pregnancy", "asked"),
    [("pregnant", True), ("recently_gave_birth", True), (UNSURE, True), ("not_pregnant", False)],
)
def test_pregnancy_warning_signs_follow_yes_gave_birth_or_unsure(pregnancy: str, asked: bool) -> None:
    """Its warning signs are asked whenever pregnancy is "yes", "recently gave birth" or "unsure"."""
    script, _ = run({"pregnancy": pregnancy})
    assert ("pregnancy_warning_signs" in script.asked) is asked


@pytest.mark.parametrize(("sex", "erections"), [("female", False), ("male", True), ("other", True), (None, True)])
def test_sex_is_asked_first_and_the_sexual_function_question_fits_it(sex: str | None, erections: bool) -> None:
    """Sex is asked (with "I'd rather not say") just before sexual function, asked about erections only if fitting."""
    script, _ = run({"sex": sex})
    assert script.asked.index("sex") + 1 == script.asked.index("sexual_dysfunction")
    words = script.words["sexual_dysfunction"]
    assert ("erection" in words) is erections
    assert "genitals" in words


def test_declining_to_say_leaves_sex_unanswered() -> None:
    """ "I'd rather not say" is the last choice of the sex question and leaves the key unanswered."""
    choices = question_choices(KB.question_index["sex"])
    assert choices[-1].label == "I'd rather not say" and choices[-1].value is None and choices[-1].answers == {}
    assert "Not sure" not in [choice.label for choice in choices]


# ---------------------------------------------------------------- --plain: n answers a numbered "No"

NUMBERED_NO = [
    question
    for question in KB.questions
    if question.type == "choice" and any(choice.label.lower().startswith("no") for choice in question.choices)
]


@pytest.mark.parametrize("question", NUMBERED_NO, ids=[question.key for question in NUMBERED_NO])
@pytest.mark.parametrize("typed", ["n", "no", "No"])
def test_plain_n_and_no_answer_a_choice_whose_answer_is_no(question: Question, typed: str) -> None:
    """In --plain, `n` or `no` answers a numbered "No" (no injury, no leg pain, not pregnant), shown as "1 or n"."""
    options = [(choice.value, choice.label, choice.key) for choice in question_choices(question)]
    out = io.StringIO()
    value = plain_prompt.choose(question.prompt, options, inp=io.StringIO(typed + "\n"), out=out)
    no = next(choice for choice in question.choices if choice.label.lower().startswith("no"))
    assert value == no.value
    assert f"1 or n: {no.label}" in out.getvalue()


@pytest.mark.parametrize("typed", ["n", "no"])
def test_plain_n_still_answers_no_to_yes_no_and_grouped_screens(typed: str) -> None:
    """`n` and `no` answer No on a yes/no question and "None of these" on a grouped screen."""
    for choices in (question_choices(KB.question_index["fever"]), gate_choices(GATES["medical-history"])):
        options = [(choice.value, choice.label, choice.key) for choice in choices]
        assert plain_prompt.choose("?", options, inp=io.StringIO(typed + "\n"), out=io.StringIO()) is False


def test_plain_refusal_names_n_for_a_numbered_no() -> None:
    """A line that answers nothing says which letters do (n, u) besides the numbers."""
    options = [(c.value, c.label, c.key) for c in question_choices(KB.question_index["trauma"])]
    out = io.StringIO()
    plain_prompt.choose("?", options, inp=io.StringIO("maybe\n2\n"), out=out)
    assert "Please type n, u, or a number from 1 to 4." in out.getvalue()


# ---------------------------------------------------------------- the questionnaire as data


def questionnaire(runner: CliRunner) -> dict[str, Any]:
    """`backspasm triage --questions --json`, parsed."""
    result = runner.invoke(app, ["triage", "--questions", "--json"])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_questions_json_lists_every_screen_with_the_answers_each_choice_gives(runner: CliRunner) -> None:
    """--questions --json: every question and grouped screen once, each choice with valid answers it gives."""
    data = questionnaire(runner)
    assert data["contract_version"] == 3
    screens = data["screens"]
    ids = [screen["id"] for screen in screens]
    assert sorted(ids) == sorted([q.key for q in KB.questions] + [g.id for g in KB.gates] + ["startback"])
    for screen in screens:
        assert screen["prompt"], screen["id"]
        for choice in screen.get("choices", []):
            assert choice["label"] and choice["key"]
            validate_answers(KB, choice["answers"])  # every value is one the contract allows
    by_id = dict(zip(ids, screens, strict=True))
    history = by_id["medical-history"]
    assert [choice["answers"] for choice in history["choices"][1:]] == [
        dict(GATES["medical-history"].if_no),
        dict.fromkeys(GATES["medical-history"].if_no, "unsure"),
    ]
    assert history["choices"][0]["then_asks"] == list(GATES["medical-history"].if_no)
    # A grouped screen comes just before the first question it stands for.
    for gate in KB.gates:
        assert ids[ids.index(gate.id) + 1] == next(key for key in ids if key in gate.if_no)
    assert by_id["sexual_dysfunction"]["wordings"][0]["when"]["answer"] == "sex"
    assert by_id["pregnancy"]["only_if"]["all"][1] == {**by_id["pregnancy"]["only_if"]["all"][1], "at_least": 10}


def test_questions_json_answers_drive_the_questionnaire(runner: CliRunner) -> None:
    """A program can drive the questionnaire from the data: the "None of these" answers fill what the flow skips."""
    data = questionnaire(runner)
    answers: dict[str, Any] = dict(ORDINARY)
    for screen in data["screens"]:
        if screen["kind"] == "group":
            answers |= next(c["answers"] for c in screen["choices"] if c["label"] == "None of these")
    step = next_step(KB, answers, {screen["id"] for screen in data["screens"] if screen["kind"] == "group"})
    assert isinstance(step, Question) and step.key not in answers


def test_questions_as_text_reads_each_screen_and_what_it_answers(runner: CliRunner) -> None:
    """--questions without --json: numbered screens in words, each answer with what it gives."""
    result = runner.invoke(app, ["triage", "--questions"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "1. When did this episode start?" in out
    assert "n: None of these -> known_aneurysm: false, blood_thinners: false" in " ".join(out.split())
    assert "I'd rather not say -> leaves it unanswered" in out
    assert max(len(line) for line in out.splitlines()) <= 79


@pytest.mark.parametrize("other", [["--answers", "x.yaml"], ["--plain"], ["--startback"]])
def test_questions_refuses_options_that_ask_or_assess(runner: CliRunner, other: list[str]) -> None:
    """--questions asks nothing: with --answers, --plain or --startback it is a usage error (exit 2)."""
    result = runner.invoke(app, ["triage", "--questions", *other])
    assert result.exit_code == 2
    assert "--questions" in result.stderr and other[0] in result.stderr


def test_json_without_answers_or_questions_points_at_both(runner: CliRunner) -> None:
    """--json alone is refused, naming --answers and --questions."""
    result = runner.invoke(app, ["triage", "--json"])
    assert result.exit_code == 2
    assert "--answers" in result.stderr and "--questions" in result.stderr


# ---------------------------------------------------------------- the knowledge base's own checks


def test_kb_check_refuses_a_grouped_screen_that_cannot_offer_not_sure(tmp_path: Any) -> None:
    """A grouped screen standing for an answer that cannot be "unsure" (trend) is a knowledge-base problem."""
    gate = GATES["other-signs"].replaced(if_no={**GATES["other-signs"].if_no, "trend": "same"})
    kb = KB.replaced(gates=[gate if g.id == gate.id else g for g in KB.gates])
    assert any("cannot offer 'Not sure'" in problem for problem in check(kb))


def test_kb_check_refuses_declining_an_answer_a_warning_sign_reads() -> None:
    """Only an answer no warning sign reads may be declined ("I'd rather not say" is never a "no")."""
    fever = KB.question_index["fever"].replaced(decline="I'd rather not say")
    kb = KB.replaced(questions=[fever if q.key == "fever" else q for q in KB.questions])
    assert any("cannot be declined" in problem for problem in check(kb))


# ---------------------------------------------------------------- the length of an ordinary run


def test_every_ordinary_profile_of_the_benchmark_takes_at_most_24_screens() -> None:
    """benchmarks/question_count.py: a new spasm with no warning sign takes at most 24 screens, whoever answers."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import question_count
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    counts = {name: question_count.count(facts) for name, facts in question_count.PROFILES.items()}
    assert all(count <= 24 for count in counts.values()), counts
    assert counts[next(iter(counts))] == 23
