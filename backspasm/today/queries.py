"""The one question `today` asks the store that no other reader asks (to move to the storage layer)."""

from __future__ import annotations

import sqlite3

# Any row at all: tells "nothing recorded yet" from "no spasm now". Each EXISTS stops at one row.
_HAS_ROWS = (
    "SELECT EXISTS (SELECT 1 FROM pain_entries) OR EXISTS (SELECT 1 FROM triage_runs)"
    " OR EXISTS (SELECT 1 FROM sessions) OR EXISTS (SELECT 1 FROM stretch_runs)"
)


def has_rows(conn: sqlite3.Connection) -> bool:
    """Whether the journal holds a pain entry, triage, session or stretch routine."""
    return bool(conn.execute(_HAS_ROWS).fetchone()[0])
