"""The weekly PEG check-in: its scoring and wording, `check-in` scripted, and where it shows (today, history, data)."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from journal_rows import NOW, NOW_TEXT, ago, pains, triage
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.journal import peg
from backspasm.storage.paths import journal_file


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fix "now" at journal_rows.NOW."""
    monkeypatch.setenv("BACKSPASM_NOW", NOW_TEXT)


class Scored(NamedTuple):
    """A check-in as journal/peg.py reads it."""

    at: datetime
    peg: float


def weeks(*scores: float) -> list[Scored]:
    """Check-ins a week apart, the last at NOW."""
    return [Scored(NOW - timedelta(weeks=len(scores) - 1 - i), s) for i, s in enumerate(scores)]


def check_in(runner: CliRunner, *args: str) -> Any:
    """Run `backspasm check-in ARGS`."""
    return runner.invoke(app, ["check-in", *args])


def stored() -> list[tuple[Any, ...]]:
    """The check_ins table as stored: (at, pain, enjoyment, activity, peg), oldest first."""
    conn = sqlite3.connect(journal_file())
    try:
        return conn.execute("SELECT at, pain, enjoyment, activity, peg FROM check_ins ORDER BY at_us").fetchall()
    finally:
        conn.close()


# ---------------------------------------------------------------- scoring and wording


def test_the_score_is_the_mean_of_the_three_items() -> None:
    """The PEG score is the mean of pain, enjoyment and activity; a value outside 0-10 is refused."""
    assert peg.score(6, 5, 7) == 6
    assert peg.score(3, 3, 4) == pytest.approx(10 / 3)
    assert peg.score_text(peg.score(3, 3, 4)) == "3.3" and peg.score_text(6.0) == "6"
    with pytest.raises(ValueError):
        peg.score(11, 0, 0)


def test_the_items_keep_the_published_wording_and_anchors() -> None:
    """The three questions are Krebs et al.'s words, with 0 and 10 anchored as published."""
    assert [item.question for item in peg.ITEMS] == [
        "What number best describes your pain on average in the past week?",
        "What number best describes how, during the past week, pain has interfered with your enjoyment of life?",
        "What number best describes how, during the past week, pain has interfered with your general activity?",
    ]
    assert [item.anchors for item in peg.ITEMS] == [
        "0 = no pain, 10 = pain as bad as you can imagine",
        "0 = does not interfere, 10 = completely interferes",
        "0 = does not interfere, 10 = completely interferes",
    ]


@pytest.mark.parametrize(
    ("scores", "words", "matters"),
    [
        ((5.0, 4.0, 3.0), "down 40% since the first week: a change that matters", True),
        ((6.0, 4.2), "down 30% since the first week: a change that matters", True),  # 30% is the threshold
        ((6.0, 4.5), "down 25% since the first week: no real change yet", False),
        ((6.0, 6.0), "the same as the first week: no real change yet", False),
        ((5.0, 5.5), "up 10% since the first week: no real change yet", False),
        ((4.0, 6.0), "up 50% since the first week: worse by a margin that matters", False),
    ],
)
def test_a_fall_of_30_percent_is_a_change_that_matters(scores: tuple[float, ...], words: str, matters: bool) -> None:
    """Against the first week: 30% or more down is "a change that matters" (IMMPACT); less is "no real change yet"."""
    found = peg.change(weeks(*scores))
    assert found is not None
    assert found.words == words and found.matters is matters
    assert found.check_ins == len(scores) and len(found.sparkline) == len(scores)


def test_one_check_in_is_the_baseline() -> None:
    """A single check-in has no change yet: it is the baseline; none gives no change at all."""
    found = peg.change(weeks(6.0))
    assert found is not None and found.percent is None and "baseline" in found.words
    assert peg.change([]) is None


