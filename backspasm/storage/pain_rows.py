"""Every pain entry of a window as SQLite holds it, a few hundred rows at a time (`history --json`).

An output of every row (a million, far past real use) checks and writes each row straight from
its stored values (journal/timeline_words.py); storage.pain_entries reads them one at a time as
entries. Here the rows come as plain tuples (at_us, id, at, pain, note, tried) in parts of
PART_ROWS, and their text is read as Python's own str: the journal's reader (storage.db._text,
which reads bytes that are not UTF-8 as U+FFFD and notes them) is a Python call per text value,
about a fifth of the time of reading them. From the first part holding text that is not UTF-8
on, the journal's reader reads the rest, so such text reads as it always has.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from backspasm.storage.pain_entries import ENTRY_COLUMNS
from backspasm.storage.times import note_unplaced, span

# Rows read (and handed on) at a time: a million-row window holds a part in memory.
PART_ROWS = 500
# A pain entry as stored: its time as microseconds, then ENTRY_COLUMNS (id, at, pain, note, tried).
StoredPain = tuple[int, int, Any, Any, Any, Any]


def stored_parts(
    conn: sqlite3.Connection, since: datetime | None, until: datetime | None
) -> Iterator[list[StoredPain]]:
    """The pain entries from `since` to `until` (both included; None: no bound), oldest first, as stored.

    Rows whose time cannot be placed are left out and named once (storage.times). The
    connection's text reader is Python's str only while a part is read (another table's rows,
    read between two parts, are read by the journal's own).
    """
    note_unplaced(conn, "pain_entries")
    where, params = span("at_us", since, until)
    sql = f"SELECT at_us, {ENTRY_COLUMNS} FROM pain_entries WHERE {where} ORDER BY at_us, id"
    careful = conn.text_factory
    quick = True
    cursor: sqlite3.Cursor | None = None
    last: tuple[int, int] | None = None  # the last row handed on: (time as microseconds, id)
    while True:
        if quick:
            conn.text_factory = str
            try:
                if cursor is None:
                    cursor = _after(conn, sql, where, params, last)
                part = cursor.fetchmany(PART_ROWS)
            except sqlite3.OperationalError:  # "Could not decode to UTF-8": the rest is read the careful way
                quick, cursor = False, None
                continue
            finally:
                conn.text_factory = careful
        else:
            if cursor is None:
                cursor = _after(conn, sql, where, params, last)
            part = cursor.fetchmany(PART_ROWS)
        if not part:
            return
        last = part[-1][:2]
        yield part


def _after(
    conn: sqlite3.Connection, sql: str, where: str, params: tuple[int, ...], last: tuple[int, int] | None
) -> sqlite3.Cursor:
    """The rows of `sql` after `last` (time as microseconds, id), in its order; every row when None."""
    cursor = conn.cursor()
    cursor.row_factory = None
    if last is None:
        return cursor.execute(sql, params)
    rest = sql.replace(f"WHERE {where}", f"WHERE {where} AND (at_us, id) > (?, ?)", 1)
    return cursor.execute(rest, (*params, *last))
