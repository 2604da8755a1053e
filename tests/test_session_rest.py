"""The skin's rest between sessions: refused within it (with its time), --force-early, one rule with `today`.

Driven by the clock (BACKSPASM_NOW) and sessions stored at chosen times: nothing sleeps.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.session.rest import Exposure, rest_until
from backspasm.storage import sessions as history
from backspasm.storage.db import connect

ENTER = "\r"
YES, NO = "y" + ENTER, "n" + ENTER
ICE_SAFE = YES + NO + NO + YES + NO
QUICK = ["--duration", "0.2s"]
T = datetime.fromisoformat("2026-03-02T14:00:00+00:00")
RESTS = {"ice": 40.0, "heat": 20.0, "ice-massage": 40.0}


@pytest.fixture
def keyboard() -> Iterator[PipeInput]:
    """A person at a terminal: what the test sends is typed into the prompts."""
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe


def at(monkeypatch: pytest.MonkeyPatch, moment: datetime) -> None:
    """Set the one clock to `moment`."""
    monkeypatch.setenv("BACKSPASM_NOW", moment.isoformat())


def stored(protocol: str, ended: datetime, minutes: float = 15, status: str = "completed") -> None:
    """A session of `minutes` applied that ended at `ended`, as the history keeps it."""
    conn = connect()
    try:
        started = ended - timedelta(minutes=minutes)
        sid = history.begin(conn, protocol, planned_seconds=minutes * 60, rounds=1, started_at=started)
        if status != "running":
            history.finish(conn, sid, status=status, applied=minutes * 60, rounds_done=1, at=ended)  # type: ignore[arg-type]
    finally:
        conn.close()


def rows() -> list[history.SessionRecord]:
    """Every session in the test store."""
    conn = connect()
    try:
        return history.list_sessions(conn)
    finally:
        conn.close()


# ---------------------------------------------------------------- the rule


def test_the_rest_belongs_to_the_session_that_ended() -> None:
    """Ice after heat waits heat's 20 min; heat after ice waits ice's 40; nothing applied leaves no rest."""
    heat = [Exposure("heat", T - timedelta(minutes=20), T, 1200)]
    assert rest_until(heat, RESTS, T + timedelta(minutes=5), fallback=40) is not None
    rest = rest_until(heat, RESTS, T + timedelta(minutes=5), fallback=40)
    assert rest is not None and rest.until == T + timedelta(minutes=20) and rest.protocol == "heat"
    assert rest_until(heat, RESTS, T + timedelta(minutes=20), fallback=40) is None
    ice = [Exposure("ice", T - timedelta(minutes=15), T, 900)]
    rest = rest_until(ice, RESTS, T + timedelta(minutes=25), fallback=20)
    assert rest is not None and rest.until == T + timedelta(minutes=40)
    never_on = [Exposure("ice", T - timedelta(seconds=1), T, 0.0)]
    assert rest_until(never_on, RESTS, T + timedelta(minutes=1), fallback=40) is None


def test_starting_early_once_never_shortens_an_earlier_rest() -> None:
    """Ice ended 14:00, heat forced in at 14:05 for 3 min: the next may start at 14:40, not 14:28."""
    sessions = [
        Exposure("ice", T - timedelta(minutes=15), T, 900),
        Exposure("heat", T + timedelta(minutes=5), T + timedelta(minutes=8), 180),
    ]
    rest = rest_until(sessions, RESTS, T + timedelta(minutes=30), fallback=40)
    assert rest is not None and (rest.until, rest.protocol) == (T + timedelta(minutes=40), "ice")


def test_a_running_session_rests_after_now_at_the_earliest() -> None:
    """A session still on (its process alive) rests from now on, whatever it last saved."""
    running = [Exposure("heat", T - timedelta(minutes=5), T - timedelta(minutes=4), 60, running=True)]
    rest = rest_until(running, RESTS, T, fallback=40)
    assert rest is not None and rest.running and rest.until == T + timedelta(minutes=20)


# ---------------------------------------------------------------- the command


def test_ice_right_after_ice_is_refused_with_the_time_it_may_start(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ice ended 14:00; `ice --yes` at 14:10 is refused (exit 1) with 14:40, and nothing starts or is recorded."""
    at(monkeypatch, T)
    stored("ice", T)
    at(monkeypatch, T + timedelta(minutes=10))
    result = runner.invoke(app, ["ice", *QUICK, "--yes"])
    assert result.exit_code == 1, result.stderr
    assert "the skin rests at least 40 min after ice" in result.stdout
    assert "ended at 14:00" in result.stdout
    assert "Ice pack may start at 14:40, in 30 min." in result.stdout
    assert "backspasm ice --force-early" in result.stdout
    assert "started" not in result.stdout and len(rows()) == 1


