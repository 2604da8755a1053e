"""What a person reads after a triage result: advice that respects the answers, short watch-for lines,
"now" for an unsure emergency sign, and every result ending with its level and what would change it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA, built_in_kb, dump_yaml, load_yaml
from rich.console import Console
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.emergency.number import EmergencyNumber
from backspasm.kb.loader import KnowledgeBase
from backspasm.render.triage import render_not_finished, so_far_text
from backspasm.triage.engine import evaluate
from backspasm.triage.selfcare import remedies_for

KB: KnowledgeBase = built_in_kb()
NOT_FOR_YOU = "not for you unless a doctor or pharmacist agrees"
NUMBERS = {"age": 35, "days_since_onset": 1, "pain_score": 6, "episodes_past_year": 0}


def all_clear(**changes: Any) -> dict[str, Any]:
    """Every question answered with its calmest answer (a woman of 35, lower back, day 1), then `changes`."""
    answers: dict[str, Any] = {}
    for question in KB.questions:
        if question.type == "bool":
            answers[question.key] = False
        elif question.type == "choice":
            answers[question.key] = question.choices[0].value
        else:
            answers[question.key] = NUMBERS.get(question.key, 0)
    answers.update(location="lower_back", sex="female", pregnancy="not_pregnant", trend="improving")
    answers.update(changes)
    return answers


def screen(runner: CliRunner, tmp_path: Path, answers: dict[str, Any], *args: str) -> str:
    """`triage --answers` as printed at 80 columns, with 999 as the emergency number."""
    path = tmp_path / "answers.yaml"
    path.write_text(dump_yaml(answers), encoding="utf-8")
    args = ("--answers", str(path), "--emergency-number", "999", "--no-save", *args)
    result = runner.invoke(app, ["triage", *args], env={"BACKSPASM_WIDTH": "80"})
    assert result.exit_code == 0, result.output
    return result.stdout


def flat(text: str) -> str:
    """Printed text with its wrapping undone and box edges gone, to search for sentences."""
    return " ".join(text.replace("│", " ").split())


def remedy_ids(answers: dict[str, Any]) -> list[str]:
    """The remedies a self-care result offers these answers."""
    return [remedy.id for remedy in remedies_for(KB, answers)]


# ---------------------------------------------------------------- advice that respects the answers


def test_an_ordinary_self_care_result_offers_anti_inflammatories_and_manipulation_without_a_caution(
    runner: CliRunner, tmp_path: Path
) -> None:
    """With nothing against them, the self-care table offers NSAIDs and manipulation, and no caution is shown."""
    out = screen(runner, tmp_path, all_clear())
    assert "SELF-CARE" in out
    assert "(nsaids)" in out and "(chiropractic)" in out
    assert NOT_FOR_YOU not in flat(out)


@pytest.mark.parametrize("pregnancy", ["pregnant", "unsure", "recently_gave_birth"])
def test_pregnancy_takes_anti_inflammatories_off_the_table_and_says_why(
    runner: CliRunner, tmp_path: Path, pregnancy: str
) -> None:
    """Pregnant, not sure, or a baby in the last 6 weeks: no NSAID offered, and "not for you unless ..." said."""
    answers = all_clear(pregnancy=pregnancy)
    out = flat(screen(runner, tmp_path, answers))
    assert "SELF-CARE" in out
    assert "(nsaids)" not in out
    assert "anti-inflammatory painkillers (such as ibuprofen)" in out
    assert re.search(r"not for you unless a doctor(, midwife)? or pharmacist agrees", out)
    assert "nsaids" not in remedy_ids(answers)


@pytest.mark.parametrize("thinners", [True, "unsure"])
def test_blood_thinners_rule_out_anti_inflammatories_and_manipulation(
    runner: CliRunner, tmp_path: Path, thinners: Any
) -> None:
    """On blood thinners (or not sure): neither an NSAID nor spinal manipulation is offered, and the screen says so."""
    answers = all_clear(blood_thinners=thinners)
    out = flat(screen(runner, tmp_path, answers))
    assert "(nsaids)" not in out and "(chiropractic)" not in out
    assert NOT_FOR_YOU in out and "No spinal manipulation" in out
    assert not {"nsaids", "chiropractic"} & set(remedy_ids(answers))


@pytest.mark.parametrize("osteoporosis", [True, "unsure"])
def test_thin_bones_rule_out_manipulation(runner: CliRunner, tmp_path: Path, osteoporosis: Any) -> None:
    """With osteoporosis (or not sure), spinal manipulation is not offered and the result says so."""
    answers = all_clear(osteoporosis=osteoporosis)
    assert "chiropractic" not in remedy_ids(answers)
    assert "nsaids" in remedy_ids(answers)
    out = flat(screen(runner, tmp_path, answers))
    assert "If you have thin bones (osteoporosis): no spinal manipulation." in out


def test_under_16_painkillers_are_ask_a_pharmacist_and_never_aspirin(runner: CliRunner, tmp_path: Path) -> None:
    """At 14 the result says ask a pharmacist about any painkiller and never aspirin; no NSAID is offered."""
    answers = all_clear(age=14)
    out = flat(screen(runner, tmp_path, answers))
    assert "Under 16: ask a pharmacist before you take any painkiller. Never take aspirin." in out
    assert "nsaids" not in remedy_ids(answers)
    assert "nsaids" in remedy_ids(all_clear(age=16))


def test_the_json_advice_carries_the_cautions(runner: CliRunner, tmp_path: Path) -> None:
    """`--json` advice says what the answers rule out, as the screen does."""
    data = json.loads(screen(runner, tmp_path, all_clear(pregnancy="pregnant", blood_thinners=True), "--json"))
    assert data["disposition"] == "self_care"
    assert data["advice"].count(NOT_FOR_YOU) == 2
    assert "No spinal manipulation" in data["advice"]
    plain = json.loads(screen(runner, tmp_path, all_clear(), "--json"))
    assert NOT_FOR_YOU not in plain["advice"]


def test_cautions_show_at_urgent_and_soon_but_not_at_an_emergency() -> None:
    """A result sent to a doctor still says what the answers rule out; an emergency says only to go now."""
    urgent = evaluate(KB, all_clear(fever=True, blood_thinners=True))
    assert urgent.disposition == "urgent" and urgent.cautions
    emergency = evaluate(KB, all_clear(chest_pain=True, blood_thinners=True))
    assert emergency.disposition == "emergency" and emergency.cautions == ()
    assert NOT_FOR_YOU not in emergency.to_dict()["advice"]


def test_remedies_after_a_blood_thinner_triage_repeat_the_caution(runner: CliRunner, tmp_path: Path) -> None:
    """`remedies` and `remedies show nsaids` after a saved triage on blood thinners say NSAIDs are not for you."""
    path = tmp_path / "answers.yaml"
    path.write_text(dump_yaml(all_clear(blood_thinners=True)), encoding="utf-8")
    assert runner.invoke(app, ["triage", "--answers", str(path)]).exit_code == 0
    listed = flat(runner.invoke(app, ["remedies"]).stdout)
    assert "From your latest triage:" in listed and NOT_FOR_YOU in listed
    shown = flat(runner.invoke(app, ["remedies", "show", "nsaids"]).stdout)
    assert "From your latest triage: If you take a blood thinner" in shown
    assert "From your latest triage" not in runner.invoke(app, ["remedies", "show", "walking"]).stdout


def test_remedies_without_a_triage_show_no_caution(runner: CliRunner) -> None:
    """With no triage in the journal, `remedies` adds no caution of its own."""
    assert "From your latest triage" not in runner.invoke(app, ["remedies"]).stdout


# ---------------------------------------------------------------- what to watch for


# Each level's watch-for names these (clinical reference v3), as words a person knows.
WATCHED = {
    "worse or spreading leg weakness": "leg weakness that gets worse or spreads",
    "saddle numbness": "numbness around your bottom or genitals",
    "a bladder or bowel change": "a change in peeing or pooing",
    "unsteady walking": "unsteady walking",
    "a high temperature": "a high temperature",
    "a headache with fever and a stiff neck": "a headache with a fever and a stiff neck",
}
ALSO_AT_SELF_CARE_AND_SOON = {"stroke signs": "signs of a stroke", "confusion": "new confusion"}


@pytest.mark.parametrize("level", ["emergency", "urgent", "soon", "self_care"])
def test_every_level_watches_for_the_reference_signs_in_short_lines(level: str) -> None:
    """Each level's watch-for names every sign of the reference, each on a short line of its own."""
    lines = [sign for group in KB.advice_for(level).watch_for for sign in group.signs]
    wanted = {**WATCHED, **(ALSO_AT_SELF_CARE_AND_SOON if level in ("self_care", "soon") else {})}
    for meaning, words in wanted.items():
        assert any(words in line for line in lines), (level, meaning)
    assert all(len(line.split()) <= 14 for line in lines), level
    assert all(len(group.then.split()) <= 20 for group in KB.advice_for(level).watch_for), level


