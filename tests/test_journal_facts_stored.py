"""The journal facts asked of the store give exactly what a plain reading of every row gives (the oracle)."""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta, timezone

import pytest
from journal_oracle import facts_from_rows, summarise

from backspasm.journal.facts import LOOKBACK, JournalFacts, compute
from backspasm.storage import journal as record
from backspasm.storage.db import connect

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
    """The facts as of `now` from every row read whole (the oracle) and from the store."""
    conn = connect()
    try:
        since = now - LOOKBACK
        runs, visits = record.triage_runs(conn, since), record.visits(conn, since)
        journal = record.Record(since, record.pain_entries(conn, since), runs, visits=visits)
        return facts_from_rows(journal, now), compute(conn, now, runs, visits)
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
    "text",
    ["2024-03-09 10:00:00+01:00", "2024-03-09T10:00:00", "2024-03-09T10:00:00.250+01:00", "2024-03-09T10:00:00Z"],
)
def test_a_time_in_another_form_is_placed_by_pythons_reader(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A pain entry another program stored in another form gets its number from the reader the rows are shown by."""
    from backspasm.clock.now import parse_stamp
    from backspasm.storage.times import micros

    monkeypatch.setenv("BACKSPASM_NOW", BASE.isoformat())
    conn = connect()
    conn.execute("INSERT INTO pain_entries (at, pain) VALUES (?, 5)", (text,))
    conn.execute("INSERT INTO pain_entries (at, pain) VALUES (?, 6)", (stored(BASE - timedelta(hours=3), OFFSETS[0]),))
    conn.close()
    conn = connect()  # the next open places it
    try:
        number = conn.execute("SELECT at_us FROM pain_entries WHERE at = ?", (text,)).fetchone()[0]
        assert number == micros(parse_stamp(text))
        python_path, store_path = both(BASE)
        assert store_path == python_path and store_path.values["entries"] == 2
    finally:
        conn.close()


def test_a_time_that_is_not_one_stays_unplaced_and_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    """A time no reader can read (30 February) keeps no number, is left out of the facts and named once."""
    from backspasm import unreadable

    monkeypatch.setenv("BACKSPASM_NOW", BASE.isoformat())
    conn = connect()
    conn.execute("INSERT INTO pain_entries (at, pain) VALUES ('2024-02-30T10:00:00+01:00', 9)")
    conn.execute("INSERT INTO pain_entries (at, pain) VALUES (?, 6)", (stored(BASE - timedelta(hours=3), OFFSETS[0]),))
    conn.close()
    unreadable.lines()
    python_path, store_path = both(BASE)
    assert store_path.values["entries"] == 1 and store_path == python_path
    assert unreadable.lines() == ["1 pain entry row could not be read (id 1): its time is not a time"]


def test_finding_unplaced_rows_is_one_seek_of_the_time_index() -> None:
    """Opening the journal looks for unplaced rows with a seek of each table's time index, not a scan of every row."""
    from backspasm.storage.columns import PLACED

    conn = connect()
    try:
        for table, (text, number) in PLACED.items():
            plan = conn.execute(f"EXPLAIN QUERY PLAN SELECT rowid, {text} FROM {table} WHERE {number} IS NULL")
            detail = " ".join(str(row["detail"]) for row in plan)
            assert detail.startswith(f"SEARCH {table} USING INDEX {table}_time") and "=?" in detail, detail
    finally:
        conn.close()


@pytest.mark.parametrize("days", [1, 30, 400])
def test_the_reports_window_is_what_every_row_sums_up_to(days: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The report's window, summed up by the store, is what the window's rows read whole sum up to."""
    from backspasm.journal.doctor_report import load_and_build, window_start
    from backspasm.journal.window import summarise as from_store
    from backspasm.kb.loader import load_active

    moments = fill(3)
    kb = load_active()
    for now in random.Random(3).sample(moments, 5):
        monkeypatch.setenv("BACKSPASM_NOW", now.isoformat())
        conn = connect()
        try:
            start = window_start(now, days)
            entries = record.pain_entries(conn, start, now)
            assert from_store(conn, start, now) == summarise(entries)
            built = load_and_build(conn, kb, now, days)
            assert built.entries == len(entries)
            assert built.trend == [d for d in summarise(entries).days if d.day >= built.trend_first_day]
        finally:
            conn.close()


def test_the_store_sums_up_the_reports_window_itself() -> None:
    """With entries in many offsets, the report's window summed up by SQLite is what its rows sum up to."""
    from backspasm.journal.doctor_report import window_start
    from backspasm.journal.window import summarise as from_store

    moments = fill(5)
    now = moments[len(moments) // 2]
    conn = connect()
    try:
        start = window_start(now, 30)
        found = from_store(conn, start, now)
        entries = record.pain_entries(conn, start, now)
    finally:
        conn.close()
    assert found.count > 0
    assert found == summarise(entries)


def test_odd_values_are_summed_up_as_they_are_shown() -> None:
    """A damaged `tried` reads as none, a pain of 3.5 as 3: in the store's sums as in the rows shown."""
    from backspasm.journal.doctor_report import window_start
    from backspasm.journal.window import summarise as from_store

    moments = fill(5)
    now = moments[len(moments) // 2]
    start = window_start(now, 30)
    insert = "INSERT INTO pain_entries (at, pain, note, tried) VALUES (?, ?, NULL, ?)"
    conn = connect()
    conn.execute(insert, (stored(now - timedelta(hours=2), OFFSETS[0]), 4, '{"not": "a list"}'))
    conn.execute(insert, (stored(now - timedelta(hours=3), OFFSETS[0]), 4, "[1, null]"))
    conn.execute(insert, (stored(now - timedelta(hours=1), OFFSETS[0]), 3.5, "[]"))
    conn.close()
    conn = connect()
    try:
        entries = record.pain_entries(conn, start, now)
        assert any(e.pain == 3 for e in entries)
        assert from_store(conn, start, now) == summarise(entries)
    finally:
        conn.close()
