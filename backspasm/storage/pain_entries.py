"""The `pain_entries` table: one row per `backspasm log` entry."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any, NamedTuple

from backspasm import unreadable
from backspasm.clock.now import parse_stamp, stamp
from backspasm.storage.columns import COLUMNS, BadValue, read_value
from backspasm.storage.rows import stored_json, stored_time
from backspasm.storage.times import micros, note_unplaced, span

AT, NOTE, TRIED = (COLUMNS["pain_entries"][name] for name in ("at", "note", "tried"))
# What a reader selects of an entry, in PainEntry's order.
ENTRY_COLUMNS = "id, at, pain, note, tried"


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


def remedy_ids(stored: object) -> tuple[str, ...]:
    """The remedy ids a stored `tried` value names (none for a damaged one)."""
    return _remedy_ids(stored) if isinstance(stored, str) else ()


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


def entry(row: tuple[Any, ...]) -> PainEntry | None:
    """A placed row (ENTRY_COLUMNS) as an entry; None, and noted, when its time text cannot be read."""
    entry_id, text, pain, note, tried_text = row
    at = stored_time(text)
    if at is None:  # placed, yet its text is not a time: another program changed it behind the trigger's back
        unreadable.note("pain_entries", entry_id, f"its {AT.words} is not a time")
        return None
    if note is not None and note.__class__ is not str:
        note = shown_note(entry_id, note)
    if tried_text.__class__ is str and _tried_problem(tried_text) is None:
        tried = list(_remedy_ids(tried_text))
    else:
        tried = shown_tried(entry_id, tried_text)
    # A pain another program stored as 3.5 reads as 3, as it always has (the table allows 0 to 10).
    return PainEntry(entry_id, at, int(pain), note, tried)


# A pain entry as read, before any object is made of it: (time as microseconds, id, pain, note,
# then either the stored time and list of remedies, in the usual form, and None; or None, None and
# the entry, made the careful way from an unusual row). Outputs of a million rows write the usual
# ones straight from this; `as_entry` makes the entry.
PainText = tuple[int, int, int, "str | None", "str | None", "str | None", "PainEntry | None"]


def iter_pain_texts(
    conn: sqlite3.Connection,
    since: datetime | None = None,
    until: datetime | None = None,
    *,
    newest_first: bool = False,
) -> Iterator[PainText]:
    """Pain entries from `since` to `until` (both included; None: no bound), oldest first, as read.

    A row in the usual form (its time as the store writes it, its note text, its list of remedies
    sound) is handed on as its values; any other is read the careful way (`entry`), which names
    what it cannot read. Rows whose time cannot be placed are left out and named once (storage.times).
    """
    note_unplaced(conn, "pain_entries")
    where, params = span("at_us", since, until)
    order = "at_us DESC, id DESC" if newest_first else "at_us, id"
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples: a window can hold a million entries
    problem = _tried_problem
    sql = f"SELECT at_us, {ENTRY_COLUMNS} FROM pain_entries WHERE {where} ORDER BY {order}"
    for us, entry_id, text, pain, note, tried_text in cursor.execute(sql, params):
        if (
            len(text) == 25  # the store's own form, as outputs write it: 2024-03-10T18:00:00+01:00
            and text[10] == "T"
            and text[19] in "+-"
            and not text.endswith("-00:00")  # read as +00:00
            and pain.__class__ is int
            and (note is None or note.__class__ is str)
            and tried_text.__class__ is str
            and problem(tried_text) is None
        ):
            yield us, entry_id, pain, note, text, tried_text, None
            continue
        found = entry((entry_id, text, pain, note, tried_text))
        if found is not None:
            yield us, entry_id, found.pain, found.note, None, None, found


def as_entry(found: PainText) -> PainEntry:
    """The entry of a row as read (see PainText)."""
    made = found[6]
    if made is not None:
        return made
    # A PainEntry made without NamedTuple's Python-level __new__: a window can hold a million.
    at, remedies = _parse(str(found[4])), list(_remedy_ids(str(found[5])))
    return tuple.__new__(PainEntry, (found[1], at, found[2], found[3], remedies))


_parse = datetime.fromisoformat


def iter_pain_entries(
    conn: sqlite3.Connection,
    since: datetime | None = None,
    until: datetime | None = None,
    *,
    newest_first: bool = False,
) -> Iterator[PainEntry]:
    """Pain entries from `since` to `until` (both included; None: no bound), oldest first, one at a time.

    Rows whose time cannot be placed are left out and named once (storage.times).
    """
    for found in iter_pain_texts(conn, since, until, newest_first=newest_first):
        yield as_entry(found)


def pain_entries(
    conn: sqlite3.Connection, since: datetime | None = None, until: datetime | None = None
) -> list[PainEntry]:
    """Pain entries from `since` to `until` (all when None), oldest first."""
    return list(iter_pain_entries(conn, since, until))


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
    text = stamp(at)
    stored_at = parse_stamp(text)
    cursor = conn.execute(
        "INSERT INTO pain_entries (at, at_us, pain, note, tried, new_symptoms) VALUES (?, ?, ?, ?, ?, ?)",
        (text, micros(stored_at), pain, note, json.dumps(tried), new_symptoms),
    )
    return PainEntry(int(cursor.lastrowid or 0), stored_at, pain, note, list(tried))


# "Anything new with it: numb or weak legs or arms, trouble peeing, numbness between the legs?"
NEW_SYMPTOM_ANSWERS = ("yes", "no", "unsure")


def new_symptom_reports(conn: sqlite3.Connection, since: datetime) -> list[datetime]:
    """When an entry from `since` on said yes, or not sure, to new symptoms; oldest first."""
    rows = conn.execute(
        "SELECT at FROM pain_entries WHERE new_symptoms IN ('yes', 'unsure') AND at_us >= ? ORDER BY at_us, id",
        (micros(since),),
    ).fetchall()
    return [at for (text,) in rows if (at := stored_time(text)) is not None]


def tried_with_next(
    conn: sqlite3.Connection, since: datetime | None, until: datetime | None, reach: timedelta
) -> Iterator[tuple[tuple[str, ...], int, int | None, int]]:
    """Each entry from `since` to `until` that names a remedy, against the entry after it, counted.

    As (remedy ids, pain, the next entry's pain or None, how many entries): the next entry counts
    only when it came within `reach` (and is looked for up to `reach` after `until`); None after
    the last, or later than that. The pairs are made and counted by SQLite in one pass of the
    time index (the window function LEAD), so a journal of 100,000 entries gives a few hundred
    rows, in the order each (remedies, pain, next pain) was first seen.
    """
    note_unplaced(conn, "pain_entries")
    where, params = span("at_us", since, until + reach if until is not None else None)
    last = f" AND at_us <= {micros(until)}" if until is not None else ""
    within = int(reach.total_seconds() * 1_000_000)
    sql = (
        "SELECT tried, pain, after, COUNT(*), MIN(at_us) AS first FROM ("
        " SELECT at_us, tried, pain,"
        f"  CASE WHEN next_us - at_us BETWEEN 0 AND {within} AND typeof(next_pain) = 'integer'"
        "   THEN next_pain END AS after"
        " FROM ("
        "  SELECT at_us, pain, tried, LEAD(at_us) OVER w AS next_us, LEAD(pain) OVER w AS next_pain"
        f"  FROM pain_entries WHERE {where} WINDOW w AS (ORDER BY at_us, id)"
        f" ) WHERE tried != '[]' AND typeof(pain) = 'integer'{last}"
        ") GROUP BY tried, pain, after ORDER BY first"
    )
    cursor = conn.cursor()
    cursor.row_factory = None
    for tried, pain, after, count, _ in cursor.execute(sql, params):
        ids = remedy_ids(tried)
        if ids:
            yield ids, pain, after, count