def test_watch_for_signs_print_one_a_line(runner: CliRunner, tmp_path: Path) -> None:
    """On the self-care screen each sign is a line of its own under what to do about it."""
    lines = [line.strip() for line in screen(runner, tmp_path, all_clear()).splitlines()]
    start = lines.index("Call 999 at once if you get:")
    assert lines[start + 1 : start + 3] == [
        "- leg weakness that gets worse or spreads",
        "- numbness around your bottom or genitals, or a change in peeing or pooing",
    ]
    assert "- a high temperature (38 °C or more)" in lines[lines.index("Speak to a doctor today if you get:") :]


# ---------------------------------------------------------------- an unsure emergency sign: now


UNSURE_EMERGENCIES = [
    {"chest_pain": "unsure"},
    {"saddle_numbness": "unsure"},
    {"bladder_bowel_change": "unsure"},
    {"chest_pain": "unsure", "fever": True},
]
TODAY_ALONE = re.compile(r"(?<!not later )\btoday\b")


@pytest.mark.parametrize("unsure", UNSURE_EMERGENCIES)
def test_an_unsure_emergency_sign_says_now_in_headline_advice_and_last_line(unsure: dict[str, Any]) -> None:
    """Headline, advice and last line say "now, not later today"; none says "today" on its own."""
    result = evaluate(KB, all_clear(**unsure), emergency_number="999")
    assert result.disposition == "urgent"
    assert result.headline == "Speak to a doctor or a medical helpline now, not later today"
    assert "now, not later today" in result.advice
    assert "call 999" in result.advice and "999" in (result.changes or "")
    for text in (result.headline, result.advice, result.changes or ""):
        assert not TODAY_ALONE.search(text), text


