"""The `pain_entries` table: one row per `backspasm log` entry."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from functools import lru_cache
from typing import NamedTuple

from backspasm.clock.now import parse_stamp, stamp
from backspasm.storage.rows import since_bound, stored_json, stored_time


class PainEntry(NamedTuple):
    """One `backspasm log` entry: how bad the pain was, when, and what was tried.

    A named tuple rather than a dataclass: a journal has thousands, and tuples build fastest.
    """

    id: int
    at: datetime
    pain: int
    note: str | None
    tried: list[str]


@lru_cache(maxsize=256)
def _remedy_ids(text: str) -> tuple[str, ...]:
    # Most entries repeat a handful of `tried` values; decode each distinct one once.
    return tuple(str(t) for t in stored_json(text, []))


def pain_entries(conn: sqlite3.Connection, since: datetime | None = None) -> list[PainEntry]:
    """Pain entries at or after `since` (all when None), oldest first."""
    # A month can hold thousands of entries: plain tuples, and the store's own time form read
    # by fromisoformat directly (anything else, or a time without offset, the careful way).
    sql = "SELECT id, at, pain, note, tried FROM pain_entries"
    cursor = conn.cursor()
    cursor.row_factory = None
    if since is None:
        rows = cursor.execute(sql).fetchall()
    else:
        rows = cursor.execute(f"{sql} WHERE at >= ?", (since_bound(since),)).fetchall()
    found = []
    fromiso = datetime.fromisoformat
    for entry_id, text, pain, note, tried_text in rows:
        try:
            at: datetime | None = fromiso(text)
        except (TypeError, ValueError):
            at = stored_time(text)
        else:
            if at is not None and at.tzinfo is None:
                at = stored_time(text)
        if at is None or (since is not None and at < since):
            continue
        tried = list(_remedy_ids(tried_text)) if isinstance(tried_text, str) else []
        found.append(PainEntry(entry_id, at, int(pain), note, tried))
    return sorted(found, key=lambda e: (e.at, e.id))



def add_pain_entry(conn: sqlite3.Connection, at: datetime, pain: int, note: str | None, tried: list[str]) -> PainEntry:
    """Write one pain entry and return it as stored."""
    cursor = conn.execute(
        "INSERT INTO pain_entries (at, pain, note, tried) VALUES (?, ?, ?, ?)",
        (stamp(at), pain, note, json.dumps(tried)),
    )
    stored_at = parse_stamp(stamp(at))
    return PainEntry(int(cursor.lastrowid or 0), stored_at, pain, note, list(tried))
