"""The pain entries the journal facts need, asked of the store instead of read whole.

A year of entries can be 100,000 rows; parsing each timestamp in Python made `log`, `history` and
`report` several times slower than with a short journal. The facts only need a few things from
them: where runs of pain begin and end, the latest entries, counts, and two days' averages. Each
is found here with a few index seeks over the `at` column.

Stored times are ISO 8601 text with the writer's UTC offset, so text order is time order only
roughly: a moment's text (its wall-clock time) is within 14 hours of its UTC time. Every query
therefore reads a text range a day wider than it needs on each side and cuts exactly on the
instant SQLite computes (`julianday`), in whole microseconds like Python's datetimes.

SQLite and Python read a few odd texts differently (30 February, hour 24, offsets beyond
14 hours, fractions of a second, a missing offset). `odd_rows` finds any such row through a
partial index (store.ODD_AT), and the caller then reads the entries the old way, so the facts
never depend on which path computed them.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, time, timedelta, timezone

from backspasm.clock.now import local, localize, parse_stamp
from backspasm.storage.db import ODD_AT
from backspasm.storage.pain_entries import PainEntry, _remedy_ids, shown_note, shown_tried
from backspasm.storage.sessions import OFFSET_SLACK

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
# How many of the latest notes the report quotes (journal.window.NOTES_SHOWN).
NOTES_SHOWN = 10
# A window summed up (journal.window.WindowSummary's fields as plain values): the number of
# entries, (day, count, low, high, mean) by local day, the latest entry, (remedy, times, last)
# in the order first named, the number of notes, and the latest notes, newest first.
DayRow = tuple[date, int, int, int, float]
Summary = tuple[
    int,
    list[DayRow],
    PainEntry | None,
    list[tuple[str, int, datetime]],
    int,
    list[PainEntry],
]
# A stored time's wall-clock text is within this of its UTC time (offsets run from -12 to +14 hours).
MARGIN = timedelta(days=1)
# Microseconds since 1970 of a stored time; NULL for text SQLite cannot read.
_US = "CAST(ROUND((julianday(at) - 2440587.5) * 86400000) AS INTEGER) * 1000"
_COLUMNS = "id, at, pain, note, tried"


def micros(moment: datetime) -> int:
    """Whole microseconds since 1970 (exact, unlike timestamp())."""
    return (moment - EPOCH) // timedelta(microseconds=1)


def moment(us: int) -> datetime:
    """The instant `us` microseconds after 1970, in UTC."""
    return EPOCH + timedelta(microseconds=us)


def _text(us: int, shift: timedelta) -> str:
    # A bound on the stored text: the wall-clock UTC time, moved by `shift` to cover any offset.
    return (moment(us) + shift).strftime("%Y-%m-%dT%H:%M:%S")


def odd_rows(conn: sqlite3.Connection, since: datetime) -> bool:
    """True when some pain entry from `since` on is stored in a form other than the store's own."""
    bound = (since - OFFSET_SLACK).astimezone().date().isoformat()
    # The same condition as the partial index pain_entries_odd_at, so the index answers it.
    found = conn.execute(f"SELECT 1 FROM pain_entries WHERE at >= ? AND ({ODD_AT}) LIMIT 1", (bound,)).fetchone()
    return found is not None


