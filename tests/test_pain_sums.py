"""The pain entries' kept sums (storage.pain_sums): a very large journal reads them, with the same answers."""

from __future__ import annotations

import contextlib
import json
import os
import random
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from journal_rows import NOW, NOW_TEXT
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.journal import what_helped
from backspasm.storage import pain_sums
from backspasm.storage.db import DB_NAME, MIGRATIONS, connect
from backspasm.storage.pain_entries import add_pain_entry, tried_with_next
from backspasm.storage.pain_index import PainIndex

REMEDIES = ["ice-pack", "walking", "massage", "superficial-heat"]


@pytest.fixture
def summed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every journal uses the sums (not only those of SUMMED_FROM entries)."""
    monkeypatch.setattr(pain_sums, "SUMMED_FROM", 0)


@pytest.fixture
def conn(summed: None) -> Iterator[sqlite3.Connection]:
    """The test journal with 40 days of entries, 30 a day at random moments (some days without any)."""
    found = connect()
    rng = random.Random(26)
    start = NOW - timedelta(days=40)
    for day in range(40):
        if day % 9 == 4:
            continue  # a day without entries
        for _ in range(30):
            at = start + timedelta(days=day, minutes=rng.randrange(24 * 60))
            tried = rng.sample(REMEDIES, rng.choice([0, 0, 1, 1, 2]))
            add_pain_entry(found, at, rng.randint(0, 10), None, tried)
    try:
        yield found
    finally:
        with contextlib.suppress(sqlite3.ProgrammingError):  # a test may have closed it
            found.close()


def answers(conn: sqlite3.Connection, since: datetime | None, until: datetime) -> Any:
    """What the readers say of [since, until]: what was tried (in order), each day's pain, the count."""
    index = PainIndex(conn, since, until)
    return (
        list(tried_with_next(conn, since, until, what_helped.FOLLOW_UP)),
        list(index.days(since)),
        index.count(since),
    )


def from_entries(conn: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch, *span: Any) -> Any:
    """`answers` read from the entries alone, as a journal without sums reads them."""
    with monkeypatch.context() as patch:
        patch.setattr(pain_sums, "used", lambda _conn: False)
        return answers(conn, *span)


def kept_days(conn: sqlite3.Connection) -> int:
    """How many days' sums are kept (quarters or counts of what was tried)."""
    return int(conn.execute("SELECT COUNT(*) FROM pain_sums_kept WHERE kind IN (0, 1)").fetchone()[0])


SPANS = [
    (None, NOW),
    (NOW - timedelta(days=30), NOW),
    (NOW - timedelta(days=365), NOW),
    (NOW - timedelta(days=23, hours=5, minutes=7), NOW - timedelta(days=2, hours=13)),
]


@pytest.mark.parametrize(("since", "until"), SPANS)
def test_the_sums_give_what_the_entries_give(
    conn: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch, since: datetime | None, until: datetime
) -> None:
    """Over any span, kept sums give the same remedies (in the same order), days and count as the entries."""
    expected = from_entries(conn, monkeypatch, since, until)
    assert answers(conn, since, until) == expected
    assert kept_days(conn) > 0
    assert answers(conn, since, until) == expected  # read again from the sums now kept


