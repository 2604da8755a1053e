"""The timeline of `backspasm history`: one table with a kind column, the pain sparkline, the verdict.

The same TimelineShown (its words from journal/timeline_words.py) becomes the rich view and the
--json object, so the two cannot drift.
"""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, TextIO

from backspasm.clock.now import local
from backspasm.render.styles import LEVEL_STYLES

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from rich.console import Console
    from rich.table import Table

    from backspasm.emergency.number import EmergencyNumber
    from backspasm.kb.loader import KnowledgeBase
    from backspasm.view_values.timeline import RowShown, TimelineShown

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
MORE_DAYS = "See more days with --days N, or everything with --all."
SHOW_ALL = "--limit 0 shows all, --json lists them."


def _when(moment: datetime) -> str:
    return local(moment).strftime("%Y-%m-%d %H:%M")


def _stamp(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment is not None else None


def _pain_style(pain: int) -> str:
    return "bold red" if pain >= 8 else "yellow" if pain >= 5 else "green"


# ---------------------------------------------------------------- one row's colours


def _entry_style(row: RowShown) -> str:
    if row.pain is not None:
        return _pain_style(row.pain)
    if row.level is not None:
        return LEVEL_STYLES.get(row.level, "")
    return "bold" if row.kind == "visit" else ""


# ---------------------------------------------------------------- the rich view


def span_words(timeline: TimelineShown) -> str:
    """The days the timeline covers, in words: today, the last 30 days, everything."""
    days = timeline.days
    if days is None:
        return "everything"
    return "today" if days == 1 else f"the last {days} days"


def render_timeline(
    kb: KnowledgeBase, timeline: TimelineShown, *, limit: int, number: EmergencyNumber, console: Console | None = None
) -> None:
    """The escalation verdict first when a rule fired, the table (the newest `limit` rows), the pain trend.

    On a terminal, a timeline taller than the screen goes through the pager, which opens at the
    top: the reminder is never scrolled away.
    """
    if console is None and not timeline.streamed:
        # The newest rows, drawn as styled lines without rich (render/screen.py), paged when tall.
        from backspasm.render.screen import write_screen

        write_screen(line for part in timeline_parts(kb, timeline, number) for line in part)
        return
    from backspasm.render.console import make_console, paged

    console = console or make_console()
    if not timeline.verdict.fired or not console.is_terminal:
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
    if timeline.streamed:  # every row, read as drawn: never held whole for a pager
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

    from backspasm.plain_output import pager_off
    from backspasm.render.console import SafeConsole

    if pager_off() or not sys.stdin.isatty():
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
        emoji=False,  # as make_console's
    )
    try:
        with process.stdin:
            draw(pager)
    except OSError:
        pass  # the pager quit before reading everything (q in less): that is fine
    from backspasm.render.pager import wait_for_pager

    if wait_for_pager(process) != 0:
        draw(console)


def _draw_timeline(
    kb: KnowledgeBase, timeline: TimelineShown, limit: int, number: EmergencyNumber, console: Console
) -> None:
    from rich.table import Table
    from rich.text import Text

    from backspasm.render.journal import escalation_view

    # What to do comes first: the reminder, then the record it rests on.
    if timeline.verdict.fired:
        console.print(escalation_view(kb, timeline.verdict, number))
    # The newest rows come as a list; every row (--limit 0) is read from the store as it is drawn.
    shown = timeline.rows
    kinds = list(KIND_WORDS) if timeline.streamed else [row.kind for row in shown]
    kind_width = max([len("Kind"), *(len(kind) for kind in kinds)])

    def table(first: bool) -> Table:
        title = f"Your journal: {span_words(timeline)}" if first else None
        made = Table(title=title, title_justify="left", expand=True, show_header=first)
        made.add_column("When", no_wrap=True)
        made.add_column("Kind", min_width=kind_width)  # the same width in every part, header or not
        made.add_column("Entry", ratio=1)
        made.add_column("Details", ratio=2)
        return made

    def add(made: Table, row: RowShown) -> None:
        details_style = STATUS_STYLES.get(row.status, "") if row.status is not None else ""
        made.add_row(
            _when(row.at), row.kind, Text(row.entry, style=_entry_style(row)), Text(row.details, style=details_style)
        )

    drawn = print_in_parts(console, shown, table, add) if timeline.total else 0
    if not drawn:
        if timeline.journal_empty:
            console.print(EMPTY)
        else:
            console.print(f"Nothing in your journal for {span_words(timeline)}.")
            console.print(MORE_DAYS)
    elif (left_out := timeline.total - drawn) > 0:
        note = f"{left_out} earlier rows of {span_words(timeline)} are not shown"
        console.print(Text(f"{note}: {SHOW_ALL}", style="dim"))
    if timeline.trend is not None:
        console.print(timeline.trend)
    for peg_line in timeline.peg_lines:  # the weekly check-ins, worded by the journal
        console.print(peg_line)


