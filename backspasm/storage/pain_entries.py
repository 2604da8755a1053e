"""The `pain_entries` table: one row per `backspasm log` entry."""

import json
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any, NamedTuple

from backspasm import unreadable
from backspasm.clock.now import parse_stamp, stamp
from backspasm.storage import pain_sums
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
    # One transaction: a reader making the day's sums between the drop and the write would keep
    # sums without this entry.
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN IMMEDIATE")
    try:
        pain_sums.drop_days(conn, micros(stored_at))
        cursor = conn.execute(
            "INSERT INTO pain_entries (at, at_us, pain, note, tried, new_symptoms) VALUES (?, ?, ?, ?, ?, ?)",
            (text, micros(stored_at), pain, note, json.dumps(tried), new_symptoms),
        )
        if own:
            conn.execute("COMMIT")
    except BaseException:
        if own and conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
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
) -> Iterator[tuple[tuple[str, ...], int | None, int]]:
    """Each entry from `since` to `until` that names a remedy, by its pain's change to the entry after it, counted.

    As (remedy ids, the next entry's pain minus this one's or None, how many entries): the next
    entry counts only when it came within `reach` (and is looked for up to `reach` after `until`);
    None after the last, or later than that. Rows come in the order each list of remedies was
    first named. SQLite pairs and counts the entries (the window function LEAD over the time
    index), so 100,000 entries give a few hundred rows; in a very large journal the whole days
    of the span are read from their kept counts (storage.pain_sums), the rest from the entries.
    """
    note_unplaced(conn, "pain_entries")
    low = micros(since) if since is not None else -(2**62)
    high = micros(until) if until is not None else 2**62
    reach_us = int(reach.total_seconds() * 1_000_000)
    groups: dict[tuple[str, int | None], list[int]] = {}
    whole = None
    if reach_us == pain_sums.PAIR_REACH_US and pain_sums.used(conn):
        whole = pain_sums.whole_days(conn, low if since is not None else None, high if until is not None else None)
        if whole is not None and not pain_sums.keep_tried(conn, *whole):
            whole = None
    if whole is None:
        _count_tried(groups, _tried_rows(conn, low, high, reach_us))
    else:
        first, last = whole
        _count_tried(groups, pain_sums.tried(conn, first, last))
        if low < first * pain_sums.DAY_US:
            _count_tried(groups, _tried_rows(conn, low, first * pain_sums.DAY_US - 1, reach_us))
        if high >= (last + 1) * pain_sums.DAY_US:
            _count_tried(groups, _tried_rows(conn, (last + 1) * pain_sums.DAY_US, high, reach_us))
    named_first: dict[str, int] = {}
    for (text, _), (_, at) in groups.items():
        named_first[text] = min(at, named_first.get(text, at))
    for (text, change), (count, _at) in sorted(groups.items(), key=lambda g: (named_first[g[0][0]], g[1][1])):
        ids = remedy_ids(text)
        if ids:
            yield ids, change, count


def _tried_rows(
    conn: sqlite3.Connection, low: int, high: int, reach_us: int
) -> list[tuple[str, int | None, int, int]]:
    """(remedies as stored, change or None, entries, earliest µs) of the entries from `low` to `high` (µs)."""
    cursor = conn.cursor()
    cursor.row_factory = None
    sql = f"SELECT tried, change, COUNT(*), MIN(at_us) FROM ({pain_sums.pairs_sql(reach_us, '?3')}) GROUP BY 1, 2"
    return cursor.execute(sql, (low, high + reach_us, high)).fetchall()


def _count_tried(
    groups: dict[tuple[str, int | None], list[int]], rows: Iterable[tuple[str, int | None, int, int]]
) -> None:
    """Add counted rows into `groups`: (remedies, change) -> [entries, earliest µs]."""
    for text, change, count, at in rows:
        found = groups.get((text, change))
        if found is None:
            groups[(text, change)] = [count, at]
        else:
            found[0] += count
            found[1] = min(found[1], at)
