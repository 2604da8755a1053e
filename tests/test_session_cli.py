"""`backspasm protocols` and `backspasm session` through the CLI: option errors, clamping, the safety gate."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.session import actions as command
from backspasm.session.rounds import SessionPlan
from backspasm.storage import sessions as history
from backspasm.storage.db import connect
from backspasm.timer.runner import Outcome

ENTER = "\r"
DOWN = "\x1b[B"
YES, NO = "y" + ENTER, "n" + ENTER  # nothing is pre-selected: a key, then Enter
# Safe answers to the ice checks, in order: cloth yes, skin no, cold risks no, remove it yourself yes, asleep no.
ICE_SAFE = YES + NO + NO + YES + NO
HEAT_SAFE = YES + NO + NO + NO + YES + NO  # cover, skin, cream, risk, remove, asleep
QUICK = ["--duration", "0.2s"]


@pytest.fixture
def keyboard() -> Iterator[PipeInput]:
    """A person at a terminal: what the test sends is typed into the prompts."""
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe


def rows() -> list[history.SessionRecord]:
    """Every session in the test store."""
    conn = connect()
    try:
        return history.list_sessions(conn)
    finally:
        conn.close()


def test_protocols_lists_defaults_maximums_and_rests(runner: CliRunner) -> None:
    """The table names each protocol with its default, maximum and minimum rest."""
    result = runner.invoke(app, ["protocols"])
    assert result.exit_code == 0, result.stderr
    for text in ("Ice pack", "ice-massage", "heat", "15 min", "20 min", "30 min", "40 min", "not a diagnosis"):
        assert text in result.stdout


def test_protocols_json_includes_the_checks(runner: CliRunner) -> None:
    """--json prints every protocol with its limits and safety checks on stdout."""
    result = runner.invoke(app, ["protocols", "--json"])
    assert result.exit_code == 0
    data = {p["id"]: p for p in json.loads(result.stdout)}
    assert set(data) >= {"ice", "heat", "ice-massage"}
    assert data["ice"]["max_minutes"] == 20
    assert {"id", "prompt", "stop_if", "reason", "alternative"} <= set(data["ice"]["checks"][0])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ice", "--duration", "0", "--yes"], "--duration '0' must be longer than zero; use 15m, 90s, 1m30s"),
        (["ice", "--duration=-5m", "--yes"], "--duration '-5m' must be longer than zero"),
        (["ice", "--duration", "soon", "--yes"], "--duration 'soon' is not a length of time; use 15m, 90s"),
        (["ice", "--rounds", "2", "--rest", "x", "--yes"], "--rest 'x' is not a length of time"),
        (["ice", "--rounds", "0", "--yes"], "--rounds"),
        (["icee", "--yes"], "unknown protocol 'icee'; did you mean ice"),
        (["--since", "a while", "--yes"], "--since must be a date and time like"),
        (["--since", "2999-01-01", "--yes"], "is in the future"),
        (["heat", "--since", "soon", "--yes"], "--since must be a date and time like"),
    ],
)
def test_bad_options_exit_2_with_one_line(runner: CliRunner, args: list[str], message: str) -> None:
    """Bad lengths, rounds, protocols and onsets exit 2 with one line saying what is allowed."""
    result = runner.invoke(app, ["session", *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert rows() == []


def test_without_a_terminal_the_checks_need_yes(runner: CliRunner) -> None:
    """No terminal and no --yes: exit 2, pointing at --yes, and nothing is recorded."""
    result = runner.invoke(app, ["session", "ice", *QUICK])
    assert result.exit_code == 2
    assert "--yes" in result.stderr
    assert rows() == []


def test_without_a_protocol_or_terminal_one_must_be_named(runner: CliRunner) -> None:
    """No protocol, no --since and no terminal: exit 2 naming the protocols."""
    result = runner.invoke(app, ["session", "--yes"])
    assert result.exit_code == 2
    assert "name a protocol (ice, heat, ice-massage) or give --since" in result.stderr


@pytest.mark.usefixtures("instant")  # the session runs on a fake clock, at once
def test_yes_runs_a_short_session_and_records_it(runner: CliRunner) -> None:
    """--yes confirms the checks; a 0.2 s session runs in plain mode and is recorded as completed."""
    result = runner.invoke(app, ["session", "ice", *QUICK, "--yes"])
    assert result.exit_code == 0, result.stderr
    assert "confirmed with --yes" in result.stderr
    assert "Ice pack: started. Round 1 of 1" in result.stdout
    assert "Ice pack: done. Take the ice off now and keep it off for at least 40 min." in result.stdout
    [row] = rows()
    assert (row.protocol, row.status, row.planned_seconds, row.rounds_done) == ("ice", "completed", 0.2, 1)
    assert row.applied_seconds == pytest.approx(0.2)


@pytest.fixture
def planned(monkeypatch: pytest.MonkeyPatch) -> list[SessionPlan]:
    """Replace the timer run by one that records the plan and completes at once."""
    seen: list[SessionPlan] = []

    def fake_run(settled: SessionPlan, *, plain: bool, bell: bool, note: str | None = None) -> Outcome:
        seen.append(settled)
        return Outcome("completed", settled.plan.planned_seconds, settled.plan.rounds, 0.0, None, False)

    monkeypatch.setattr(command, "_run_recorded", fake_run)
    return seen


def test_too_long_is_clamped_to_the_maximum_and_said(runner: CliRunner, planned: list[SessionPlan]) -> None:
    """--duration 45m of ice runs 20 minutes, and stderr says so."""
    result = runner.invoke(app, ["session", "ice", "--duration", "45m", "--yes"])
    assert result.exit_code == 0, result.stderr
    assert "backspasm: 45 min is more than the safe maximum for Ice pack (20 min at a time" in result.stderr
    assert "running 20 min instead" in result.stderr
    assert planned[0].plan.apply_seconds == 1200
    assert "Ice pack: 20 min" in result.stdout


def test_short_rest_is_raised_and_said(runner: CliRunner, planned: list[SessionPlan]) -> None:
    """--rounds 2 --rest 5m of heat rests 20 minutes between rounds, and stderr says so."""
    result = runner.invoke(app, ["session", "heat", "--rounds", "2", "--rest", "5m", "--yes"])
    assert result.exit_code == 0, result.stderr
    assert "shorter than the minimum" in result.stderr
    assert (planned[0].plan.rest_seconds, planned[0].plan.rounds) == (1200, 2)


def test_an_answer_that_rules_out_stops_with_reason_and_alternative(runner: CliRunner, keyboard: PipeInput) -> None:
    """Numb skin under the ice: exit 1, the reason and the alternative shown, nothing recorded."""
    keyboard.send_text(YES + YES)  # cloth: yes; skin numb or broken: yes
    result = runner.invoke(app, ["session", "ice", *QUICK])
    assert result.exit_code == 1
    assert "not safe to start now" in result.stdout
    assert "Numb skin cannot warn you" in result.stdout
    assert "Do not use ice on that spot" in result.stdout
    assert rows() == []


def test_no_cloth_rules_out_ice(runner: CliRunner, keyboard: PipeInput) -> None:
    """Answering no to the cloth question stops before anything else is asked."""
    keyboard.send_text(NO)
    result = runner.invoke(app, ["session", "ice", *QUICK])
    assert result.exit_code == 1
    assert "ice burn" in result.stdout


@pytest.mark.usefixtures("instant")  # the session runs on a fake clock, at once
def test_safe_answers_start_the_session(runner: CliRunner, keyboard: PipeInput) -> None:
    """All checks answered safely: the session runs and is recorded."""
    keyboard.send_text(ICE_SAFE + ENTER)  # then Enter: the pack is on
    result = runner.invoke(app, ["session", "ice", *QUICK])
    assert result.exit_code == 0, result.stderr
    assert [row.status for row in rows()] == ["completed"]


def test_the_clock_waits_until_the_pack_is_on(runner: CliRunner, keyboard: PipeInput) -> None:
    """After the checks it asks for Enter when the pack is on; Ctrl-C there starts and records nothing."""
    keyboard.send_text(ICE_SAFE + "\x03")
    result = runner.invoke(app, ["session", "ice", *QUICK])
    assert result.exit_code == 130
    assert "the session was not started" in result.stderr
    assert rows() == []


def test_ctrl_c_at_the_checks_exits_130(runner: CliRunner, keyboard: PipeInput) -> None:
    """Ctrl-C during the safety checks is never a "no": exit 130 and no session."""
    keyboard.send_text(YES + "\x03")
    result = runner.invoke(app, ["session", "ice", *QUICK])
    assert result.exit_code == 130
    assert "not finished" in result.stderr
    assert rows() == []


@pytest.mark.usefixtures("instant")  # the session runs on a fake clock, at once
def test_suggestion_from_since_with_yes(runner: CliRunner) -> None:
    """No protocol, onset a day ago: ice is suggested, --yes accepts it, and it runs."""
    result = runner.invoke(app, ["session", "--since", "1 day ago", "--yes", *QUICK])
    assert result.exit_code == 0, result.stderr
    assert "Suggested: Ice pack (ice): the pain began 24 hours ago" in result.stdout
    assert [row.protocol for row in rows()] == ["ice"]


@pytest.mark.usefixtures("instant")  # the session runs on a fake clock, at once
def test_suggestion_asks_for_the_onset_and_a_confirmation(runner: CliRunner, keyboard: PipeInput) -> None:
    """In a terminal without --since: asks when it began, suggests heat after 5 days, confirms, checks, runs."""
    keyboard.send_text("5 days ago" + ENTER + YES + HEAT_SAFE + ENTER)
    result = runner.invoke(app, ["session", *QUICK])
    assert result.exit_code == 0, result.stderr
    assert "Suggested: Heat pad, wrap or hot water bottle (heat)" in result.stdout
    assert [row.protocol for row in rows()] == ["heat"]


def test_declining_the_suggestion_offers_the_list(runner: CliRunner, keyboard: PipeInput) -> None:
    """Saying no to the suggestion lets the person pick another protocol."""
    keyboard.send_text(NO + "3" + ENTER + NO)  # not ice; ice massage is option 3; then "no" to its cloth check
    result = runner.invoke(app, ["session", "--since", "2h ago", *QUICK])
    assert result.exit_code == 1
    assert "Ice massage: not safe to start now" in result.stdout
