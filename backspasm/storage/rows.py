"""What every table's reader shares: stored times and JSON read leniently, and placed rows read in time order.

Queries select and order rows by each time's number (backspasm.storage.times); the text beside
it, with the writer's UTC offset, is what a row shows.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from backspasm.clock.now import parse_stamp
from backspasm.storage.columns import FIRST_YEAR, LAST_YEAR, NUMBERS
from backspasm.storage.times import note_unplaced, span


def stored_time(text: Any) -> datetime | None:
    """A stored time, or None when the row holds something else."""
    if not isinstance(text, str):
        return None
    try:
        moment = datetime.fromisoformat(text)  # the store's own form, read at once
        if moment.tzinfo is None:
            moment = parse_stamp(text)
    except ValueError:
        try:
            moment = parse_stamp(text)
        except ValueError:
            return None
    # Far from the ends of the calendar, so that moving it a day or to local time cannot overflow.
    return moment if FIRST_YEAR <= moment.year <= LAST_YEAR else None


def stored_json(text: Any, default: Any) -> Any:
    """A stored JSON value of the default's type, or the default."""
    # Another command writes some of these rows; a damaged value must not stop the report.
    try:
        value = json.loads(text) if isinstance(text, str) else default
    except ValueError:
        return default
    return value if isinstance(value, type(default)) else default


def placed(
    conn: sqlite3.Connection,
    table: str,
    columns: str,
    since: datetime | None,
    until: datetime | None = None,
    *,
    newest_first: bool = False,
    limit: int | None = None,
) -> Iterator[tuple[Any, ...]]:
    """The rows of `table` placed from `since` to `until` (None: no bound), in time order (ties by id).

    Newest first when asked, and at most `limit` rows. Rows that cannot be placed are named once
    (storage.times.note_unplaced).
    """
    note_unplaced(conn, table)
    number = NUMBERS[table]
    where, params = span(number, since, until)
    order = f"{number} DESC, id DESC" if newest_first else f"{number}, id"
    tail = f" LIMIT {int(limit)}" if limit is not None else ""
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples, in the order of `columns`
    yield from cursor.execute(f"SELECT {columns} FROM {table} WHERE {where} ORDER BY {order}{tail}", params)
