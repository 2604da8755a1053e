"""The timeline of `backspasm history`: one table with a kind column, the pain sparkline, the verdict.

The same Timeline becomes the rich view and the --json object, so the two cannot drift.
"""

from __future__ import annotations

import itertools
import json
import os
import sys
from collections.abc import Callable, Mapping
from datetime import date, datetime
from functools import lru_cache
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any, TextIO

from backspasm.clock.now import local
from backspasm.clock.show import words
from backspasm.journal.explain import day_text
from backspasm.journal.timeline import Row, Rows, Timeline
from backspasm.journal.trend import NO_ENTRY, sparkline
from backspasm.render.styles import LEVEL_STYLES
from backspasm.storage import journal as record
from backspasm.storage.sessions import SessionRecord

if TYPE_CHECKING:
    from collections.abc import Iterable

    from rich.console import Console
    from rich.table import Table

    from backspasm.emergency.number import EmergencyNumber
    from backspasm.kb.loader import KnowledgeBase
    from backspasm.storage.pain_entries import PainText

# What the sparkline measures, said wherever it is shown: a day's pain is its highest entry, as the
# journal's rules read it (journal/pain_trend.py).
TREND_MEASURE = "high"
TREND_WORDS = "each day's highest pain, 0 to 10"
STATUS_STYLES = {
    "completed": "green",
    "stopped": "yellow",
    "worse": "bold red",
    "interrupted": "red",
    "running": "cyan",
}
EMPTY = """Your journal is empty.
  No pain entries yet: backspasm log --pain 5
  No triage results yet: backspasm triage
  No sessions yet: backspasm session
  No stretches yet: backspasm stretch
  Seen by a doctor: backspasm log --saw-doctor"""


def _when(moment: datetime) -> str:
    return local(moment).strftime("%Y-%m-%d %H:%M")


