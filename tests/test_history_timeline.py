"""`backspasm history` as a timeline: every kind of row in time order, the pain trend, the verdict."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import journal_rows as rows
import pytest
import yaml
from screen import ANSI
from terminal import on_a_terminal
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.storage.db import connect


@pytest.fixture
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fix "now" at journal_rows.NOW (its offset stands in for the local zone)."""
    monkeypatch.setenv("BACKSPASM_NOW", rows.NOW_TEXT)


def history(runner: CliRunner, *args: str) -> Any:
    """Run `backspasm history ARGS` and insist it worked."""
    result = runner.invoke(app, ["history", *args])
    assert result.exit_code == 0, result.stderr
    return result


def as_json(runner: CliRunner, *args: str) -> dict[str, Any]:
    """`history --json ARGS` as an object."""
    value: dict[str, Any] = json.loads(history(runner, "--json", *args).stdout)
    return value


def one_of_each() -> None:
    """A pain entry, a triage, an ice session and a stretch routine, oldest first, over four days."""
    rows.pain(rows.ago(days=3), 7, note="bent to lift a box", tried=["superficial-heat"])
    onset = rows.ago(days=3, hours=2)
    result = {
        "disposition": "soon",
        "reasons": [{"id": "x", "title": "Pain for more than 6 weeks", "why": "", "sources": []}],
        "advice": "Book an appointment.",
        "unanswered": [],
    }
    rows.triage(rows.ago(days=2), {"pain_score": 6}, "soon", result, onset)
    rows.session("ice", rows.ago(days=1), 900, 600, "stopped")
    rows.stretch("lower-back", rows.ago(hours=2), "worse", ["pelvic-tilt", "knee-to-chest"], "knee-to-chest")


# ---------------------------------------------------------------- the table


