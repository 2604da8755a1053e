"""The `flare_plans` table: every version of the person's flare-up plan (`backspasm plan`, issue 20).

A new version is a new row; nothing is changed or deleted but by `data forget`. The versions
are numbered in the order they were written (ties by id), so that an imported older version
takes its place among them. A table of a handful of rows, read whole: it has no time number.
"""

import json
import sqlite3
from datetime import datetime
from typing import Any, NamedTuple

from backspasm.clock.now import parse_stamp, stamp
from backspasm.storage.columns import row_reader

_reader = row_reader("flare_plans", ("id", "written_at", "plan"))


class PlanVersion(NamedTuple):
    """One version of the plan: its number (1 is the first written), when it was written, its parts as stored."""

    version: int
    id: int
    written_at: datetime
    plan: dict[str, Any]


def versions(conn: sqlite3.Connection) -> list[PlanVersion]:
    """Every readable version, oldest first; a row that cannot be read is named once and left out."""
    cursor = conn.cursor()
    cursor.row_factory = None
    found = []
    for row in cursor.execute("SELECT id, written_at, plan FROM flare_plans"):
        values = _reader(row)
        if values is not None:
            found.append((values["written_at"], values["id"], values["plan"]))
    found.sort(key=lambda v: (v[0], v[1]))
    return [PlanVersion(number, row_id, at, plan) for number, (at, row_id, plan) in enumerate(found, start=1)]


def latest(conn: sqlite3.Connection) -> PlanVersion | None:
    """The version in use: the newest written (None when there is no plan yet)."""
    found = versions(conn)
    return found[-1] if found else None


def add_version(conn: sqlite3.Connection, at: datetime, plan: dict[str, Any]) -> datetime:
    """Store a new version of the plan written at `at`; return its time as stored."""
    text = stamp(at)
    conn.execute(
        "INSERT INTO flare_plans (written_at, plan) VALUES (?, ?)", (text, json.dumps(plan, ensure_ascii=False))
    )
    return parse_stamp(text)
