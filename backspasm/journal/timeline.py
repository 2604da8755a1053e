"""`backspasm history`: the journal as one timeline, with the pain trend and the escalation verdict.

Pain entries, triage runs, ice and heat sessions, stretch routines and doctor visits are read for
a window (the last N local days, or everything) through each table's time as a number, merged
in time order. The table shows the newest rows, read newest first and no further; every row
(`--json`, `--limit 0`) is read as it is drawn, one at a time, so a journal of a million rows
never sits in memory. The trend and the counts are asked of the store
(backspasm.storage.pain_index), and the escalation rules read their year themselves
(backspasm.journal.escalation.assess).
"""

import heapq
import itertools
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Literal, NamedTuple, TypeAlias

from backspasm.clock.now import local, localize

if TYPE_CHECKING:
    from backspasm.journal import peg
    from backspasm.journal.escalation import Assessment
    from backspasm.journal.trend import DayPain
    from backspasm.kb.loader import KnowledgeBase
    from backspasm.storage import journal as record
    from backspasm.storage.db import Connection
    from backspasm.storage.pain_entries import PainText
    from backspasm.storage.sessions import SessionRecord

Kind = Literal["pain", "triage", "session", "stretch", "visit"]
# Within the same second, the order things usually happen in (Row.rank).
KIND_ORDER: dict[str, int] = {"pain": 0, "triage": 1, "session": 2, "stretch": 3, "visit": 4}
DEFAULT_DAYS = 30
# The sparkline shows at most this many days, so it fits on a line.
TREND_DAYS = 90

if TYPE_CHECKING:
    Item: TypeAlias = record.PainEntry | record.TriageRun | SessionRecord | record.StretchRun | record.Visit


class Row(NamedTuple):
    """One thing in the journal: when, what kind, and the stored row.

    A tuple that sorts in timeline order by itself (time, then kind, then id), so that the
    tables' rows merge without a key: a window can hold a million.
    """

    at: datetime
    rank: int  # KIND_ORDER of its kind
    id: int
    kind: Kind
    item: "Item"
    # The time as outputs write it, when the store already holds it so (else None: format `at`).
    stamp: str | None = None


class Window(NamedTuple):
    """The days the timeline covers: the last `days` local days up to `now`, or everything (days None)."""

    days: int | None
    since: datetime | None
    now: datetime


class Timeline(NamedTuple):
    """Everything `history` shows, computed once for the table and for JSON."""

    window: Window
    # The window's rows, oldest first: the newest `newest` (a list) when build was given a number,
    # else every row, read from the store each time it is walked (see Rows).
    rows: Iterable[Row]
    trend: "list[DayPain]"
    trend_first: date | None
    trend_last: date
    escalation: "Assessment"
    # True when nothing at all is recorded, in this window or before it.
    journal_empty: bool = False
    # How many rows the window holds (more than `rows` has when only the newest were kept).
    total: int = 0
    # The weekly check-ins of the episode (journal/peg.py): the PEG line in words, and as JSON-ready values.
    peg_lines: tuple[str, ...] = ()
    peg: dict[str, object] | None = None


def window(days: int | None, now: datetime) -> Window:
    """From local midnight `days - 1` days ago (today counts as one) to now; everything when None."""
    if days is None:
        return Window(None, None, now)
    first = local(now).date() - timedelta(days=days - 1)
    return Window(days, localize(datetime.combine(first, time(0))), now)


def trend_span(span: Window, first_entry: datetime | None) -> tuple[date | None, date]:
    """The days the sparkline covers: the window (or from the first entry), at most the last 90 days.

    The first day is None when there is no pain entry to draw.
    """
    last = local(span.now).date()
    if first_entry is None:
        return None, last
    first = local(span.since).date() if span.since is not None else local(first_entry).date()
    return max(first, last - timedelta(days=TREND_DAYS - 1)), last


def _pain_row(entry: "record.PainEntry", stamp: str | None) -> Row:
    # Made without NamedTuple's Python-level __new__: a window can hold a million.
    return tuple.__new__(Row, (entry.at, 0, entry.id, "pain", entry, stamp))


def _tables(
    conn: "Connection", since: datetime | None, now: datetime, newest_first: bool, *, pain: bool = True
) -> list[Iterator[Row]]:
    """Each table's rows of the window as Rows, oldest (or newest) first; no pain entries unless `pain`."""
    from backspasm.storage.pain_entries import as_entry, iter_pain_texts
    from backspasm.storage.sessions import iter_sessions
    from backspasm.storage.stretch_runs import iter_stretch_runs
    from backspasm.storage.triage_runs import iter_triage_runs
    from backspasm.storage.visits import iter_visits

    order = {"newest_first": newest_first}
    return [
        (
            (_pain_row(as_entry(found), found[4]) for found in iter_pain_texts(conn, since, now, **order))
            if pain
            else iter(())
        ),
        (Row(t.at, 1, t.id, "triage", t) for t in iter_triage_runs(conn, since, now, **order)),
        (Row(s.started_at, 2, s.id, "session", s) for s in iter_sessions(conn, since, now, **order)),
        (Row(s.started_at, 3, s.id, "stretch", s) for s in iter_stretch_runs(conn, since, now, **order)),
        (Row(v.at, 4, v.id, "visit", v) for v in iter_visits(conn, since, now, **order)),
    ]


