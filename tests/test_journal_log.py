"""`backspasm log`: pain entries, their checks, and the verdict printed after each one."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator

import journal_rows as rows
import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.kb.loader import load_active
from backspasm.storage.db import connect


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test in this file runs at the same fixed local time."""
    monkeypatch.setenv("BACKSPASM_NOW", rows.NOW_TEXT)


@pytest.fixture
def keyboard() -> Iterator[PipeInput]:
    """A person at a terminal: what the test sends is typed into the prompts."""
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe


def stored() -> list[sqlite3.Row]:
    """Every pain entry in the test store, in insertion order."""
    conn = connect()
    try:
        return conn.execute("SELECT at, pain, note, tried FROM pain_entries ORDER BY id").fetchall()
    finally:
        conn.close()


def test_log_stores_an_entry_and_says_so(runner: CliRunner) -> None:
    """`log --pain 4 --note ... --tried ...` stores one row with the note and remedy ids, at now."""
    result = runner.invoke(app, ["log", "--pain", "4", "--note", " stiff after sitting ", "--tried", "walking"])
    assert result.exit_code == 0, result.stderr
    assert "Logged pain 4/10 at Sun 10 Mar 2024 18:00" in result.stdout
    assert f"tried: {load_active().remedy_index['walking'].name}" in " ".join(result.stdout.split())
    [row] = stored()
    assert (row["at"], row["pain"], row["note"], json.loads(row["tried"])) == (
        rows.NOW_TEXT,
        4,
        "stiff after sitting",
        ["walking"],
    )


def test_several_entries_a_day_are_fine(runner: CliRunner) -> None:
    """Three entries on one day are three rows."""
    for score in ("3", "5", "4"):
        assert runner.invoke(app, ["log", "-p", score]).exit_code == 0
    assert [r["pain"] for r in stored()] == [3, 5, 4]


