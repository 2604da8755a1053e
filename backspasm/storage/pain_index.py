"""What the journal's facts, its report and `history` need of the pain entries, asked of SQLite.

A journal can hold a million entries; none of these commands reads them whole. Each question
(where runs of pain begin and end, the latest entries, counts, each local day's lowest, highest
and mean pain, the remedies named) is a few seeks and range scans of the index on each entry's
time as a number (`pain_entries_time`: time, then score), so it costs about the same at ten rows
as at a million, apart from the rows a window really holds.

Every time is exact: the numbers are whole microseconds since 1970 in UTC, as Python's readers
worked them out from the stored text (backspasm.storage.times). A pain another program stored
as 3.5 counts as 3, as the readers show it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import Any

from backspasm.clock.now import local, localize
from backspasm.storage import pain_sums
from backspasm.storage.pain_entries import ENTRY_COLUMNS, PainEntry, entry, remedy_ids
from backspasm.storage.times import micros, moment, note_unplaced

# How many of the latest notes the report quotes (journal.window.NOTES_SHOWN).
NOTES_SHOWN = 10
# (day, count, low, high, mean) of one local day's entries.
DayRow = tuple[date, int, int, int, float]
# A window summed up (journal.window.WindowSummary's fields as plain values): the number of
# entries, (day, count, low, high, mean) by local day, the latest entry, (remedy, times, last)
# in the order first named, the number of notes, and the latest notes, newest first.
Summary = tuple[int, list[DayRow], PainEntry | None, list[tuple[str, int, datetime]], int, list[PainEntry]]
DAY = timedelta(days=1)
# Days summed up by one statement of PainIndex.days: three numbers a day stay under the 999 values
# an SQLite before 3.32 takes in one statement.
DAYS_AT_ONCE = 62
# An entry with a note: the condition of the partial index pain_entries_noted, word for word.
NOTED = "note IS NOT NULL AND note != ''"
# An entry naming some remedy: the condition of the partial index pain_entries_tried, word for word.
NAMED = "tried != '[]'"
# Pain above 0 as the readers read it (3.5 is 3, 0.5 is 0): every stored pain is from 0 to 10.
PAINFUL, PAIN_FREE = "pain >= 1", "pain < 1"


def day_bounds(day: date) -> tuple[int, int]:
    """The first and last microsecond of a local day (its midnights found in the local zone)."""
    start = micros(localize(datetime.combine(day, time(0))))
    end = micros(localize(datetime.combine(day + DAY, time(0))))
    return start, end - 1


class PainIndex:
    """The pain entries from `since` to `now` (both included), asked for piece by piece."""

    def __init__(self, conn: sqlite3.Connection, since: datetime | None, now: datetime) -> None:
        self.conn = conn
        self.low = micros(since) if since is not None else -(2**62)
        self.high = micros(now)
        note_unplaced(conn, "pain_entries")

    def _clip(self, first: int, last: int) -> tuple[int, int]:
        return max(first, self.low), min(last, self.high)

    def _one(self, sql: str, *params: object) -> Any:
        return self.conn.execute(sql, params).fetchone()

    def seek(self, first: int, last: int, *, earliest: bool, where: str = "1") -> int | None:
        """The time of the earliest (or latest) entry in [first, last] matching `where`."""
        first, last = self._clip(first, last)
        if first > last:
            return None
        order = "" if earliest else " DESC"
        row = self._one(
            f"SELECT at_us FROM pain_entries WHERE at_us BETWEEN ? AND ? AND {where} ORDER BY at_us{order} LIMIT 1",
            first,
            last,
        )
        return None if row is None else int(row[0])

    def islands(self, gap: timedelta) -> list[tuple[datetime, datetime]]:
        """Runs of pain moments (pain above 0) with less than `gap` between neighbours, oldest first."""
        step = micros(moment(0) + gap)
        found: list[tuple[datetime, datetime]] = []
        start = self.seek(self.low, self.high, earliest=True, where=PAINFUL)
        while start is not None:
            end = start
            while (further := self.seek(end + 1, end + step - 1, earliest=False, where=PAINFUL)) is not None:
                end = further
            found.append((moment(start), moment(end)))
            start = self.seek(end + 1, self.high, earliest=True, where=PAINFUL)
        return found

    def pain_free_after(self, when: datetime) -> bool:
        """True when an entry with pain 0 came after `when`."""
        return self.seek(micros(when) + 1, self.high, earliest=True, where=PAIN_FREE) is not None

    def newest(self, count: int, where: str = "1", since: datetime | None = None) -> list[PainEntry]:
        """The latest `count` entries (matching `where`, from `since` on), newest first; ties by the higher id."""
        first = self.low if since is None else max(micros(since), self.low)
        cursor = self.conn.cursor()
        cursor.row_factory = None
        rows = cursor.execute(
            f"SELECT {ENTRY_COLUMNS} FROM pain_entries WHERE at_us BETWEEN ? AND ? AND {where}"
            " ORDER BY at_us DESC, id DESC LIMIT ?",
            (first, self.high, int(count)),
        )
        return [found for row in rows if (found := entry(row)) is not None]

    def noted_between(self, first: datetime, last: datetime, *, earliest: bool) -> PainEntry | None:
        """The earliest (or latest) entry with a note from `first` to `last`, inside the window."""
        low, high = self._clip(micros(first), micros(last))
        if low > high:
            return None
        cursor = self.conn.cursor()
        cursor.row_factory = None
        order = "" if earliest else " DESC"
        row = cursor.execute(
            f"SELECT {ENTRY_COLUMNS} FROM pain_entries WHERE at_us BETWEEN ? AND ? AND {NOTED}"
            f" ORDER BY at_us{order}, id{order} LIMIT 1",
            (low, high),
        ).fetchone()
        return None if row is None else entry(row)

    def latest(self) -> PainEntry | None:
        """The latest entry (the higher id when two share a moment)."""
        found = self.newest(1)
        return found[0] if found else None

    def count(self, since: datetime | None = None) -> int:
        """How many entries from `since` on (all of the span when None)."""
        first = self.low if since is None else max(micros(since), self.low)
        kept = self._kept(first)
        if kept is not None:
            return sum(row[1] for row in self._sums([(0, first, self.high)], kept))
        row = self._one("SELECT COUNT(*) FROM pain_entries WHERE at_us BETWEEN ? AND ?", first, self.high)
        return int(row[0])

    def rising(self, since: datetime) -> list[int]:
        """The latest entries from `since` on whose pain each rose above the one before (3, 4, 6)."""
        run: list[int] = []
        rows = self.conn.execute(
            "SELECT pain FROM pain_entries WHERE at_us BETWEEN ? AND ? ORDER BY at_us DESC, id DESC",
            (max(micros(since), self.low), self.high),
        )
        for (stored,) in rows:
            pain = int(stored)
            if run and pain >= run[0]:
                break
            run.insert(0, pain)
        return run

    def first(self) -> datetime | None:
        """The moment of the earliest entry."""
        found = self.seek(self.low, self.high, earliest=True)
        return None if found is None else moment(found)

    def _kept(self, first: int) -> tuple[int, int] | None:
        """The whole days from `first` to the span's end whose sums are kept (storage.pain_sums), if used."""
        if not pain_sums.used(self.conn):
            return None
        whole = pain_sums.whole_days(self.conn, first, self.high)
        return whole if whole is not None and pain_sums.keep_quarters(self.conn, *whole) else None

    def _sums(
        self, bounds: list[tuple[int, int, int]], kept: tuple[int, int] | None
    ) -> list[tuple[int, int, int, int, float]]:
        """(key, count, low, high, total) of the entries in each (key, first µs, last µs) of `bounds`, by key.

        Without kept days, one statement over the entries; with them, their whole quarters are
        read from the sums and only the pieces around them from the entries.
        """
        raw, summed = bounds, []
        if kept is not None:
            raw = []
            for key, start, end in bounds:
                pieces, quarters = pain_sums.quarters(*kept, start, end)
                raw += [(key, low, high) for low, high in pieces]
                if quarters is not None:
                    summed.append((key, *quarters))
        found: dict[int, list[float]] = {}
        for table, rows, column in (
            ("pain_entries", raw, "at_us"),
            ("pain_quarters", summed, "quarter"),
        ):
            if not rows:
                continue
            values = ",".join("(?,?,?)" for _ in rows)
            sums = (
                "COUNT(*), MIN(pain), MAX(pain), TOTAL(CAST(pain AS INTEGER))"
                if table == "pain_entries"
                else "SUM(entries), MIN(low), MAX(high), SUM(total)"
            )
            for key, count, low, high, total in self.conn.execute(
                f"WITH d(key, s, e) AS (VALUES {values})"
                f" SELECT d.key, {sums} FROM d JOIN {table} ON {column} BETWEEN d.s AND d.e GROUP BY d.key",
                [value for row in rows for value in row],
            ):
                sofar = found.get(key)
                if sofar is None:
                    found[key] = [count, low, high, total]
                else:
                    sofar[0] += count
                    sofar[1], sofar[2] = min(sofar[1], low), max(sofar[2], high)
                    sofar[3] += total
        return [(key, int(c), int(low), int(high), t) for key, (c, low, high, t) in sorted(found.items())]

    def days(self, since: datetime | None = None) -> Iterator[DayRow]:
        """(day, count, low, high, mean) of each local day with entries, from `since` on, oldest first.

        The days are summed up DAYS_AT_ONCE at a time, one statement each (a range of the index a
        day, inside SQLite); after each block, one seek skips the days without entries, so a window
        of years with a few entries costs about as little as its days with entries, and a year of
        daily entries a few statements rather than two a day. A very large journal reads its whole
        quarter hours from the kept sums (storage.pain_sums).
        """
        first = self.low if since is None else max(micros(since), self.low)
        kept = self._kept(first)
        while (found := self.seek(first, self.high, earliest=True)) is not None:
            day = local(moment(found)).date()
            bounds: list[tuple[int, int, int]] = []
            for offset in range(DAYS_AT_ONCE):
                start, end = day_bounds(day + offset * DAY)
                start, end = max(start, first), min(end, self.high)
                if start > end:
                    break
                bounds.append(((day + offset * DAY).toordinal(), start, end))
            if not bounds:  # cannot happen (the entry found lies in its own day); never loop for ever
                return
            for ordinal, number, low, high, total in self._sums(bounds, kept):
                yield date.fromordinal(ordinal), number, low, high, float(total) / number
            first = max(bounds[-1][2] + 1, found + 1)

    def tried(self) -> list[tuple[str, int, datetime]]:
        """(remedy, times named, last named) for each remedy named, in the order first named.

        Each distinct list of remedies is found with one seek of pain_entries_tried (a journal
        repeats a handful), then how often and when it was named in the span is one range of it.
        """
        lists: list[tuple[int, int, tuple[str, ...], int, int]] = []
        after: object = ""
        while True:
            row = self._one(f"SELECT tried FROM pain_entries WHERE {NAMED} AND tried > ? ORDER BY tried LIMIT 1", after)
            if row is None:
                break
            after = row[0]
            remedies = remedy_ids(after)
            if not remedies:
                continue
            first = self._one(
                f"SELECT at_us, id FROM pain_entries WHERE {NAMED} AND tried = ? AND at_us BETWEEN ? AND ?"
                " ORDER BY at_us, id LIMIT 1",
                after,
                self.low,
                self.high,
            )
            if first is None:
                continue
            count, last = self._one(
                f"SELECT COUNT(*), MAX(at_us) FROM pain_entries WHERE {NAMED} AND tried = ? AND at_us BETWEEN ? AND ?",
                after,
                self.low,
                self.high,
            )
            lists.append((int(first[0]), int(first[1]), remedies, int(count), int(last)))
        times: dict[str, int] = {}
        latest: dict[str, int] = {}
        for _, _, remedies, count, last in sorted(lists):
            for remedy in remedies:
                times[remedy] = times.get(remedy, 0) + count
                latest[remedy] = max(latest.get(remedy, last), last)
        return [(remedy, n, moment(latest[remedy])) for remedy, n in times.items()]

    def notes_count(self) -> int:
        """How many entries have a note (read from the partial index of noted entries)."""
        sql = f"SELECT COUNT(*) FROM pain_entries WHERE at_us BETWEEN ? AND ? AND {NOTED}"
        row = self._one(sql, self.low, self.high)
        return int(row[0])

    def summary(self, days_from: datetime | None = None) -> Summary:
        """The entries summed up for the report's window (journal.window.WindowSummary's fields).

        With `days_from`, the days from then on, and the first day of the span before them.
        """
        if days_from is None or micros(days_from) <= self.low:
            days = list(self.days())
            return sum(d[1] for d in days), days, self.latest(), self.tried(), self.notes_count(), self.notes()
        first = next(self.days(), None)
        days = list(self.days(days_from))
        if first is not None and (not days or first[0] < days[0][0]):
            days.insert(0, first)
        return self.count(), days, self.latest(), self.tried(), self.notes_count(), self.notes()

    def notes(self) -> list[PainEntry]:
        """The latest entries with a note, newest first (NOTES_SHOWN of them)."""
        return self.newest(NOTES_SHOWN, NOTED)
