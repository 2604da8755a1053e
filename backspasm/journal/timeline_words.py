"""What `history` says of its timeline: each row in words and as JSON text, the trend, the verdict.

journal/timeline.py reads the rows; this module words them and render/timeline.py draws them. The
rows of a whole journal pass through a few at a time (ShownRows, JsonRows), as they are read.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any

from backspasm.clock.now import local
from backspasm.clock.show import day_text, words
from backspasm.journal.timeline import Row, Rows, Timeline
from backspasm.journal.trend import NO_ENTRY, sparkline
from backspasm.storage import journal as record
from backspasm.storage.sessions import SessionRecord
from backspasm.view_values.timeline import RowShown, TimelineShown

if TYPE_CHECKING:
    from backspasm.kb.loader import KnowledgeBase

# What the sparkline measures, said wherever it is shown: a day's pain is its highest entry, as the
# journal's rules read it (journal/pain_trend.py).
TREND_MEASURE = "high"
TREND_WORDS = "each day's highest pain, 0 to 10"


def _stamp(moment: Any) -> str | None:
    return moment.isoformat(timespec="seconds") if moment is not None else None


def _name(index: Mapping[str, Any], key: str) -> str:
    """The name of a knowledge-base entry, or its id when the knowledge base no longer has it."""
    return str(index[key].name) if key in index else key


# ---------------------------------------------------------------- one row in words


def describe(kb: KnowledgeBase, row: Row) -> RowShown:
    """What a row says in the table: its entry and its details, with what its colours go by."""
    item = row.item
    if isinstance(item, record.PainEntry):
        said = []
        if item.tried:
            said.append(f"tried: {', '.join(_name(kb.remedy_index, r) for r in item.tried)}")
        if item.note:
            said.append(f"note: {item.note}")
        return RowShown(row.at, row.kind, f"pain {item.pain}/10", "; ".join(said), pain=item.pain)
    if isinstance(item, record.TriageRun):
        reasons = [
            str(r.get("title", r.get("id", ""))) for r in item.result.get("reasons") or [] if isinstance(r, dict)
        ]
        details = "; ".join(reasons) if reasons else "no warning signs"
        if item.onset_at is not None:
            details += f"; pain began {day_text(local(item.onset_at).date())}"
        level = item.disposition
        named = kb.level_index.get(level)
        return RowShown(row.at, row.kind, named.name if named else level, details, level=level)
    if isinstance(item, record.Visit):
        return RowShown(row.at, row.kind, "seen by a doctor", item.note or "")
    if isinstance(item, SessionRecord):
        name = _name(kb.protocol_index, item.protocol)
        rounds = f" in {item.rounds_planned} rounds" if item.rounds_planned > 1 else ""
        details = f"{item.status}: {words(item.applied_seconds)} of {words(item.planned_seconds)}{rounds}"
        if item.note:
            details += f"; {item.note}"
        return RowShown(row.at, row.kind, name, details, status=item.status)
    name = _name(kb.routine_index, item.routine)
    routine = kb.routine_index.get(item.routine)
    total = f" of {len(routine.stretches)}" if routine is not None else ""
    details = f"{item.status}: {len(item.done)}{total} stretches"
    if item.stopped_at_stretch:
        stopped = _name(kb.stretch_index, item.stopped_at_stretch)
        details += f"; pain got worse with {stopped}" if item.status == "worse" else f"; ended at {stopped}"
    return RowShown(row.at, row.kind, name, details, status=item.status)


class ShownRows:
    """The rows in words, worded as they are walked (every row of a journal is read again each time)."""

    def __init__(self, kb: KnowledgeBase, rows: Iterable[Row]) -> None:
        self.kb, self.rows = kb, rows

    def __iter__(self) -> Iterator[RowShown]:
        kb = self.kb
        return (describe(kb, row) for row in self.rows)


# ---------------------------------------------------------------- JSON


def row_json(row: Row) -> dict[str, Any]:
    """One row as JSON-ready values, with its kind and time first."""
    item = row.item
    head: dict[str, Any] = {"kind": row.kind, "at": row.stamp or _stamp(row.at), "id": item.id}
    if isinstance(item, record.PainEntry):
        return {**head, "pain": item.pain, "note": item.note, "tried": item.tried}
    if isinstance(item, record.TriageRun):
        reasons = [r.get("id") for r in item.result.get("reasons") or [] if isinstance(r, dict)]
        return {**head, "disposition": item.disposition, "reasons": reasons, "onset_at": _stamp(item.onset_at)}
    if isinstance(item, record.Visit):
        return {**head, "note": item.note}
    if isinstance(item, SessionRecord):
        return {**head, **item.to_json()}
    return {
        **head,
        "routine": item.routine,
        "status": item.status,
        "done": item.done,
        "stopped_at_stretch": item.stopped_at_stretch,
    }


def _tried_json(stored: object) -> str:
    """A stored `tried` value as row_json writes it; "" when it is not a list of names (read the careful way)."""
    from backspasm.storage.columns import COLUMNS, BadValue, read_value
    from backspasm.storage.pain_entries import remedy_ids

    if stored.__class__ is not str:
        return ""
    try:
        read_value(COLUMNS["pain_entries"]["tried"], stored)  # as storage.pain_entries checks it
    except BadValue:
        return ""
    return json.dumps(list(remedy_ids(stored)), ensure_ascii=False)


# Stored lists of remedies held with their JSON text (a journal repeats a handful; past this many, afresh).
NAMES_HELD = 1024


class _NamesJson(dict[object, str]):
    """Each stored `tried` value's JSON text (see _tried_json), worked out once: a lookup a row."""

    def __missing__(self, stored: object) -> str:
        if len(self) >= NAMES_HELD:
            self.clear()
        said = self[stored] = _tried_json(stored)
        return said


