"""When the latest triage says pregnant (or neck pain), `remedies`, `session` and `stretch` put those notes first."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.clock.now import stamp
from backspasm.kb.loader import load_active
from backspasm.render.notes import NECK as NECK_NOTE
from backspasm.render.notes import PREGNANT as NOTE
from backspasm.storage.db import DB_NAME, connect, home_dir
from backspasm.storage.triage_runs import peek_recent_triage
from backspasm.triage.latest import says_pregnant

KB = load_active()


def latest_triage_says_pregnant() -> bool:
    """What the actions make of the journal: the latest recent triage said "pregnant"."""
    return says_pregnant(peek_recent_triage(datetime.now().astimezone()))


def save_triage(answers: dict[str, object], days_ago: float = 0) -> None:
    """Store one triage run with these answers, as `backspasm triage` would."""
    at = datetime.now().astimezone() - timedelta(days=days_ago)
    conn = connect()
    with conn:
        conn.execute(
            "INSERT INTO triage_runs (at, answers, disposition, result, onset_at) VALUES (?, ?, ?, ?, ?)",
            (stamp(at), json.dumps(answers), "self_care", json.dumps({}), None),
        )
    conn.close()


def test_no_journal_means_not_pregnant_and_creates_nothing() -> None:
    """Without a journal the answer is "not known" (False), and no journal file is created to find out."""
    assert latest_triage_says_pregnant() is False
    assert not (home_dir() / DB_NAME).exists()


@pytest.mark.parametrize(
    ("answers", "days_ago", "expected"),
    [
        ({"pregnancy": "pregnant"}, 0, True),
        ({"pregnancy": "recently_gave_birth"}, 0, False),
        ({"pregnancy": "pregnant"}, 20, False),
        ({"age": 30}, 0, False),
    ],
)
def test_latest_recent_triage_decides(answers: dict[str, object], days_ago: float, expected: bool) -> None:
    """Only a triage in the last two weeks that answered "pregnant" counts."""
    save_triage(answers, days_ago)
    assert latest_triage_says_pregnant() is expected


def test_remedy_shows_the_pregnancy_note_first_when_pregnant(runner: CliRunner) -> None:
    """`remedies show nsaids` puts the pregnancy note above the steps when the latest triage says pregnant."""
    note = KB.remedy_index["nsaids"].pregnancy
    assert note
    before = " ".join(runner.invoke(app, ["remedies", "show", "nsaids"]).stdout.split())
    assert note in before and NOTE not in before  # a plain caution when pregnancy is not known
    save_triage({"pregnancy": "pregnant"})
    after = " ".join(runner.invoke(app, ["remedies", "show", "nsaids"]).stdout.split())
    assert f"{NOTE} {note}" in after
    assert after.index(NOTE) < after.index("Steps")


def test_remedies_table_names_the_entries_with_a_pregnancy_note(runner: CliRunner) -> None:
    """`remedies` lists which entries have a pregnancy note when the latest triage says pregnant."""
    save_triage({"pregnancy": "pregnant"})
    flat = " ".join(runner.invoke(app, ["remedies"]).stdout.split())
    assert NOTE in flat and "nsaids" in flat.split(NOTE)[1]


@pytest.mark.usefixtures("instant")  # the session runs on a fake clock, at once
def test_session_shows_the_protocol_note_before_the_checks(runner: CliRunner) -> None:
    """`session heat` prints the heat protocol's pregnancy note before its safety checks."""
    save_triage({"pregnancy": "pregnant"})
    result = runner.invoke(app, ["session", "heat", "--yes", "--duration", "0.2s"])
    assert result.exit_code == 0, result.stderr
    assert f"{NOTE} {' '.join((KB.protocol_index['heat'].pregnancy or '').split())}" in " ".join(result.stdout.split())


def test_stretch_puts_the_pregnancy_note_first_when_pregnant() -> None:
    """A stretch shows its pregnancy note among the cautions, and first and marked when pregnant."""
    from rich.console import Console

    from backspasm.render.stretch import render_stretch

    stretch = KB.stretch_index["knee-to-chest"]
    assert stretch.pregnancy

    def shown(pregnant: bool) -> str:
        console = Console(width=80, record=True, no_color=True)
        render_stretch(stretch, 1, 1, console, pregnant=pregnant)
        return " ".join(console.export_text().split())

    plain, marked = shown(False), shown(True)
    assert stretch.pregnancy in plain and NOTE not in plain
    assert f"{NOTE} {stretch.pregnancy}" in marked
    assert marked.index(NOTE) < marked.index(stretch.cautions[0].split()[0] + " " + stretch.cautions[0].split()[1])


def test_neck_note_comes_first_when_triage_says_neck(runner: CliRunner) -> None:
    """`remedies show chiropractic` warns about neck manipulation first when the latest triage says neck."""
    note = KB.remedy_index["chiropractic"].neck
    assert note and "artery" in note
    save_triage({"location": "lower_back"})
    plain = " ".join(runner.invoke(app, ["remedies", "show", "chiropractic"]).stdout.split())
    assert note in plain and NECK_NOTE not in plain
    save_triage({"location": "neck"})
    marked = " ".join(runner.invoke(app, ["remedies", "show", "chiropractic"]).stdout.split())
    assert f"{NECK_NOTE} {note}" in marked
    assert marked.index(NECK_NOTE) < marked.index("Steps")


def test_triage_self_care_for_neck_pain_shows_the_neck_note(runner: CliRunner, tmp_path: Path) -> None:
    """A self-care triage for neck pain prints the chiropractic neck warning under the remedies."""
    answers = tmp_path / "answers.json"
    answers.write_text(
        json.dumps({"age": 40, "location": "neck", "days_since_onset": 5, "trend": "improving"}), encoding="utf-8"
    )
    out = " ".join(runner.invoke(app, ["triage", "--answers", str(answers), "--no-save"]).stdout.split())
    assert "(chiropractic): For neck pain: twisting moves" in out
