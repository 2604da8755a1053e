"""The history of ice and heat sessions in the store's `sessions` table.

A row is written when a session starts (status `running`), its applied time is updated every few
seconds while it runs, and it is finished as `completed` or `stopped`. While a row is running,
`ended_at` holds the last time its process was seen alive, so a row left behind by a crash or
`kill -9` keeps both the applied time and roughly when it ended; the next start marks such rows
`interrupted`. Queries and rows live here; turning them into tables or JSON is the renderers' job.
"""

import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from typing import Any, Literal, NamedTuple

from backspasm.clock.now import parse_stamp, stamp
from backspasm.storage.columns import row_reader
from backspasm.storage.rows import placed
from backspasm.storage.times import micros

Status = Literal["running", "completed", "stopped", "interrupted"]


class SessionRecord(NamedTuple):
    """One ice or heat session as stored."""

    id: int
    protocol: str
    started_at: datetime
    ended_at: datetime | None
    planned_seconds: float
    applied_seconds: float
    rounds_planned: int
    rounds_done: int
    status: Status
    pid: int | None
    note: str | None

    def to_json(self) -> dict[str, Any]:
        """The row as JSON-ready values (times as ISO 8601 with their UTC offset)."""
        data = self._asdict()
        data["started_at"] = stamp(self.started_at)
        data["ended_at"] = stamp(self.ended_at) if self.ended_at is not None else None
        data["planned_seconds"] = round(self.planned_seconds, 1)
        data["applied_seconds"] = round(self.applied_seconds, 1)
        return data


def pid_alive(pid: int) -> bool:
    """True when a process with this id exists (it may belong to another user)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except (OSError, OverflowError):  # a pid no process can have (an imported row) is not alive
        return False
    return True


def not_alive(pid: Any, alive: Callable[[int], bool] = pid_alive) -> bool:
    """True when a running row's process is gone: none recorded (or none readable), this one, or dead."""
    if isinstance(pid, bool) or not isinstance(pid, int) or pid <= 0:
        return True
    return pid == os.getpid() or not alive(pid)


def begin(
    conn: sqlite3.Connection,
    protocol: str,
    *,
    planned_seconds: float,
    rounds: int,
    started_at: datetime,
    pid: int | None = None,
    note: str | None = None,
) -> int:
    """Record a session that is starting now, as running (with a note, such as started early); return its id."""
    text = stamp(started_at)
    cursor = conn.execute(
        "INSERT INTO sessions (protocol, started_at, started_us, ended_at, planned_seconds, applied_seconds,"
        " rounds_planned, rounds_done, status, pid, note) VALUES (?, ?, ?, ?, ?, 0, ?, 0, 'running', ?, ?)",
        (
            protocol,
            text,
            micros(parse_stamp(text)),
            text,
            planned_seconds,
            rounds,
            os.getpid() if pid is None else pid,
            note,
        ),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def progress(conn: sqlite3.Connection, session_id: int, *, applied: float, rounds_done: int, at: datetime) -> None:
    """Save the applied time so far of a running session (and that its process was alive at `at`)."""
    conn.execute(
        "UPDATE sessions SET applied_seconds = ?, rounds_done = ?, ended_at = ? WHERE id = ? AND status = 'running'",
        (applied, rounds_done, stamp(at), session_id),
    )


def finish(
    conn: sqlite3.Connection,
    session_id: int,
    *,
    status: Literal["completed", "stopped"],
    applied: float,
    rounds_done: int,
    at: datetime,
    note: str | None = None,
) -> None:
    """Close a session as completed or stopped with the time actually applied."""
    conn.execute(
        "UPDATE sessions SET status = ?, applied_seconds = ?, rounds_done = ?, ended_at = ?, note = ? WHERE id = ?",
        (status, applied, rounds_done, stamp(at), note, session_id),
    )


def mark_interrupted(conn: sqlite3.Connection, alive: Callable[[int], bool] = pid_alive) -> list[int]:
    """Mark rows left running by processes that are gone (a crash, kill -9) as interrupted; return their ids."""
    rows = conn.execute("SELECT id, pid FROM sessions WHERE status = 'running'").fetchall()
    gone = [int(row[0]) for row in rows if not_alive(row[1], alive)]
    for session_id in gone:
        # The applied time is what the last progress update saved; the guard keeps a row that
        # its own process finished in the meantime.
        conn.execute(
            "UPDATE sessions SET status = 'interrupted',"
            " note = COALESCE(note || '; ', '') || 'the program ended without finishing this session'"
            " WHERE id = ? AND status = 'running'",
            (session_id,),
        )
    return gone


def iter_sessions(
    conn: sqlite3.Connection,
    since: datetime | None = None,
    until: datetime | None = None,
    *,
    newest_first: bool = False,
) -> Iterator[SessionRecord]:
    """Sessions started from `since` to `until` (None: no bound), oldest first, one at a time.

    A row that cannot be read (an imported start time that is not a time) is left out and named
    once on stderr when the command ends (backspasm.unreadable).
    """
    for row in placed(conn, "sessions", _SELECT, since, until, newest_first=newest_first):
        record = _record(row)
        if record is not None:
            yield record


def list_sessions(
    conn: sqlite3.Connection, since: datetime | None = None, until: datetime | None = None
) -> list[SessionRecord]:
    """Sessions that started from `since` to `until` (all when None), oldest first."""
    return list(iter_sessions(conn, since, until))


_READ = SessionRecord._fields
_SELECT = ", ".join(_READ)
_reader = row_reader("sessions", _READ)


def _record(row: Sequence[Any]) -> SessionRecord | None:
    """A stored row (the columns of _READ) as a record; None when it cannot be read (named once on stderr)."""
    values = _reader(row)
    return SessionRecord(**values) if values is not None else None