def test_every_kind_appears_in_time_order_with_a_kind_column(
    runner: CliRunner, fixed_now: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pain, triage, session and stretch rows are merged oldest first, each said in words."""
    monkeypatch.setenv("BACKSPASM_WIDTH", "180")  # one line per row, so phrases are not wrapped
    on_a_terminal(monkeypatch)
    one_of_each()
    out = ANSI.sub("", history(runner).stdout)
    for text in (
        "Your journal: the last 30 days",
        "pain 7/10",
        "tried: Heat pad",
        "bent to lift a box",
        " triage: Soon",
        "Pain for more than 6 weeks",
        "pain began Thu 7 Mar 2024",
        "Ice pack",
        "stopped: 10 min of 15 min",
        "Lower back",
        "worse: 2 of 4 stretches",
        "pain got worse with Knee to chest",
    ):
        assert text in out, text
    positions = [out.index(kind) for kind in (" pain: ", " triage: ", " session: ", " stretch: ")]
    assert positions == sorted(positions)
    assert "2024-03-07 18:00" in out  # local times, in BACKSPASM_NOW's zone


def test_json_lists_every_row_with_its_kind_and_time(runner: CliRunner, fixed_now: None) -> None:
    """--json: an object with the window, the entries (oldest first, kind and time first), trend and escalation."""
    one_of_each()
    value = as_json(runner)
    assert set(value) == {"window", "entries", "trend", "escalation", "check_ins", "emergency_number"}
    assert value["window"] == {"days": 30, "since": "2024-02-10T00:00:00+01:00", "until": rows.NOW_TEXT}
    kinds = [entry["kind"] for entry in value["entries"]]
    assert kinds == ["pain", "triage", "session", "stretch"]
    pain, triage, session, stretch = value["entries"]
    assert pain == {
        "kind": "pain",
        "at": rows.ago(days=3),
        "id": pain["id"],
        "pain": 7,
        "note": "bent to lift a box",
        "tried": ["superficial-heat"],
    }
    assert (triage["disposition"], triage["reasons"], triage["onset_at"]) == ("soon", ["x"], rows.ago(days=3, hours=2))
    assert (session["protocol"], session["status"], session["applied_seconds"]) == ("ice", "stopped", 600)
    assert (stretch["routine"], stretch["status"], stretch["stopped_at_stretch"]) == (
        "lower-back",
        "worse",
        "knee-to-chest",
    )


@pytest.mark.usefixtures("instant")  # the session runs on a fake clock, at once
def test_rows_made_by_the_real_commands_show_up(runner: CliRunner, tmp_path: Path) -> None:
    """`log`, `triage --answers` and `session` each leave a row that the timeline shows, oldest first."""
    # Rows within the same second keep the order pain, triage, session, stretch.
    assert runner.invoke(app, ["log", "--pain", "5", "--note", "stiff"]).exit_code == 0
    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump({"age": 40, "days_since_onset": 1, "pain_score": 6}), encoding="utf-8")
    assert runner.invoke(app, ["triage", "--answers", str(answers)]).exit_code == 0
    assert runner.invoke(app, ["session", "heat", "--duration", "0.2s", "--yes"]).exit_code == 0
    value = as_json(runner)
    assert [e["kind"] for e in value["entries"]] == ["pain", "triage", "session"]
    assert value["entries"][0]["note"] == "stiff"
    assert value["trend"]["days"][0]["mean"] == 5
    out = history(runner).stdout
    assert "pain 5/10" in out and "Self-care" in out and "Heat pad" in out


def test_days_leaves_out_older_rows_and_all_shows_everything(runner: CliRunner, fixed_now: None) -> None:
    """--days 2 is today and yesterday (from local midnight); the default is 30 days; --all has no limit."""
    rows.pains((40, 6), (2.1, 5), (1, 4), (0, 3))
    assert [e["pain"] for e in as_json(runner, "--days", "2")["entries"]] == [4, 3]
    assert [e["pain"] for e in as_json(runner)["entries"]] == [5, 4, 3]
    everything = as_json(runner, "--all")
    assert [e["pain"] for e in everything["entries"]] == [6, 5, 4, 3]
    assert everything["window"]["days"] is None and everything["window"]["since"] is None
    assert "Your journal: everything" in history(runner, "--all").stdout


def test_limit_keeps_the_newest_rows_and_says_how_many_are_left_out(runner: CliRunner, fixed_now: None) -> None:
    """--limit 2 shows the two newest rows and says the rest are left out; JSON still lists them all."""
    rows.pains((4, 1), (3, 2), (2, 3), (1, 4), (0, 5))
    out = history(runner, "--limit", "2").stdout
    assert "pain 4/10" in out and "pain 5/10" in out and "pain 1/10" not in out
    assert "3 earlier rows of the last 30 days are not shown" in out
    assert len(as_json(runner, "--limit", "2")["entries"]) == 5
    assert "pain 1/10" in history(runner, "--limit", "0").stdout


# ---------------------------------------------------------------- the trend


def test_the_trend_is_a_sparkline_of_each_days_highest_pain(runner: CliRunner, fixed_now: None) -> None:
    """One character per day (· for none), each day's highest pain as the rules read a day, saying so."""
    rows.pains((2, 2), (2, 4), (0, 9))
    out = history(runner, "--days", "3").stdout
    assert "Pain by day (each day's highest pain, 0 to 10; · = no entry), Fri 8 Mar 2024 to Sun 10 Mar 2024" in out
    assert "  ▄·█\n" in out
    assert "worst day Sun 10 Mar 2024 (9/10); latest day Sun 10 Mar 2024 (9/10)" in out
    trend = as_json(runner, "--days", "3")["trend"]
    assert trend["measure"] == "high" and trend["sparkline"] == "▄·█"
    assert trend["days"] == [
        {"day": "2024-03-08", "mean": 3, "high": 4, "low": 2, "entries": 2},
        {"day": "2024-03-10", "mean": 9, "high": 9, "low": 9, "entries": 1},
    ]


def test_no_pain_entries_means_no_trend(runner: CliRunner, fixed_now: None) -> None:
    """A window with only a session draws no sparkline, and JSON says so with an empty one."""
    rows.session("heat", rows.ago(hours=3), 1200, 1200)
    assert "Pain by day" not in history(runner).stdout
    assert as_json(runner)["trend"] == {
        "measure": "high",
        "first_day": None,
        "last_day": "2024-03-10",
        "sparkline": "",
        "days": [],
    }


# ---------------------------------------------------------------- the escalation verdict


def test_a_fired_rule_is_said_first_with_why_and_sources(runner: CliRunner, fixed_now: None) -> None:
    """Pain worse again by day 4: the reminder panel comes first, before the table, with the rule's sources."""
    rows.pains((4, 8), (3, 3), (2, 3), (1, 6), (0, 7))
    out = history(runner).stdout
    assert "See a doctor soon" in out
    assert "The pain is getting worse" in out
    assert "pain is worse again: 7/10 on Sun 10 Mar 2024, up from 3/10 on" in " ".join(out.split())
    assert "Sources: NHS: Back pain" in out
    assert out.index("See a doctor soon") < out.index("Your journal: the last 30 days") < out.index("Pain by day")
    [fired] = as_json(runner)["escalation"]
    assert fired["id"] == "pain-worse" and fired["sources"] == ["nhs-back-pain", "mayo-back-pain", "farrar-2001"]


def test_a_near_miss_says_nothing(runner: CliRunner, fixed_now: None) -> None:
    """Pain rising, but before day 3: no panel, no escalation in JSON."""
    rows.pains((0.7, 4), (0.4, 5), (0, 6))
    assert "See a doctor soon" not in history(runner).stdout
    assert as_json(runner)["escalation"] == []


def test_rules_read_the_past_year_even_when_the_window_is_short(runner: CliRunner, fixed_now: None) -> None:
    """Two earlier episodes months ago fire the recurrence rule in a 7-day timeline that does not show them."""
    rows.pains((200, 5), (100, 5), (0, 5))
    value = as_json(runner, "--days", "7")
    assert [e["pain"] for e in value["entries"]] == [5]
    assert [r["id"] for r in value["escalation"]] == ["recurrent-episodes"]


# ---------------------------------------------------------------- empty, errors, speed


def test_an_empty_journal_says_how_to_start_and_an_empty_window_how_to_widen(
    runner: CliRunner, fixed_now: None
) -> None:
    """Nothing at all: one line per kind with the command that adds it; only older rows: --days or --all."""
    out = history(runner).stdout
    for text in ("Your journal is empty", "backspasm log --pain", "backspasm triage", "backspasm stretch"):
        assert text in out
    rows.pains((60, 4))
    out = history(runner, "--days", "7").stdout
    assert "Nothing in your journal for the last 7 days" in out and "--all" in out


def test_days_and_all_together_is_a_usage_error(runner: CliRunner) -> None:
    """--days N and --all contradict each other: exit 2 with one line."""
    result = runner.invoke(app, ["history", "--days", "7", "--all"])
    assert result.exit_code == 2
    assert result.stderr == "backspasm: give --days N or --all, not both\n"


@pytest.mark.parametrize("table", ["pain_entries", "triage_runs", "sessions", "stretch_runs", "doctor_visits"])
def test_a_window_is_read_through_the_time_index(table: str) -> None:
    """The timeline's bound on each table is served by its time's index, so --days never scans the whole journal."""
    from backspasm.storage.columns import NUMBERS
    from backspasm.storage.times import span

    where, params = span(NUMBERS[table], rows.NOW - timedelta(days=30), rows.NOW)
    conn = connect()
    try:
        plan = conn.execute(f"EXPLAIN QUERY PLAN SELECT * FROM {table} WHERE {where} ORDER BY {NUMBERS[table]}", params)
        detail = " ".join(str(row[3]) for row in plan)
    finally:
        conn.close()
    assert f"USING INDEX {table}_time" in detail and "SCAN" not in detail, detail


@pytest.mark.parametrize("odd_forms", [False, True], ids=["store's own times", "odd times"])
def test_the_newest_rows_alone_are_the_tail_of_every_row(fixed_now: None, odd_forms: bool) -> None:
    """Keeping only the newest N rows (the table's) gives the last N of all rows, and counts them all."""
    from backspasm.clock.now import now
    from backspasm.journal.timeline import build, window
    from backspasm.kb.loader import load_active

    one_of_each()
    rows.pains(*[(days / 3, days % 11) for days in range(1, 40)])
    # Times in forms other than the store's own: no offset, a space, a fraction of a second.
    for odd in ("2024-03-09 08:00", "2024-03-08T07:30:00.250+01:00", "2024-03-07T23:59:59") if odd_forms else ():
        rows.with_conn("INSERT INTO pain_entries (at, pain, note, tried) VALUES (?, 4, NULL, '[]')", odd)
    kb, conn = load_active(), connect()
    try:
        span = window(30, now())
        whole = build(kb, conn, span)
        every = list(whole.rows)
        assert len(every) > 40 and list(whole.rows) == every  # walked again, the same rows
        for newest in (1, 3, 7, 200):
            kept = build(kb, conn, span, newest)
            assert kept.rows == every[-newest:]
            assert kept.total == len(every)
            assert (kept.trend, kept.escalation) == (whole.trend, whole.escalation)
    finally:
        conn.close()
