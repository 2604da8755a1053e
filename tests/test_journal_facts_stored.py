"""The journal facts asked of the store give exactly what the Python path computes from every row."""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta, timezone

import pytest

from backspasm.journal.facts import LOOKBACK, JournalFacts, compute, compute_stored
from backspasm.storage import journal as record
from backspasm.storage.db import connect
from backspasm.storage.pain_index import odd_rows

# Writers in several time zones: travel, summer time, and the far ends of the offsets.
OFFSETS = [timedelta(hours=h, minutes=m) for h, m in ((1, 0), (2, 0), (-5, 0), (5, 30), (14, 0), (-12, 0), (0, 0))]
BASE = datetime(2024, 3, 10, 18, 0, tzinfo=timezone(timedelta(hours=1)))


def stored(at: datetime, offset: timedelta) -> str:
    """How a writer in that offset stores the moment."""
    return at.astimezone(timezone(offset)).isoformat(timespec="seconds")


def fill(seed: int) -> list[datetime]:
    """A journal of bursts of entries and triage runs over 500 days, with gaps of days to weeks; its moments."""
    rng = random.Random(seed)
    conn = connect()
    moments = []
    at = BASE - timedelta(days=500)
    while at < BASE + timedelta(days=2):
        at += timedelta(hours=rng.choice([0.2, 1, 5, 20, 30, 24 * 13.9, 24 * 14, 24 * 15, 24 * 40]))
        offset = rng.choice(OFFSETS)
        moments.append(at)
        if rng.random() < 0.1:
            answers = {"pain_score": rng.randint(0, 10), "trend": rng.choice(["improving", "same", "worse"])}
            if rng.random() < 0.3:
                answers["episodes_past_year"] = rng.randint(0, 6)
            onset = stored(at - timedelta(days=rng.randint(0, 20)), offset) if rng.random() < 0.5 else None
            level = rng.choice(["self_care", "soon", "urgent", "emergency"])
            conn.execute(
                "INSERT INTO triage_runs (at, answers, disposition, result, onset_at) VALUES (?, ?, ?, '{}', ?)",
                (stored(at, offset), json.dumps(answers), level, onset),
            )
        elif rng.random() < 0.03:
            conn.execute("INSERT INTO doctor_visits (at) VALUES (?)", (stored(at, offset),))
        else:
            pain = rng.choice([0, 0, 1, 3, 4, 5, 6, 7, 8, 9])
            conn.execute(
                "INSERT INTO pain_entries (at, pain, note, tried) VALUES (?, ?, ?, ?)",
                (stored(at, offset), pain, rng.choice([None, "stiff", "", "better"]), rng.choice(TRIED)),
            )
    conn.close()
    return moments



# What entries name as tried: none, one, several, and one named twice in the same entry.
TRIED = ['[]', '["walking"]', '["ice-pack", "walking"]', '["superficial-heat", "ice-pack", "ice-pack"]']


def both(now: datetime) -> tuple[JournalFacts, JournalFacts]:
    """The facts as of `now` from every row (the Python path) and from the store."""
    conn = connect()
    try:
        since = now - LOOKBACK
        runs, visits = record.triage_runs(conn, since), record.visits(conn, since)
        journal = record.Record(since, record.pain_entries(conn, since), runs, visits=visits)
        assert not odd_rows(conn, since)
        return compute(journal, now), compute_stored(conn, now, since, runs, visits)
    finally:
        conn.close()


