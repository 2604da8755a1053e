"""Sums of the pain entries kept by whole UTC day, so that a year of a very large journal reads fast.

Derived data, never exported: for each whole day (UTC, counted from 1970), its entries summed up
by quarter hour (how many, lowest, highest, total pain: every local midnight in use falls on a
quarter hour, so a local day is whole quarters), and what was tried in it counted by (remedies
named, change to the next entry within PAIR_REACH); those counts are also kept by 7 days.

A day's sums are made when a reader first needs them (one short write), and dropped in the same
transaction that writes an entry into that day or changes what follows the day's last entry (an
entry written after it, before the next). All are dropped after an import, and when the journal
changed outside this program (storage.db). Only the whole days of a span are read from here; its
partial first and last days come from the entries themselves, so the day still under way is
never kept. Journals under SUMMED_FROM entries never use them: real use is about 36,000 entries
in ten years, and reading those directly is as fast as reading sums, without the write.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterable

QUARTER_US = 900 * 1_000_000
DAY_US = 86_400 * 1_000_000
WEEK_DAYS = 7
# A journal with ids from this on uses the sums (ids are never reused: SQLite's rowid only grows,
# and no command deletes an entry).
SUMMED_FROM = 50_000
# The next entry counts within 4 hours (journal.what_helped.FOLLOW_UP; a test holds them equal).
PAIR_REACH_US = 4 * 3600 * 1_000_000
# How long (ms) a reader waits for the journal's write lock to keep sums before reading the entries.
BUSY_MS = 200
# The change counted for an entry with no next entry within PAIR_REACH (a key column is never NULL).
NO_NEXT = 1000
TABLES = ("pain_sums_kept", "pain_quarters", "pain_tried")

# What a row of pain_sums_kept says is kept: a day's quarters, a day's counts of what was tried,
# or 7 days' counts of what was tried (from the day named).
QUARTERS, TRIED, TRIED_WEEK = 0, 1, WEEK_DAYS

# Migration 10 (storage.db).
SCHEMA = """
CREATE TABLE pain_sums_kept (
    kind INTEGER NOT NULL,             -- 0: the quarters of a day, 1: what was tried in a day, 7: in 7 days
    first_day INTEGER NOT NULL,        -- days since 1970-01-01 (UTC)
    PRIMARY KEY (kind, first_day)
) WITHOUT ROWID;
CREATE TABLE pain_quarters (
    quarter INTEGER PRIMARY KEY,       -- quarter hours since 1970 (UTC)
    entries INTEGER NOT NULL,
    low NOT NULL,
    high NOT NULL,
    total REAL NOT NULL                -- of the pains read as whole numbers
);
CREATE TABLE pain_tried (
    days INTEGER NOT NULL,             -- 1 or 7
    first_day INTEGER NOT NULL,
    tried TEXT NOT NULL,               -- the entries' JSON list of remedies, as stored
    change INTEGER NOT NULL,           -- next pain minus this pain (NO_NEXT: no next entry)
    entries INTEGER NOT NULL,
    first_us INTEGER NOT NULL,         -- the earliest of them
    PRIMARY KEY (days, first_day, tried, change)
) WITHOUT ROWID;
"""


def pairs_sql(reach_us: int, last_us: str) -> str:
    """Each entry from ?1 to `last_us` naming something, with its change to the next (NULL: none within reach).

    The next entry is looked for up to ?2 (`last_us` plus the reach); columns (at_us, tried, change).
    """
    return (
        "SELECT at_us, tried,"
        f" CASE WHEN next_us - at_us BETWEEN 0 AND {reach_us} AND typeof(next_pain) = 'integer'"
        "  THEN next_pain - pain END AS change"
        " FROM ("
        "  SELECT at_us, pain, tried, LEAD(at_us) OVER w AS next_us, LEAD(pain) OVER w AS next_pain"
        "  FROM pain_entries WHERE at_us BETWEEN ?1 AND ?2 WINDOW w AS (ORDER BY at_us, id)"
        f" ) WHERE tried != '[]' AND typeof(pain) = 'integer' AND at_us <= {last_us}"
    )


def used(conn: sqlite3.Connection) -> bool:
    """True when this journal's readers use the sums: a large journal, writable, outside a transaction."""
    if conn.in_transaction or getattr(conn, "sums_gave_up", False):
        return False
    row = conn.execute("SELECT MAX(id) FROM pain_entries").fetchone()
    if row is None or row[0] is None or int(row[0]) < SUMMED_FROM:
        return False
    return not conn.execute("PRAGMA query_only").fetchone()[0]