class Rows:
    """Every row of a window, oldest first, read from the store each time it is walked.

    Each table is read in time order and the five are merged as they come, so the rows of a
    million-row journal pass through one at a time (the connection must stay open while they do).
    """

    def __init__(self, conn: "Connection", since: datetime | None, now: datetime) -> None:
        self.conn, self.since, self.now = conn, since, now

    def __iter__(self) -> Iterator[Row]:
        from backspasm.storage.pain_entries import as_entry

        for found in self.each():
            yield found if isinstance(found, Row) else _pain_row(as_entry(found), found[4])

    def each(self) -> "Iterator[Row | PainText]":
        """Every row in order: the pain entries as read (storage.pain_entries.PainText), every other as a Row.

        An output of every row writes a pain entry straight from what was read; the pain entries
        are most of the rows, so each is merged in line with the others (one comparison).
        """
        from backspasm.storage.pain_entries import iter_pain_texts
        from backspasm.storage.times import micros

        others = self.others()
        # A pain entry's rank is 0, every other kind's above: another row at the same microsecond
        # comes after the pain entry, so only an earlier time puts it first.
        waiting = next(others, None)
        waiting_us = micros(waiting.at) if waiting is not None else 0
        for found in iter_pain_texts(self.conn, self.since, self.now):
            while waiting is not None and waiting_us < found[0]:
                yield waiting
                waiting = next(others, None)
                waiting_us = micros(waiting.at) if waiting is not None else 0
            yield found
        if waiting is not None:
            yield waiting
            yield from others

    def others(self) -> Iterator[Row]:
        """Every row of the window but the pain entries, oldest first (each table read as they are walked)."""
        return heapq.merge(*_tables(self.conn, self.since, self.now, False, pain=False))


def newest_rows(conn: "Connection", since: datetime | None, now: datetime, count: int) -> list[Row]:
    """The newest `count` rows of the window, oldest first: each table read newest first, no further."""
    if count <= 0:
        return []
    newest = heapq.merge(*_tables(conn, since, now, True), reverse=True)
    return list(itertools.islice(newest, count))[::-1]


def count_rows(conn: "Connection", since: datetime | None, now: datetime) -> int:
    """How many rows the window holds, every table counted by its time's index."""
    from backspasm.storage.columns import NUMBERS
    from backspasm.storage.times import span

    total = 0
    for table, number in NUMBERS.items():
        if table not in TABLE_KINDS:  # the weekly check-ins have the PEG line of their own
            continue
        where, params = span(number, since, now)
        total += int(conn.execute(f"SELECT COUNT(*) FROM {table} WHERE {where}", params).fetchone()[0])
    return total


# The tables whose rows are the timeline's, by the kind of row they give.
TABLE_KINDS = {
    "pain_entries": "pain",
    "triage_runs": "triage",
    "sessions": "session",
    "stretch_runs": "stretch",
    "doctor_visits": "visit",
}


def peg_of(conn: "Connection", span: Window, start: datetime | None) -> "peg.Change | None":
    """The weekly check-ins read together: the current episode's (from `start`), else the window's."""
    from backspasm.journal import peg
    from backspasm.storage.check_ins import check_ins

    since = start - peg.GRACE if start is not None else span.since
    return peg.change(check_ins(conn, since, span.now))


def build(kb: "KnowledgeBase", conn: "Connection", span: Window, newest: int | None = None) -> Timeline:
    """The timeline of the window: the newest `newest` rows when given, else every row (read as walked)."""
    from backspasm.journal.escalation import assess
    from backspasm.journal.trend import DayPain
    from backspasm.storage.journal import nothing_recorded
    from backspasm.storage.pain_index import PainIndex

    since, now = span.since, span.now
    index = PainIndex(conn, since, now)
    rows: Iterable[Row] = Rows(conn, since, now) if newest is None else newest_rows(conn, since, now, newest)
    total = count_rows(conn, since, now)
    first, last = trend_span(span, index.first())
    shown = []
    if first is not None:
        from_day = localize(datetime.combine(first, time(0)))
        shown = [DayPain(*day) for day in index.days(from_day)]
    empty = not total and nothing_recorded(conn)
    from backspasm.journal import peg

    assessment = assess(conn, kb, now)
    start = peg.episode_start(assessment.facts)
    found = peg_of(conn, span, start)
    return Timeline(
        span,
        rows,
        shown,
        first,
        last,
        assessment,
        journal_empty=empty,
        total=total,
        peg_lines=peg.summary_lines(found, start is not None),
        peg=peg.change_data(found),
    )
