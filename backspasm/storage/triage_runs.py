"""Triage runs in the journal: each finished run is saved, and its onset is remembered.

A row holds the answers, the level, the --json result object and, when `days_since_onset` was
answered, when the episode began. `backspasm session` reads that onset back so it can suggest
ice or heat without asking again.
"""

import json
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from backspasm.clock.now import parse_stamp, stamp
from backspasm.storage.columns import MAX_ONSET_DAYS, row_reader
from backspasm.storage.rows import placed, stored_json
from backspasm.storage.times import micros

# An onset is remembered while its triage is this recent: after two weeks a new episode is
# likelier than the same one (the journal's episode gap, backspasm/journal/facts.py).
REMEMBER_FOR = timedelta(days=14)


class RememberedOnset(NamedTuple):
    """When the episode began, as the latest triage recorded it, and when that triage was."""

    onset: datetime
    triage_at: datetime


def onset_from(answers: Mapping[str, Any], at: datetime) -> datetime | None:
    """The episode's start: `at` minus `days_since_onset`, or None when it was not answered."""
    days = answers.get("days_since_onset")
    if isinstance(days, bool) or not isinstance(days, (int, float)) or not 0 <= days <= MAX_ONSET_DAYS:
        return None
    try:
        return at - timedelta(days=days)
    except OverflowError:
        return None


def save_run(
    conn: sqlite3.Connection, answers: Mapping[str, Any], level: str, result: Mapping[str, Any], at: datetime
) -> int:
    """Write one finished triage run (its answers, level and --json result object) to `triage_runs`; return its id."""
    onset = onset_from(answers, at)
    text = stamp(at)
    cursor = conn.execute(
        "INSERT INTO triage_runs (at, at_us, answers, disposition, result, onset_at) VALUES (?, ?, ?, ?, ?, ?)",
        (
            text,
            micros(parse_stamp(text)),
            json.dumps(answers, ensure_ascii=False),
            level,
            json.dumps(result, ensure_ascii=False),
            stamp(onset) if onset is not None else None,
        ),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def remembered_onset(conn: sqlite3.Connection, now: datetime) -> RememberedOnset | None:
    """The onset from the latest triage that recorded one, if that triage was in the last two weeks."""
    row = conn.execute(
        "SELECT at, onset_at FROM triage_runs WHERE onset_at IS NOT NULL ORDER BY id DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    try:
        at, onset = parse_stamp(str(row[0])), parse_stamp(str(row[1]))
    except ValueError:
        return None
    if at > now or now - at > REMEMBER_FOR:
        return None
    return RememberedOnset(min(onset, now), at)


def remembered_answer(conn: sqlite3.Connection, now: datetime, key: str) -> str | None:
    """The text answer to `key` of the latest triage that gave one, if it was in the last two weeks."""
    for at_text, answers_text in conn.execute("SELECT at, answers FROM triage_runs ORDER BY id DESC LIMIT 50"):
        try:
            at, answers = parse_stamp(str(at_text)), json.loads(str(answers_text))
        except ValueError:
            continue
        if at > now or now - at > REMEMBER_FOR:
            return None
        if isinstance(answers, dict) and isinstance(answers.get(key), str):
            return str(answers[key])
    return None


def remembered_location(conn: sqlite3.Connection, now: datetime) -> str | None:
    """Where the spasm is (`location`) from the latest triage that said so, if it was in the last two weeks."""
    return remembered_answer(conn, now, "location")


class SavedTriage(NamedTuple):
    """One saved triage: the answers, the level reached and the --json result object."""

    id: int
    at: datetime
    answers: dict[str, Any]
    disposition: str
    # The result as stored (JSON text), or the object itself: the journal's facts read a year of
    # runs and never their results, so the text is decoded only when `result` is read.
    stored_result: str | dict[str, Any]
    onset_at: datetime | None

    @property
    def result(self) -> dict[str, Any]:
        """The --json result object of the run ({} when the stored one cannot be read); decoded when read."""
        stored = self.stored_result
        value: dict[str, Any] = stored_json(stored, {}) if isinstance(stored, str) else stored
        return value


_COLUMNS = ("id", "at", "answers", "disposition", "result", "onset_at")
_SELECT = ", ".join(_COLUMNS)
_READ = ("id", "at", "answers", "disposition", "onset_at")
_reader = row_reader("triage_runs", _READ)


def _triage_run(row: Sequence[Any]) -> SavedTriage | None:
    # Rows in _COLUMNS' order: id, at, answers, disposition, result, onset_at.
    values = _reader((row[0], row[1], row[2], row[3], row[5]))
    if values is None:
        return None
    return SavedTriage(values["id"], values["at"], values["answers"], values["disposition"], row[4], values["onset_at"])


def iter_triage_runs(
    conn: sqlite3.Connection,
    since: datetime | None = None,
    until: datetime | None = None,
    *,
    newest_first: bool = False,
) -> Iterator[SavedTriage]:
    """Saved triage runs from `since` to `until` (None: no bound), oldest first, one at a time."""
    for row in placed(conn, "triage_runs", _SELECT, since, until, newest_first=newest_first):
        run = _triage_run(row)
        if run is not None:
            yield run


def triage_runs(
    conn: sqlite3.Connection, since: datetime | None = None, until: datetime | None = None
) -> list[SavedTriage]:
    """Saved triage runs from `since` to `until` (all when None), oldest first."""
    return list(iter_triage_runs(conn, since, until))


def latest_triage_run(conn: sqlite3.Connection) -> list[SavedTriage]:
    """The most recently saved triage run (a list of zero or one), however old."""
    row = conn.execute(f"SELECT {_SELECT} FROM triage_runs ORDER BY id DESC LIMIT 1").fetchone()
    run = _triage_run(row) if row is not None else None
    return [run] if run else []


class RecentTriage(NamedTuple):
    """What the latest triage of the last two weeks answered, as far as later commands need it.

    `answers` are the latest run's (empty when it is older); `pregnancy` and `location` the
    latest recent run's that gave one. Unknown (no journal, or one that cannot be read) is all empty.
    """

    answers: Mapping[str, Any]
    pregnancy: str | None
    location: str | None


UNKNOWN = RecentTriage({}, None, None)


def recent_answers(conn: sqlite3.Connection, now: datetime) -> dict[str, Any]:
    """The answers of the latest triage if it was in the last two weeks; empty otherwise."""
    runs = latest_triage_run(conn)
    if not runs or runs[0].at > now or now - runs[0].at > REMEMBER_FOR:
        return {}
    return dict(runs[0].answers)


def peek_recent_triage(now: datetime) -> RecentTriage:
    """The recent triage's answers, read without creating a journal; UNKNOWN when there is none to read.

    A journal that cannot be read only costs the emphasis these answers give, never the command.
    """
    from backspasm.errors import StoreError
    from backspasm.storage.db import connect
    from backspasm.storage.paths import DB_NAME, home_dir

    if not (home_dir() / DB_NAME).exists():
        return UNKNOWN
    try:
        conn = connect()
    except StoreError:
        return UNKNOWN
    try:
        return RecentTriage(
            recent_answers(conn, now),
            remembered_answer(conn, now, "pregnancy"),
            remembered_answer(conn, now, "location"),
        )
    except sqlite3.Error:  # a damaged journal only costs the emphasis
        return UNKNOWN
    finally:
        conn.close()