def test_a_firm_urgent_result_still_says_today() -> None:
    """Without an unsure emergency sign, urgent keeps "speak to a doctor today"."""
    result = evaluate(KB, all_clear(fever=True), emergency_number="999")
    assert result.headline == "Speak to a doctor today"
    assert "today" in result.advice


def test_the_unsure_screen_never_says_speak_to_a_doctor_today(runner: CliRunner, tmp_path: Path) -> None:
    """The unsure chest-pain screen says now at the top and in its last box, and nowhere "today" alone."""
    printed = screen(runner, tmp_path, all_clear(chest_pain="unsure"))
    out = flat(printed)
    assert "Speak to a doctor today" not in out
    assert out.count("Speak to a doctor or a medical helpline now, not later today") == 2
    last_box = flat("\n".join(printed.rstrip().splitlines()[-6:]))
    assert "URGENT: Speak to a doctor or a medical helpline now, not later today" in last_box
    # What to do now has scrolled away by then: the last line names the sign again.
    assert "Not sure about chest pain, breathlessness" in last_box
    assert "Call 999 if you find you have it" in last_box


def test_the_interrupted_summary_of_an_unsure_sign_says_now_and_not_sure() -> None:
    """Cut short after an unsure chest-pain answer, the summary says "not sure about" and "now, not later today"."""
    said = so_far_text(evaluate(KB, {"chest_pain": "unsure"}, emergency_number="999"))
    assert said is not None
    assert "not sure about chest pain" in said
    assert said.endswith("speak to a doctor or a medical helpline now, not later today.")


def test_the_emergency_list_of_what_to_tell_them_marks_unsure_signs(runner: CliRunner, tmp_path: Path) -> None:
    """An emergency reached with an unsure answer tells the service which sign was not sure."""
    out = screen(runner, tmp_path, {"bladder_bowel_change": "unsure", "leg_pain_below_knee": "one_leg"})
    told = out.split("What to tell them")[1].split("While you wait")[0]
    assert "Not sure: New trouble peeing" in told


