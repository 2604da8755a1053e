"""Every finished triage is saved in the journal (unless --no-save), and `session` remembers its onset."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.storage.db import connect
from backspasm.storage.triage_runs import REMEMBER_FOR, onset_from, remembered_onset

ORDINARY = {"age": 30, "days_since_onset": 1.5, "trend": "improving", "pain_score": 6, "leg_pain_below_knee": "none"}
LATER = {**ORDINARY, "days_since_onset": 6}
EMERGENCY = {"age": 45, "bladder_bowel_change": True}
NOW_TEXT = "2024-03-10T18:00:00+01:00"
QUICK = ["--duration", "0.2s"]
SAVED_RUN = (
    "INSERT INTO triage_runs (at, answers, disposition, result, onset_at) VALUES (?, '{}', 'self_care', '{}', ?)"
)


def write(tmp_path: Path, answers: dict[str, Any]) -> str:
    """Write an answers file and return its path."""
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(answers), encoding="utf-8")
    return str(path)


def saved() -> list[dict[str, Any]]:
    """Every triage_runs row of the test store, oldest first."""
    conn = connect()
    try:
        return [dict(row) for row in conn.execute("SELECT * FROM triage_runs ORDER BY id").fetchall()]
    finally:
        conn.close()


@pytest.fixture
def keyboard() -> Iterator[PipeInput]:
    """A person at a terminal: what the test sends is typed into the prompts."""
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe


# ---------------------------------------------------------------- saving


def test_a_triage_is_saved_with_answers_level_result_and_onset(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The row holds the answers, the level, the --json result (less emergency_number), now minus days_since_onset."""
    monkeypatch.setenv("BACKSPASM_NOW", NOW_TEXT)
    result = runner.invoke(app, ["triage", "--answers", write(tmp_path, ORDINARY), "--json"])
    assert result.exit_code == 0, result.stderr
    [row] = saved()
    assert json.loads(row["answers"]) == ORDINARY
    assert row["disposition"] == json.loads(result.stdout)["disposition"] == "self_care"
    shown = json.loads(result.stdout)
    # The result object is saved; whom to call is worked out afresh each time it is shown.
    assert json.loads(row["result"]) == {key: value for key, value in shown.items() if key != "emergency_number"}
    assert row["at"] == NOW_TEXT
    assert datetime.fromisoformat(row["onset_at"]) == datetime.fromisoformat(NOW_TEXT) - timedelta(days=1.5)


def test_the_result_screen_says_it_was_saved_and_an_emergency_is_saved_too(runner: CliRunner, tmp_path: Path) -> None:
    """Without --json the screen says where it went; an emergency result is a result, saved with its reasons."""
    result = runner.invoke(app, ["triage", "--answers", write(tmp_path, EMERGENCY)])
    assert result.exit_code == 0, result.stderr
    assert "Saved in your journal" in result.stdout
    [row] = saved()
    assert row["disposition"] == "emergency" and row["onset_at"] is None
    assert json.loads(row["result"])["reasons"]


def test_no_save_keeps_it_out_of_the_journal(runner: CliRunner, tmp_path: Path) -> None:
    """--no-save: the same result, nothing written."""
    result = runner.invoke(app, ["triage", "--answers", write(tmp_path, ORDINARY), "--no-save"])
    assert result.exit_code == 0, result.stderr
    assert "Saved in your journal" not in result.stdout
    assert saved() == []
    assert "--no-save" in runner.invoke(app, ["triage", "--help"]).stdout


def test_an_interrupted_triage_is_never_saved(runner: CliRunner, keyboard: PipeInput) -> None:
    """Ctrl-C halfway through the questions: exit 130 and no row (an unfinished triage is no result)."""
    keyboard.send_text("\x1b[B\r" + "\x03")  # "no" to the first question, then Ctrl-C
    result = runner.invoke(app, ["triage"])
    assert result.exit_code == 130
    assert saved() == []


def test_bad_answers_are_not_saved(runner: CliRunner, tmp_path: Path) -> None:
    """Answers that fail validation exit 2 and leave the journal alone."""
    result = runner.invoke(app, ["triage", "--answers", write(tmp_path, {"age": "old"})])
    assert result.exit_code == 2
    assert saved() == []


def test_onset_is_only_read_from_a_number_of_days() -> None:
    """days_since_onset gives the onset; missing, negative or yes/no values give none."""
    at = datetime.fromisoformat(NOW_TEXT)
    assert onset_from({"days_since_onset": 2}, at) == at - timedelta(days=2)
    assert onset_from({}, at) is None
    assert onset_from({"days_since_onset": True}, at) is None
    assert onset_from({"days_since_onset": -1}, at) is None


# ---------------------------------------------------------------- the remembered onset


@pytest.mark.usefixtures("instant")  # the session runs on a fake clock, at once
def test_session_suggests_from_the_latest_triage_without_asking(runner: CliRunner, tmp_path: Path) -> None:
    """After a triage 6 days into the pain, `session --yes` (no protocol, no --since) suggests heat at once."""
    assert runner.invoke(app, ["triage", "--answers", write(tmp_path, LATER)]).exit_code == 0
    result = runner.invoke(app, ["session", "--yes", *QUICK])
    assert result.exit_code == 0, result.stderr
    assert "Using when the pain began from your triage of" in result.stdout
    assert "Suggested: Heat pad, wrap or hot water bottle (heat): the pain began 6 days ago" in result.stdout


@pytest.mark.usefixtures("instant")  # the session runs on a fake clock, at once
def test_since_wins_over_the_remembered_onset(runner: CliRunner, tmp_path: Path) -> None:
    """--since is used even when a triage remembered another onset."""
    assert runner.invoke(app, ["triage", "--answers", write(tmp_path, LATER)]).exit_code == 0
    result = runner.invoke(app, ["session", "--since", "2h ago", "--yes", *QUICK])
    assert result.exit_code == 0, result.stderr
    assert "Suggested: Ice pack (ice)" in result.stdout
    assert "from your triage" not in result.stdout


def test_an_old_triage_is_not_remembered(tmp_path: Path) -> None:
    """A triage more than two weeks old is likely another episode: its onset is not used."""
    now = datetime.fromisoformat(NOW_TEXT)
    conn = connect()
    try:
        conn.execute(
            SAVED_RUN,
            ((now - REMEMBER_FOR - timedelta(hours=1)).isoformat(), (now - timedelta(days=20)).isoformat()),
        )
        assert remembered_onset(conn, now) is None
        fresh = now - timedelta(days=3)
        conn.execute(
            SAVED_RUN,
            (fresh.isoformat(), (now - timedelta(days=4)).isoformat()),
        )
        conn.execute(  # a later triage that did not record an onset does not hide the one before
            "INSERT INTO triage_runs (at, answers, disposition, result) VALUES (?, '{}', 'self_care', '{}')",
            ((now - timedelta(days=1)).isoformat(),),
        )
        remembered = remembered_onset(conn, now)
    finally:
        conn.close()
    assert remembered is not None
    assert (remembered.onset, remembered.triage_at) == (now - timedelta(days=4), fresh)


def test_without_a_remembered_onset_session_still_needs_since_or_a_protocol(runner: CliRunner) -> None:
    """No triage saved and no terminal: the old usage error, exit 2."""
    result = runner.invoke(app, ["session", "--yes", *QUICK])
    assert result.exit_code == 2
    assert "give --since" in result.stderr