# Above every time as microseconds (SQLite's integers end below 2**63): no row waits.
_NO_ROW = 2**63


class JsonRows:
    """Every row as its JSON text, oldest first, read as it is written, a few hundred rows at a time.

    Every row of the window (journal.timeline.Rows) is read as stored: the pain entries, most
    of them, are checked and written straight from their values, a part at a time
    (storage.pain_rows); every other row, and a pain entry in an unusual form, is encoded from
    its Row (row_json). A newest few come as Rows.
    """

    def __init__(self, rows: Iterable[Row]) -> None:
        self.rows = rows

    def __iter__(self) -> Iterator[list[str]]:
        encode = json.JSONEncoder(ensure_ascii=False).encode
        rows = self.rows
        if isinstance(rows, Rows):
            yield from _every_row(rows, encode)
        else:
            yield [encode(row_json(row)) for row in rows]


def _every_row(rows: Rows, encode: Callable[[Any], str]) -> Iterator[list[str]]:
    """Every row of the window as its JSON text, oldest first, in parts (see JsonRows)."""
    from backspasm.storage.pain_entries import entry
    from backspasm.storage.pain_rows import PART_ROWS, stored_parts
    from backspasm.storage.times import micros

    others = rows.others()
    waiting = next(others, None)
    waiting_us = micros(waiting.at) if waiting is not None else _NO_ROW
    names = _NamesJson()
    quote = encode_basestring
    for stored in stored_parts(rows.conn, rows.since, rows.now):
        lines: list[str] = []
        add = lines.append
        for us, entry_id, text, pain, note, tried in stored:
            # A pain entry's rank is 0, every other kind's above: another row at the same
            # microsecond comes after the pain entry, so only an earlier time puts it first.
            while waiting_us < us:
                add(encode(row_json(waiting)))  # type: ignore[arg-type]  # a row waits below _NO_ROW
                waiting = next(others, None)
                waiting_us = micros(waiting.at) if waiting is not None else _NO_ROW
            # The usual form, as storage.pain_entries.iter_pain_texts tells it: the time as the
            # store writes it (and outputs write it), a whole pain, a note that is text or none,
            # and a sound list of remedies. Any other row is read the careful way, which names
            # what it cannot read.
            if (
                len(text) == 25  # 2024-03-10T18:00:00+01:00
                and text[10] == "T"
                and (text[19] == "+" or (text[19] == "-" and text[20:] != "00:00"))  # -00:00 reads as +00:00
                and pain.__class__ is int
                and (note is None or note.__class__ is str)
            ):
                said = names[tried]
                if said:
                    add(
                        f'{{"kind": "pain", "at": "{text}", "id": {entry_id}, "pain": {pain},'
                        f' "note": {"null" if note is None else quote(note)}, "tried": {said}}}'
                    )
                    continue
            found = entry((entry_id, text, pain, note, tried))
            if found is not None:
                add(encode(row_json(Row(found.at, 0, found.id, "pain", found))))
        if lines:
            yield lines
    if waiting is None:
        return
    lines = [encode(row_json(waiting))]
    for row in others:
        if len(lines) >= PART_ROWS:
            yield lines
            lines = []
        lines.append(encode(row_json(row)))
    yield lines


# ---------------------------------------------------------------- the trend


def trend_line(timeline: Timeline) -> str | None:
    """The sparkline with what it measures and the days it spans, or None without pain entries."""
    if not timeline.trend or timeline.trend_first is None:
        return None
    first, last = timeline.trend_first, timeline.trend_last
    line = sparkline(timeline.trend, first, last, measure=TREND_MEASURE)
    worst = max(timeline.trend, key=lambda d: (d.high, d.day))
    latest = timeline.trend[-1]
    return (
        f"Pain by day ({TREND_WORDS}; {NO_ENTRY} = no entry), {day_text(first)} to {day_text(last)}:\n"
        f"  {line}\n"
        f"  worst day {day_text(worst.day)} ({worst.high}/10); latest day {day_text(latest.day)} ({latest.high}/10)"
    )


def trend_json(timeline: Timeline) -> dict[str, Any]:
    """The trend object of `history --json`: what it measures, its days and its sparkline."""
    first, last = timeline.trend_first, timeline.trend_last
    return {
        "measure": TREND_MEASURE,
        "first_day": first.isoformat() if first is not None else None,
        "last_day": last.isoformat() if last is not None else None,
        "sparkline": (
            sparkline(timeline.trend, first, last, measure=TREND_MEASURE)
            if first is not None and timeline.trend
            else ""
        ),
        "days": [
            {"day": d.day.isoformat(), "mean": round(d.mean, 2), "high": d.high, "low": d.low, "entries": d.count}
            for d in timeline.trend
        ],
    }


def shown(kb: KnowledgeBase, timeline: Timeline) -> TimelineShown:
    """The timeline as `history` shows it: rows worded as they are walked, the trend, the verdict."""
    from backspasm.journal.explain import verdict

    rows = timeline.rows
    streamed = isinstance(rows, Rows)
    table_rows: Iterable[RowShown] = ShownRows(kb, rows) if streamed else [describe(kb, row) for row in rows]
    span = timeline.window
    return TimelineShown(
        days=span.days,
        since=span.since,
        now=span.now,
        rows=table_rows,
        streamed=streamed,
        json_parts=JsonRows(rows),
        total=timeline.total,
        journal_empty=timeline.journal_empty,
        trend=trend_line(timeline),
        trend_json=trend_json(timeline),
        verdict=verdict(timeline.escalation),
        peg_lines=timeline.peg_lines,
        peg=timeline.peg,
    )
