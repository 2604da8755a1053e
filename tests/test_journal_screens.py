"""What the journal's screens say (issue 24): one onset per episode, the escalation box said once
and titled by its level, history's reminder first, the words of `data`, and stretches in pregnancy."""

from __future__ import annotations

import json
import re
from pathlib import Path

import journal_rows as rows
import pytest
from screen import ANSI
from terminal import on_a_terminal
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.kb.loader import load_active


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every screen is drawn at the journal tests' fixed now, Sun 10 Mar 2024 18:00, with 999 set."""
    monkeypatch.setenv("BACKSPASM_NOW", rows.NOW_TEXT)
    monkeypatch.setenv("BACKSPASM_EMERGENCY_NUMBER", "999")


def emergency_today() -> None:
    """An emergency triage an hour ago (the pain began a day before it), not yet seen by a doctor."""
    result = {
        "disposition": "emergency",
        "reasons": [{"id": "cauda-equina-bladder", "title": "New trouble peeing"}],
        "advice": "",
        "unanswered": [],
    }
    answers = {"days_since_onset": 1, "bladder_bowel_change": True, "location": "lower_back"}
    rows.triage(rows.ago(hours=1), answers, "emergency", result, onset_at=rows.ago(days=1, hours=1))


def flat(text: str) -> str:
    """Output with box borders and line breaks folded away, for phrase checks."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", text).split())


# ---------------------------------------------------------------- one onset per episode


def test_one_onset_on_every_screen(runner: CliRunner) -> None:
    """An entry 10 days ago, then a triage saying a day ago: today, log and history name one onset."""
    rows.pain(rows.ago(days=10), 6)
    rows.triage(rows.ago(hours=1), {"days_since_onset": 1, "pain_score": 6, "trend": "same"}, onset_at=rows.ago(1, 1))
    today = json.loads(runner.invoke(app, ["today", "--json"]).stdout)
    assert today["episode"] == {"day": 1, "began": rows.ago(1, 1), "from": "triage"}
    plain = runner.invoke(app, ["today", "--plain"]).stdout
    assert plain.count("This episode began") == 1
    assert "This episode began yesterday at 17:00, 1 day ago (as you said at triage on Sun 10 Mar)." in plain
    assert "Thu 29 Feb" not in plain and "10 days" not in plain
    log = json.loads(runner.invoke(app, ["log", "--pain", "6", "--json"]).stdout)
    assert log["facts"]["episode_days"] == pytest.approx(1.04, abs=0.01)
    history = runner.invoke(app, ["history"]).stdout
    assert "pain began Sat 9 Mar 2024" in flat(history) and "10 days ago" not in history


def test_the_journal_decides_the_onset_without_a_triage(runner: CliRunner) -> None:
    """Without a triage, the episode began at the journal's first entry, and today says so."""
    rows.pains((2, 6), (1, 5))
    assert "(from the first entry in your journal)" in runner.invoke(app, ["today", "--plain"]).stdout


def test_the_first_day_is_said_in_words_not_day_0(runner: CliRunner) -> None:
    """The first day reads "began today at 14:00", never "Day 0 of this episode"."""
    rows.pain(rows.ago(hours=4), 7)
    out = runner.invoke(app, ["today", "--plain"]).stdout
    assert "This episode began today at 14:00, 4 hours ago" in out and "Day 0" not in out


# ---------------------------------------------------------------- the escalation box


