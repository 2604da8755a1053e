"""`backspasm history`: the journal as one timeline, with the pain trend and the escalation verdict.

Pain entries, triage runs, ice and heat sessions and stretch routines are read for a window
(the last N local days, or everything) through the indexed `at`/`started_at` columns, merged in
time order, and summed up by day. The escalation rules need about a year of the record; when
the window is shorter they read it themselves (backspasm.journal.escalation.assess).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Literal

from backspasm.clock.now import local, localize
from backspasm.journal.escalation import Assessment, assess, assess_record
from backspasm.journal.facts import LOOKBACK
from backspasm.journal.trend import DayPain, daily
from backspasm.storage import journal as record
from backspasm.storage import sessions as history

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
    rows: list[Row]
    trend: list[DayPain]
    trend_first: date | None
    trend_last: date
    escalation: Assessment
    # True when nothing at all is recorded, in this window or before it.
    journal_empty: bool = False


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
) -> list[Row]:
    """Every row up to `now` in one list, oldest first."""
    rows = [Row("pain", e.at, e) for e in pain]
    rows += [Row("triage", t.at, t) for t in triage]
    rows += [Row("session", s.started_at, s) for s in sessions]
    rows += [Row("stretch", s.started_at, s) for s in stretches]
    rows += [Row("visit", v.at, v) for v in visits or []]
    return sorted((r for r in rows if r.at <= now), key=lambda r: (r.at, KIND_ORDER[r.kind], r.item.id))


def trend_span(span: Window, pain: list[record.PainEntry]) -> tuple[date | None, date]:
    """The days the sparkline covers: the window (or from the first entry), at most the last 90 days.

    The first day is None when there is no pain entry to draw.
    """
    last = local(span.now).date()
    if not pain:
        return None, last
    first = local(span.since).date() if span.since is not None else local(pain[0].at).date()
    return max(first, last - timedelta(days=TREND_DAYS - 1)), last


def build(kb: KnowledgeBase, conn: Connection, span: Window) -> Timeline:
    """Read the window from the store and put the timeline together."""
    since, now = span.since, span.now
    pain = [e for e in record.pain_entries(conn, since) if e.at <= now]
    triage = [t for t in record.triage_runs(conn, since) if t.at <= now]
    seen = [v for v in record.visits(conn, since) if v.at <= now]
    rows = merge(pain, triage, history.list_sessions(conn, since), record.stretch_runs(conn, since), now, seen)
    if since is None or since <= now - LOOKBACK:
        # The window already holds the year the rules read: no second pass over the store.
        verdict = assess_record(kb, record.Record(since, pain, triage, visits=seen), now)
    else:
        verdict = assess(conn, kb, now)
    first, last = trend_span(span, pain)
    shown = [d for d in daily(pain) if first is not None and d.day >= first]
    return Timeline(span, rows, shown, first, last, verdict, journal_empty=not rows and record.nothing_recorded(conn))
