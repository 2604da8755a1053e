"""`backspasm stretch`: the list, its JSON, errors, and real routines run through the Typer app."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import built_in_kb
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.input.base import PipeInput
from prompt_toolkit.output import DummyOutput
from screen import ANSI
from stretch_kb import tiny_kb
from terminal import on_a_terminal
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.storage.db import connect

KB = built_in_kb()
# Holds are timed on a fake clock: the routine runs at once, as it would in real time.
pytestmark = pytest.mark.usefixtures("instant")
ENTER = "\r"
DOWN = "\x1b[B"
YES, NO = "y" + ENTER, "n" + ENTER  # nothing is pre-selected: a key, then Enter


def runs() -> list[dict[str, object]]:
    """Every stretch_runs row of the test store."""
    conn = connect()
    try:
        return [dict(row) for row in conn.execute("SELECT * FROM stretch_runs ORDER BY id").fetchall()]
    finally:
        conn.close()


@pytest.fixture
def tiny(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run commands against the tiny knowledge base (one-second holds)."""
    kb = tiny_kb(tmp_path)
    monkeypatch.setenv("BACKSPASM_KB", str(kb))
    return kb


@pytest.fixture
def pipe() -> Iterator[PipeInput]:
    """A prompt_toolkit input the test types into, made current for the prompts."""
    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
        yield inp


# ---------------------------------------------------------------- the list


@pytest.mark.parametrize(
    ("terminal", "default"), [(True, "(lower-back, the default)"), (False, "(lower-back, the default)")]
)
def test_list_shows_every_routine_with_its_stretches_and_the_default(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, terminal: bool, default: str
) -> None:
    """--list names each routine and id, where it is for, its stretches, and marks the first as default."""
    if terminal:
        on_a_terminal(monkeypatch)
    result = runner.invoke(app, ["stretch", "--list"])
    assert result.exit_code == 0, result.stderr
    out = " ".join(ANSI.sub("", result.stdout).split())  # lines wrap at 80 columns; styles on a terminal
    for routine in KB.routines:
        assert routine.id in out
    for text in ("Pelvic tilt", "Child's pose", "Chin tuck", "Lying calf stretch", default):
        assert text in out
    assert "neck, upper back" in out and "legs" in out
    assert "Self-care guidance" in out


def test_list_json_has_each_routine_with_its_stretches_in_full(runner: CliRunner) -> None:
    """--list --json prints the routines in order, the first marked default, stretches with steps and holds."""
    result = runner.invoke(app, ["stretch", "--list", "--json"])
    assert result.exit_code == 0, result.stderr
    routines = json.loads(result.stdout)
    assert [r["id"] for r in routines] == [r.id for r in KB.routines]
    assert [r["default"] for r in routines] == [True] + [False] * (len(routines) - 1)
    first = routines[0]
    assert [s["id"] for s in first["stretches"]] == ["pelvic-tilt", "knee-to-chest", "childs-pose", "short-walk"]
    tilt = first["stretches"][0]
    assert (tilt["hold_seconds"], tilt["repetitions"]) == (10, 5) and tilt["steps"]
    legs = next(r for r in routines if r["id"] == "legs")
    assert legs["for"] == ["legs"] and all(s["for_locations"] == [] for s in legs["stretches"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["stretch", "nek-and-upper-back"], "unknown routine 'nek-and-upper-back'; did you mean neck-and-upper-back"),
        (["stretch", "--json"], "--json goes with --list"),
        (["stretch", "legs", "--list"], "not both"),
    ],
)
def test_bad_command_lines_exit_2_with_one_line(runner: CliRunner, args: list[str], message: str) -> None:
    """An unknown routine names the closest ids; --json without --list and --list with a routine are refused."""
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert runs() == []


def test_without_a_terminal_and_without_yes_exits_2_pointing_at_yes(runner: CliRunner) -> None:
    """No one can answer "did the pain get worse?": exit 2 naming --yes, before anything runs or is saved."""
    result = runner.invoke(app, ["stretch"])
    assert result.exit_code == 2
    assert "--yes" in result.stderr and "no terminal" in result.stderr
    assert result.stdout == ""
    assert runs() == []


# ---------------------------------------------------------------- real routines (one-second holds)


