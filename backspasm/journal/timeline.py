"""`backspasm history`: the journal as one timeline, with the pain trend and the escalation verdict.

Pain entries, triage runs, ice and heat sessions and stretch routines are read for a window
(the last N local days, or everything) through the indexed `at`/`started_at` columns, merged in
time order, and summed up by day. The escalation rules need about a year of the record; when
the window is shorter they read it themselves (backspasm.journal.escalation.assess).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, Literal

from backspasm.clock.now import local, localize
from backspasm.journal.escalation import Assessment, assess, assess_record, symptom_reports
from backspasm.journal.facts import LOOKBACK
from backspasm.journal.trend import DayPain, daily, daily_points
from backspasm.storage import journal as record
from backspasm.storage import sessions as history
from backspasm.storage.pain_entries import pain_entries_by_id, pain_points

if TYPE_CHECKING:
    from backspasm.kb.loader import KnowledgeBase
    from backspasm.storage.db import Connection

Kind = Literal["pain", "triage", "session", "stretch", "visit"]
# Within the same second, the order things usually happen in.
KIND_ORDER: dict[str, int] = {"pain": 0, "triage": 1, "session": 2, "stretch": 3, "visit": 4}
DEFAULT_DAYS = 30
# The sparkline shows at most this many days, so it fits on a line.
TREND_DAYS = 90

Item = record.PainEntry | record.TriageRun | history.SessionRecord | record.StretchRun | record.Visit


@dataclass(frozen=True)
class Row:
    """One thing in the journal: what kind, when, and the stored row."""

    kind: Kind
    at: datetime
    item: Item


@dataclass(frozen=True)
class Window:
    """The days the timeline covers: the last `days` local days up to `now`, or everything (days None)."""

    days: int | None
    since: datetime | None
    now: datetime


@dataclass(frozen=True)
class Timeline:
    """Everything `history` shows, computed once for the table and for JSON."""

    window: Window
    # The window's rows, oldest first: all of them, or the newest `limit` when build was given one.
    rows: list[Row]
    trend: list[DayPain]
    trend_first: date | None
    trend_last: date
    escalation: Assessment
    # True when nothing at all is recorded, in this window or before it.
    journal_empty: bool = False
    # How many rows the window holds (more than len(rows) when only the newest were kept).
    total: int = 0


def window(days: int | None, now: datetime) -> Window:
    """From local midnight `days - 1` days ago (today counts as one) to now; everything when None."""
    if days is None:
        return Window(None, None, now)
    first = local(now).date() - timedelta(days=days - 1)
    return Window(days, localize(datetime.combine(first, time(0))), now)


def merge(
    pain: list[record.PainEntry],
    triage: list[record.TriageRun],
    sessions: list[history.SessionRecord],
    stretches: list[record.StretchRun],
    now: datetime,
    visits: list[record.Visit] | None = None,
    newest: int | None = None,
) -> list[Row]:
    """Every row up to `now` in one list, oldest first; only the newest `newest` rows when given.

    Each list comes oldest first, so the newest rows overall are among the newest of each list:
    a table of 50 rows from a month of 7,000 entries merges 50 of each, not all of them.
    """

    def tail(items: list[Any], at: Callable[[Any], datetime]) -> list[Any]:
        kept = [item for item in items if at(item) <= now] if items and at(items[-1]) > now else items
        return kept if newest is None else kept[-newest:] if newest else []

    rows = [Row("pain", e.at, e) for e in tail(pain, lambda e: e.at)]
    rows += [Row("triage", t.at, t) for t in tail(triage, lambda t: t.at)]
    rows += [Row("session", s.started_at, s) for s in tail(sessions, lambda s: s.started_at)]
    rows += [Row("stretch", s.started_at, s) for s in tail(stretches, lambda s: s.started_at)]
    rows += [Row("visit", v.at, v) for v in tail(visits or [], lambda v: v.at)]
    ordered = sorted((r for r in rows if r.at <= now), key=lambda r: (r.at, KIND_ORDER[r.kind], r.item.id))
    return ordered if newest is None else ordered[-newest:] if newest else []


def trend_span(span: Window, first_entry: datetime | None) -> tuple[date | None, date]:
    """The days the sparkline covers: the window (or from the first entry), at most the last 90 days.

    The first day is None when there is no pain entry to draw.
    """
    last = local(span.now).date()
    if first_entry is None:
        return None, last
    first = local(span.since).date() if span.since is not None else local(first_entry).date()
    return max(first, last - timedelta(days=TREND_DAYS - 1)), last


def build(kb: KnowledgeBase, conn: Connection, span: Window, newest: int | None = None) -> Timeline:
    """Read the window from the store and put the timeline together (keeping the newest `newest` rows when given).

    With `newest`, a window shorter than the year the rules read is read lightly: the trend from
    each entry's time and score alone, and the table's few entries whole.
    """
    since, now = span.since, span.now
    if newest is not None and since is not None and since > now - LOOKBACK:
        return _build_newest(kb, conn, span, newest)
    pain = [e for e in record.pain_entries(conn, since) if e.at <= now]
    triage, seen, sessions, stretches = _others(conn, since, now)
    rows = merge(pain, triage, sessions, stretches, now, seen, newest)
    total = len(pain) + len(triage) + len(seen) + len(sessions) + len(stretches)
    if since is None or since <= now - LOOKBACK:
        # The window already holds the year the rules read: no second pass over the store.
        verdict = assess_record(kb, record.Record(since, pain, triage, visits=seen), now, symptom_reports(conn, now))
    else:
        verdict = assess(conn, kb, now)
    first, last = trend_span(span, pain[0].at if pain else None)
    shown = [d for d in daily(pain) if first is not None and d.day >= first]
    empty = not total and record.nothing_recorded(conn)
    return Timeline(span, rows, shown, first, last, verdict, journal_empty=empty, total=total)


def _others(
    conn: Connection, since: datetime | None, now: datetime
) -> tuple[list[record.TriageRun], list[record.Visit], list[history.SessionRecord], list[record.StretchRun]]:
    """The window's triage runs, doctor visits, sessions and stretch routines up to `now`."""
    triage = [t for t in record.triage_runs(conn, since) if t.at <= now]
    seen = [v for v in record.visits(conn, since) if v.at <= now]
    sessions = [s for s in history.list_sessions(conn, since) if s.started_at <= now]
    stretches = [s for s in record.stretch_runs(conn, since) if s.started_at <= now]
    return triage, seen, sessions, stretches


