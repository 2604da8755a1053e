"""Each row's time as a number: microseconds since 1970 (UTC), beside the text that keeps the writer's offset.

A time is stored twice. The text (`at`, `started_at`) is ISO 8601 with the writer's UTC offset,
which is how a row is shown ("18:00 +01:00" when it was written in Paris). Its number
(`at_us`, `started_us`, storage.columns.PLACED) is the same instant as whole microseconds
since 1970 in UTC, worked out from that text by Python's reader, and is what every query
selects, counts and orders by: number order is time order whatever the offsets.

A row whose number is NULL is *unplaced*: its text is not a time the reader can read (or
another program wrote or changed the row without the number). Whenever the journal is opened
for writing, unplaced rows are placed if their text can be read (`place`); the readers leave
out the rest and name them once (`note_unplaced`). Each table's index on its number finds the
unplaced rows at once (NULL sorts first), so both cost nothing in a sound journal, however large.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from typing import Any

from backspasm import unreadable
from backspasm.storage import pain_sums
from backspasm.storage.columns import COLUMNS, PLACED, BadValue, read_time

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
MICROSECOND = timedelta(microseconds=1)


def micros(moment: datetime) -> int:
    """Whole microseconds since 1970 (exact, unlike timestamp())."""
    return (moment - EPOCH) // MICROSECOND


def moment(us: int) -> datetime:
    """The instant `us` microseconds after 1970, in UTC."""
    return EPOCH + timedelta(microseconds=us)


def placed_us(text: Any) -> int | None:
    """A stored time's number, or None when the text is not a time the readers can read."""
    try:
        return micros(read_time(text))
    except BadValue:
        return None


def place(conn: sqlite3.Connection) -> int:
    """Give every unplaced row whose time can be read its number; return how many were placed.

    Run inside the caller's transaction, or in one of its own. A sound journal has no unplaced
    row, and finding that out is one seek of each table's time index. A table a later migration
    adds is left out while the journal is migrated to an earlier version (migration 7 places).
    """
    placed = 0
    present = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table, (text, number) in PLACED.items():
        if table not in present:
            continue
        found = conn.execute(f"SELECT rowid, {text} FROM {table} WHERE {number} IS NULL").fetchall()
        numbers = [(us, row[0]) for row in found if (us := placed_us(row[1])) is not None]
        if numbers:
            conn.executemany(f"UPDATE {table} SET {number} = ? WHERE rowid = ?", numbers)
            placed += len(numbers)
    return placed


def place_now(conn: sqlite3.Connection) -> None:
    """`place` in a transaction of its own, only when some row is unplaced (the usual open writes nothing)."""
    if not any(
        conn.execute(f"SELECT 1 FROM {table} WHERE {number} IS NULL LIMIT 1").fetchone()
        for table, (_, number) in PLACED.items()
    ):
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        if place(conn):
            # A row placed now was written by another hand: the kept sums may not count it.
            pain_sums.forget(conn)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


# What a reader says of a row whose time can be read but has no number: only a journal opened
# read-only (where nothing can be placed) after another program wrote it can hold one.
NOT_PLACED = "was written by another program and cannot be placed while the journal is read-only"


def note_unplaced(conn: sqlite3.Connection, table: str) -> None:
    """Name each unplaced row of `table` once on stderr (backspasm.unreadable), with what is wrong with its time."""
    text, number = PLACED[table]
    column = COLUMNS[table][text]
    for row_id, value in conn.execute(f"SELECT id, {text} FROM {table} WHERE {number} IS NULL ORDER BY id"):
        try:
            read_time(value)
        except BadValue as bad:
            unreadable.note(table, row_id, f"its {column.words} {bad}")
        else:
            unreadable.note(table, row_id, f"its {column.words} {NOT_PLACED}")


def span(number: str, since: datetime | None, until: datetime | None) -> tuple[str, tuple[int, ...]]:
    """A WHERE clause (the number column from `since` to `until`, both included) and its parameters."""
    conditions, params = [f"{number} IS NOT NULL"], []
    if since is not None:
        conditions.append(f"{number} >= ?")
        params.append(micros(since))
    if until is not None:
        conditions.append(f"{number} <= ?")
        params.append(micros(until))
    return " AND ".join(conditions), tuple(params)