def test_yes_runs_the_routine_in_plain_mode_and_saves_it_completed(runner: CliRunner, tiny: Path) -> None:
    """--yes answers "not worse": steps, counted holds and rests in plain lines, the evidence note, a completed row."""
    result = runner.invoke(app, ["stretch", "tiny-one", "--yes", "--ready", "1"])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    for text in (
        "One tiny stretch",
        "Evidence: very low certainty",
        "Stop any stretch that makes the pain sharper or worse",
        "not a diagnosis",
        "Stretch 1 of 1: Pelvic tilt",
        "Lie on your back with your knees bent",
        "Hold 1 s, 2 times, with 1 s rest between.",
        "Pelvic tilt: get into position; the first hold starts in 1 s, or press Enter when ready.",
        "Pelvic tilt: hold 1 of 2 now, for 1 s.",
        "Pelvic tilt: relax. Rest 1 s before hold 2 of 2.",
        "Pelvic tilt: hold 2 of 2 now, for 1 s.",
        "Pelvic tilt: done, 2 of 2.",
        "Routine done: 1 of 1 stretches. Saved in your journal.",
    ):
        assert text in out
    assert "'not worse'" in result.stderr
    [row] = runs()
    assert (row["routine"], row["status"], json.loads(str(row["done"])), row["stopped_at_stretch"]) == (
        "tiny-one",
        "completed",
        ["pelvic-tilt"],
        None,
    )
    assert row["ended_at"] and str(row["ended_at"]) >= str(row["started_at"])


def test_worse_after_a_stretch_stops_the_routine_and_says_to_stop_that_stretch(
    runner: CliRunner, tiny: Path, pipe: PipeInput
) -> None:
    """Yes to "did the pain get worse?" ends the routine at once, says to stop that stretch and when to triage."""
    pipe.send_text(ENTER + YES)  # Enter after the intro, then "worse": yes
    result = runner.invoke(app, ["stretch", "tiny", "--ready", "1"])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Stop doing Pelvic tilt for now" in out
    assert "backspasm triage" in out and "new symptoms" in out
    assert "Knee to chest:" not in out  # the second stretch never started
    [row] = runs()
    assert (row["status"], json.loads(str(row["done"])), row["stopped_at_stretch"]) == (
        "worse",
        ["pelvic-tilt"],
        "pelvic-tilt",
    )


def test_end_of_input_at_the_question_is_not_a_no(runner: CliRunner, tiny: Path, pipe: PipeInput) -> None:
    """Closing the input at the question ends the routine (saved as stopped), exit 130, never as "not worse"."""
    pipe.send_text(ENTER)  # after the intro; then the input closes at the question
    pipe.close()
    result = runner.invoke(app, ["stretch", "tiny", "--ready", "1"])
    assert result.exit_code == 130
    assert "stretch routine stopped: 1 of 2 stretches done" in result.stderr
    assert "Knee to chest:" not in result.stdout
    [row] = runs()
    assert (row["status"], row["stopped_at_stretch"]) == ("stopped", "pelvic-tilt")


def test_default_routine_follows_where_the_latest_triage_says_the_spasm_is(
    runner: CliRunner, tiny: Path, tmp_path: Path
) -> None:
    """After a triage that says "neck" (past the early phase), `stretch` runs the first neck routine and says why."""
    kb = tiny
    text = (kb / "stretches.yaml").read_text(encoding="utf-8")
    # One short neck stretch keeps the real routine to a few seconds.
    text = text.replace("stretches: [chin-tuck, neck-side-bend, neck-turn, shoulder-rolls]", "stretches: [chin-tuck]")
    (kb / "stretches.yaml").write_text(text, encoding="utf-8")
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"age": 40, "location": "neck", "days_since_onset": 5}), encoding="utf-8")
    assert runner.invoke(app, ["triage", "--answers", str(answers), "--json"]).exit_code == 0
    result = runner.invoke(app, ["stretch", "--yes", "--ready", "1"])
    assert result.exit_code == 0, result.stderr
    assert "the spasm is in your neck" in result.stderr
    [row] = runs()
    assert row["routine"] == "neck-and-upper-back"


def test_default_routine_in_the_first_48_hours_is_the_gentle_one(
    runner: CliRunner, tiny: Path, tmp_path: Path
) -> None:
    """A triage saying the pain began a day ago makes `stretch` run the early-phase routine, and say why."""
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"age": 40, "location": "lower_back", "days_since_onset": 1}), encoding="utf-8")
    assert runner.invoke(app, ["triage", "--answers", str(answers), "--json"]).exit_code == 0
    result = runner.invoke(app, ["stretch", "--yes", "--ready", "1"])
    assert result.exit_code == 0, result.stderr
    assert "began in the last 48 hours" in result.stderr
    [row] = runs()
    assert row["routine"] == "gentle-start"


def test_default_routine_without_a_triage_is_the_first(runner: CliRunner, tiny: Path) -> None:
    """With no triage in the journal, the default routine is the knowledge base's first."""
    from backspasm.kb.loader import load_active
    from backspasm.stretch.routine import choose

    kb = load_active()
    assert choose(kb, None, None).id == kb.routines[0].id
    assert choose(kb, None, "neck").id != kb.routines[0].id
    assert choose(kb, None, "lower_back").id == kb.routines[0].id
