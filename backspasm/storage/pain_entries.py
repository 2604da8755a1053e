"""The `pain_entries` table: one row per `backspasm log` entry."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from functools import lru_cache
from operator import attrgetter
from typing import Any, NamedTuple

from backspasm import unreadable
from backspasm.clock.now import parse_stamp, stamp
from backspasm.storage.columns import COLUMNS, BadValue, read_value
from backspasm.storage.rows import since_bound, stored_json, stored_time

AT, NOTE, TRIED = (COLUMNS["pain_entries"][name] for name in ("at", "note", "tried"))


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
    # Most entries repeat a handful of `tried` values; decode each distinct one once. A damaged
    # one reads as none, as the readers show it (shown_tried).
    ids = stored_json(text, [])
    return tuple(ids) if all(isinstance(t, str) for t in ids) else ()


@lru_cache(maxsize=256)
def _tried_problem(text: object) -> str | None:
    """What is wrong with a stored `tried` value ("its list of remedies tried is not ..."), or None."""
    try:
        read_value(TRIED, text)
    except BadValue as bad:
        return f"its {TRIED.words} {bad}"
    return None


def shown_note(entry_id: int, note: object) -> str | None:
    """A stored note as text; one that is not text (a blob) is left out and noted."""
    if note is None or isinstance(note, str):
        return note
    unreadable.note("pain_entries", entry_id, f"its {NOTE.words} is not text", partly=True)
    return None


def shown_tried(entry_id: int, text: object) -> list[str]:
    """A stored `tried` list as remedy ids; a damaged one is read as none and noted."""
    problem = _tried_problem(text) if isinstance(text, str) else f"its {TRIED.words} is not text"
    if problem is not None:
        unreadable.note("pain_entries", entry_id, problem, partly=True)
        return []
    return list(_remedy_ids(str(text)))


def _unreadable_time(entry_id: int, text: object) -> None:
    try:
        read_value(AT, text)
    except BadValue as bad:
        unreadable.note("pain_entries", entry_id, f"its {AT.words} {bad}")


def _rows(conn: sqlite3.Connection, columns: str, since: datetime | None) -> list[Any]:
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples: a month can hold thousands of entries
    sql = f"SELECT {columns} FROM pain_entries"
    if since is None:
        return cursor.execute(sql).fetchall()
    return cursor.execute(f"{sql} WHERE at >= ?", (since_bound(since),)).fetchall()


def _entries(rows: list[Any], since: datetime | None) -> list[PainEntry]:
    read, remedies = stored_time, _remedy_ids
    found = []
    for entry_id, text, pain, note, tried_text in rows:
        at = read(text)
        if at is None:
            _unreadable_time(entry_id, text)
            continue
        if since is not None and at < since:
            continue
        if note is not None and note.__class__ is not str:
            note = shown_note(entry_id, note)
        if tried_text.__class__ is str and _tried_problem(tried_text) is None:
            tried = list(remedies(tried_text))
        else:
            tried = shown_tried(entry_id, tried_text)
        found.append(PainEntry(entry_id, at, int(pain), note, tried))
    # Oldest first, ties by id: two stable sorts with C key functions, no tuple per entry.
    found.sort(key=_ID)
    found.sort(key=_AT)
    return found


_ID, _AT = attrgetter("id"), attrgetter("at")


def pain_entries(conn: sqlite3.Connection, since: datetime | None = None) -> list[PainEntry]:
    """Pain entries at or after `since` (all when None), oldest first."""
    return _entries(_rows(conn, "id, at, pain, note, tried", since), since)


# A pain entry's time, id and score alone: what a trend needs, without the note and remedies.
# A plain tuple: a month can hold thousands, and named tuples cost a third more to build.
PainPoint = tuple[datetime, int, int]


def pain_points(conn: sqlite3.Connection, since: datetime | None, until: datetime) -> list[PainPoint]:
    """(time, id, score) of every pain entry from `since` to `until`, oldest first."""
    read = stored_time
    found = []
    for entry_id, text, pain in _rows(conn, "id, at, pain", since):
        at = read(text)
        if at is None:
            _unreadable_time(entry_id, text)
            continue
        if at > until or (since is not None and at < since):
            continue
        found.append((at, entry_id, int(pain)))
    found.sort()
    return found


def pain_entries_by_id(conn: sqlite3.Connection, ids: list[int]) -> list[PainEntry]:
    """The pain entries with these ids, oldest first."""
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    cursor = conn.cursor()
    cursor.row_factory = None
    rows = cursor.execute(f"SELECT id, at, pain, note, tried FROM pain_entries WHERE id IN ({marks})", ids).fetchall()
    return _entries(rows, None)


def add_pain_entry(
    conn: sqlite3.Connection,
    at: datetime,
    pain: int,
    note: str | None,
    tried: list[str],
    new_symptoms: str | None = None,
) -> PainEntry:
    """Write one pain entry and return it as stored.

    `new_symptoms` is the answer to "anything new with it?" (NEW_SYMPTOM_ANSWERS), None when not asked.
    """
    cursor = conn.execute(
        "INSERT INTO pain_entries (at, pain, note, tried, new_symptoms) VALUES (?, ?, ?, ?, ?)",
        (stamp(at), pain, note, json.dumps(tried), new_symptoms),
    )
    stored_at = parse_stamp(stamp(at))
    return PainEntry(int(cursor.lastrowid or 0), stored_at, pain, note, list(tried))


# "Anything new with it: numb or weak legs or arms, trouble peeing, numbness between the legs?"
NEW_SYMPTOM_ANSWERS = ("yes", "no", "unsure")


def new_symptom_reports(conn: sqlite3.Connection, since: datetime) -> list[datetime]:
    """When an entry from `since` on said yes, or not sure, to new symptoms; oldest first."""
    rows = conn.execute(
        "SELECT at FROM pain_entries WHERE new_symptoms IN ('yes', 'unsure') AND at >= ?", (since_bound(since),)
    ).fetchall()
    found = [at for (text,) in rows if (at := stored_time(text)) is not None and at >= since]
    return sorted(found)
