"""The interactive questionnaire, typed into a prompt_toolkit pipe input, and once in a real terminal."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import built_in_kb
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.input.base import PipeInput
from prompt_toolkit.output import DummyOutput
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.kb.loader import KnowledgeBase
from backspasm.kb.views import Gate, Question, StartBack
from backspasm.triage.run import ask

KB: KnowledgeBase = built_in_kb()
ENTER = "\r"
DOWN = "\x1b[B"


@pytest.fixture
def pipe() -> Iterator[PipeInput]:
    """A prompt_toolkit input the test types into, made current for the prompts."""
    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
        yield inp


YES = "y" + ENTER
NO = "n" + ENTER
UNSURE = "u" + ENTER


def pick(index: int) -> str:
    """Keys that choose the option at `index` of a questionary select prompt (STarT Back items)."""
    return DOWN * index + ENTER


def number_key(index: int) -> str:
    """Keys that choose the option at `index` of a triage choice question: its number, then Enter."""
    return f"{index + 1}{ENTER}"


class Typist:
    """Answers the pure questionnaire from a mapping and records the keys a person would type."""

    def __init__(self, answers: dict[str, Any], gates: dict[str, bool]) -> None:
        self.answers = answers
        self.gates = gates
        self.keys: list[str] = []

    def gate(self, gate: Gate) -> bool:
        """y or n, then Enter."""
        yes = self.gates.get(gate.id, False)
        self.keys.append(YES if yes else NO)
        return yes

    def question(self, question: Question) -> Any:
        """The keys for one answer: a choice by its number, yes/no by y or n, numbers typed."""
        value = self.answers.get(question.key, False if question.type == "bool" else None)
        assert value is not None, f"no answer for {question.key}"
        if question.type == "bool":
            self.keys.append(YES if value else NO)
        elif question.type == "choice":
            self.keys.append(number_key([c.value for c in question.choices].index(value)))
        else:
            self.keys.append(f"{value}{ENTER}")
        return value

    def startback(self, tool: StartBack) -> dict[str, Any]:
        """Disagree (option 1) to every item and "not at all" (option 1) to the last: nothing is pre-selected."""
        self.keys.extend(number_key(0) for _ in tool.items)
        return {item.key: item.choices[0].value if item.choices else False for item in tool.items}


def keys_for(answers: dict[str, Any], gates: dict[str, bool]) -> str:
    """Everything a person would type to give these answers, in the order the questionnaire asks."""
    typist = Typist(answers, gates)
    ask(KB, typist)
    return "".join(typist.keys)


ORDINARY = {
    "bladder_bowel_change": False,
    "saddle_numbness": False,
    "sexual_dysfunction": False,
    "trauma": "none",
    "chest_pain": False,
    "abdominal_pain": False,
    "fever": False,
    "cancer_history": False,
    "weight_loss": False,
    "night_pain": "when_moving",
    "pain_at_rest": False,
    "steroid_use": False,
    "age": 34,
    "days_since_onset": 1.5,
    "trend": "improving",
    "pain_score": 7,
    "location": "lower_back",
    "daily_activities_limited": False,
    "episodes_past_year": 0,
    "pregnancy": "not_pregnant",
    "sex": "female",
}


def test_yes_to_the_first_emergency_question_shows_the_emergency_screen_at_once(
    runner: CliRunner, pipe: PipeInput
) -> None:
    """Yes to new bladder trouble stops the questions and shows what to do, why and what to tell them."""
    pipe.send_text("1" + ENTER + YES)  # began a day ago; yes
    pipe.close()  # nothing more is typed: any further question would end in "not finished"
    result = runner.invoke(app, ["triage", "--emergency-number", "999"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "EMERGENCY" in out
    assert "Call 999 now" in out
    assert "What to tell them" in out
    assert "New trouble peeing or with your bowels" in out
    assert "not finished" not in out


def test_the_questionnaire_ends_on_the_answers_files_result_screen(runner: CliRunner, pipe: PipeInput) -> None:
    """The result after the questions is the styled-lines screen of `triage --answers`, not a rich box."""
    pipe.send_text("1" + ENTER + YES)
    pipe.close()
    out = runner.invoke(app, ["triage", "--emergency-number", "999"]).stdout
    result = out[out.index("Triage result") :]
    assert result.startswith("Triage result: EMERGENCY\n")
    assert "\nWhat to do now:\n" in result and "\u256d" not in result  # no rich panel corner
    last = " ".join(result[result.rindex("\nEMERGENCY: ") :].split())
    assert last.startswith("EMERGENCY: Call 999 now, or have someone take you to the nearest emergency department")
    assert "Do not drive yourself. Call 999 now." in last


def test_ordinary_spasm_answered_no_gets_self_care(runner: CliRunner, pipe: PipeInput) -> None:
    """A person answering "no" to every warning sign gets self-care with early-phase remedies."""
    pipe.send_text(keys_for(ORDINARY, {"leg-symptoms": False}))
    result = runner.invoke(app, ["triage"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "SELF-CARE" in out
    assert "Home care is reasonable for now" in out
    assert "first 48 hours" in out
    assert "backspasm session" in out
    assert "not a diagnosis" in out


def test_two_weeks_of_pain_asks_startback_with_keele_notice(runner: CliRunner, pipe: PipeInput) -> None:
    """After two weeks, the STarT Back items are asked under Keele's notice, and the risk group is shown."""
    answers = {**ORDINARY, "days_since_onset": 15}
    pipe.send_text(keys_for(answers, {"leg-symptoms": False}))
    result = runner.invoke(app, ["triage"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.count("© Keele University, part-funded by Arthritis Research UK") == 2  # items, then result
    assert "Thinking about the last 2 weeks" in out
    assert "Risk group: low (total 0 of 9, psychosocial 0 of 5)" in out


@pytest.mark.parametrize("interrupt", ["ctrl-c", "end-of-input"])
def test_interrupted_triage_lists_emergency_signs_and_exits_130(
    runner: CliRunner, pipe: PipeInput, interrupt: str
) -> None:
    """Ctrl-C or end of input mid-questionnaire is never a "no": it says so, lists emergency signs, exits 130 or 2."""
    pipe.send_text("2" + ENTER + NO + NO)  # began two days ago; two questions answered "no"
    if interrupt == "ctrl-c":
        pipe.send_text("\x03")
    else:
        pipe.close()
    result = runner.invoke(app, ["triage", "--emergency-number", "112"])
    assert result.exit_code == (130 if interrupt == "ctrl-c" else 2)
    assert "Triage was not finished" in result.stdout
    assert "Call 112 now" in result.stdout
    flat = " ".join(result.stdout.split())
    for sign in KB.warning_signs:
        if sign.level == "emergency" and "unsure" not in sign.id:  # the unsure row repeats the three before it
            assert sign.title in flat
    assert "SELF-CARE" not in result.stdout
    ended = ": the input ended before every question was answered" if interrupt != "ctrl-c" else ""
    assert result.stderr == f"backspasm: triage was not finished{ended}\n"


def _installed_backspasm() -> str | None:
    found = Path(sys.executable).parent / "backspasm"
    return str(found) if found.exists() else shutil.which("backspasm")


@pytest.mark.slow
@pytest.mark.skipif(_installed_backspasm() is None, reason="the backspasm command is not installed")
def test_installed_command_in_a_terminal_shows_emergency_screen(tmp_path: Path) -> None:
    """End to end in a pseudo-terminal: answering yes to saddle numbness shows the emergency screen, exit 0."""
    pexpect = pytest.importorskip("pexpect")
    env = {
        **os.environ,
        "TERM": "xterm",
        "NO_COLOR": "1",
        "BACKSPASM_HOME": str(tmp_path),
        "PROMPT_TOOLKIT_NO_CPR": "1",  # the pty never answers cursor-position requests
    }
    env.pop("BACKSPASM_WIDTH", None)
    child = pexpect.spawn(
        _installed_backspasm(),
        ["triage", "--emergency-number", "999"],
        env=env,
        encoding="utf-8",
        dimensions=(40, 120),
        timeout=8,
    )
    try:
        child.expect("When did this episode start")
        child.send("yesterday" + ENTER)
        child.expect("trouble peeing or with your bowels")
        child.send(NO)
        child.expect("numbness or tingling around your genitals")
        child.send(YES)
        child.expect("EMERGENCY")
        child.expect("Call 999 now")
        child.expect("What to tell them")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0


@pytest.mark.parametrize("interrupt", ["ctrl-c", "end-of-input"])
def test_interrupted_after_one_weak_leg_says_speak_to_a_doctor_today(
    runner: CliRunner, pipe: PipeInput, interrupt: str
) -> None:
    """Cut short after "one leg is weak": what that already means comes first, then exit 130 (2), nothing saved."""
    from backspasm.storage import journal as record
    from backspasm.storage.db import connect

    weakness = [c.value for c in KB.question_index["leg_weakness"].choices].index("one_leg")
    # Began a day ago; no to bladder and saddle; female; no to sexual function; yes to leg symptoms; no pain or
    # numbness; one weak leg.
    keys = "1" + ENTER + NO + NO + number_key(0) + NO + YES + number_key(0) + number_key(0) + number_key(weakness)
    pipe.send_text(keys)
    if interrupt == "ctrl-c":
        pipe.send_text("\x03")
    else:
        pipe.close()
    result = runner.invoke(app, ["triage"])
    assert result.exit_code == (130 if interrupt == "ctrl-c" else 2)
    out = result.stdout
    assert "From what you answered so far (a weak leg or foot), speak to a doctor today." in out
    assert out.index("speak to a doctor today") < out.index("Triage was not finished")
    # Said again after the emergency signs, so at 80x24 it is still on screen at the end.
    assert out.rindex("speak to a doctor today") > out.index("Warning signs in pregnancy")
    conn = connect()
    try:
        assert record.triage_runs(conn) == []
    finally:
        conn.close()


def test_not_sure_is_recorded_as_unsure(runner: CliRunner, pipe: PipeInput) -> None:
    """"Not sure" (u) to a red-flag question is saved as "unsure", never as no."""
    from backspasm.storage import journal as record
    from backspasm.storage.db import connect

    pipe.send_text("1" + ENTER + UNSURE + YES)
    pipe.close()
    runner.invoke(app, ["triage"])
    conn = connect()
    try:
        runs = record.triage_runs(conn)
    finally:
        conn.close()
    assert [run.answers.get("bladder_bowel_change") for run in runs] == ["unsure"]
