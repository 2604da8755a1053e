"""An emergency is remembered: the triage-said rules in log, history and report, and `log --saw-doctor`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import journal_rows as rows
import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput
from typer.testing import CliRunner

from backspasm.cli import app

EMERGENCY_ANSWERS = {"bladder_bowel_change": True, "days_since_onset": 1}
CALM_ANSWERS = {
    "bladder_bowel_change": False,
    "saddle_numbness": False,
    "sexual_dysfunction": False,
    "leg_pain_below_knee": "none",
    "leg_numbness": "none",
    "leg_weakness": "none",
    "trauma": "none",
    "chest_pain": False,
    "abdominal_pain": False,
    "fever": False,
    "cancer_history": False,
    "weight_loss": False,
    "night_pain": "none",
    "pain_at_rest": False,
    "steroid_use": False,
    "age": 40,
    "days_since_onset": 2,
    "trend": "improving",
    "pain_score": 4,
    "location": "lower_back",
    "daily_activities_limited": False,
    "episodes_past_year": 0,
}


def at(monkeypatch: pytest.MonkeyPatch, days_after: float) -> None:
    """Set "now" to this many days after the fixed journal time."""
    monkeypatch.setenv("BACKSPASM_NOW", rows.ago(-days_after))


def triage(runner: CliRunner, answers: dict[str, Any], tmp_path: Any, name: str) -> str:
    """Run a scripted triage (saved in the journal); return its disposition."""
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    result = runner.invoke(app, ["triage", "--answers", str(path), "--json"])
    assert result.exit_code == 0, result.stderr
    return str(json.loads(result.stdout)["disposition"])


def fired(runner: CliRunner, *args: str) -> dict[str, dict[str, Any]]:
    """The escalation rules a --json command reports, by id."""
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.stderr
    return {rule["id"]: rule for rule in json.loads(result.stdout)["escalation"]}


@pytest.fixture
def emergency(runner: CliRunner, tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """An EMERGENCY triage saved at the fixed journal time."""
    at(monkeypatch, 0)
    assert triage(runner, EMERGENCY_ANSWERS, tmp_path, "emergency") == "emergency"


def test_log_history_and_report_carry_the_reminder(
    runner: CliRunner, emergency: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A day after an emergency triage, log, history --json and the report each remind of it, with its reason."""
    at(monkeypatch, 1)
    logged = fired(runner, "log", "-p", "5")
    rule = logged["triage-said-emergency"]
    assert rule["level"] == "emergency"
    reason = "new trouble peeing or with your bowels"
    assert rule["journal"] == [f"your triage on Sun 10 Mar 2024 said EMERGENCY ({reason})"]
    assert "If you have not been seen yet, do it now" in rule["why"]
    assert "triage-said-emergency" in fired(runner, "history")
    text = runner.invoke(app, ["log", "-p", "5"]).stdout
    assert "Nothing in your journal says" not in text
    assert "said EMERGENCY" in text
    report = runner.invoke(app, ["report"]).stdout
    assert "said EMERGENCY (new trouble peeing or with your bowels)" in report
    assert "Call your local emergency number" in report and "{emergency_number}" not in report