def _stamp(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment is not None else None


def _name(index: Mapping[str, Any], key: str) -> str:
    """The name of a knowledge-base entry, or its id when the knowledge base no longer has it."""
    return str(index[key].name) if key in index else key


def _pain_style(pain: int) -> str:
    return "bold red" if pain >= 8 else "yellow" if pain >= 5 else "green"


# ---------------------------------------------------------------- one row in words


def describe(kb: KnowledgeBase, row: Row) -> tuple[str, str, str, str]:
    """What a row says in the table: its entry, the entry's style, the details, the details' style."""
    item = row.item
    if isinstance(item, record.PainEntry):
        said = []
        if item.tried:
            said.append(f"tried: {', '.join(_name(kb.remedy_index, r) for r in item.tried)}")
        if item.note:
            said.append(f"note: {item.note}")
        return f"pain {item.pain}/10", _pain_style(item.pain), "; ".join(said), ""
    if isinstance(item, record.TriageRun):
        reasons = [
            str(r.get("title", r.get("id", ""))) for r in item.result.get("reasons") or [] if isinstance(r, dict)
        ]
        details = "; ".join(reasons) if reasons else "no warning signs"
        if item.onset_at is not None:
            details += f"; pain began {day_text(local(item.onset_at).date())}"
        level = item.disposition
        named = kb.level_index.get(level)
        return named.name if named else level, LEVEL_STYLES.get(level, ""), details, ""
    if isinstance(item, record.Visit):
        return "seen by a doctor", "bold", item.note or "", ""
    if isinstance(item, SessionRecord):
        name = _name(kb.protocol_index, item.protocol)
        rounds = f" in {item.rounds_planned} rounds" if item.rounds_planned > 1 else ""
        details = f"{item.status}: {words(item.applied_seconds)} of {words(item.planned_seconds)}{rounds}"
        if item.note:
            details += f"; {item.note}"
        return name, "", details, STATUS_STYLES.get(item.status, "")
    name = _name(kb.routine_index, item.routine)
    routine = kb.routine_index.get(item.routine)
    total = f" of {len(routine.stretches)}" if routine is not None else ""
    details = f"{item.status}: {len(item.done)}{total} stretches"
    if item.stopped_at_stretch:
        stopped = _name(kb.stretch_index, item.stopped_at_stretch)
        details += f"; pain got worse with {stopped}" if item.status == "worse" else f"; ended at {stopped}"
    return name, "", details, STATUS_STYLES.get(item.status, "")


# ---------------------------------------------------------------- the rich view


def span_words(timeline: Timeline) -> str:
    """The days the timeline covers, in words: today, the last 30 days, everything."""
    days = timeline.window.days
    if days is None:
        return "everything"
    return "today" if days == 1 else f"the last {days} days"


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


def render_timeline(
    kb: KnowledgeBase, timeline: Timeline, *, limit: int, number: EmergencyNumber, console: Console | None = None
) -> None:
    """The escalation verdict first when a rule fired, the table (the newest `limit` rows), the pain trend.

    On a terminal, a timeline taller than the screen goes through the pager, which opens at the
    top: the reminder is never scrolled away.
    """
    from backspasm.render.console import make_console, paged

    console = console or make_console()
    if not timeline.escalation.fired or not console.is_terminal:
        _draw_timeline(kb, timeline, limit, number, console)
        return
    # A row takes a line at least: a window with as many rows as the screen has lines is taller
    # than the screen, and is not drawn twice to find that out.
    if timeline.total < console.height:
        with console.capture() as captured:
            _draw_timeline(kb, timeline, limit, number, console)
        screen = captured.get()
        if screen.count("\n") < console.height:
            console.file.write(screen)
            return
    if isinstance(timeline.rows, Rows):  # every row, read as drawn: never held whole for a pager
        _stream_to_pager(console, lambda out: _draw_timeline(kb, timeline, limit, number, out))
        return
    with paged(console) as pager:
        _draw_timeline(kb, timeline, limit, number, pager)


def _stream_to_pager(console: Console, draw: Callable[[Console], None]) -> None:
    """Draw into the pager as the rows are read, as paged() would page the whole drawing.

    rich's pager holds all it shows in memory; a journal's every row can be a million lines, so
    they go down the pager's pipe as they are drawn. A pager that cannot start, or ends in
    failure (PAGER=false), gets the drawing printed instead: the rows are read again.
    """
    import subprocess

    from backspasm.render.console import SafeConsole

    plain = os.environ.get("TERM") == "dumb" or os.environ.get("PAGER") == "cat"
    if plain or not sys.stdin.isatty():
        draw(console)
        return
    os.environ.setdefault("LESS", "FRX")
    try:
        process = subprocess.Popen(
            os.environ.get("PAGER") or "less",
            shell=True,
            stdin=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
            errors="backslashreplace",
        )
    except OSError:
        draw(console)
        return
    assert process.stdin is not None  # stdin=PIPE gives one
    width = console.width + (1 if getattr(console, "reserves_last_column", False) else 0)  # the terminal's

    class PagerConsole(SafeConsole):
        @property
        def reserves_last_column(self) -> bool:
            return True  # drawn as on this terminal: one column short of it

        def on_broken_pipe(self) -> None:
            # rich would point stdout at /dev/null and exit; the pager quitting ends only the paging.
            self.quiet = True
            raise BrokenPipeError

    pager = PagerConsole(
        file=process.stdin,
        width=width,
        height=console.height,
        force_terminal=True,
        color_system=console.color_system,  # type: ignore[arg-type]  # the name of one rich knows
        highlight=False,
        soft_wrap=False,
    )
    try:
        with process.stdin:
            draw(pager)
    except OSError:
        pass  # the pager quit before reading everything (q in less): that is fine
    while True:
        try:
            code = process.wait()
            break
        except KeyboardInterrupt:
            continue  # the pager has the terminal: let it handle Ctrl-C
    if code != 0:
        draw(console)


def _draw_timeline(
    kb: KnowledgeBase, timeline: Timeline, limit: int, number: EmergencyNumber, console: Console
) -> None:
    from rich.table import Table
    from rich.text import Text

    from backspasm.render.journal import escalation_view

    # What to do comes first: the reminder, then the record it rests on.
    if timeline.escalation.fired:
        console.print(escalation_view(kb, timeline.escalation, number))
    # The newest rows come as a list; every row (--limit 0) is read from the store as it is drawn.
    shown = timeline.rows
    kinds = [row.kind for row in shown] if isinstance(shown, list) else list(KIND_WORDS)
    kind_width = max([len("Kind"), *(len(kind) for kind in kinds)])

    def table(first: bool) -> Table:
        title = f"Your journal: {span_words(timeline)}" if first else None
        made = Table(title=title, title_justify="left", expand=True, show_header=first)
        made.add_column("When", no_wrap=True)
        made.add_column("Kind", min_width=kind_width)  # the same width in every part, header or not
        made.add_column("Entry", ratio=1)
        made.add_column("Details", ratio=2)
        return made

    def add(made: Table, row: Row) -> None:
        entry, entry_style, details, details_style = describe(kb, row)
        made.add_row(_when(row.at), row.kind, Text(entry, style=entry_style), Text(details, style=details_style))

    drawn = print_in_parts(console, shown, table, add) if timeline.total else 0
    if not drawn:
        if timeline.journal_empty:
            console.print(EMPTY)
        else:
            console.print(f"Nothing in your journal for {span_words(timeline)}.")
            console.print("See more days with --days N, or everything with --all.")
    elif (left_out := timeline.total - drawn) > 0:
        note = f"{left_out} earlier rows of {span_words(timeline)} are not shown"
        console.print(Text(f"{note}: --limit 0 shows all, --json lists them.", style="dim"))
    line = trend_line(timeline)
    if line is not None:
        console.print(line)
    for peg_line in timeline.peg_lines:  # the weekly check-ins, worded by the journal
        console.print(peg_line)


# The kinds of row, as the table's Kind column names them.
KIND_WORDS = ("pain", "triage", "session", "stretch", "visit")
# Rows drawn at a time: a journal of a million rows prints as it goes, in memory a part holds.
PART_ROWS = 200


def print_in_parts(
    console: Console,
    rows: Iterable[Row],
    table: Callable[[bool], Table],
    add: Callable[[Table, Row], None],
) -> int:
    """Draw one long table as parts of PART_ROWS rows that join into one: the same as one table, lighter.

    Each part is drawn alone (rich lays a table out whole, which for a whole journal took minutes
    and gigabytes); the borders where two parts meet are left out, so they read as one table.
    The rows are taken from `rows` a part at a time (it may be read from the store as it goes).
    Returns how many rows were drawn.
    """
    from rich.segment import Segment, Segments

    from backspasm.render.console import table_width

    width = table_width(console)
    options = console.options.update_width(width)
    held: list[Segment] | None = None  # a part's bottom border, drawn only after the last part
    drawn = 0
    source = iter(rows)
    while part_rows := list(itertools.islice(source, PART_ROWS)):
        first = drawn == 0
        part = table(first)
        for row in part_rows:
            add(part, row)
        drawn += len(part_rows)
        lines = console.render_lines(part, options, pad=False, new_lines=False)
        body, held = (lines if first else lines[1:])[:-1], lines[-1]
        console.print(Segments([segment for line in body for segment in (*line, Segment.line())]), end="")
    if held is not None:
        console.print(Segments([*held, Segment.line()]), end="")
    return drawn


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


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


# Stands for the rows in the JSON text of the rest, where they are streamed in (see write_timeline_json).
_ROWS_MARK = "\u2063rows\u2063"


def timeline_json(timeline: Timeline, number: EmergencyNumber) -> dict[str, Any]:
    """The --json object: the window, every row (oldest first), the pain trend and fired escalation rules."""
    return {**_json_parts(timeline, number), "entries": [row_json(row) for row in timeline.rows]}


def _json_parts(timeline: Timeline, number: EmergencyNumber) -> dict[str, Any]:
    from backspasm.render.journal import escalation_json

    first, last = timeline.trend_first, timeline.trend_last
    return {
        "window": {
            "days": timeline.window.days,
            "since": _stamp(timeline.window.since),
            "until": _stamp(timeline.window.now),
        },
        "entries": _ROWS_MARK,
        "trend": {
            "measure": TREND_MEASURE,
            "first_day": _day(first),
            "last_day": _day(last),
            "sparkline": (
                sparkline(timeline.trend, first, last, measure=TREND_MEASURE)
                if first is not None and timeline.trend
                else ""
            ),
            "days": [
                {"day": d.day.isoformat(), "mean": round(d.mean, 2), "high": d.high, "low": d.low, "entries": d.count}
                for d in timeline.trend
            ],
        },
        "escalation": escalation_json(timeline.escalation),
        "check_ins": timeline.peg,
        "emergency_number": number.as_data(),
    }


def write_timeline_json(timeline: Timeline, number: EmergencyNumber, out: TextIO) -> None:
    """The --json object written as it is read: indented, each row on a line of its own.

    The rows are written a few hundred at a time as the store gives them, so `history --all
    --json` of a million rows holds a few hundred in memory.
    """
    import json

    from backspasm.text_safety import dumps, json_safe

    head, tail = dumps(_json_parts(timeline, number)).split(json.dumps(_ROWS_MARK, ensure_ascii=False))
    encode = json.JSONEncoder(ensure_ascii=False).encode
    out.write(head)
    written = 0
    # Every row of the window comes as read (journal.timeline.Rows.each): the pain entries, most
    # of them, are written straight from their values; a newest few come as Rows.
    rows = iter(timeline.rows.each() if isinstance(timeline.rows, Rows) else timeline.rows)
    while lines := [
        pain_json(row) if row.__class__ is tuple else encode(row_json(row))  # type: ignore[arg-type]
        for row in itertools.islice(rows, ROWS_PER_WRITE)
    ]:
        out.write(("[\n    " if not written else ",\n    ") + json_safe(",\n    ".join(lines)))
        written += len(lines)
    out.write("\n  ]" if written else "[]")
    out.write(tail)
    out.write("\n")
    out.flush()


# Rows written at a time by write_timeline_json.
ROWS_PER_WRITE = 500


def pain_json(found: PainText) -> str:
    """A pain entry as read, encoded as row_json encodes its row: the same text, made without a dict or a datetime."""
    _, entry_id, pain, note, at, tried, entry = found
    if entry is not None:  # an unusual row: its entry was made the careful way
        at, names = entry.at.isoformat(timespec="seconds"), json.dumps(entry.tried, ensure_ascii=False)
    else:
        names = _names_json(tried)
    said = "null" if note is None else encode_basestring(note)
    return f'{{"kind": "pain", "at": "{at}", "id": {entry_id}, "pain": {pain}, "note": {said}, "tried": {names}}}'


@lru_cache(maxsize=256)
def _names_json(stored: str | None) -> str:
    """A stored list of remedies as row_json writes it (a journal repeats a handful)."""
    from backspasm.storage.pain_entries import remedy_ids

    return json.dumps(list(remedy_ids(stored)), ensure_ascii=False)