def write_timeline_lines(kb: KnowledgeBase, timeline: TimelineShown, number: EmergencyNumber, out: TextIO) -> None:
    """The timeline as plain lines (output that is not a terminal; no rich), a part at a time as read."""
    from backspasm.render.text import write_lines

    for part in timeline_parts(kb, timeline, number):
        write_lines(part, out)
    out.flush()


def timeline_parts(kb: KnowledgeBase, timeline: TimelineShown, number: EmergencyNumber) -> Iterator[list[str]]:
    """The timeline as lines, styled for a terminal: the verdict, a line per row as the table shows it,
    what was left out, the trend and the check-ins.

    The rows come a part at a time, as they are read, so a million of them are never held at once.
    """
    from backspasm.render.journal import escalation_lines
    from backspasm.render.styled import Styled, bold, dim, styled

    if timeline.verdict.fired:
        yield [*escalation_lines(kb, timeline.verdict, number), ""]
    drawn = 0
    rows = iter(timeline.rows)
    while part := list(itertools.islice(rows, PART_ROWS)):
        if not drawn:
            yield [bold(f"Your journal: {span_words(timeline)}:")]
        yield [
            styled(
                "- ",
                (_when(row.at), "dim"),
                f" {row.kind}: ",
                (row.entry, _entry_style(row)),
                *(("; ", (row.details, STATUS_STYLES.get(row.status or "", ""))) if row.details else ()),
            )
            for row in part
        ]
        drawn += len(part)
    if not drawn:
        if timeline.journal_empty:
            yield EMPTY.replace("\n  ", "\n- ").split("\n")
        else:
            yield [f"Nothing in your journal for {span_words(timeline)}.", MORE_DAYS]
    elif (left_out := timeline.total - drawn) > 0:
        yield [dim(f"{left_out} earlier rows of {span_words(timeline)} are not shown: {SHOW_ALL}")]
    if timeline.trend is not None:
        yield [Styled(timeline.trend)]
    yield list(timeline.peg_lines)


# The kinds of row, as the table's Kind column names them.
KIND_WORDS = ("pain", "triage", "session", "stretch", "visit")
# Rows drawn at a time: a journal of a million rows prints as it goes, in memory a part holds.
PART_ROWS = 200


def print_in_parts(
    console: Console,
    rows: Iterable[RowShown],
    table: Callable[[bool], Table],
    add: Callable[[Table, RowShown], None],
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


# Stands for the rows in the JSON text of the rest, where they are streamed in (see write_timeline_json).
_ROWS_MARK = "\u2063rows\u2063"


def _json_parts(timeline: TimelineShown, number: EmergencyNumber) -> dict[str, Any]:
    from backspasm.render.journal import escalation_json

    return {
        "window": {"days": timeline.days, "since": _stamp(timeline.since), "until": _stamp(timeline.now)},
        "entries": _ROWS_MARK,
        "trend": timeline.trend_json,
        "escalation": escalation_json(timeline.verdict),
        "check_ins": timeline.peg,
        "emergency_number": number.as_data(),
    }


def write_timeline_json(timeline: TimelineShown, number: EmergencyNumber, out: TextIO) -> None:
    """The --json object written as it is read: indented, each row on a line of its own.

    The rows are written a part (a few hundred) at a time as the store gives them, so `history
    --all --json` of a million rows holds a few hundred in memory.
    """
    import json

    from backspasm.text_safety import dumps, json_safe

    head, tail = dumps(_json_parts(timeline, number)).split(json.dumps(_ROWS_MARK, ensure_ascii=False))
    out.write(head)
    written = False
    for lines in timeline.json_parts:
        if not lines:
            continue
        text = ",\n    ".join(lines)
        out.write((",\n    " if written else "[\n    ") + json_safe(text))
        written = True
    out.write("\n  ]" if written else "[]")
    out.write(tail)
    out.write("\n")
    out.flush()

