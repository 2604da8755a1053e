"""The store's `stretch_runs` rows: a routine is written when it starts and finished when it ends.

Like ice and heat sessions (backspasm.storage.sessions), a row starts as `running` with the id of its
process, `done` grows after each stretch, and `ended_at` holds the last time the process was
seen; a row left `running` by a process that is gone is marked `interrupted` the next time.
"""

import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Literal, NamedTuple

from backspasm.clock.now import parse_stamp, stamp
from backspasm.storage.columns import row_reader
from backspasm.storage.rows import placed
from backspasm.storage.sessions import not_alive, pid_alive
from backspasm.storage.times import micros

Finished = Literal["completed", "stopped", "worse", "interrupted"]


def begin(conn: sqlite3.Connection, routine: str, *, started_at: datetime, pid: int | None = None) -> int:
    """Record a routine that starts now, as running; return its id."""
    text = stamp(started_at)
    cursor = conn.execute(
        "INSERT INTO stretch_runs (routine, started_at, started_us, ended_at, status, done, pid)"
        " VALUES (?, ?, ?, ?, 'running', '[]', ?)",
        (routine, text, micros(parse_stamp(text)), text, os.getpid() if pid is None else pid),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def progress(conn: sqlite3.Connection, run_id: int, *, done: list[str], at: datetime) -> None:
    """Save the stretches done so far (and that the process was alive at `at`)."""
    conn.execute(
        "UPDATE stretch_runs SET done = ?, ended_at = ? WHERE id = ? AND status = 'running'",
        (json.dumps(done), stamp(at), run_id),
    )


def finish(
    conn: sqlite3.Connection,
    run_id: int,
    *,
    status: Finished,
    done: list[str],
    stopped_at: str | None,
    at: datetime,
) -> None:
    """Close a routine: how it ended, the stretches done, and the one it stopped at (if any)."""
    conn.execute(
        "UPDATE stretch_runs SET status = ?, done = ?, stopped_at_stretch = ?, ended_at = ? WHERE id = ?",
        (status, json.dumps(done), stopped_at, stamp(at), run_id),
    )


def mark_interrupted(conn: sqlite3.Connection, alive: Callable[[int], bool] = pid_alive) -> list[int]:
    """Mark routines left running by processes that are gone as interrupted; return their ids."""
    rows = conn.execute("SELECT id, pid FROM stretch_runs WHERE status = 'running'").fetchall()
    gone = [int(row[0]) for row in rows if not_alive(row[1], alive)]
    for run_id in gone:
        # The guard keeps a row its own process finished in the meantime.
        conn.execute("UPDATE stretch_runs SET status = 'interrupted' WHERE id = ? AND status = 'running'", (run_id,))
    return gone


class StretchRun(NamedTuple):
    """One guided stretch routine."""

    id: int
    routine: str
    started_at: datetime
    status: str
    done: list[str]
    stopped_at_stretch: str | None


_READ = ("id", "routine", "started_at", "status", "done", "stopped_at_stretch")
_SELECT = ", ".join(_READ)
_reader = row_reader("stretch_runs", _READ)


def iter_stretch_runs(
    conn: sqlite3.Connection,
    since: datetime | None = None,
    until: datetime | None = None,
    *,
    newest_first: bool = False,
) -> Iterator[StretchRun]:
    """Stretch routines started from `since` to `until` (None: no bound), oldest first, one at a time.

    A row that cannot be read is left out (or shown without what could not be read) and named once.
    """
    for row in placed(conn, "stretch_runs", _SELECT, since, until, newest_first=newest_first):
        values = _reader(row)
        if values is not None:
            yield StretchRun(**values)


def stretch_runs(
    conn: sqlite3.Connection, since: datetime | None = None, until: datetime | None = None
) -> list[StretchRun]:
    """Stretch routines started from `since` to `until` (all when None), oldest first."""
    return list(iter_stretch_runs(conn, since, until))