def log_screen(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> str:
    """`log --pain 6 --no-new-symptoms` drawn 80 columns wide, as on a terminal."""
    on_a_terminal(monkeypatch)
    result = runner.invoke(app, ["log", "--pain", "6", "--no-new-symptoms"], env={"BACKSPASM_WIDTH": "80"})
    assert result.exit_code == 0, result.stderr
    return ANSI.sub("", result.stdout)


def test_an_emergency_box_is_titled_emergency(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """An emergency's verdict is headed "Emergency", never "Time to see a doctor"."""
    emergency_today()
    out = log_screen(runner, monkeypatch)
    assert re.search(r"^Emergency:$", out, re.M) and "Time to see a doctor" not in out


def test_a_soon_box_is_titled_see_a_doctor_soon(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """A journal rule at "soon" is titled "See a doctor soon"."""
    rows.pains((4, 8), (3, 3), (2, 3), (1, 6))
    assert re.search(r"^See a doctor soon:$", log_screen(runner, monkeypatch), re.M)


def test_the_first_sentence_is_said_once(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """What to do now is the verdict's first line, the next sentence does not say it again; whom to call closes it."""
    emergency_today()
    out = flat(log_screen(runner, monkeypatch))
    assert out.count("Call 999 now, or go") == 1
    assert out.count("Call 999 now") == 2 and out.index("Call 999 now (") > out.index("Sources:")
    assert "Call 999 now, or go to the nearest emergency department. - A recent triage said EMERGENCY." in out


def test_wrapped_lines_hang_under_their_label(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """A wrapped "Your journal:" or "Sources:" line goes on at their indent (column 2), under the rule's text."""
    rows.pains((4, 8), (3, 3), (2, 3), (1, 6))
    lines = log_screen(runner, monkeypatch).splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("  Your journal:"))
    end = next(i for i, line in enumerate(lines) if line.startswith("  Sources:"))
    assert end - start >= 2  # the journal line wraps
    for line in [*lines[start + 1 : end], lines[end + 1]]:
        assert line.startswith("  ") and line[2] != " ", line


def test_history_shows_the_reminder_first(runner: CliRunner) -> None:
    """`history` opens with the reminder, then the table and the trend."""
    emergency_today()
    rows.pain(rows.ago(hours=0.5), 6)
    out = runner.invoke(app, ["history"]).stdout
    assert out.index("Emergency") < out.index("Your journal: the last 30 days") < out.index("Pain by day")


# ---------------------------------------------------------------- today after an emergency


def test_today_after_an_emergency_leads_with_what_to_do_now(runner: CliRunner) -> None:
    """After an emergency not yet seen to: what to do now first, and no sessions, stretches or walks."""
    emergency_today()
    data = json.loads(runner.invoke(app, ["today", "--json"]).stdout)
    assert data["on_hold"] is True and data["next_steps"] == []
    assert data["escalation"]["heading"] == "Do this now"
    out = runner.invoke(app, ["today", "--plain"]).stdout
    lines = out.splitlines()
    lead = "- If you have not been seen yet: Call 999 now, or go to the nearest emergency department."
    assert lines[1:3] == ["Do this now:", lead]
    for planned in ("Next steps", "backspasm session", "backspasm stretch", "4 weeks", "Keep moving"):
        assert planned not in out, planned


def test_today_plans_again_once_a_doctor_has_seen_them(runner: CliRunner) -> None:
    """`log --saw-doctor` settles the emergency: today plans self-care again."""
    emergency_today()
    runner.invoke(app, ["log", "--saw-doctor"])
    data = json.loads(runner.invoke(app, ["today", "--json"]).stdout)
    assert data["on_hold"] is False and data["next_steps"]


# ---------------------------------------------------------------- pregnancy


def pregnant(days: float, location: str = "lower_back") -> None:
    """A triage an hour ago: pregnant, the pain began `days` ago."""
    answers = {"days_since_onset": days, "pregnancy": "pregnant", "location": location}
    rows.triage(rows.ago(hours=1), answers, onset_at=rows.ago(days=days, hours=1))


@pytest.mark.parametrize("days", [1, 4])
def test_in_pregnancy_a_routine_lying_on_the_back_is_replaced(runner: CliRunner, days: float) -> None:
    """Pregnant: the stretches suggested are done standing, and the caution says why."""
    pregnant(days)
    data = json.loads(runner.invoke(app, ["today", "--json"]).stdout)
    stretch = next(s for s in data["next_steps"] if s["kind"] == "stretch")
    assert stretch["id"] == "standing-start"
    kb = load_active()
    assert not any(kb.stretch_index[s].lying_on_back for s in kb.routine_index["standing-start"].stretches)
    [caution] = data["cautions"]
    assert "After about 16 weeks, do not lie flat on your back for long" in " ".join(caution["text"].split())


def test_without_pregnancy_the_usual_routine_stays(runner: CliRunner) -> None:
    """Not pregnant: the routine for the place of the pain, never the one for pregnancy."""
    rows.triage(rows.ago(hours=1), {"days_since_onset": 4, "location": "mid_back"}, onset_at=rows.ago(days=4))
    data = json.loads(runner.invoke(app, ["today", "--json"]).stdout)
    assert next(s for s in data["next_steps"] if s["kind"] == "stretch")["id"] != "standing-start"


def test_the_stretch_command_never_defaults_to_the_pregnancy_routine() -> None:
    """`backspasm stretch` picks its default as before: a routine for pregnancy is offered, not a default."""
    from backspasm.stretch.routine import choose

    kb = load_active()
    for phase in ("early", "later", None):
        for location in ("lower_back", "mid_back", "upper_back", "neck", None):
            assert not choose(kb, None, location, phase).for_pregnancy, (phase, location)


def chosen_by_stretch(runner: CliRunner, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[str, str]:
    """The routine `backspasm stretch --yes ARGS` would run, and what it said first (no timer runs)."""
    import backspasm.stretch.actions as actions

    class Chosen(Exception):
        pass

    def stop(routine: object, *_: object, **__: object) -> None:
        raise Chosen(routine.id)  # type: ignore[attr-defined]

    monkeypatch.setattr(actions, "_run_recorded", stop)
    result = runner.invoke(app, ["stretch", "--yes", "--plain", *args])
    assert isinstance(result.exception, Chosen), result.output
    return str(result.exception), result.output


@pytest.mark.parametrize("days", [1, 4])
def test_in_pregnancy_the_stretch_command_runs_the_routine_without_lying_on_the_back(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, days: float
) -> None:
    """Pregnant at triage: `backspasm stretch` runs the standing routine and says why."""
    pregnant(days)
    routine, said = chosen_by_stretch(runner, monkeypatch)
    assert routine == "standing-start"
    assert "Your latest triage says you are pregnant." in said


def test_in_pregnancy_a_named_routine_lying_on_the_back_says_what_to_run_instead(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pregnant, naming a routine with a stretch on the back: it runs as asked, and names the other one."""
    pregnant(4)
    kb = load_active()
    on_back = next(r.id for r in kb.routines if any(kb.stretch_index[s].lying_on_back for s in r.stretches))
    routine, said = chosen_by_stretch(runner, monkeypatch, on_back)
    assert routine == on_back
    assert "Or run 'backspasm stretch standing-start': none on your back." in flat(said)


def test_not_pregnant_the_stretch_command_keeps_its_default(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not pregnant: `backspasm stretch` runs its usual default, with no pregnancy line."""
    rows.triage(rows.ago(hours=1), {"days_since_onset": 4, "location": "lower_back"}, onset_at=rows.ago(days=4))
    routine, said = chosen_by_stretch(runner, monkeypatch)
    assert routine != "standing-start" and "pregnant" not in said


# ---------------------------------------------------------------- data


def test_data_import_names_doctor_visits_in_words(runner: CliRunner, tmp_path: Path) -> None:
    """The import summary says "1 doctor visit", never the table's name."""
    rows.with_conn("INSERT INTO doctor_visits (at, note) VALUES (?, ?)", rows.ago(1), "GP")
    exported = runner.invoke(app, ["data", "export", "-"]).stdout
    runner.invoke(app, ["data", "forget", "--yes"])
    result = runner.invoke(app, ["data", "import", "-"], input=exported)
    assert result.exit_code == 0, result.output
    assert result.stdout == "Imported 1 row: 1 doctor visit.\n"


def test_data_forget_lists_doctor_visits() -> None:
    """What `data forget` says the journal holds names the doctor visits too."""
    from backspasm.journal.ask import describe
    from backspasm.storage.db import DB_NAME

    assert describe(Path(DB_NAME)) == "your journal (pain, triage, sessions, stretches, doctor visits, flare-up plan)"