def test_heat_right_after_heat_is_refused_and_ice_after_heat_waits_heats_rest(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Heat ended 14:00: heat at 14:03 is refused until 14:20; ice at 14:21 may start (heat's rest is over)."""
    at(monkeypatch, T)
    stored("heat", T, minutes=20)
    at(monkeypatch, T + timedelta(minutes=3))
    refused = runner.invoke(app, ["heat", *QUICK, "--yes"])
    assert refused.exit_code == 1
    assert "may start at 14:20, in 17 min" in refused.stdout
    assert "after heat" in refused.stdout
    at(monkeypatch, T + timedelta(minutes=21))
    started = runner.invoke(app, ["ice", *QUICK, "--yes"])
    assert started.exit_code == 0, started.stderr
    assert [row.protocol for row in rows()] == ["heat", "ice"]


def test_heat_after_ice_waits_ices_rest(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ice ended 14:00: heat at 14:25 is refused until 14:40 (the rest belongs to the ice), then may start."""
    at(monkeypatch, T)
    stored("ice", T)
    at(monkeypatch, T + timedelta(minutes=25))
    refused = runner.invoke(app, ["session", "heat", *QUICK, "--yes"])
    assert refused.exit_code == 1
    assert "may start at 14:40" in refused.stdout
    at(monkeypatch, T + timedelta(minutes=40))
    assert runner.invoke(app, ["session", "heat", *QUICK, "--yes"]).exit_code == 0


def test_a_session_that_ended_today_and_today_agree_on_the_time(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After heat, `today` gives ice the time `ice` refuses until: one rule decides both."""
    at(monkeypatch, T - timedelta(hours=2))
    assert runner.invoke(app, ["log", "--pain", "6"]).exit_code == 0
    at(monkeypatch, T)
    stored("heat", T, minutes=20)
    stored("ice", T - timedelta(minutes=30), minutes=15)  # an earlier ice, whose rest ends at 14:10
    at(monkeypatch, T + timedelta(minutes=5))
    plan = json.loads(runner.invoke(app, ["today", "--json"]).stdout)
    [step] = [s for s in plan["next_steps"] if s["kind"] == "session"]
    assert step["state"] == "resting"
    assert step["from"] == (T + timedelta(minutes=20)).isoformat()
    assert step["text"].endswith("the skin rests 20 min after heat.")
    refused = runner.invoke(app, ["ice", *QUICK, "--yes"])
    assert "may start at 14:20" in refused.stdout


def test_force_early_asks_once_more_and_no_keeps_it_off(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, keyboard: PipeInput
) -> None:
    """--force-early asks (nothing pre-selected); "n" starts nothing, says when it may start, exit 1."""
    at(monkeypatch, T)
    stored("ice", T)
    at(monkeypatch, T + timedelta(minutes=10))
    keyboard.send_text(ENTER + NO)  # Enter alone is not an answer
    result = runner.invoke(app, ["ice", *QUICK, "--force-early"])
    assert result.exit_code == 1, result.stderr
    assert "Not started. The next session may start at 14:40." in result.stdout
    assert len(rows()) == 1


def test_force_early_not_sure_keeps_it_off(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, keyboard: PipeInput
) -> None:
    """"Not sure" at the --force-early question is never a yes."""
    at(monkeypatch, T)
    stored("ice", T)
    at(monkeypatch, T + timedelta(minutes=10))
    keyboard.send_text("u" + ENTER)
    result = runner.invoke(app, ["ice", *QUICK, "--force-early"])
    assert result.exit_code == 1
    assert len(rows()) == 1


def test_force_early_yes_starts_and_the_history_records_it(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, keyboard: PipeInput
) -> None:
    """--force-early, then yes and the safety checks: the session runs, and its row says it started early."""
    at(monkeypatch, T)
    stored("ice", T)
    at(monkeypatch, T + timedelta(minutes=10))
    keyboard.send_text(YES + ICE_SAFE + ENTER)
    result = runner.invoke(app, ["ice", *QUICK, "--force-early"])
    assert result.exit_code == 0, result.stderr
    early = rows()[-1]
    assert early.status == "completed"
    assert early.note == "started early with --force-early: 10 min into the 40 min rest after ice"
    history_text = runner.invoke(app, ["history", "--json"]).stdout
    assert "started early with --force-early" in history_text


def test_force_early_with_yes_starts_says_so_and_records_it(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a script, --force-early --yes is the person's decision: it starts, stderr says so, the row records it."""
    at(monkeypatch, T)
    stored("heat", T, minutes=20)
    at(monkeypatch, T + timedelta(minutes=5))
    result = runner.invoke(app, ["heat", *QUICK, "--yes", "--force-early"])
    assert result.exit_code == 0, result.stderr
    assert "--force-early with --yes: starting 15 min before the skin's rest after heat ends" in result.stderr
    assert (rows()[-1].note or "").startswith("started early with --force-early: 5 min into the 20 min rest")


def test_force_early_without_a_terminal_or_yes_is_a_usage_error(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--force-early with nobody to ask and no --yes: exit 2, one line, nothing started."""
    at(monkeypatch, T)
    stored("ice", T)
    at(monkeypatch, T + timedelta(minutes=10))
    result = runner.invoke(app, ["ice", *QUICK, "--force-early"])
    assert result.exit_code == 2
    assert "add --yes to start anyway" in result.stderr
    assert len(rows()) == 1


def test_a_session_on_now_in_another_terminal_is_refused(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """A session still running (its process alive) refuses a second one until after it ends."""
    at(monkeypatch, T)
    stored("heat", T, minutes=5, status="running")  # this test's own process is alive
    monkeypatch.setattr(history, "pid_alive", lambda pid: True)
    at(monkeypatch, T + timedelta(minutes=1))
    result = runner.invoke(app, ["ice", *QUICK, "--yes"])
    assert result.exit_code == 1
    assert "a session (Heat pad, wrap or hot water bottle) is on now" in result.stdout
