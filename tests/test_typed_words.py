"""Typed words at a safety question are read as words: "I don't know" is Not sure, never No; y/n/u work on choices."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.input.base import PipeInput
from prompt_toolkit.output import DummyOutput

from backspasm.prompts import plain_prompt, questionnaire
from backspasm.prompts.answer_prompt import AnswerPrompt, Option
from backspasm.prompts.typed_answer import read_typed

ENTER = "\r"
BACKSPACE = "\x7f"
YES_NO_UNSURE = [(True, "Yes", "y"), (False, "No", "n"), ("unsure", "Not sure", "u")]
# A numbered triage choice whose first answer is "No" (its keys are digits).
LEG = [("none", "No (or only above the knee)", "1"), ("one_leg", "Yes, in one leg", "2"),
       ("both_legs", "Yes, in both legs", "3"), ("unsure", "Not sure", "u")]  # fmt: skip
INJURY = [("none", "No injury", "1"), ("minor", "A minor strain", "2"), ("unsure", "Not sure", "u")]
PREGNANCY = [("not_pregnant", "No", "1"), ("pregnant", "Yes, I am pregnant", "2"), ("unsure", "Not sure", "u")]


def type_keys(pipe: PipeInput, keys: str) -> None:
    """Type keys, then end the input: a prompt that does not take them ends (never hangs the test)."""
    pipe.send_text(keys)
    pipe.close()


@pytest.fixture
def pipe() -> Iterator[PipeInput]:
    """A prompt_toolkit input the test types into, made current for the prompts."""
    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
        yield inp


@pytest.mark.parametrize("typed", ["I don't know", "dunno", "no idea", "idk", "not sure", "I'm not sure", "unsure"])
def test_words_for_not_knowing_are_not_sure_at_the_key_prompt(pipe: PipeInput, typed: str) -> None:
    """Typed at the key prompt, every way of saying "I don't know" answers Not sure (before: the last n won: No)."""
    type_keys(pipe, typed + ENTER)
    assert questionnaire.answer("Is the ice pack wrapped in a damp cloth?", unsure=True) == "unsure"


@pytest.mark.parametrize("typed", ["no", "nope", "No.", "n"])
def test_words_for_no_are_no(pipe: PipeInput, typed: str) -> None:
    """"no", "nope" and n answer No."""
    type_keys(pipe, typed + ENTER)
    assert questionnaire.answer("Fever?", unsure=True) is False


@pytest.mark.parametrize("typed", ["yes", "yeah", "yep", "y"])
def test_words_for_yes_are_yes(pipe: PipeInput, typed: str) -> None:
    """"yes", "yeah", "yep" and y answer Yes."""
    type_keys(pipe, typed + ENTER)
    assert questionnaire.answer("Fever?", unsure=True) is True


def test_words_not_understood_ask_again_and_never_pick(pipe: PipeInput) -> None:
    """"banana" + Enter answers nothing; the question stays until a real answer (here n)."""
    type_keys(pipe, "banana" + ENTER + "n" + ENTER)
    assert questionnaire.answer("Fever?", unsure=True) is False


def test_a_word_with_key_letters_in_it_stays_one_word() -> None:
    """Typing "banana" keeps the whole word (its n's are letters, not keys), so it is refused as itself."""
    prompt = AnswerPrompt("Fever?", [Option(*o) for o in YES_NO_UNSURE], None, questionnaire._style())
    bindings = prompt.bindings()
    letter = next(b for b in bindings.bindings if b.handler.__name__ == "letter")
    for char in "banana":
        letter.handler(type("Press", (), {"data": char})())
    assert (prompt.typed, prompt.pointer) == ("banana", None)


def test_without_not_sure_i_dont_know_asks_again(pipe: PipeInput) -> None:
    """Where "Not sure" is not offered, "I don't know" is no answer (never No): the question asks again."""
    type_keys(pipe, "I don't know" + ENTER + "y" + ENTER)
    assert questionnaire.confirm("Use Ice pack?") is True


def test_a_key_after_a_key_changes_the_answer(pipe: PipeInput) -> None:
    """n, then y: the person changed their mind, and Yes is chosen (a key is not a word)."""
    type_keys(pipe, "ny" + ENTER)
    assert questionnaire.answer("Fever?", unsure=True) is True


def test_backspace_edits_the_words(pipe: PipeInput) -> None:
    """Typing "nox", erasing the x, then Enter answers No."""
    type_keys(pipe, "nox" + BACKSPACE + ENTER)
    assert questionnaire.answer("Fever?", unsure=True) is False


@pytest.mark.parametrize(("options", "typed", "expected"), [
    (LEG, "n", "none"), (INJURY, "n", "none"), (PREGNANCY, "n", "not_pregnant"), (PREGNANCY, "y", "pregnant"),
    (PREGNANCY, "no", "not_pregnant"), (LEG, "u", "unsure"), (LEG, "dunno", "unsure"), (LEG, "2", "one_leg"),
])  # fmt: skip
def test_y_n_u_mean_what_the_person_means_on_numbered_choices(
    pipe: PipeInput, options: list[tuple[str, str, str]], typed: str, expected: str
) -> None:
    """On a numbered choice, n chooses its "No ..." answer, y its only "Yes ..." answer, u Not sure."""
    type_keys(pipe, typed + ENTER)
    assert questionnaire.choose("Question?", options) == expected


def test_y_with_two_yes_answers_asks_which(pipe: PipeInput) -> None:
    """y where two answers begin "Yes, ..." picks neither and says which keys to press; 3 then answers."""
    prompt = AnswerPrompt("Numbness in your legs?", [Option(*o) for o in LEG], None, questionnaire._style())
    app = prompt.application()
    type_keys(pipe, "y" + ENTER + "3" + ENTER)
    assert app.run() == "both_legs"


def test_the_feedback_says_what_typed_words_mean() -> None:
    """While typing, the prompt shows the words and the answer they mean; refused words say why."""
    prompt = AnswerPrompt("Fever?", [Option(*o) for o in YES_NO_UNSURE], None, questionnaire._style())
    prompt.typed = "dunno"
    prompt._read()
    assert prompt._feedback(79) == ['  You typed "dunno": Not sure.']
    prompt.refused, prompt.typed = "banana", ""
    assert prompt._feedback(79) == ['  "banana" is not one of the answers: press y, n or u, then Enter.']
    prompt.refused = "y"
    leg = AnswerPrompt("Legs?", [Option(*o) for o in LEG], None, questionnaire._style())
    leg.refused = "y"
    assert leg._feedback(79) == ['  "y" could mean more than one answer: press 2 or 3.']


@pytest.mark.parametrize(("typed", "expected"), [("I don't know", "unsure"), ("no idea", "unsure"), ("nope", False)])
def test_the_plain_prompt_reads_the_same_words(typed: str, expected: object) -> None:
    """--plain reads typed words with the same reader as the key prompt."""
    out = io.StringIO()
    assert plain_prompt.choose("Fever?", YES_NO_UNSURE, inp=io.StringIO(typed + "\n"), out=out) == expected


def test_the_reader_never_guesses() -> None:
    """Words that mean nothing, or could mean two answers, give no answer."""
    assert read_typed("banana", YES_NO_UNSURE) is None
    assert read_typed("", YES_NO_UNSURE) is None
    assert read_typed("y", LEG) is None
    assert read_typed("no", LEG) == 0