# ---------------------------------------------------------------- every result ends with its level


@pytest.mark.parametrize(
    ("answers", "level", "last"),
    [
        (all_clear(), "SELF-CARE: Home care is reasonable for now", "A sign above? Do what it says."),
        (all_clear(episodes_past_year=3), "SOON: Book an appointment", "If you get a sign above, do what it says."),
        (all_clear(fever=True), "URGENT: Speak to a doctor today", "If you get a sign from the first list, call 999"),
        (all_clear(chest_pain=True), "EMERGENCY: Call 999 now", "EMERGENCY: Call 999 now"),
    ],
)
def test_every_result_ends_with_its_level_and_what_would_change_it(
    runner: CliRunner, tmp_path: Path, answers: dict[str, Any], level: str, last: str
) -> None:
    """The last lines are a box with the level and one line of what would change it (an emergency: its action)."""
    out = screen(runner, tmp_path, answers)
    tail = flat("\n".join(out.rstrip().splitlines()[-4:]))
    assert level in tail and last in tail
    assert out.rindex(level) > out.rindex("What to watch for" if "EMERGENCY" not in level else "While you wait")


def test_self_care_ends_with_what_to_watch_for_after_the_remedies(runner: CliRunner, tmp_path: Path) -> None:
    """The remedies come before what to watch for, so the signs are on the last screen."""
    lines = screen(runner, tmp_path, all_clear()).rstrip().splitlines()
    assert lines.index("What can help now (first 48 hours):") < lines.index("What to watch for:")
    # At 80x24, with the "Saved" line and the cursor line below it, 22 lines remain: they start above the signs.
    assert "What to watch for:" in lines[-22:]


# ---------------------------------------------------------------- Ctrl-C: the emergency signs in short lines


def test_the_interrupted_emergency_list_is_one_sign_a_line() -> None:
    """After Ctrl-C each emergency sign is a short line of its own, and what to do is said again after the list."""
    console = Console(width=80, record=True, color_system=None)
    render_not_finished(KB, EmergencyNumber(numbers=("112",)), console)
    lines = console.export_text().splitlines()
    signs = [line for line in lines if line.startswith("  - ")]
    emergency = [s.title for s in KB.warning_signs if s.level == "emergency" and "unsure" not in s.id]
    assert [line[4:].rstrip() for line in signs] == emergency
    assert lines.index(signs[-1]) + 1 == lines.index("Any of these? Call 112 now.")


# ---------------------------------------------------------------- the knowledge base holds these words to account


def _edited_triage(tmp_path: Path, change: Any) -> Path:
    """A copy of the built-in knowledge base with data/triage.yaml changed by `change`."""
    import shutil

    target = tmp_path / "kb"
    shutil.copytree(DATA, target)
    path = target / "triage.yaml"
    data = load_yaml(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(dump_yaml(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def test_kb_check_refuses_a_caution_that_withholds_an_unknown_remedy_or_reads_an_unknown_answer(
    tmp_path: Path,
) -> None:
    """A result caution must name remedies and answers that exist."""
    from backspasm.kb.check import check

    def change(data: Any) -> None:
        data["result_cautions"][0]["withhold"] = ["no-such-remedy"]
        data["result_cautions"][0]["when"] = {"answer": "no_such_answer", "equals": True}

    problems = check(_edited_triage(tmp_path, change))
    where = "kb/triage.yaml: result_cautions[0] (pregnant-no-nsaids)"
    assert f"{where}.withhold: remedy 'no-such-remedy' does not exist" in problems
    assert any("result_cautions[0] (pregnant-no-nsaids).when" in problem for problem in problems)


def test_kb_check_asks_every_level_but_emergency_for_what_would_change_it(tmp_path: Path) -> None:
    """A level without `changes` would end its result without saying what would change it."""
    from backspasm.kb.check import check

    def change(data: Any) -> None:
        next(entry for entry in data["advice"] if entry["level"] == "soon").pop("changes")

    assert check(_edited_triage(tmp_path, change)) == [
        "kb/triage.yaml: advice: level 'soon' needs changes (what would change it)"
    ]
