"""The `doctor_visits` table: a clinician saw the person (`log --saw-doctor`)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from backspasm.clock.now import parse_stamp, stamp
from backspasm.storage.columns import readable
from backspasm.storage.rows import before, rows_since


@dataclass(frozen=True)
class Visit:
    """A clinician saw the person (`log --saw-doctor`): triage reminders from before it are settled."""

    id: int
    at: datetime
    note: str | None


def visits(conn: sqlite3.Connection, since: datetime | None = None) -> list[Visit]:
    """Doctor visits at or after `since`, oldest first (a row that cannot be read is named once)."""
    found = []
    for row in rows_since(conn, "SELECT id, at, note FROM doctor_visits", "at", since):
        values = readable("doctor_visits", row, ("id", "at", "note"))
        if values is not None and not before(values["at"], since):
            found.append(Visit(**values))
    return sorted(found, key=lambda v: (v.at, v.id))


def add_visit(conn: sqlite3.Connection, at: datetime, note: str | None) -> Visit:
    """Record that a clinician saw the person at `at`, and return it as stored."""
    cursor = conn.execute("INSERT INTO doctor_visits (at, note) VALUES (?, ?)", (stamp(at), note))
    return Visit(int(cursor.lastrowid or 0), parse_stamp(stamp(at)), note)