def test_a_span_without_a_whole_day_is_read_from_the_entries(
    conn: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Four hours inside one day: nothing to keep, the entries give the answers."""
    span = (NOW - timedelta(days=15), NOW - timedelta(days=14, hours=20))
    assert answers(conn, *span) == from_entries(conn, monkeypatch, *span)
    assert kept_days(conn) == 0


def test_an_entry_written_into_a_summed_day_is_counted(
    conn: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry written into a kept day drops its sums: the answers count it."""
    since = NOW - timedelta(days=30)
    answers(conn, since, NOW)
    kept = kept_days(conn)
    add_pain_entry(conn, NOW - timedelta(days=20), 10, None, ["massage"])
    assert kept_days(conn) < kept
    assert answers(conn, since, NOW) == from_entries(conn, monkeypatch, since, NOW)


def test_an_entry_just_after_midnight_changes_the_day_before(
    conn: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry 2 hours after the last of a kept day, past midnight, drops that day's sums too (its next pain)."""
    late = datetime(2024, 1, 10, 23, 0, tzinfo=timezone.utc)  # before the fixture's 40 days
    add_pain_entry(conn, late - timedelta(days=3), 5, None, [])
    add_pain_entry(conn, late, 8, None, ["massage"])
    since = NOW - timedelta(days=365)
    before = answers(conn, since, NOW)
    add_pain_entry(conn, late + timedelta(hours=2), 2, None, [])
    after = answers(conn, since, NOW)
    assert after == from_entries(conn, monkeypatch, since, NOW)
    assert after[0] != before[0]  # massage's entry now has a next pain: down 6


def test_an_import_drops_the_sums(
    runner: CliRunner, conn: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`data import` adds entries in bulk and drops every kept sum; the answers count the new entries."""
    from backspasm.storage import db

    since = NOW - timedelta(days=30)
    answers(conn, since, NOW)
    assert kept_days(conn) > 0
    conn.close()  # left as this program leaves it: only the import drops the sums
    monkeypatch.setattr(db, "_changed_outside", [False])
    export = tmp_path / "more.json"
    export.write_text(
        json.dumps(
            {
                "format": "backspasm-export",
                "schema_version": len(MIGRATIONS),
                "tables": {
                    "pain_entries": [
                        {"at": (NOW - timedelta(days=10, minutes=m)).isoformat(), "pain": 9, "tried": '["yoga"]'}
                        for m in range(5)
                    ]
                },
            }
        ),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["data", "import", str(export)])
    assert result.exit_code == 0, result.output
    conn = connect()
    try:
        assert kept_days(conn) == 0
        assert answers(conn, since, NOW) == from_entries(conn, monkeypatch, since, NOW)
    finally:
        conn.close()


def test_a_journal_changed_outside_the_program_drops_its_sums(
    conn: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program changing the journal file: the next open drops the kept sums (they may no longer match)."""
    from backspasm.storage import db

    answers(conn, NOW - timedelta(days=30), NOW)
    assert kept_days(conn) > 0
    conn.close()
    monkeypatch.setattr(db, "_changed_outside", [False])
    other = sqlite3.connect(Path(os.environ["BACKSPASM_HOME"]) / DB_NAME)
    other.execute("UPDATE pain_entries SET pain = 10 WHERE id = 5")
    other.commit()
    other.close()
    again = connect()
    try:
        assert kept_days(again) == 0
    finally:
        again.close()


def test_a_small_journal_keeps_no_sums(monkeypatch: pytest.MonkeyPatch) -> None:
    """Under SUMMED_FROM entries (every journal of real use), readers read the entries and write nothing."""
    conn = connect()
    try:
        for hours in range(100):
            add_pain_entry(conn, NOW - timedelta(hours=hours * 7), hours % 11, None, ["walking"])
        assert not pain_sums.used(conn)
        answers(conn, NOW - timedelta(days=25), NOW)
        assert kept_days(conn) == 0
        monkeypatch.setattr(pain_sums, "SUMMED_FROM", 50)
        assert pain_sums.used(conn)
    finally:
        conn.close()


def test_a_read_only_journal_reads_its_entries(conn: sqlite3.Connection) -> None:
    """A journal opened read-only never uses or makes sums (it could not drop stale ones)."""
    conn.execute("PRAGMA query_only = ON")
    assert not pain_sums.used(conn)


def test_the_sums_are_never_exported(runner: CliRunner, conn: sqlite3.Connection, tmp_path: Path) -> None:
    """`data export` leaves the kept sums out: they are worked out from the entries."""
    answers(conn, NOW - timedelta(days=30), NOW)
    out = tmp_path / "all.json"
    result = runner.invoke(app, ["data", "export", str(out)])
    assert result.exit_code == 0, result.output
    exported = json.loads(out.read_text(encoding="utf-8"))["tables"]
    assert "pain_entries" in exported
    assert not set(exported) & set(pain_sums.TABLES)


def test_the_pairs_reach_is_the_follow_up() -> None:
    """The sums count the next entry within what_helped's 4 hours."""
    assert what_helped.FOLLOW_UP.total_seconds() * 1_000_000 == pain_sums.PAIR_REACH_US


def test_the_counted_median_is_the_median() -> None:
    """The median of counted changes is the median of the changes written out."""
    rng = random.Random(5)
    for _ in range(200):
        counts = {rng.randint(-10, 10): rng.randint(1, 4) for _ in range(rng.randint(1, 6))}
        values = [value for value, n in counts.items() for _ in range(n)]
        assert what_helped._counted_median(counts) == what_helped._median(values)


@pytest.mark.parametrize("days", ["30", "365"])
def test_the_report_is_the_same_with_sums(
    runner: CliRunner, conn: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch, days: str
) -> None:
    """`report --days N` of a journal using sums is the report of the same journal read entry by entry."""
    monkeypatch.setenv("BACKSPASM_NOW", NOW_TEXT)
    with_sums = runner.invoke(app, ["report", "--days", days])
    again = runner.invoke(app, ["report", "--days", days])
    mine = runner.invoke(app, ["remedies", "--mine", "--json"])
    assert with_sums.exit_code == 0, with_sums.output
    assert kept_days(conn) > 0
    monkeypatch.setattr(pain_sums, "SUMMED_FROM", 10**9)
    without = runner.invoke(app, ["report", "--days", days])
    assert with_sums.stdout == again.stdout == without.stdout
    assert mine.stdout == runner.invoke(app, ["remedies", "--mine", "--json"]).stdout


def test_a_second_open_keeps_the_sums_made_since_the_first(
    conn: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A journal found changed outside drops its sums once: a second open in the same process keeps new ones."""
    from backspasm.storage import db

    conn.close()
    monkeypatch.setattr(db, "_changed_outside", [True])  # as the first open after another program wrote
    first = connect()
    try:
        answers(first, NOW - timedelta(days=30), NOW)
        made = kept_days(first)
    finally:
        first.close()
    second = connect()  # `today` opens the journal more than once
    try:
        assert made > 0
        assert kept_days(second) == made
    finally:
        second.close()


def test_the_quarters_alone_are_made_for_the_days_pain(conn: sqlite3.Connection) -> None:
    """`history` and `today` need each day's pain only: what was tried is not counted for them."""
    list(PainIndex(conn, NOW - timedelta(days=30), NOW).days(NOW - timedelta(days=30)))
    kinds = {kind for (kind,) in conn.execute("SELECT DISTINCT kind FROM pain_sums_kept")}
    assert kinds == {pain_sums.QUARTERS}



def test_a_busy_journal_is_read_from_its_entries(conn: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another process writing: a reader does not wait to keep sums, it reads the entries (the same answers)."""
    other = sqlite3.connect(Path(os.environ["BACKSPASM_HOME"]) / DB_NAME, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # holds the write lock
        span = (NOW - timedelta(days=30), NOW)
        assert answers(conn, *span) == from_entries(conn, monkeypatch, *span)
        assert kept_days(conn) == 0
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > pain_sums.BUSY_MS  # its patience is back
    finally:
        other.execute("ROLLBACK")
        other.close()
