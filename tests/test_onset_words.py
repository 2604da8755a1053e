"""The one reader of past times reads what people answer to "when did it begin?", and says why it refuses."""

from __future__ import annotations

from datetime import datetime

import pytest

from backspasm.clock.read import days_ago_problem, read_days_ago, read_time

# Monday 2 March 2026, 06:30: before 08:00, when "this morning" used to be read as the future.
EARLY = datetime.fromisoformat("2026-03-02T06:30:00+00:00")
EVENING = datetime.fromisoformat("2026-03-04T18:00:00+00:00")  # Wednesday


@pytest.fixture(autouse=True)
def fixed_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    """BACKSPASM_NOW's offset stands in for the local zone, so days do not depend on the machine."""
    monkeypatch.setenv("BACKSPASM_NOW", EARLY.isoformat())


@pytest.mark.parametrize(
    ("typed", "days"),
    [
        ("this morning", 3.25 / 24),  # the middle of the morning so far: 03:15
        ("two days", 2.0),
        ("a few hours", 3 / 24),
        ("a couple of hours", 2 / 24),
        ("half an hour", 0.5 / 24),
        ("5am", 1.5 / 24),
        ("7am", 23.5 / 24),  # still to come today: yesterday's
        ("sunday", 18.5 / 24),  # yesterday at noon
        ("monday", 0.0),  # today, before its noon: now
        ("last monday", 6 + 18.5 / 24),  # a week ago at noon
        ("about 3 hours", 3 / 24),
        ("since yesterday", 18.5 / 24),
        ("yesterday 5pm", 13.5 / 24),
        ("1 hour and 30 minutes", 1.5 / 24),
    ],
)
def test_common_answers_are_read(typed: str, days: float) -> None:
    """"this morning" before 08:00, "two days", "monday", "5am", "a few hours" and the like are read."""
    assert read_days_ago(typed, EARLY) == pytest.approx(days, abs=0.001)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("monday", "2026-03-02T12:00:00+00:00"), ("monday evening", "2026-03-02T19:00:00+00:00"),
     ("5am", "2026-03-04T05:00:00+00:00"), ("this morning", "2026-03-04T08:00:00+00:00"),
     ("tuesday 18:00", "2026-03-03T18:00:00+00:00"), ("wed", "2026-03-04T12:00:00+00:00")],
)  # fmt: skip
def test_days_and_clock_times_are_the_latest_that_passed(typed: str, expected: str) -> None:
    """A weekday or clock time is the latest one that has passed (here on a Wednesday evening)."""
    assert read_time(typed, EVENING) == datetime.fromisoformat(expected)


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("tomorrow", "'tomorrow': it is in the future."),
        ("in 2 days", "'in 2 days': it is in the future."),
        ("this evening", "'this evening': it has not come yet."),
        ("soonish", "'soonish' is not a time I can read."),
        ("-1", "'-1' is less than zero days."),
        ("", "nothing was typed."),
    ],
)
def test_a_refusal_says_why_and_what_to_type(typed: str, why: str) -> None:
    """The refusal names the answer and why it was refused, then the forms that are read."""
    problem = days_ago_problem(typed, EARLY)
    assert problem is not None
    assert problem.startswith(why)
    assert problem.endswith("Please type a number of days, or words like 'yesterday', 'this morning', "
                            "'3 hours', 'monday' or '5am'.")  # fmt: skip


def test_a_refused_answer_is_wrapped_in_whole_words_at_any_width() -> None:
    """The refusal line is wrapped to the width in whole words (never "words l|ike"), amounts kept whole."""
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from backspasm.prompts.answer_prompt import wrapped_verdicts

    problem = days_ago_problem("blah", EARLY)
    assert problem is not None
    from prompt_toolkit.application import Application
    from prompt_toolkit.application.current import set_app
    from prompt_toolkit.data_structures import Size

    for columns in (80, 60, 40):
        output = DummyOutput()
        output.get_size = lambda columns=columns: Size(rows=24, columns=columns)  # type: ignore[method-assign,misc]
        with (
            create_pipe_input() as inp,
            create_app_session(input=inp, output=output),
            set_app(Application(input=inp, output=output)),
        ):
            shown = wrapped_verdicts(lambda raw: problem)("blah")
        assert isinstance(shown, str)
        lines = shown.splitlines()
        assert max(len(line) for line in lines) < columns
        assert " ".join(lines) == problem
        assert not any(line.endswith((" 3", "'3")) for line in lines)


def test_the_session_asks_the_onset_with_the_same_reader(runner: object) -> None:
    """`session` without a protocol asks when the pain began and reads "three days" (before: refused)."""
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput
    from typer.testing import CliRunner

    from backspasm.cli import app

    assert isinstance(runner, CliRunner)
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        # Refused, erased (Ctrl-U), then read; then: not heat, ice massage, no cloth.
        pipe.send_text("tomorrow\r" + "\x15three days\r" + "n\r" + "3\r" + "n\r")
        pipe.close()  # then the input ends: an answer not read would end the command, never hang it
        result = runner.invoke(app, ["session", "--duration", "0.2s"])
    assert "Suggested: Heat pad, wrap or hot water bottle (heat): the pain began 3 days ago" in result.stdout
    assert "Ice massage: not safe to start now" in result.stdout