def _build_newest(kb: KnowledgeBase, conn: Connection, span: Window, newest: int) -> Timeline:
    since, now = span.since, span.now
    assert since is not None  # build sends only windows shorter than the year the rules read
    triage, seen, sessions, stretches = _others(conn, since, now)
    stored = _stored_pain(conn, since, now, newest)
    if stored is None:
        points = pain_points(conn, since, now)
        pain = pain_entries_by_id(conn, [point[1] for point in points[-newest:]]) if newest else []
        count, first_entry, by_day = len(points), points[0][0] if points else None, daily_points(points)
    else:
        pain, count, first_entry, by_day = stored
    rows = merge(pain, triage, sessions, stretches, now, seen, newest)
    total = count + len(triage) + len(seen) + len(sessions) + len(stretches)
    first, last = trend_span(span, first_entry)
    shown = [d for d in by_day if first is not None and d.day >= first]
    empty = not total and record.nothing_recorded(conn)
    return Timeline(span, rows, shown, first, last, assess(conn, kb, now), journal_empty=empty, total=total)


def _stored_pain(
    conn: Connection, since: datetime, now: datetime, newest: int
) -> tuple[list[record.PainEntry], int, datetime | None, list[DayPain]] | None:
    """The newest entries, their count, the first one's time and the days, asked of the store (None: read them)."""
    from backspasm.clock.now import local_zone_modifier
    from backspasm.storage.pain_index import PainIndex, odd_rows

    if odd_rows(conn, since):
        return None
    index = PainIndex(conn, since, now)
    found = index.by_day(local_zone_modifier())
    if found is None:
        return None
    days = [DayPain(day, n, low, high, mean) for day, n, low, high, mean in found[0]]
    pain = index.newest(newest)[::-1] if newest else []
    return pain, sum(d.count for d in days), index.first_since(since) if days else None, days