@pytest.mark.parametrize("seed", range(6))
def test_stored_facts_match_the_python_path(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """At many moments and in several time zones (BACKSPASM_NOW offsets) both paths give the same facts."""
    moments = fill(seed)
    rng = random.Random(seed)
    picks = rng.sample(moments, 12) + [m + timedelta(days=14) for m in rng.sample(moments, 4)]
    picks += [m + timedelta(days=13, hours=23, minutes=59, seconds=59) for m in rng.sample(moments, 4)]
    episodes_seen = 0
    for now in picks:
        for offset in (timedelta(hours=1), timedelta(hours=-7), timedelta(hours=9, minutes=30)):
            local_now = now.astimezone(timezone(offset))
            monkeypatch.setenv("BACKSPASM_NOW", local_now.isoformat())
            python_path, store_path = both(local_now)
            assert store_path == python_path, f"seed {seed}, now {local_now.isoformat()}"
            episodes_seen += python_path.current is not None
    assert episodes_seen > 0


def test_a_long_dense_episode_matches(monkeypatch: pytest.MonkeyPatch) -> None:
    """A year of entries every few hours, one unbroken episode: the same facts, days and averages included."""
    rng = random.Random(7)
    conn = connect()
    rows = [
        (stored(BASE - timedelta(hours=5 * i), rng.choice(OFFSETS[:2])), rng.randint(0, 9))
        for i in range(24 * 80, 0, -1)
    ]
    conn.executemany("INSERT INTO pain_entries (at, pain, tried) VALUES (?, ?, '[]')", rows)
    conn.close()
    monkeypatch.setenv("BACKSPASM_NOW", BASE.isoformat())
    python_path, store_path = both(BASE)
    assert python_path.current is not None and len(python_path.days) == 43 and python_path.pain_trend is not None
    assert store_path == python_path


def test_rising_entries_and_a_pain_free_day_match(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rising pains across midnight in two offsets, then a pain-free entry ending the episode: same facts."""
    conn = connect()
    pains = [(40, 6), (30, 2), (20, 3), (10, 5), (2, 7)]  # hours before BASE
    for hours, pain in pains:
        offset = OFFSETS[hours % 2]
        conn.execute(
            "INSERT INTO pain_entries (at, pain) VALUES (?, ?)", (stored(BASE - timedelta(hours=hours), offset), pain)
        )
    conn.close()
    monkeypatch.setenv("BACKSPASM_NOW", BASE.isoformat())
    python_path, store_path = both(BASE)
    assert python_path.values["rising_entries"] == 3
    assert store_path == python_path
    conn = connect()
    conn.execute("INSERT INTO pain_entries (at, pain) VALUES (?, 0)", (stored(BASE - timedelta(hours=1), OFFSETS[2]),))
    conn.close()
    python_path, store_path = both(BASE)
    assert python_path.current is None
    assert store_path == python_path


@pytest.mark.parametrize(
    "text", ["2024-03-09 10:00:00+01:00", "2024-03-09T10:00:00", "2024-02-30T10:00:00+01:00", "2024-03-09T10:00:00Z"]
)
def test_a_time_in_another_form_is_read_the_old_way(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A pain entry stored in a form SQLite and Python may read differently sends the rules to the Python path."""
    from backspasm.journal.escalation import assess
    from backspasm.kb.loader import load_active

    monkeypatch.setenv("BACKSPASM_NOW", BASE.isoformat())
    conn = connect()
    try:
        conn.execute("INSERT INTO pain_entries (at, pain) VALUES (?, 5)", (text,))
        recent = stored(BASE - timedelta(hours=3), OFFSETS[0])
        conn.execute("INSERT INTO pain_entries (at, pain) VALUES (?, 6)", (recent,))
        assert odd_rows(conn, BASE - LOOKBACK)
        since = BASE - LOOKBACK
        journal = record.Record(since, record.pain_entries(conn, since), record.triage_runs(conn, since))
        assert assess(conn, load_active(), BASE).facts == compute(journal, BASE)
    finally:
        conn.close()


def test_the_odd_form_check_is_answered_by_its_index() -> None:
    """Finding pain entries in an odd form reads the partial index, not every row."""
    conn = connect()
    try:
        from backspasm.storage.db import ODD_AT

        plan = conn.execute(
            f"EXPLAIN QUERY PLAN SELECT 1 FROM pain_entries WHERE at >= ? AND ({ODD_AT}) LIMIT 1", ("2024",)
        ).fetchall()
    finally:
        conn.close()
    assert "pain_entries_odd_at" in " ".join(str(row["detail"]) for row in plan)


@pytest.mark.parametrize("days", [1, 30, 400])
def test_the_report_is_the_same_as_from_a_year_of_rows(days: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """`report` reading only its window (the rules asking the store) builds what a year of rows built."""
    from dataclasses import replace

    from backspasm.journal.doctor_report import build, load_and_build, window_start
    from backspasm.kb.loader import load_active

    moments = fill(3)
    kb = load_active()
    for now in random.Random(3).sample(moments, 5):
        monkeypatch.setenv("BACKSPASM_NOW", now.isoformat())
        conn = connect()
        try:
            journal = record.load(conn, min(window_start(now, days), now - LOOKBACK))
            if not journal.triage_runs:
                journal = replace(journal, triage_runs=record.latest_triage_run(conn))
            assert load_and_build(conn, kb, now, days) == build(kb, journal, now, days)
        finally:
            conn.close()


def test_the_store_sums_up_the_reports_window_itself() -> None:
    """With every entry in the store's own form, the report's window is summed up by SQLite, not read whole."""
    from backspasm.journal.doctor_report import summary_from_store, window_start
    from backspasm.journal.window import summarise

    moments = fill(5)
    now = moments[len(moments) // 2]
    conn = connect()
    try:
        start = window_start(now, 30)
        found = summary_from_store(conn, start, now)
        entries = [e for e in record.pain_entries(conn, start) if e.at <= now]
    finally:
        conn.close()
    assert found is not None and found.count > 0
    assert found == summarise(entries)


def test_an_entry_the_store_cannot_sum_up_leaves_it_to_python() -> None:
    """A pain not a whole number makes the store decline (Python sums up); an odd `tried` is summed alike."""
    from backspasm.journal.doctor_report import summary_from_store, window_start
    from backspasm.journal.window import summarise

    moments = fill(5)
    now = moments[len(moments) // 2]
    start = window_start(now, 30)
    insert = "INSERT INTO pain_entries (at, pain, note, tried) VALUES (?, ?, NULL, ?)"
    conn = connect()
    try:
        conn.execute(insert, (stored(now - timedelta(hours=2), OFFSETS[0]), 4, '{"not": "a list"}'))
        conn.execute(insert, (stored(now - timedelta(hours=3), OFFSETS[0]), 4, "[1, null]"))
        entries = [e for e in record.pain_entries(conn, start) if e.at <= now]
        assert summary_from_store(conn, start, now) == summarise(entries)
        conn.execute(insert, (stored(now - timedelta(hours=1), OFFSETS[0]), 3.5, "[]"))
        assert summary_from_store(conn, start, now) is None
    finally:
        conn.close()