class PainIndex:
    """The pain entries from `since` to `now` (both included), asked for piece by piece."""

    def __init__(self, conn: sqlite3.Connection, since: datetime, now: datetime) -> None:
        self.conn = conn
        self.low = micros(since)
        self.high = micros(now)

    def _select(self, what: str, where: str, first: int, last: int, tail: str = "") -> list[sqlite3.Row]:
        """Rows whose instant lies in [first, last], read through a text range a margin wider."""
        first, last = max(first, self.low), min(last, self.high)
        if first > last:
            return []
        sql = (
            f"SELECT {what} FROM (SELECT *, {_US} AS us FROM pain_entries WHERE at >= ? AND at < ? AND {where})"
            f" WHERE us >= ? AND us <= ? {tail}"
        )
        rows: list[sqlite3.Row] = self.conn.execute(
            sql, (_text(first, -MARGIN), _text(last, MARGIN), first, last)
        ).fetchall()
        return rows

    def _seek(self, where: str, first: int, last: int, earliest: bool) -> int | None:
        """The instant of the earliest (or latest) entry in [first, last] matching `where`.

        One index seek finds the first match in text order. No match has text before it (after
        it, seeking the latest), and one earlier in time has text within a day of it, so only
        that short range is then read for the exact answer.
        """
        first, last = max(first, self.low), min(last, self.high)
        if first > last:
            return None
        order = "at" if earliest else "at DESC"
        sql = (
            f"SELECT us, at FROM (SELECT {_US} AS us, at FROM pain_entries WHERE at >= ? AND at < ? AND {where}"
            f" ORDER BY {order}) WHERE us >= ? AND us <= ? LIMIT 1"
        )
        row = self.conn.execute(sql, (_text(first, -MARGIN), _text(last, MARGIN), first, last)).fetchone()
        if row is None:
            return None
        found, text = int(row[0]), str(row[1])
        if earliest:
            near, bounds, cut = "MIN", (text, _text(found, MARGIN)), (first, found)
        else:
            near, bounds, cut = "MAX", (_text(found, -MARGIN), text + "~"), (found, last)
        best = self.conn.execute(
            f"SELECT {near}(us) FROM (SELECT {_US} AS us FROM pain_entries WHERE at >= ? AND at < ? AND {where})"
            " WHERE us >= ? AND us <= ?",
            (*bounds, *cut),
        ).fetchone()[0]
        return found if best is None else int(best)

    def islands(self) -> list[tuple[datetime, datetime]]:
        """Runs of pain moments (pain above 0) with less than 14 days between neighbours, oldest first."""
        gap = micros(EPOCH + timedelta(days=14))
        found: list[tuple[datetime, datetime]] = []
        start = self._seek("pain > 0", self.low, self.high, earliest=True)
        while start is not None:
            end = start
            while (further := self._seek("pain > 0", end + 1, end + gap - 1, earliest=False)) is not None:
                end = further
            found.append((moment(start), moment(end)))
            start = self._seek("pain > 0", end + 1, self.high, earliest=True)
        return found

    def pain_free_after(self, when: datetime) -> bool:
        """True when an entry with pain 0 came after `when`."""
        return self._seek("pain = 0", micros(when) + 1, self.high, earliest=True) is not None

    def _entry(self, row: sqlite3.Row) -> PainEntry:
        entry_id = row["id"]
        tried, note = shown_tried(entry_id, row["tried"]), shown_note(entry_id, row["note"])
        return PainEntry(entry_id, parse_stamp(row["at"]), int(row["pain"]), note, tried)

    def latest(self) -> PainEntry | None:
        """The latest entry (the higher id when two share a moment)."""
        last = self._seek("1", self.low, self.high, earliest=False)
        if last is None:
            return None
        rows = self._select(_COLUMNS, "1", last, last, "ORDER BY id DESC LIMIT 1")
        return self._entry(rows[0])

    def count_since(self, start: datetime) -> int:
        """How many entries from `start` on."""
        first = max(micros(start), self.low)
        if first > self.high:
            return 0
        inner_lo, inner_hi = _text(first, MARGIN), _text(self.high, -MARGIN)
        if inner_lo >= inner_hi:
            return int(self._select("COUNT(*)", "1", first, self.high)[0][0])
        # Entries whose text lies well inside the span are counted by the index alone; only the
        # day at each end needs the exact instant.
        inner = self.conn.execute(
            "SELECT COUNT(*) FROM pain_entries WHERE at >= ? AND at < ?", (inner_lo, inner_hi)
        ).fetchone()[0]
        edges = self.conn.execute(
            f"SELECT COUNT(*) FROM (SELECT {_US} AS us FROM pain_entries"
            " WHERE (at >= ? AND at < ?) OR (at >= ? AND at < ?)) WHERE us >= ? AND us <= ?",
            (_text(first, -MARGIN), inner_lo, inner_hi, _text(self.high, MARGIN), first, self.high),
        ).fetchone()[0]
        return int(inner) + int(edges)

    def rising(self, start: datetime) -> list[int]:
        """The latest entries from `start` on whose pain each rose above the one before (3, 4, 6)."""
        first = max(micros(start), self.low)
        day = micros(EPOCH + timedelta(days=1))
        run: list[int] = []
        last = self.high
        while last >= first:
            # A day at a time, newest first: rows of that day are all in the text range read.
            rows = self._select("pain", "1", max(first, last - day + 1), last, "ORDER BY us DESC, id DESC")
            for row in rows:
                pain = int(row[0])
                if run and pain >= run[0]:
                    return run
                run.insert(0, pain)
            last -= day
        return run

    def first_since(self, start: datetime) -> datetime | None:
        """The moment of the earliest entry from `start` on."""
        found = self._seek("1", micros(start), self.high, earliest=True)
        return None if found is None else moment(found)

    def pains_on(self, day: date, start: datetime) -> list[int]:
        """The pain of each entry on a local day, from `start` on."""
        # A few hours' room around local midnight (a clock change may move it), then the local
        # day of each row decides, as local_days does.
        room = timedelta(hours=3)
        first = micros(localize(datetime.combine(day, time(0))) - room)
        last = micros(localize(datetime.combine(day + timedelta(days=1), time(0))) + room)
        rows = self._select("pain, at", "1", max(first, micros(start)), last, "ORDER BY us, id")
        return [int(row[0]) for row in rows if local(parse_stamp(row[1])).date() == day]

    def by_day(self, day_modifier: str) -> tuple[list[DayRow], int] | None:
        """(day, count, low, high, mean) by local day, oldest first, and how many entries have a note.

        `day_modifier` is clock.now.local_zone_modifier(): date() then gives local days, as
        local_days does. None when some pain is not a whole number (SQLite would sum it otherwise).
        """
        noted = "note IS NOT NULL AND note != ''"
        rows = self._select(
            f"date(at, '{day_modifier}') AS day, COUNT(*), MIN(pain), MAX(pain), AVG(pain), SUM({noted}),"
            " SUM(typeof(pain) != 'integer')",
            "1",
            self.low,
            self.high,
            "GROUP BY day ORDER BY day",
        )
        if any(row[6] for row in rows):
            return None
        days = [(date.fromisoformat(str(row[0])), int(row[1]), int(row[2]), int(row[3]), float(row[4])) for row in rows]
        return days, sum(int(row[5] or 0) for row in rows)

    def newest(self, count: int, where: str = "1") -> list[PainEntry]:
        """The latest `count` entries (matching `where`), newest first."""
        # The latest `count` in text order, walked backwards on the index: the latest `count` in
        # time are all at or after the earliest of them, so only that short stretch is read.
        earliest = self.conn.execute(
            f"SELECT MIN(us) FROM (SELECT us FROM (SELECT {_US} AS us, at FROM pain_entries"
            f" WHERE at >= ? AND at < ? AND {where}) WHERE us >= ? AND us <= ? ORDER BY at DESC LIMIT ?)",
            (_text(self.low, -MARGIN), _text(self.high, MARGIN), self.low, self.high, int(count)),
        ).fetchone()[0]
        if earliest is None:
            return []
        rows = self._select(_COLUMNS, where, int(earliest), self.high, f"ORDER BY us DESC, id DESC LIMIT {int(count)}")
        return [self._entry(row) for row in rows]

    def summary(self, day_modifier: str) -> Summary | None:
        """The entries summed up as journal.window.summarise does, or None when SQLite cannot say it exactly.

        The store declines (None) for a pain that is not a whole number, and for two different
        `tried` lists first named at the same instant (the order of first naming would hang on ids).
        """
        found = self.by_day(day_modifier)
        if found is None:
            return None
        days, notes_count = found
        # Each distinct `tried` list once: when it was first and last named, and how often.
        lists = self._select(
            "tried, COUNT(*), MIN(us) AS first, MAX(us)", "tried IS NOT NULL", self.low, self.high, "GROUP BY tried"
        )
        firsts = [int(row[2]) for row in lists if _remedy_ids(row[0])]
        if len(firsts) != len(set(firsts)):
            return None
        times: dict[str, int] = {}
        last: dict[str, int] = {}
        for tried, count, _, latest_us in sorted(lists, key=lambda row: int(row[2])):
            for remedy in _remedy_ids(tried):
                times[remedy] = times.get(remedy, 0) + int(count)
                last[remedy] = max(last.get(remedy, int(latest_us)), int(latest_us))
        tried_rows = [(remedy, n, moment(last[remedy])) for remedy, n in times.items()]
        notes = self.newest(NOTES_SHOWN, "note IS NOT NULL AND note != ''")
        return sum(d[1] for d in days), days, self.latest(), tried_rows, notes_count, notes
