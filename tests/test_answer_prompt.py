"""The safety-answer prompt, typed into a prompt_toolkit pipe: nothing pre-selected, keys, then Enter."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.input.base import PipeInput
from prompt_toolkit.output import DummyOutput

from backspasm.clock.read import read_days_ago
from backspasm.errors import Interrupted
from backspasm.prompts import questionnaire

ENTER = "\r"
NOW = datetime.fromisoformat("2026-11-29T18:00:00+00:00")


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """NOW's offset stands in for the local zone, so 'yesterday' does not depend on the machine."""
    monkeypatch.setenv("BACKSPASM_NOW", NOW.isoformat())


@pytest.fixture
def pipe() -> Iterator[PipeInput]:
    """A prompt_toolkit input the test types into, made current for the prompts."""
    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
        yield inp


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("y" + ENTER, True),
        ("n" + ENTER, False),
        ("u" + ENTER, "unsure"),
        ("no" + ENTER, False),
        ("yes" + ENTER, True),
        ("not sure" + ENTER, "unsure"),
        ("N" + ENTER, False),
    ],
)
def test_keys_and_words_answer(pipe: PipeInput, typed: str, expected: object) -> None:
    """y, n and u (and the words yes, no, not sure) then Enter give Yes, No and Not sure."""
    pipe.send_text(typed)
    assert questionnaire.answer("Fever?", unsure=True) == expected


def test_enter_alone_is_not_an_answer(pipe: PipeInput) -> None:
    """Enter with nothing chosen answers nothing: the next key and Enter decide."""
    pipe.send_text(ENTER + ENTER + "n" + ENTER)
    assert questionnaire.answer("Fever?", unsure=True) is False


def test_enter_alone_then_end_of_input_is_not_finished(pipe: PipeInput) -> None:
    """Enter alone, then the input closes: not finished, never an answer."""
    pipe.send_text(ENTER)
    pipe.close()
    with pytest.raises(Interrupted):
        questionnaire.confirm("Is the ice pack wrapped in a damp cloth?")


def test_arrow_keys_start_from_nothing(pipe: PipeInput) -> None:
    """Down once points at the first option (nothing was pre-selected), down again at the second."""
    pipe.send_text("\x1b[B\x1b[B" + ENTER)
    assert questionnaire.confirm("Did the pain get worse?") is False


def test_u_is_no_key_where_not_sure_is_not_offered(pipe: PipeInput) -> None:
    """Without "Not sure", u does nothing; the person still has to choose."""
    pipe.send_text("u" + ENTER + "y" + ENTER)
    assert questionnaire.confirm("Did the pain get worse?") is True


def test_choice_questions_take_numbers_and_not_sure(pipe: PipeInput) -> None:
    """A triage choice question: its options by number, "Not sure" by u, nothing pre-selected."""
    from conftest import built_in_kb

    from backspasm.triage.ask import ask_question

    weakness = built_in_kb().question_index["leg_weakness"]
    pipe.send_text(ENTER + "2" + ENTER + "u" + ENTER)
    assert ask_question(weakness) == "one_leg"
    assert ask_question(weakness) == "unsure"


def test_ctrl_c_is_not_finished(pipe: PipeInput) -> None:
    """Ctrl-C at a yes/no question raises Interrupted (exit 130), never an answer."""
    pipe.send_text("y\x03")
    with pytest.raises(Interrupted):
        questionnaire.answer("Fever?", unsure=True)


@pytest.mark.parametrize(
    ("typed", "days"),
    [
        ("2", 2.0),
        ("0.25", 0.25),
        ("3 hours", 0.125),
        ("2 days", 2.0),
        ("a week", 7.0),
        ("an hour ago", round(1 / 24, 3)),
        ("yesterday", 1.25),  # its middle: noon yesterday, 30 hours before 18:00
        ("this morning", round(10 / 24, 3)),  # 08:00
        ("today", 0.0),
    ],
)
def test_days_ago_reads_what_people_type(typed: str, days: float) -> None:
    """Numbers are days; words are read by the same reader as `log --at`."""
    assert read_days_ago(typed, NOW) == pytest.approx(days)


@pytest.mark.parametrize("typed", ["soonish", "-1", "tomorrow", "in 2 days", "nan", ""])
def test_days_ago_refuses_the_rest(typed: str) -> None:
    """Anything else, a negative number or a time in the future is refused."""
    with pytest.raises(ValueError):
        read_days_ago(typed, NOW)


def test_days_ago_refuses_the_future() -> None:
    """A date after now is not an onset."""
    with pytest.raises(ValueError):
        read_days_ago((NOW + timedelta(days=1)).date().isoformat() + " 10:00", NOW)
