"""The `doctor_visits` table: a clinician saw the person (`log --saw-doctor`)."""

import sqlite3
from collections.abc import Iterator
from datetime import datetime
from typing import NamedTuple

from backspasm.clock.now import parse_stamp, stamp
from backspasm.storage.columns import row_reader
from backspasm.storage.rows import placed
from backspasm.storage.times import micros


class Visit(NamedTuple):
    """A clinician saw the person (`log --saw-doctor`): triage reminders from before it are settled."""

    id: int
    at: datetime
    note: str | None


_reader = row_reader("doctor_visits", ("id", "at", "note"))


def iter_visits(
    conn: sqlite3.Connection,
    since: datetime | None = None,
    until: datetime | None = None,
    *,
    newest_first: bool = False,
) -> Iterator[Visit]:
    """Doctor visits from `since` to `until` (None: no bound), oldest first; a row that cannot be read is named once."""
    for row in placed(conn, "doctor_visits", "id, at, note", since, until, newest_first=newest_first):
        values = _reader(row)
        if values is not None:
            yield Visit(**values)


def visits(conn: sqlite3.Connection, since: datetime | None = None, until: datetime | None = None) -> list[Visit]:
    """Doctor visits from `since` to `until` (all when None), oldest first."""
    return list(iter_visits(conn, since, until))


def add_visit(conn: sqlite3.Connection, at: datetime, note: str | None) -> Visit:
    """Record that a clinician saw the person at `at`, and return it as stored."""
    text = stamp(at)
    stored = parse_stamp(text)
    cursor = conn.execute("INSERT INTO doctor_visits (at, at_us, note) VALUES (?, ?, ?)", (text, micros(stored), note))
    return Visit(int(cursor.lastrowid or 0), stored, note)