def test_due_at_the_start_of_an_episode_then_weekly() -> None:
    """Due at the start of an episode, not again within the week, then weekly; never without an episode."""
    start = NOW - timedelta(days=10)
    assert peg.due(start, None, NOW) == "first"
    assert peg.due(start, NOW - timedelta(days=1), NOW) is None
    assert peg.due(start, NOW - timedelta(days=6, hours=23), NOW) is None
    assert peg.due(start, NOW - timedelta(days=7), NOW) == "weekly"
    assert peg.due(start, start - timedelta(days=30), NOW) == "first"  # the last one was of an earlier episode
    assert peg.due(None, None, NOW) is None


def test_the_sources_are_in_the_knowledge_base() -> None:
    """Krebs 2009 (the scale) and IMMPACT and Farrar (what a change that matters is) are knowledge-base sources."""
    from conftest import built_in_kb

    sources = {s.id: s for s in built_in_kb().sources}
    for key in (peg.SOURCE, *peg.CHANGE_SOURCES):
        assert key in sources, key
    assert "PEG" in sources[peg.SOURCE].title and sources[peg.SOURCE].year == 2009
    assert "Krebs" in peg.CITATION and "2009" in peg.CITATION


# ---------------------------------------------------------------- the command


def test_a_scripted_check_in_stores_the_three_numbers_and_their_mean(
    runner: CliRunner, isolated_home: Path
) -> None:
    """--pain --enjoyment --activity: stored with their mean; the screen's last line cites Krebs 2009."""
    result = check_in(runner, "--pain", "6", "--enjoyment", "5", "--activity", "7")
    assert result.exit_code == 0, result.stderr
    assert stored() == [(NOW_TEXT, 6, 5, 7, 6.0)]
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Check-in saved: PEG score 6 out of 10")
    assert lines[-1] == peg.CITATION


