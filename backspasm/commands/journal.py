"""`backspasm log`, `backspasm report` and `backspasm data export|forget`: the person's record.

Only typer is imported here; the journal, the knowledge base, rich and the store are imported
inside each command, so `backspasm --help` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from datetime import datetime

# The longest window --days covers: a hundred years (longer would overflow the calendar).
MAX_DAYS = 36_500

data_app = typer.Typer(
    name="data",
    help="Your data: export everything as JSON, import it back, or delete it.",
    no_args_is_help=True,
)


def log(
    pain: Annotated[
        str | None,
        typer.Option(
            "--pain", "-p", metavar="0-10", help="Pain right now, 0 (none) to 10 (worst). Asked when left out."
        ),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", "-n", help="A few words: what you were doing, how it feels.")
    ] = None,
    tried: Annotated[
        list[str] | None,
        typer.Option(
            "--tried", "-t", metavar="REMEDY_ID", help="A remedy you tried (repeat, or separate ids with commas)."
        ),
    ] = None,
    at: Annotated[
        str | None,
        typer.Option("--at", metavar="WHEN", help="When: 2024-03-01 18:00, 'yesterday 18:00', '2h ago'. Default: now."),
    ] = None,
    saw_doctor: Annotated[
        bool,
        typer.Option(
            "--saw-doctor", help="Record that a doctor or other clinician has seen you (settles triage reminders)."
        ),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the entry and the journal's verdict as JSON.")] = False,
) -> None:
    """Add a pain entry to your journal (several a day are fine), then check whether it is time to see a doctor.

    Example: backspasm log --pain 6 --tried superficial-heat --note "stiff after the drive"

    After a doctor has seen you: backspasm log --saw-doctor --note "GP: no red flags"
    """
    from backspasm.journal import clock, entries
    from backspasm.kb.loader import load_active
    from backspasm.store import connect

    if saw_doctor:
        _log_visit(note=note, at=at, as_json=as_json, pain=pain, tried=tried)
        return
    kb = load_active()
    remedies = entries.check_remedies(tried or [], {r.id: r.name for r in kb.remedies})
    now = clock.now()
    when = clock.parse_when(at, now) if at is not None else now
    score = entries.parse_pain(pain) if pain is not None else _ask_pain()
    conn = connect()
    try:
        logged = entries.add(conn, kb, pain=score, note=note, tried=remedies, when=when, now=now)
    finally:
        conn.close()
    from backspasm.render import journal as view

    if as_json:
        from backspasm.text_safety import json_safe

        typer.echo(json_safe(view.logged_json(logged)))
    else:
        view.show_logged(kb, logged)


def _log_visit(*, note: str | None, at: str | None, as_json: bool, pain: str | None, tried: list[str] | None) -> None:
    """`log --saw-doctor`: record the visit, then show what the journal still says."""
    from backspasm.errors import UsageError
    from backspasm.journal import clock, entries
    from backspasm.kb.loader import load_active
    from backspasm.store import connect

    if pain is not None or tried:
        raise UsageError("--saw-doctor records a visit on its own; log pain with a separate 'backspasm log --pain N'")
    kb = load_active()
    now = clock.now()
    when = clock.parse_when(at, now) if at is not None else now
    conn = connect()
    try:
        visited = entries.add_visit(conn, kb, note=note, when=when, now=now)
    finally:
        conn.close()
    from backspasm.render import journal as view

    if as_json:
        typer.echo(view.visited_json(visited))
    else:
        view.show_visited(kb, visited)


def _ask_pain() -> int:
    """Ask for the pain score in a terminal; without one, say which option is needed."""
    # questionary and prompt_toolkit are slow to import: only when a question is asked.
    from backspasm import questionnaire
    from backspasm.errors import UsageError

    if not questionnaire.can_prompt():
        raise UsageError("--pain is needed when there is no terminal to ask in (a whole number from 0 to 10)")
    answer = questionnaire.number(
        "How bad is the pain right now?",
        minimum=0,
        maximum=10,
        hint="0 = none, 10 = worst imaginable",
        what="the pain entry",
    )
    return int(answer)


def report(
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="markdown|html|csv",
            help="markdown (default), html (with a chart) or csv (the raw journal). Default: from --output's suffix.",
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write to FILE (readable by you alone) instead of stdout."),
    ] = None,
    days: Annotated[
        int | None,
        typer.Option("--days", "-d", metavar="N", help="Cover the last N days (default 30; csv: the whole journal)."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the --output file if it already exists (atomically).")
    ] = False,
) -> None:
    """Make a report to take to the doctor: answers to their usual questions, triage, pain trend, what you tried.

    Example: backspasm report --format html --output for-the-doctor.html
    """
    from pathlib import Path

    from backspasm.errors import UsageError
    from backspasm.journal import clock
    from backspasm.output_file import check_target, write_output
    from backspasm.render.report import FORMATS, SUFFIXES

    suffix = Path(output).suffix.lower() if output and output != "-" else ""
    chosen = (fmt or SUFFIXES.get(suffix, "markdown")).lower()
    if chosen not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)} (got {fmt!r})")
    if days is not None and not 1 <= days <= MAX_DAYS:
        raise UsageError(f"--days must be a whole number from 1 to {MAX_DAYS} (got {days})")
    to_file = output is not None and output != "-"
    if to_file:
        check_target(Path(str(output)), force=force)  # refuse before the work, not after
        # .txt holds any of them (all are text); .pdf or .html holding Markdown would not open right.
        if suffix and suffix != ".txt" and SUFFIXES.get(suffix) != chosen:
            wanted = " or ".join(ending for ending, name in SUFFIXES.items() if name == chosen and ending != ".txt")
            hint = "; for a PDF, write .html and print it to PDF from your browser" if suffix == ".pdf" else ""
            raise UsageError(f"--output: a {suffix} file cannot hold a {chosen} report; end the name in {wanted}{hint}")
    now = clock.now()
    text = _csv(now, days) if chosen == "csv" else _document(now, days, chosen)
    if not to_file:
        typer.echo(text, nl=False)
        return
    write_output(Path(str(output)), text, force=force)
    typer.echo(f"Report written to {output}", err=True)


def _document(now: datetime, days: int | None, fmt: str) -> str:
    from backspasm.journal.report import DEFAULT_DAYS, load_and_build
    from backspasm.kb.loader import load_active
    from backspasm.render.report import render
    from backspasm.store import connect

    kb = load_active()
    conn = connect(reading=True)
    try:
        built = load_and_build(conn, kb, now, days or DEFAULT_DAYS)
    finally:
        conn.close()
    return render(built, fmt, kb.level_index)


def _csv(now: datetime, days: int | None) -> str:
    from backspasm.journal import record
    from backspasm.journal.report import window_start
    from backspasm.render.report import render_csv
    from backspasm.store import connect

    conn = connect(reading=True)
    try:
        entries = record.pain_entries(conn, window_start(now, days) if days else None)
    finally:
        conn.close()
    return render_csv([e for e in entries if e.at <= now])


@data_app.command("export")
def data_export(
    file: Annotated[
        str, typer.Argument(metavar="FILE", help="Where to write the JSON (readable by you alone); '-' for stdout.")
    ],
    force: Annotated[
        bool, typer.Option("--force", help="Replace FILE if it already exists (atomically).")
    ] = False,
) -> None:
    """Write everything backspasm stores about you (every table) as one JSON file.

    Example: backspasm data export my-backspasm.json
    """
    from pathlib import Path

    from backspasm.journal import clock
    from backspasm.journal.data import export_all, export_text
    from backspasm.output_file import check_target, write_output
    from backspasm.store import connect

    if file != "-":
        check_target(Path(file), force=force)
    conn = connect(reading=True)
    try:
        text = export_text(export_all(conn, clock.now()))
    finally:
        conn.close()
    if file == "-":
        typer.echo(text, nl=False)
        return
    write_output(Path(file), text, force=force)
    typer.echo(f"Exported your data to {file}", err=True)


@data_app.command("import")
def data_import(
    file: Annotated[
        str, typer.Argument(metavar="FILE", help="A file made by `backspasm data export`; '-' reads stdin.")
    ],
) -> None:
    """Read an export back into your journal: restore a backup, or merge one without duplicating rows.

    Example: backspasm data import my-backspasm.json
    """
    import sys

    from backspasm.errors import BackspasmError, UsageError
    from backspasm.journal.restore import MAX_BYTES, import_all, parse
    from backspasm.store import MIGRATIONS, connect

    name = "stdin" if file == "-" else file
    try:
        if file == "-":
            if sys.stdin is None:
                raise BackspasmError("standard input is closed; give FILE or pipe an export in")
            if sys.stdin.isatty():
                raise UsageError("data import - reads an export from stdin: backspasm data import - < my-data.json")
            raw = sys.stdin.buffer.read(MAX_BYTES + 1)
        else:
            with open(file, "rb") as handle:
                raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise BackspasmError(f"cannot read {name}: {exc.strerror or exc}") from None
    content = parse(raw, name, len(MIGRATIONS))
    conn = connect()
    try:
        done = import_all(conn, content, name)
    finally:
        conn.close()
    typer.echo(done.summary())


@data_app.command("forget")
def data_forget(
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Delete without listing or asking (for scripts).")
    ] = False,
) -> None:
    """Delete everything backspasm stores about you: journal, triage runs, sessions, stretches.

    It lists what will be deleted and asks you to type the word forget; nothing can bring it back,
    so run 'backspasm data export FILE' first to keep a copy.
    Example: backspasm data forget
    """
    from backspasm import questionnaire
    from backspasm.errors import UsageError
    from backspasm.journal.data import forget, stored_files
    from backspasm.store import home_dir

    home = home_dir()
    files = stored_files(home)
    if not files:
        typer.echo(f"Nothing to delete: no backspasm data in {home}", err=True)
        return
    if not yes:
        if not questionnaire.can_prompt():
            raise UsageError("data forget needs --yes when there is no terminal to confirm in")
        from backspasm.journal import confirm_forget

        for line in confirm_forget.plan(home, files):
            typer.echo(line, err=True)
        if not confirm_forget.ask():
            typer.echo("Nothing was deleted.", err=True)
            return
    deleted = forget(files)
    typer.echo(
        f"Deleted your backspasm data ({len(deleted)} file{'s' if len(deleted) != 1 else ''} in {home}).", err=True
    )


def register(app: typer.Typer) -> None:
    """Add `log`, `report` and the `data` group to the app."""
    app.command("log")(log)
    app.command("report")(report)
    app.add_typer(data_app)