def whole_days(conn: sqlite3.Connection, low: int | None, high: int | None) -> tuple[int, int] | None:
    """The first and last whole day from `low` to `high` (µs; None: the journal's ends) with entries around them.

    Days count from 1970 (earlier entries are always read from the journal); the span is kept to
    the days from the first entry to the last, so a span of "everything" keeps no empty years.
    """
    # Two statements: SQLite seeks the index for a lone MIN or MAX, but scans it for both at once.
    earliest = conn.execute("SELECT MIN(at_us) FROM pain_entries WHERE at_us >= 0").fetchone()[0]
    if earliest is None:
        return None
    latest = conn.execute("SELECT MAX(at_us) FROM pain_entries").fetchone()[0]
    first = int(earliest) // DAY_US
    if low is not None:
        first = max(first, -(-low // DAY_US))
    last = int(latest) // DAY_US
    if high is not None:
        last = min(last, (high + 1) // DAY_US - 1)
    return (first, last) if first <= last else None


def drop_days(conn: sqlite3.Connection, at_us: int) -> None:
    """Before an entry at `at_us` is written: drop the sums it changes, in the writer's transaction.

    Its day's quarters and counts, and the counts of the day of the entry before it (whose next
    pain it becomes). A journal that keeps no sums (every journal of real use) pays one seek.
    """
    if not keeps_any(conn):
        return
    row = conn.execute(
        "SELECT at_us FROM pain_entries WHERE at_us <= ? ORDER BY at_us DESC, id DESC LIMIT 1", (at_us,)
    ).fetchone()
    day = at_us // DAY_US
    dropped = [(QUARTERS, day)]
    for counted in {day} | ({int(row[0]) // DAY_US} if row is not None else set()):
        dropped += [(TRIED, counted), (TRIED_WEEK, counted - counted % WEEK_DAYS)]
    conn.executemany("DELETE FROM pain_sums_kept WHERE kind = ? AND first_day = ?", dropped)


def keeps_any(conn: sqlite3.Connection) -> bool:
    """True when some sum is kept (one seek)."""
    return conn.execute("SELECT 1 FROM pain_sums_kept LIMIT 1").fetchone() is not None


def forget(conn: sqlite3.Connection) -> None:
    """Drop every sum (after an import, or a change made outside this program); in the caller's transaction."""
    for table in TABLES:
        conn.execute(f"DELETE FROM {table}")


def _runs(days: Iterable[int], step: int = 1) -> list[tuple[int, int]]:
    """Consecutive days (or blocks `step` days apart) as (first, last) runs."""
    runs: list[tuple[int, int]] = []
    for day in sorted(days):
        if runs and runs[-1][1] == day - step:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def _missing(conn: sqlite3.Connection, kind: int, first: int, last: int, step: int = 1) -> set[int]:
    """The days (or 7-day blocks, by first day) from `first` to `last` whose `kind` of sums is not kept."""
    kept = conn.execute(
        "SELECT first_day FROM pain_sums_kept WHERE kind = ? AND first_day BETWEEN ? AND ?", (kind, first, last)
    )
    return set(range(first, last + 1, step)) - {int(day) for (day,) in kept}


def _make_quarters(conn: sqlite3.Connection, start: int, end: int) -> None:
    """Sum the entries of the days `start` to `end` by quarter hour (in the caller's transaction)."""
    low, high = start * DAY_US, (end + 1) * DAY_US - 1
    conn.execute("DELETE FROM pain_quarters WHERE quarter BETWEEN ? AND ?", (low // QUARTER_US, high // QUARTER_US))
    conn.execute(
        f"INSERT INTO pain_quarters SELECT at_us / {QUARTER_US}, COUNT(*), MIN(pain), MAX(pain),"
        " TOTAL(CAST(pain AS INTEGER)) FROM pain_entries WHERE at_us BETWEEN ? AND ? GROUP BY 1",
        (low, high),
    )


def _make_tried(conn: sqlite3.Connection, start: int, end: int) -> None:
    """Count what was tried in the days `start` to `end`, each against its next entry (in the caller's transaction)."""
    low, high = start * DAY_US, (end + 1) * DAY_US - 1
    conn.execute("DELETE FROM pain_tried WHERE days = 1 AND first_day BETWEEN ? AND ?", (start, end))
    conn.execute(
        f"INSERT INTO pain_tried SELECT 1, at_us / {DAY_US}, tried, COALESCE(change, {NO_NEXT}),"
        f" COUNT(*), MIN(at_us) FROM ({pairs_sql(PAIR_REACH_US, str(high))}) GROUP BY 2, 3, 4",
        (low, high + PAIR_REACH_US),
    )


def _make_weeks(conn: sqlite3.Connection, start: int, end: int) -> None:
    """Add up the counts of what was tried of the 7-day blocks from day `start` to day `end` (their days kept)."""
    conn.execute("DELETE FROM pain_tried WHERE days = ? AND first_day BETWEEN ? AND ?", (WEEK_DAYS, start, end))
    conn.execute(
        f"INSERT INTO pain_tried SELECT {WEEK_DAYS}, first_day / {WEEK_DAYS} * {WEEK_DAYS}, tried, change,"
        " SUM(entries), MIN(first_us) FROM pain_tried WHERE days = 1 AND first_day BETWEEN ? AND ?"
        " GROUP BY 2, 3, 4",
        (start, end + WEEK_DAYS - 1),
    )


def _make(conn: sqlite3.Connection, kind: int, missing: set[int], make: Callable[..., None], step: int = 1) -> None:
    """Make the missing sums of `kind`, a run of consecutive days (or blocks) a statement, and mark them kept."""
    for start, end in _runs(missing, step):
        make(conn, start, end)
        conn.executemany(
            "INSERT OR REPLACE INTO pain_sums_kept VALUES (?, ?)", [(kind, day) for day in range(start, end + 1, step)]
        )


def _write(conn: sqlite3.Connection, steps: Callable[[], None]) -> bool:
    """Run `steps` in one write transaction; False when the journal cannot be written now (busy, read-only, full).

    The sums are only ever a shortcut: a reader that cannot keep them reads the entries.
    """
    # A reader does not wait long for a writer (an import, another command's write): the entries
    # answer meanwhile. The journal's usual patience comes back at once.
    patience = conn.execute("PRAGMA busy_timeout").fetchone()[0]
    conn.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError:
        with contextlib.suppress(AttributeError):  # once is enough: this connection reads entries from now on
            conn.sums_gave_up = True  # type: ignore[attr-defined]
        return False
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(patience)}")
    try:
        steps()
        conn.execute("COMMIT")
    except sqlite3.Error:
        if conn.in_transaction:  # SQLite may have rolled back already (a full disk)
            conn.execute("ROLLBACK")
        return False
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return True


def keep_quarters(conn: sqlite3.Connection, first: int, last: int) -> bool:
    """Make sure the quarters of the days `first` to `last` are kept; False when they cannot be."""
    if not _missing(conn, QUARTERS, first, last):
        return True
    return _write(conn, lambda: _make(conn, QUARTERS, _missing(conn, QUARTERS, first, last), _make_quarters))


def _weeks(first: int, last: int) -> tuple[int, int]:
    """The first days of the first and last whole 7-day blocks from day `first` to day `last` (first > last: none)."""
    return -(-first // WEEK_DAYS) * WEEK_DAYS, ((last + 1) // WEEK_DAYS - 1) * WEEK_DAYS


def keep_tried(conn: sqlite3.Connection, first: int, last: int) -> bool:
    """Make sure the counts of what was tried in the days `first` to `last` (and their whole weeks) are kept."""
    week_first, week_last = _weeks(first, last)

    def missing() -> tuple[set[int], set[int]]:
        weeks = _missing(conn, TRIED_WEEK, week_first, week_last, WEEK_DAYS) if week_first <= week_last else set()
        return _missing(conn, TRIED, first, last), weeks

    if missing() == (set(), set()):
        return True

    def steps() -> None:
        days, weeks = missing()
        _make(conn, TRIED, days, _make_tried)
        _make(conn, TRIED_WEEK, weeks, _make_weeks, WEEK_DAYS)

    return _write(conn, steps)


def tried(conn: sqlite3.Connection, first: int, last: int) -> list[tuple[str, int | None, int, int]]:
    """(remedies as stored, change or None, entries, earliest µs) of the kept days `first` to `last`.

    Whole 7-day blocks are read from their counts, the days around them from each day's.
    """
    week_first, week_last = _weeks(first, last)
    if week_first <= week_last:
        where = (
            f"(days = {WEEK_DAYS} AND first_day BETWEEN ?1 AND ?2)"
            " OR (days = 1 AND (first_day BETWEEN ?3 AND ?4 OR first_day BETWEEN ?5 AND ?6))"
        )
        params: tuple[int, ...] = (week_first, week_last, first, week_first - 1, week_last + WEEK_DAYS, last)
    else:
        where, params = "days = 1 AND first_day BETWEEN ?1 AND ?2", (first, last)
    rows = conn.execute(
        f"SELECT tried, change, SUM(entries), MIN(first_us) FROM pain_tried WHERE {where} GROUP BY tried, change",
        params,
    ).fetchall()
    return [(text, None if change == NO_NEXT else int(change), int(n), int(at)) for text, change, n, at in rows]


def quarters(first: int, last: int, low: int, high: int) -> tuple[list[tuple[int, int]], tuple[int, int] | None]:
    """[low, high] (µs) split into pieces read from the entries and whole quarters of the kept days `first` to `last`.

    The quarters are (first, last) quarter numbers, or None when no whole quarter of a kept day lies inside.
    """
    inside_low, inside_high = max(low, first * DAY_US), min(high, (last + 1) * DAY_US - 1)
    start, end = -(-inside_low // QUARTER_US), (inside_high + 1) // QUARTER_US - 1
    if start > end:
        return [(low, high)], None
    raw = []
    if low < start * QUARTER_US:
        raw.append((low, start * QUARTER_US - 1))
    if (end + 1) * QUARTER_US <= high:
        raw.append(((end + 1) * QUARTER_US, high))
    return raw, (start, end)
