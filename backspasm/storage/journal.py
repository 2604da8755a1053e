"""Read and write the journal's rows in the store as plain, typed values.

Times are stored as ISO 8601 strings with the writer's UTC offset, so string order is not
time order across offsets (DST, travel). Queries narrow by a generous string bound (which
the `at` indexes serve) and the exact cut and the ordering happen on parsed times here.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any, NamedTuple

from backspasm.clock.now import parse_stamp, stamp
from backspasm.storage.sessions import OFFSET_SLACK, SessionRecord, list_sessions


class PainEntry(NamedTuple):
    """One `backspasm log` entry: how bad the pain was, when, and what was tried.

    A named tuple rather than a dataclass: a journal has thousands, and tuples build fastest.
    """

    id: int
    at: datetime
    pain: int
    note: str | None
    tried: list[str]


@dataclass(frozen=True)
class TriageRun:
    """One saved triage: the answers, the level reached and the --json result object."""

    id: int
    at: datetime
    answers: dict[str, Any]
    disposition: str
    result: dict[str, Any]
    onset_at: datetime | None


@dataclass(frozen=True)
class Visit:
    """A clinician saw the person (`log --saw-doctor`): triage reminders from before it are settled."""

    id: int
    at: datetime
    note: str | None


@dataclass(frozen=True)
class StretchRun:
    """One guided stretch routine."""

    id: int
    routine: str
    started_at: datetime
    status: str
    done: list[str]
    stopped_at_stretch: str | None


@dataclass(frozen=True)
class Record:
    """Everything the journal holds from `since` on, each list in time order."""

    since: datetime | None
    pain_entries: list[PainEntry] = field(default_factory=list)
    triage_runs: list[TriageRun] = field(default_factory=list)
    sessions: list[SessionRecord] = field(default_factory=list)
    stretch_runs: list[StretchRun] = field(default_factory=list)
    visits: list[Visit] = field(default_factory=list)


def _time(text: Any) -> datetime | None:
    if not isinstance(text, str):
        return None
    try:
        return parse_stamp(text)
    except ValueError:
        return None


def _json(text: Any, default: Any) -> Any:
    # Another command writes some of these rows; a damaged value must not stop the report.
    try:
        value = json.loads(text) if isinstance(text, str) else default
    except ValueError:
        return default
    return value if isinstance(value, type(default)) else default


@lru_cache(maxsize=256)
def _remedy_ids(text: str) -> tuple[str, ...]:
    # Most entries repeat a handful of `tried` values; decode each distinct one once.
    return tuple(str(t) for t in _json(text, []))


def _bound(since: datetime) -> str:
    # A text bound the `at` indexes serve, generous enough for any UTC offset.
    return (since - OFFSET_SLACK).astimezone().date().isoformat()


def _rows(conn: sqlite3.Connection, sql: str, column: str, since: datetime | None) -> list[sqlite3.Row]:
    if since is None:
        return conn.execute(sql).fetchall()
    return conn.execute(f"{sql} WHERE {column} >= ?", (_bound(since),)).fetchall()


def _before(moment: datetime, since: datetime | None) -> bool:
    return since is not None and moment < since


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
        rows = cursor.execute(f"{sql} WHERE at >= ?", (_bound(since),)).fetchall()
    found = []
    fromiso = datetime.fromisoformat
    for entry_id, text, pain, note, tried_text in rows:
        try:
            at: datetime | None = fromiso(text)
        except (TypeError, ValueError):
            at = _time(text)
        else:
            if at is not None and at.tzinfo is None:
                at = _time(text)
        if at is None or (since is not None and at < since):
            continue
        tried = list(_remedy_ids(tried_text)) if isinstance(tried_text, str) else []
        found.append(PainEntry(entry_id, at, int(pain), note, tried))
    return sorted(found, key=lambda e: (e.at, e.id))


_TRIAGE_SQL = "SELECT id, at, answers, disposition, result, onset_at FROM triage_runs"


def _triage_run(row: sqlite3.Row, since: datetime | None) -> TriageRun | None:
    at = _time(row["at"])
    if at is None or _before(at, since):
        return None
    answers, result = _json(row["answers"], {}), _json(row["result"], {})
    return TriageRun(row["id"], at, answers, str(row["disposition"]), result, _time(row["onset_at"]))


def triage_runs(conn: sqlite3.Connection, since: datetime | None = None) -> list[TriageRun]:
    """Saved triage runs at or after `since`, oldest first."""
    found = [run for row in _rows(conn, _TRIAGE_SQL, "at", since) if (run := _triage_run(row, since))]
    return sorted(found, key=lambda r: (r.at, r.id))


def latest_triage_run(conn: sqlite3.Connection) -> list[TriageRun]:
    """The most recently saved triage run (a list of zero or one), however old."""
    row = conn.execute(f"{_TRIAGE_SQL} ORDER BY id DESC LIMIT 1").fetchone()
    run = _triage_run(row, None) if row is not None else None
    return [run] if run else []


def sessions(conn: sqlite3.Connection, since: datetime | None = None) -> list[SessionRecord]:
    """Ice and heat sessions started at or after `since`, oldest first (the session history's own query)."""
    return list_sessions(conn, since)


def stretch_runs(conn: sqlite3.Connection, since: datetime | None = None) -> list[StretchRun]:
    """Stretch routines started at or after `since`, oldest first."""
    sql = "SELECT id, routine, started_at, status, done, stopped_at_stretch FROM stretch_runs"
    found = []
    for row in _rows(conn, sql, "started_at", since):
        started = _time(row["started_at"])
        if started is None or _before(started, since):
            continue
        done = [str(d) for d in _json(row["done"], [])]
        routine, status = str(row["routine"]), str(row["status"])
        found.append(StretchRun(row["id"], routine, started, status, done, row["stopped_at_stretch"]))
    return sorted(found, key=lambda s: (s.started_at, s.id))


def visits(conn: sqlite3.Connection, since: datetime | None = None) -> list[Visit]:
    """Doctor visits at or after `since`, oldest first."""
    found = []
    for row in _rows(conn, "SELECT id, at, note FROM doctor_visits", "at", since):
        at = _time(row["at"])
        if at is None or _before(at, since):
            continue
        found.append(Visit(row["id"], at, row["note"]))
    return sorted(found, key=lambda v: (v.at, v.id))


def add_visit(conn: sqlite3.Connection, at: datetime, note: str | None) -> Visit:
    """Record that a clinician saw the person at `at`, and return it as stored."""
    cursor = conn.execute("INSERT INTO doctor_visits (at, note) VALUES (?, ?)", (stamp(at), note))
    return Visit(int(cursor.lastrowid or 0), parse_stamp(stamp(at)), note)


# Every table that holds something the person recorded.
TABLES = ("pain_entries", "triage_runs", "sessions", "stretch_runs", "doctor_visits")


def nothing_recorded(conn: sqlite3.Connection) -> bool:
    """True when the journal has no row of any kind."""
    return not any(conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() for table in TABLES)


def load(conn: sqlite3.Connection, since: datetime | None = None) -> Record:
    """Every kind of journal row from `since` on."""
    return Record(
        since=since,
        pain_entries=pain_entries(conn, since),
        triage_runs=triage_runs(conn, since),
        sessions=sessions(conn, since),
        stretch_runs=stretch_runs(conn, since),
        visits=visits(conn, since),
    )


def add_pain_entry(conn: sqlite3.Connection, at: datetime, pain: int, note: str | None, tried: list[str]) -> PainEntry:
    """Write one pain entry and return it as stored."""
    cursor = conn.execute(
        "INSERT INTO pain_entries (at, pain, note, tried) VALUES (?, ?, ?, ?)",
        (stamp(at), pain, note, json.dumps(tried)),
    )
    stored_at = parse_stamp(stamp(at))
    return PainEntry(int(cursor.lastrowid or 0), stored_at, pain, note, list(tried))
