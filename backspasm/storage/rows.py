"""What every table's reader shares: stored times and JSON read leniently, and the `since` cut.

Times are stored as ISO 8601 strings with the writer's UTC offset, so string order is not
time order across offsets (DST, travel). Queries narrow by a generous string bound (which
the `at` indexes serve) and the exact cut and the ordering happen on parsed times.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from typing import Any

from backspasm.clock.now import parse_stamp
from backspasm.storage.columns import FIRST_YEAR, LAST_YEAR
from backspasm.storage.sessions import OFFSET_SLACK


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


def since_bound(since: datetime) -> str:
    """A text bound the `at` indexes serve, generous enough for any UTC offset."""
    # A text bound the `at` indexes serve, generous enough for any UTC offset.
    return (since - OFFSET_SLACK).astimezone().date().isoformat()


def rows_since(conn: sqlite3.Connection, sql: str, column: str, since: datetime | None) -> list[sqlite3.Row]:
    """The rows of `sql` whose `column` may be at or after `since` (all when None)."""
    if since is None:
        return conn.execute(sql).fetchall()
    return conn.execute(f"{sql} WHERE {column} >= ?", (since_bound(since),)).fetchall()


def before(moment: datetime, since: datetime | None) -> bool:
    """Whether a row's time falls before the `since` cut."""
    return since is not None and moment < since


