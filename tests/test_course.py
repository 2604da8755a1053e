"""The doctor report's "Course of this episode" as plain data (journal/course.py), on a crafted journal."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from journal_rows import NOW, NOW_TEXT, ago, pain, pains, triage
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.journal.course import course_data, course_of_episode
from backspasm.storage.db import connect


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fix "now" at journal_rows.NOW."""
    monkeypatch.setenv("BACKSPASM_NOW", NOW_TEXT)


def test_the_course_of_an_episode(runner: CliRunner) -> None:
    """Onset (the triage's), days, the triage result, PEG baseline and latest, and the pain by day."""
    triage(ago(days=9), {"days_since_onset": 1}, "soon", onset_at=ago(days=10))
    pains((9, 8), (8.5, 7), (4, 5), (0.1, 3))
    pain(ago(days=20), 0)  # before the episode: not its day
    for days, score in (("9 days ago", "6"), ("2 days ago", "3")):
        args = ["check-in", "--pain", score, "--enjoyment", score, "--activity", score, "--at", days]
        assert runner.invoke(app, args).exit_code == 0
    conn = connect()
    try:
        course = course_of_episode(conn, NOW)
    finally:
        conn.close()
    assert course is not None
    assert course.onset == datetime.fromisoformat(ago(days=10)) and course.onset_from == "triage"
    assert course.days == 10 and course.ongoing
    assert [t.level for t in course.triage] == ["soon"]
    assert course.check_ins is not None
    assert (course.check_ins.baseline.peg, course.check_ins.latest.peg) == (6.0, 3.0)
    assert course.check_ins.words == "down 50% since the first week: a change that matters"
    assert [(d.day.isoformat(), d.high) for d in course.pain_by_day] == [
        ("2024-03-01", 8),
        ("2024-03-02", 7),
        ("2024-03-06", 5),
        ("2024-03-10", 3),
    ]
    data = course_data(course)
    assert data is not None
    json.dumps(data)  # JSON-ready
    assert data["onset"] == ago(days=10) and data["check_ins"]["change_percent"] == -50
    assert data["pain_by_day"][0] == {"day": "2024-03-01", "entries": 1, "low": 8, "high": 8, "mean": 8.0}


def test_no_episode_no_course() -> None:
    """An empty journal has no course to show."""
    conn = connect()
    try:
        assert course_of_episode(conn, NOW) is None
    finally:
        conn.close()
    assert course_data(None) is None


def test_a_long_episode_is_summed_up_over_the_reports_window(runner: CliRunner) -> None:
    """A 40-day episode: the report says it began 40 days ago, and gives pain by day over its 7-day window."""
    pains(*((days + 0.5, 5) for days in range(40, -1, -1)))
    markdown = " ".join(runner.invoke(app, ["report", "--days", "7"]).stdout.split())
    assert "Tue 30 Jan 2024 06:00 (the first pain entry), 40 days ago" in markdown
    assert "(Mon 4 Mar 2024 to Sun 10 Mar 2024; · = no entry)" in markdown
    conn = connect()
    try:
        whole = course_of_episode(conn, NOW)
    finally:
        conn.close()
    assert whole is not None and len(whole.pain_by_day) == 41  # asked without a window: every day