def test_json_and_at(runner: CliRunner, isolated_home: Path) -> None:
    """--json prints the check-in, the episode's change and when the next is due; --at dates it."""
    result = check_in(runner, "--pain", "3", "--enjoyment", "3", "--activity", "4", "--at", "yesterday 09:00", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["check_in"] | {"id": 0} == {
        "id": 0,
        "at": "2024-03-09T09:00:00+01:00",
        "pain": 3,
        "enjoyment": 3,
        "activity": 4,
        "peg": 3.33,
    }
    assert data["next_due"] == "2024-03-16T09:00:00+01:00" and data["source"] == peg.CITATION
    assert data["replaced"] == [] and data["episode"]["check_ins"] == 1
    assert stored()[0][0] == "2024-03-09T09:00:00+01:00"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--pain", "11", "--enjoyment", "5", "--activity", "7"], "--pain must be a whole number from 0 to 10 (got 1"),
        (["--pain", "6", "--enjoyment", "-1", "--activity", "7"], "--enjoyment must be a whole number from 0 to 10"),
        (["--pain", "6", "--enjoyment", "5", "--activity", "lots"], "--activity must be a whole number from 0 to 10"),
        (["--pain", "6", "--enjoyment", "5"], "--activity is missing: give all three of --pain, --enjoyment and"),
        (["--pain", "6.5", "--enjoyment", "5", "--activity", "7"], "--pain must be a whole number from 0 to 10"),
        (["--pain", "1"], "--enjoyment and --activity are missing: give all three"),
        ([], "--pain, --enjoyment and --activity are missing: give all three"),
        (
            ["--pain", "11", "--enjoyment", "12", "--activity", "x"],
            "--pain (got 11), --enjoyment (got 12) and --activity (got 'x') must each be a whole number from 0 to 10",
        ),
    ],
)
def test_a_bad_or_missing_item_is_exit_2_and_nothing_is_stored(
    runner: CliRunner, isolated_home: Path, args: list[str], message: str
) -> None:
    """Out of range, not a whole number, or missing without a terminal: one line on stderr, exit 2, nothing stored."""
    result = check_in(runner, *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and message in result.stderr
    assert "Traceback" not in result.stderr
    assert not journal_file().exists() or stored() == []


def test_a_second_check_in_within_6_days_replaces_only_when_asked(runner: CliRunner, isolated_home: Path) -> None:
    """Within 6 days a script is refused (nothing stored) unless --replace; a week later it is a new check-in."""
    assert check_in(runner, "--pain", "6", "--enjoyment", "6", "--activity", "6", "--at", "5 days ago").exit_code == 0
    refused = check_in(runner, "--pain", "4", "--enjoyment", "4", "--activity", "4")
    assert refused.exit_code == 2 and "--replace" in refused.stderr and "nothing was saved" in refused.stderr
    assert [row[4] for row in stored()] == [6.0]
    replaced = check_in(runner, "--pain", "4", "--enjoyment", "4", "--activity", "4", "--replace", "--json")
    assert replaced.exit_code == 0, replaced.stderr
    assert [row[4] for row in stored()] == [4.0]
    assert json.loads(replaced.stdout)["replaced"][0]["peg"] == 6.0
    later = check_in(runner, "--pain", "2", "--enjoyment", "2", "--activity", "2", "--at", "7 days ago")
    assert later.exit_code == 0, later.stderr  # a week from the one it would replace: a check-in of its own
    assert len(stored()) == 2


def test_the_second_week_says_the_change(runner: CliRunner) -> None:
    """After a first week of 5, a 3 says "down 40% since the first week: a change that matters"."""
    pains((8, 7), (0.1, 3))
    assert check_in(runner, "--pain", "5", "--enjoyment", "5", "--activity", "5", "--at", "7 days ago").exit_code == 0
    result = check_in(runner, "--pain", "3", "--enjoyment", "3", "--activity", "3")
    assert result.exit_code == 0, result.stderr
    assert "down 40% since the first week: a change that matters" in " ".join(result.stdout.split())


# ---------------------------------------------------------------- today, the welcome and history


def today_json(runner: CliRunner) -> dict[str, Any]:
    """`today --json` as an object."""
    result = runner.invoke(app, ["today", "--json"])
    assert result.exit_code == 0, result.stderr
    value: dict[str, Any] = json.loads(result.stdout)
    return value


def test_today_and_the_welcome_say_when_a_check_in_is_due(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """Due at the start of an episode (today and the welcome say so), not after one, due again a week later."""
    pains((2, 7), (0.1, 6))
    data = today_json(runner)
    assert data["check_in_due"] == "first"
    assert "Weekly check-in due: backspasm check-in" in " ".join(data["where"])
    assert "Weekly check-in due:" in runner.invoke(app, []).stdout
    assert check_in(runner, "--pain", "6", "--enjoyment", "5", "--activity", "6").exit_code == 0
    data = today_json(runner)
    assert data["check_in_due"] is None and "check-in" not in " ".join(data["where"])
    assert "check-in" not in runner.invoke(app, []).stdout
    monkeypatch.setenv("BACKSPASM_NOW", (NOW + timedelta(days=7)).isoformat())
    pains((-6.9, 5))  # pain logged on the new day keeps the episode going
    assert today_json(runner)["check_in_due"] == "weekly"


def test_no_check_in_is_due_without_an_episode(runner: CliRunner) -> None:
    """Nothing recorded, or pain-free: no check-in is asked for."""
    assert today_json(runner)["check_in_due"] is None
    pains((40, 6), (39, 0))
    assert today_json(runner)["check_in_due"] is None


def test_history_shows_the_peg_line(runner: CliRunner) -> None:
    """history: the first and latest PEG, the change in % in words, a sparkline; --json has the same."""
    pains((15, 8), (8, 6), (0.1, 4))
    for days, score in ((14, "5"), (7, "4"), (0, "3")):
        args = ["--pain", score, "--enjoyment", score, "--activity", score, "--at", f"{days} days ago"]
        assert check_in(runner, *(args if days else args[:-2])).exit_code == 0
    result = runner.invoke(app, ["history"])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Weekly check-in (PEG, 0-10), first Sun 25 Feb 2024, latest Sun 10 Mar 2024:" in out
    line = next(line for line in out.splitlines() if "5 to 3" in line)
    assert line.strip() == "▅▄▃  5 to 3: down 40% since the first week: a change that matters"
    data = json.loads(runner.invoke(app, ["history", "--json"]).stdout)["check_ins"]
    assert data["change_percent"] == -40 and data["matters"] is True and data["check_ins"] == 3
    assert data["baseline"]["peg"] == 5.0 and data["latest"]["peg"] == 3.0 and data["sparkline"] == "▅▄▃"


def test_history_without_a_check_in_says_how_during_an_episode(runner: CliRunner) -> None:
    """During an episode with no check-in, history names the command; check-ins are not counted as rows."""
    pains((1, 6))
    out = runner.invoke(app, ["history"]).stdout
    assert "Weekly check-in (PEG): none yet this episode: backspasm check-in" in out
    assert json.loads(runner.invoke(app, ["history", "--json"]).stdout)["check_ins"] is None


# ---------------------------------------------------------------- data


def test_export_import_and_forget_include_check_ins(runner: CliRunner, tmp_path: Path, isolated_home: Path) -> None:
    """data export has the check-ins, import brings them back, forget deletes them with the rest."""
    assert check_in(runner, "--pain", "6", "--enjoyment", "5", "--activity", "7").exit_code == 0
    out = tmp_path / "export.json"
    assert runner.invoke(app, ["data", "export", str(out)]).exit_code == 0
    rows = json.loads(out.read_text(encoding="utf-8"))["tables"]["check_ins"]
    assert [{k: r[k] for k in ("at", "pain", "enjoyment", "activity", "peg")} for r in rows] == [
        {"at": NOW_TEXT, "pain": 6, "enjoyment": 5, "activity": 7, "peg": 6.0}
    ]
    assert runner.invoke(app, ["data", "forget", "--yes"]).exit_code == 0
    assert not journal_file().exists()
    result = runner.invoke(app, ["data", "import", str(out)])
    assert result.exit_code == 0, result.stderr
    assert "1 weekly check-in" in result.stdout + result.stderr
    assert stored() == [(NOW_TEXT, 6, 5, 7, 6.0)]


def test_an_imported_check_in_whose_score_is_not_the_mean_is_refused(
    runner: CliRunner, tmp_path: Path, isolated_home: Path
) -> None:
    """Import refuses a check-in whose score is not its answers' mean, in words, and imports nothing."""
    row = {"id": 1, "at": NOW_TEXT, "pain": 4, "enjoyment": 4, "activity": 4, "peg": 9}
    export = {**json.loads(_export_of(runner, tmp_path)), "tables": {"check_ins": [row]}}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    result = runner.invoke(app, ["data", "import", str(path)])
    assert result.exit_code == 2
    assert "its PEG score 9 is not the mean of its three answers (4.00)" in result.stderr
    assert "CHECK constraint" not in result.stderr
    assert stored() == []


def _export_of(runner: CliRunner, tmp_path: Path) -> str:
    """An empty journal's export, for its header."""
    path = tmp_path / "empty.json"
    assert runner.invoke(app, ["data", "export", str(path)]).exit_code == 0
    return path.read_text(encoding="utf-8")


def test_no_check_in_is_asked_while_what_to_do_now_comes_first(runner: CliRunner) -> None:
    """After an emergency triage not yet seen to, today asks for no check-in: calling comes first."""
    result = {"disposition": "emergency", "reasons": [{"title": "New trouble peeing"}], "advice": "", "unanswered": []}
    answers = {"days_since_onset": 1, "bladder_bowel_change": True}
    triage(ago(hours=1), answers, "emergency", result, onset_at=ago(days=1))
    pains((0.1, 6))
    data = today_json(runner)
    assert data["on_hold"] is True and data["check_in_due"] is None
    assert "check-in" not in " ".join(data["where"])
