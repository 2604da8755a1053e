"""The `check_ins` table: one row per weekly PEG check-in (`backspasm check-in`)."""

import sqlite3
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import NamedTuple

from backspasm.clock.now import parse_stamp, stamp
from backspasm.storage.columns import row_reader
from backspasm.storage.rows import placed
from backspasm.storage.times import micros

# What a reader selects of a check-in, in CheckIn's order.
CHECK_IN_COLUMNS = ("id", "at", "pain", "enjoyment", "activity", "peg")


class CheckIn(NamedTuple):
    """A PEG check-in: average pain, and how pain interfered with enjoyment of life and with general
    activity, each 0 to 10 over the past week, and their mean (the PEG score)."""

    id: int
    at: datetime
    pain: int
    enjoyment: int
    activity: int
    peg: float


_reader = row_reader("check_ins", CHECK_IN_COLUMNS)


def iter_check_ins(
    conn: sqlite3.Connection,
    since: datetime | None = None,
    until: datetime | None = None,
    *,
    newest_first: bool = False,
) -> Iterator[CheckIn]:
    """Check-ins from `since` to `until` (None: no bound), oldest first; a row that cannot be read is named once."""
    for row in placed(conn, "check_ins", ", ".join(CHECK_IN_COLUMNS), since, until, newest_first=newest_first):
        values = _reader(row)
        if values is not None:
            yield CheckIn(**values)


def check_ins(conn: sqlite3.Connection, since: datetime | None = None, until: datetime | None = None) -> list[CheckIn]:
    """Check-ins from `since` to `until` (all when None), oldest first."""
    return list(iter_check_ins(conn, since, until))


def latest_check_in(conn: sqlite3.Connection, until: datetime) -> CheckIn | None:
    """The newest check-in at or before `until`, or None."""
    return next(iter_check_ins(conn, None, until, newest_first=True), None)


def near(conn: sqlite3.Connection, at: datetime, within: timedelta) -> list[CheckIn]:
    """Check-ins less than `within` before or after `at`, oldest first: the week a new one would replace."""
    return [c for c in iter_check_ins(conn, at - within, at + within) if abs(c.at - at) < within]


def add_check_in(
    conn: sqlite3.Connection,
    at: datetime,
    pain: int,
    enjoyment: int,
    activity: int,
    peg: float,
    *,
    replacing: tuple[int, ...] = (),
) -> CheckIn:
    """Write one check-in (after deleting the check-ins `replacing` names, in one transaction) and return it."""
    text = stamp(at)
    stored = parse_stamp(text)
    conn.execute("BEGIN IMMEDIATE")
    try:
        if replacing:
            conn.executemany("DELETE FROM check_ins WHERE id = ?", [(row_id,) for row_id in replacing])
        cursor = conn.execute(
            "INSERT INTO check_ins (at, at_us, pain, enjoyment, activity, peg) VALUES (?, ?, ?, ?, ?, ?)",
            (text, micros(stored), pain, enjoyment, activity, peg),
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return CheckIn(int(cursor.lastrowid or 0), stored, pain, enjoyment, activity, peg)