def test_a_later_calm_triage_does_not_hide_it(
    runner: CliRunner, emergency: None, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A self-care triage after the emergency leaves the reminder, and the report lists both, emergency first."""
    at(monkeypatch, 1)
    assert triage(runner, CALM_ANSWERS, tmp_path, "calm") == "self_care"
    assert "triage-said-emergency" in fired(runner, "history")
    report = runner.invoke(app, ["report"]).stdout
    assert "## Triage (2 runs, most urgent first)" in report
    assert report.index("### Emergency") < report.index("### Self-care")
    # The doctor's bladder question is answered from the emergency run, not the calmer later one.
    bladder = report[report.index("### Have you ever lost control of your bladder or bowel?") :]
    assert "Answered at triage on Sun 10 Mar 2024 unless marked otherwise." in report
    assert "**Yes**" in bladder.split("###")[1]


def test_saw_doctor_settles_it(runner: CliRunner, emergency: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """`log --saw-doctor` after the triage settles the reminder; history and the report show the visit."""
    at(monkeypatch, 1)
    result = runner.invoke(app, ["log", "--saw-doctor", "--note", "GP: scan booked"])
    assert result.exit_code == 0, result.stderr
    assert "seen by a doctor" in result.stdout
    assert "Nothing in your journal says it is time to see a doctor" in result.stdout
    assert "triage-said-emergency" not in fired(runner, "log", "-p", "4")
    history = json.loads(runner.invoke(app, ["history", "--json"]).stdout)
    visits = [row for row in history["entries"] if row["kind"] == "visit"]
    assert [v["note"] for v in visits] == ["GP: scan booked"]
    assert "GP: scan booked" in runner.invoke(app, ["report"]).stdout


def test_a_new_emergency_after_the_visit_reminds_again(
    runner: CliRunner, emergency: None, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A visit settles only triages before it: an emergency triage after the visit reminds again."""
    at(monkeypatch, 1)
    runner.invoke(app, ["log", "--saw-doctor"])
    at(monkeypatch, 2)
    triage(runner, EMERGENCY_ANSWERS, tmp_path, "again")
    at(monkeypatch, 3)
    assert "triage-said-emergency" in fired(runner, "log", "-p", "4")


@pytest.mark.parametrize(("days", "reminds"), [(6.9, True), (7.1, False)])
def test_the_reminder_lasts_seven_days(
    runner: CliRunner, emergency: None, monkeypatch: pytest.MonkeyPatch, days: float, reminds: bool
) -> None:
    """An emergency triage reminds for 7 days (data/escalation.yaml), then stops."""
    at(monkeypatch, days)
    assert ("triage-said-emergency" in fired(runner, "log", "-p", "4")) is reminds


def test_saw_doctor_refuses_a_pain_score(runner: CliRunner) -> None:
    """--saw-doctor with --pain is one line on stderr naming both, exit 2, nothing saved."""
    result = runner.invoke(app, ["log", "--saw-doctor", "--pain", "5"])
    assert result.exit_code == 2
    assert "--saw-doctor" in result.stderr and "--pain" in result.stderr
    assert rows.count("doctor_visits") == 0 and rows.count("pain_entries") == 0


@pytest.mark.usefixtures("instant")  # the session runs on a fake clock, at once
def test_session_with_yes_says_it_then_goes_on(
    runner: CliRunner, emergency: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A session started within 7 days of an emergency says so first; with --yes it then goes on."""
    at(monkeypatch, 1)
    result = runner.invoke(app, ["session", "heat", "--yes", "--duration", "0.2s", "--plain"])
    assert result.exit_code == 0, result.stderr
    said = " ".join(result.stdout.split())
    assert "said EMERGENCY" in said
    assert "If you have not been seen yet" in said
    assert rows.count("sessions") == 1


@pytest.fixture
def keyboard() -> Iterator[PipeInput]:
    """A person at a terminal: what the test sends is typed into the prompts."""
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe


def test_seen_since_records_the_visit_and_goes_on(
    runner: CliRunner, emergency: None, monkeypatch: pytest.MonkeyPatch, keyboard: PipeInput
) -> None:
    """Asked before a session, "yes, a doctor has seen me" records the visit, which settles the reminder."""
    at(monkeypatch, 1)
    keyboard.send_text("y\r" + "n\r")  # seen: yes; then "no" to the cloth check, which stops the session
    result = runner.invoke(app, ["session", "ice", "--duration", "0.2s"])
    said = " ".join(result.stdout.split())
    assert "said EMERGENCY" in said
    assert "Noted in your journal: seen by a doctor" in said
    assert rows.count("doctor_visits") == 1
    assert "triage-said-emergency" not in fired(runner, "log", "-p", "4")


def test_not_seen_and_not_starting_stops_cleanly(
    runner: CliRunner, emergency: None, monkeypatch: pytest.MonkeyPatch, keyboard: PipeInput
) -> None:
    """Not seen, and not starting anyway: the stretches do not start, exit 0, no visit recorded."""
    at(monkeypatch, 1)
    keyboard.send_text("n\r" + "n\r")
    result = runner.invoke(app, ["stretch"])
    assert result.exit_code == 0, result.stderr
    said = " ".join(result.stdout.split())
    assert "Please get seen first" in said
    assert "The stretches did not start." in said
    assert rows.count("doctor_visits") == 0 and rows.count("stretch_runs") == 0


def test_new_symptoms_noted_in_log_stop_a_stretch_for_triage_first(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, keyboard: PipeInput
) -> None:
    """Something new told to `log`: the stretches ask first and say to run triage, not to start."""
    at(monkeypatch, 0)
    assert runner.invoke(app, ["log", "--pain", "6", "--new-symptoms"]).exit_code == 0
    at(monkeypatch, 0.1)
    keyboard.send_text("n\r" + "n\r")  # not seen; not starting anyway
    result = runner.invoke(app, ["stretch"])
    assert result.exit_code == 0, result.stderr
    said = " ".join(result.stdout.split())
    assert "you said something new came with the pain. If you have not been seen yet: Run backspasm triage now." in said
    assert "Please run backspasm triage first." in said
    assert "The stretches did not start." in said
    assert rows.count("stretch_runs") == 0


@pytest.mark.usefixtures("instant")
def test_new_symptoms_settled_by_a_triage_no_longer_stop_a_session(
    runner: CliRunner, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A calm triage after the new symptoms settles them: the session starts with no reminder."""
    at(monkeypatch, 0)
    assert runner.invoke(app, ["log", "--pain", "6", "--new-symptoms"]).exit_code == 0
    at(monkeypatch, 0.1)
    assert triage(runner, CALM_ANSWERS, tmp_path, "calm") == "self_care"
    result = runner.invoke(app, ["session", "heat", "--yes", "--duration", "0.2s", "--plain"])
    assert result.exit_code == 0, result.stderr
    assert "something new" not in result.stdout