def test_tried_accepts_repeats_and_commas(runner: CliRunner) -> None:
    """--tried may be repeated or hold comma-separated ids; duplicates are dropped, order kept."""
    result = runner.invoke(app, ["log", "-p", "5", "--tried", "superficial-heat,walking", "--tried", "walking"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(stored()[0]["tried"]) == ["superficial-heat", "walking"]


def test_unknown_remedy_names_the_closest_ids(runner: CliRunner) -> None:
    """An unknown remedy id: exit 2, one line naming the closest ids and `backspasm remedies`."""
    result = runner.invoke(app, ["log", "-p", "5", "--tried", "ice-pak"])
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("backspasm: --tried: unknown remedy 'ice-pak'; did you mean ice-pack")
    assert "`backspasm remedies`" in line
    assert result.stdout == ""
    assert rows.count("pain_entries") == 0


def test_unknown_remedy_suggests_by_name_too(runner: CliRunner) -> None:
    """A word from a remedy's id or name ("heat") suggests that remedy."""
    result = runner.invoke(app, ["log", "-p", "5", "--tried", "heat"])
    assert result.exit_code == 2
    assert "superficial-heat" in result.stderr


@pytest.mark.parametrize("given", ["11", "-1", "5.5", "lots"])
def test_pain_out_of_range_is_a_usage_error(runner: CliRunner, given: str) -> None:
    """--pain outside 0-10 or not a whole number: exit 2 with the allowed range."""
    result = runner.invoke(app, ["log", "--pain", given])
    assert result.exit_code == 2
    assert "backspasm: --pain must be a whole number from 0 to 10" in result.stderr
    assert rows.count("pain_entries") == 0


@pytest.mark.parametrize("edge", ["0", "10"])
def test_pain_edges_are_allowed(runner: CliRunner, edge: str) -> None:
    """0 and 10 are valid pain scores."""
    assert runner.invoke(app, ["log", "--pain", edge]).exit_code == 0
    assert stored()[0]["pain"] == int(edge)


def test_without_pain_and_terminal_exits_2(runner: CliRunner) -> None:
    """No --pain and no terminal to ask in: exit 2 naming --pain, nothing stored, no hang."""
    result = runner.invoke(app, ["log"])
    assert result.exit_code == 2
    assert "--pain" in result.stderr
    assert rows.count("pain_entries") == 0


def test_without_pain_in_a_terminal_it_asks(runner: CliRunner, keyboard: PipeInput) -> None:
    """In a terminal, a missing --pain is asked for (0-10), and a wrong answer is asked again."""
    keyboard.send_text("12\r\x7f\x7f7\r" + "n\r")  # then: nothing new with it
    result = runner.invoke(app, ["log"])
    assert result.exit_code == 0, result.stderr
    assert stored()[0]["pain"] == 7


def test_ctrl_c_at_the_pain_prompt_stores_nothing(runner: CliRunner, keyboard: PipeInput) -> None:
    """Ctrl-C while asked for the pain: exit 130, nothing stored."""
    keyboard.send_text("\x03")
    result = runner.invoke(app, ["log"])
    assert result.exit_code == 130
    assert rows.count("pain_entries") == 0


@pytest.mark.parametrize(
    ("when", "stamp"),
    [
        ("2h ago", "2024-03-10T16:00:00+01:00"),
        ("3 days ago", "2024-03-07T18:00:00+01:00"),
        ("90 min ago", "2024-03-10T16:30:00+01:00"),
        ("yesterday 18:00", "2024-03-09T18:00:00+01:00"),
        ("yesterday", "2024-03-09T12:00:00+01:00"),
        ("today 07:30", "2024-03-10T07:30:00+01:00"),
        ("2024-03-08 21:15", "2024-03-08T21:15:00+01:00"),
        ("2024-03-08T21:15:00+00:00", "2024-03-08T22:15:00+01:00"),
        ("2024-03-08", "2024-03-08T12:00:00+01:00"),
        ("now", rows.NOW_TEXT),
    ],
)
def test_at_accepts_dates_and_relative_times(runner: CliRunner, when: str, stamp: str) -> None:
    """--at reads ISO dates and times, today/yesterday with a time, and "N units ago"."""
    result = runner.invoke(app, ["log", "-p", "3", "--at", when])
    assert result.exit_code == 0, result.stderr
    assert stored()[0]["at"] == stamp


@pytest.mark.parametrize("when", ["tomorrow", "2024-13-01", "yesterday 25:00", "3 fortnights ago", ""])
def test_at_unreadable_is_a_usage_error(runner: CliRunner, when: str) -> None:
    """An --at that cannot be read: exit 2 with the accepted forms."""
    result = runner.invoke(app, ["log", "-p", "3", "--at", when])
    assert result.exit_code == 2
    assert "--at must be a date and time like" in result.stderr
    assert "'2h ago'" in result.stderr


@pytest.mark.parametrize("when", ["2024-03-10 18:01", "2024-03-11", "today 23:00"])
def test_at_in_the_future_is_refused(runner: CliRunner, when: str) -> None:
    """A future --at: exit 2, nothing stored."""
    result = runner.invoke(app, ["log", "-p", "3", "--at", when])
    assert result.exit_code == 2
    assert "is in the future" in result.stderr
    assert rows.count("pain_entries") == 0


def test_json_prints_the_entry_facts_and_rules(runner: CliRunner) -> None:
    """--json prints one object (entry, facts, escalation) on stdout and nothing else."""
    rows.pains((4, 6), (2, 6))
    result = runner.invoke(app, ["log", "-p", "6", "--note", "same as ever", "--json"])
    assert result.exit_code == 0, result.stderr
    value = json.loads(result.stdout)
    assert value["entry"] == {
        "id": 3,
        "at": rows.NOW_TEXT,
        "pain": 6,
        "note": "same as ever",
        "tried": [],
        "new_symptoms": None,
    }
    assert value["facts"]["entries"] == 3
    assert value["facts"]["pain_improving"] is False
    fired = {rule["id"]: rule for rule in value["escalation"]}
    assert "persisting-not-improving" in fired
    assert fired["persisting-not-improving"]["sources"]
    assert any("4 days ago" in line for line in fired["persisting-not-improving"]["journal"])


def test_log_says_plainly_when_to_see_a_doctor(runner: CliRunner) -> None:
    """When a rule fires, the output says it is time to see a doctor, why, and cites sources."""
    rows.pains((4, 6), (2, 7))
    result = runner.invoke(app, ["log", "-p", "7"])
    assert result.exit_code == 0, result.stderr
    assert "See a doctor soon" in result.stdout
    assert "Your journal: this episode began on Wed 6 Mar 2024" in " ".join(result.stdout.split())
    assert "Sources:" in result.stdout
    assert "not a diagnosis" in result.stdout


def test_log_is_quiet_when_no_rule_fires(runner: CliRunner) -> None:
    """A first entry fires nothing and says so in one line."""
    result = runner.invoke(app, ["log", "-p", "5"])
    assert result.exit_code == 0
    assert "See a doctor soon" not in result.stdout
    assert "Nothing in your journal says it is time to see a doctor" in result.stdout


def test_note_is_printed_as_text_not_markup(runner: CliRunner) -> None:
    """A note with rich markup characters is shown literally."""
    result = runner.invoke(app, ["log", "-p", "2", "--note", "[bold]x[/bold]"])
    assert result.exit_code == 0
    assert "[bold]x[/bold]" in result.stdout


def test_a_bad_backspasm_now_is_a_usage_error(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """BACKSPASM_NOW that is not an ISO 8601 time: exit 2 naming it."""
    monkeypatch.setenv("BACKSPASM_NOW", "teatime")
    result = runner.invoke(app, ["log", "-p", "3"])
    assert result.exit_code == 2
    assert "BACKSPASM_NOW must be an ISO 8601 date and time" in result.stderr
