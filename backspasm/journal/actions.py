"""What the journal commands do once their options are parsed: `log`, `check-in`, `history`, `report`, `data ...`.

Each function reads the store, asks, computes and draws for one command; the journal's domain
modules compute and the storage modules hold the SQL. Heavy modules (the knowledge base's
models, rich, questionary, the store) are imported inside the function that needs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, BinaryIO, cast

from backspasm.errors import UsageError
from backspasm.render.text import emergency_problems, say

if TYPE_CHECKING:
    from datetime import datetime

    from backspasm.emergency.number import EmergencyNumber
    from backspasm.journal.flare_first import Shown
    from backspasm.journal.reminder import Reminder
    from backspasm.kb.loader import KnowledgeBase
    from backspasm.render.report.document import Document
    from backspasm.storage.db import Connection


def log(
    *,
    pain: str | None,
    note: str | None,
    tried: list[str] | None,
    at: str | None,
    saw_doctor: bool,
    as_json: bool,
    new_symptoms: bool | None = None,
) -> None:
    """`backspasm log`: add a pain entry (or, with --saw-doctor, a visit) and show what the journal now says."""
    from backspasm.clock.now import now as clock_now
    from backspasm.journal import entries
    from backspasm.kb.loader import load_active
    from backspasm.storage.db import connect

    if saw_doctor:
        if new_symptoms is not None:
            raise UsageError(
                "--saw-doctor records a visit on its own; --new-symptoms goes with a pain entry: backspasm log --pain N"
            )
        _log_visit(note=note, at=at, as_json=as_json, pain=pain, tried=tried)
        return
    kb = load_active()
    remedies = entries.check_remedies(tried or [], {r.id: r.name for r in kb.remedies})
    now = clock_now()
    when = _when(at, now)
    score = entries.parse_pain(pain) if pain is not None else _ask_pain()
    said = _new_symptoms(new_symptoms, as_json)
    conn = connect()
    try:
        logged = entries.add(conn, kb, pain=score, note=note, tried=remedies, when=when, now=now, new_symptoms=said)
        number = _emergency_number(kb)
        flare = _flare_first(conn, kb, now, number)
    finally:
        conn.close()
    from backspasm.journal.explain import verdict
    from backspasm.render import journal as view
    from backspasm.view_values.journal import LogShown, Written

    entry = logged.entry
    shown = LogShown(
        Written(entry.id, entry.at, entry.note, entry.pain, entry.tried),
        verdict(logged.assessment),
        logged.new_symptoms,
    )
    if as_json:
        from backspasm.text_safety import json_safe

        say(json_safe(view.logged_json(shown, number, flare)))
    else:
        view.show_logged(kb, shown, number, flare)


def _flare_first(conn: Connection, kb: KnowledgeBase, now: datetime, number: EmergencyNumber) -> Shown | None:
    """The flare-up plan when this entry (or the last day) calls for it first; None otherwise.

    The entry is saved already: a plan that cannot be read must not make it look lost.
    """
    from backspasm.errors import StoreError
    from backspasm.journal.flare_first import plan_first, sign_titles
    from backspasm.storage.db import store_errors

    try:
        with store_errors("the flare-up plan could not be read"):
            return plan_first(conn, now, sign_titles(kb.warning_signs), number.text)
    except StoreError:
        return None


def _log_visit(*, note: str | None, at: str | None, as_json: bool, pain: str | None, tried: list[str] | None) -> None:
    """`log --saw-doctor`: record the visit, then show what the journal still says."""
    from backspasm.clock.now import now as clock_now
    from backspasm.journal import entries
    from backspasm.kb.loader import load_active
    from backspasm.storage.db import connect

    if pain is not None or tried:
        raise UsageError("--saw-doctor records a visit on its own; log pain with a separate 'backspasm log --pain N'")
    kb = load_active()
    now = clock_now()
    when = _when(at, now)
    conn = connect()
    try:
        visited = entries.add_visit(conn, kb, note=note, when=when, now=now)
    finally:
        conn.close()
    from backspasm.journal.explain import verdict
    from backspasm.render import journal as view
    from backspasm.view_values.journal import LogShown, Written

    number = _emergency_number(kb)
    visit = visited.visit
    shown = LogShown(Written(visit.id, visit.at, visit.note), verdict(visited.assessment))
    if as_json:
        say(view.visited_json(shown, number))
    else:
        view.show_visited(kb, shown, number)


def _when(at: str | None, now: datetime) -> datetime:
    """The time --at gives (its reader is imported only when it is given), else now."""
    if at is None:
        return now
    from backspasm.clock.read import parse_when

    return parse_when(at, now)


def _emergency_number(kb: KnowledgeBase) -> EmergencyNumber:
    """The number this command shows, worked out once (emergency/); ignored settings are said on stderr."""
    from backspasm.emergency.current import current

    number = current(kb.regions)
    emergency_problems(number)
    return number


def _new_symptoms(given: bool | None, as_json: bool) -> str | None:
    """yes, no or unsure: from --new-symptoms/--no-new-symptoms, else asked in a terminal; None when not asked."""
    if given is not None:
        return "yes" if given else "no"
    from backspasm.journal import ask

    if as_json or not ask.can_ask():
        return None
    return ask.new_symptoms()


def _ask_pain() -> int:
    """Ask for the pain score in a terminal; without one, say which option is needed."""
    # questionary and prompt_toolkit are slow to import: only when a question is asked.
    from backspasm.journal import ask

    if not ask.can_ask():
        raise UsageError("--pain is needed when there is no terminal to ask in (a whole number from 0 to 10)")
    return ask.pain_now()


def check_in(
    *,
    pain: str | None,
    enjoyment: str | None,
    activity: str | None,
    at: str | None,
    replace: bool,
    as_json: bool,
    plain: bool = False,
) -> None:
    """`backspasm check-in`: the three PEG answers (typed, or asked), stored once a week, then what they show.

    Nothing is stored unless all three answers are in range, and a check-in within six days of
    another replaces it only when the person says so (--replace, or yes when asked).
    """
    from backspasm.clock.now import now as clock_now
    from backspasm.journal import checkin, peg
    from backspasm.journal.explain import moment_text
    from backspasm.render import checkin as screen
    from backspasm.storage.db import connect

    answers = checkin.given_answers({"pain": pain, "enjoyment": enjoyment, "activity": activity})
    now = clock_now()
    when = _when(at, now)
    from backspasm.journal import ask
    from backspasm.prompts import mode

    mode.use_plain(mode.plain_wanted(plain))  # questions as lines of text with --plain or TERM=dumb
    can_ask = not as_json and ask.can_ask()
    if len(answers) < len(peg.ITEMS) and not can_ask:
        raise UsageError(checkin.missing_problem(answers))
    conn = connect()
    try:
        week = checkin.same_week(conn, when)
        if week and not replace:
            if not can_ask:
                raise checkin.replace_refused(week)
            if not ask.replace_week(f"on {moment_text(week[0].at)} (PEG {peg.score_text(week[0].peg)})"):
                screen.show_kept("Kept that check-in; nothing new was saved.", peg.CITATION)
                return
        if len(answers) < len(peg.ITEMS):
            screen.show_intro()
            for item in peg.ITEMS:
                if item.key not in answers:
                    answers[item.key] = ask.peg_item(item.question, item.anchors)
        saved = checkin.save(conn, when, answers, week, now)
    finally:
        conn.close()
    if as_json:
        screen.print_json(checkin.saved_data(saved))
        return
    stored = saved.check_in
    title = f"Check-in saved: PEG score {peg.score_text(stored.peg)} out of 10 ({moment_text(stored.at)})."
    screen.show_saved(title, checkin.answer_lines(stored), checkin.saved_lines(saved), peg.CITATION)


def history(*, days: int | None, everything: bool, limit: int, as_json: bool) -> None:
    """`backspasm history`: the timeline of the window, as JSON or a table with the trend and the verdict.

    The journal stays open while the timeline is drawn: JSON and `--limit 0` read every row as
    they write it, one at a time.
    """
    if everything and days is not None:
        raise UsageError("give --days N or --all, not both")
    from backspasm.clock.now import now
    from backspasm.journal.timeline import DEFAULT_DAYS, build, window
    from backspasm.journal.timeline_words import shown
    from backspasm.kb.loader import load_active
    from backspasm.storage import sessions as session_record
    from backspasm.storage import stretch_runs as stretch_record
    from backspasm.storage.db import connect, is_read_only, store_errors

    kb = load_active()
    span = window(None if everything else (days or DEFAULT_DAYS), now())
    # The table shows the newest `limit` rows: only those are read (JSON lists every row).
    newest = None if as_json or limit == 0 else limit
    conn = connect(reading=True)
    try:
        with store_errors("the journal could not be read"):
            if not is_read_only(conn):
                session_record.mark_interrupted(conn)
                stretch_record.mark_interrupted(conn)
            timeline = shown(kb, build(kb, conn, span, newest))
            number = _emergency_number(kb)
            if as_json:
                import sys

                from backspasm.render.timeline import write_timeline_json

                write_timeline_json(timeline, number, sys.stdout)
                return
            from backspasm.render.text import to_terminal

            if not to_terminal():  # piped or redirected: plain lines, no rich
                import sys

                from backspasm.render.timeline import write_timeline_lines

                write_timeline_lines(kb, timeline, number, sys.stdout)
                return
            from backspasm.render.timeline import render_timeline

            render_timeline(kb, timeline, limit=limit, number=number)
    finally:
        conn.close()


def report(
    *,
    fmt: str | None,
    output: str | None,
    days: int | None,
    force: bool,
    name: str | None = None,
    paper: str | None = None,
) -> None:
    """`backspasm report`: the doctor's report (or the raw journal as CSV) on stdout or in a file."""
    from pathlib import Path

    from backspasm.clock.now import now as clock_now
    from backspasm.journal.days import MAX_DAYS
    from backspasm.output_file import check_target, write_output
    from backspasm.render.report import FORMATS, PAPERS, SUFFIXES

    suffix = Path(output).suffix.lower() if output and output != "-" else ""
    chosen = (fmt or SUFFIXES.get(suffix, "markdown")).lower()
    if chosen not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)} (got {fmt!r})")
    if days is not None and not 1 <= days <= MAX_DAYS:
        raise UsageError(f"--days must be a whole number from 1 to {MAX_DAYS} (got {days})")
    if paper is not None and paper.lower() not in PAPERS:
        raise UsageError(f"--paper must be one of {', '.join(PAPERS)} (got {paper!r})")
    if paper is not None and chosen != "pdf":
        raise UsageError("--paper sets a PDF's page size; add --format pdf, or write to a file ending in .pdf")
    shown_name = _patient_name(name)
    if shown_name is not None and chosen == "csv":
        raise UsageError("--name goes on the report's title; the csv journal has no title (use markdown, html or pdf)")
    to_file = output is not None and output != "-"
    if to_file:
        check_target(Path(str(output)), force=force)  # refuse before the work, not after
        # .txt holds any of the text formats; .pdf or .html holding Markdown would not open right.
        text_format = chosen != "pdf" and suffix == ".txt"
        if suffix and not text_format and SUFFIXES.get(suffix) != chosen:
            wanted = " or ".join(ending for ending, kind in SUFFIXES.items() if kind == chosen and ending != ".txt")
            raise UsageError(f"--output: a {suffix} file cannot hold a {chosen} report; end the name in {wanted}")
    elif chosen == "pdf" and _stdout_is_terminal():
        raise UsageError("a PDF cannot be shown in a terminal; write a file with -o report.pdf")
    now = clock_now()
    if chosen == "csv":
        data = _csv(now, days).encode("utf-8")
    else:
        from backspasm.render.report import render

        document = _document(now, days, name=shown_name)
        data = render(document, chosen, (paper or "a4").lower())
    if not to_file:
        if chosen == "pdf":
            stream = _stdout_bytes()
            stream.write(data)
            stream.flush()
            return
        from backspasm.render.long_text import page_text

        page_text(data.decode("utf-8"))  # on a terminal: wrapped in whole words, through the pager
        return
    write_output(Path(str(output)), data, force=force)
    say(f"Report written to {output}", err=True)


def _stdout_is_terminal() -> bool:
    """True when standard output is a terminal (where a PDF's bytes would be garbage)."""
    import sys

    return sys.stdout.isatty()


# A name longer than this is a paste gone wrong, not a name.
NAME_LIMIT = 100


def _patient_name(name: str | None) -> str | None:
    """The name for the title block, on one line; None when not given or blank."""
    if name is None:
        return None
    from backspasm.text_safety import visible

    shown = " ".join(visible(name).split())
    if len(shown) > NAME_LIMIT:
        raise UsageError(f"--name must be at most {NAME_LIMIT} characters (got {len(shown)})")
    return shown or None


def _document(now: datetime, days: int | None, *, name: str | None) -> Document:
    from backspasm.journal.doctor_report import DEFAULT_DAYS, load_and_build
    from backspasm.journal.report_document import Wording, build_document
    from backspasm.kb.loader import load_active
    from backspasm.storage.db import connect
    from backspasm.view_values.escalation import panel_title

    kb = load_active()
    number = _emergency_number(kb)
    conn = connect(reading=True)
    try:
        built = load_and_build(conn, kb, now, days or DEFAULT_DAYS, number)
    finally:
        conn.close()
    # Every format gets one document: its sections for paper (the PDF, HTML printed) are one-page
    # summaries, however long the window (journal/report_paper.py).
    return build_document(built, Wording(kb.level_index, panel_title), name)


def _csv(now: datetime, days: int | None) -> str:
    from backspasm.journal.doctor_report import window_start
    from backspasm.journal.report_document import journal_table
    from backspasm.render.report import render_csv
    from backspasm.storage import journal as record
    from backspasm.storage.db import connect

    conn = connect(reading=True)
    try:
        entries = record.pain_entries(conn, window_start(now, days) if days else None, now)
    finally:
        conn.close()
    return render_csv(journal_table(entries))


def data_export(file: str, *, force: bool) -> None:
    """`backspasm data export`: every table as one JSON document, to FILE or stdout ('-'), written as it is read."""
    from pathlib import Path

    from backspasm.clock.now import now as clock_now
    from backspasm.output_file import check_target, output_stream
    from backspasm.storage.db import connect, store_errors
    from backspasm.storage.export import write_export

    if file != "-":
        check_target(Path(file), force=force)
    conn = connect(reading=True)
    try:
        with store_errors("the journal could not be read"):
            if file == "-":
                write_export(conn, clock_now(), _stdout_bytes())
                return
            with output_stream(Path(file), force=force) as handle:
                write_export(conn, clock_now(), handle)
    finally:
        conn.close()
    say(f"Exported your data to {file}", err=True)


def _stdout_bytes() -> BinaryIO:
    """Standard output for bytes: JSON is UTF-8 whatever the terminal's encoding, so an export piped
    from an ASCII locale loses nothing."""
    import io
    import sys

    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is not None:
        return cast("BinaryIO", buffer)

    class TextOut(io.RawIOBase):  # a stream without bytes (a test's capture): the text as it decodes
        def write(self, data: Any) -> int:
            sys.stdout.write(bytes(data).decode("utf-8"))
            return len(data)

    return cast("BinaryIO", TextOut())


def data_import(file: str) -> None:
    """`backspasm data import`: read an export (FILE, or stdin for '-') back into the journal."""
    import gc

    from backspasm.storage.db import MIGRATIONS, connect
    from backspasm.storage.restore import import_all, parse

    name = "stdin" if file == "-" else file
    # An export of 100,000 rows is a million objects, none of them in a cycle: the collector's
    # passes over them would cost a tenth of the import (freeing is by reference counts alone).
    collecting = gc.isenabled()
    gc.disable()
    try:
        content = parse(_read_export(file, name), name, len(MIGRATIONS))
        conn = connect()
        try:
            done = import_all(conn, content, name, free_rows=True)
        finally:
            conn.close()
    finally:
        if collecting:
            gc.enable()
    say(done.summary())


def _read_export(file: str, name: str) -> bytes:
    """The raw bytes of an export, at most one byte over the limit (so that too big can be told)."""
    import sys

    from backspasm.errors import BackspasmError
    from backspasm.storage.restore import MAX_BYTES

    try:
        if file == "-":
            if sys.stdin is None:
                raise BackspasmError("standard input is closed; give FILE or pipe an export in")
            if sys.stdin.isatty():
                raise UsageError("data import - reads an export from stdin: backspasm data import - < my-data.json")
            return sys.stdin.buffer.read(MAX_BYTES + 1)
        with open(file, "rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise BackspasmError(f"cannot read {name}: {exc.strerror or exc}") from None


def data_forget(*, yes: bool) -> None:
    """`backspasm data forget`: list what goes, ask for the word (unless --yes), then delete every file."""
    from backspasm.storage.db import home_dir
    from backspasm.storage.export import forget, stored_files

    home = home_dir()
    files = stored_files(home)
    if not files:
        say(f"Nothing to delete: no backspasm data in {home}", err=True)
        return
    if not yes:
        from backspasm.journal import ask

        if not ask.can_ask():
            raise UsageError("data forget needs --yes when there is no terminal to confirm in")
        for line in ask.plan(home, files):
            say(line, err=True)
        if not ask.forget_confirmed():
            say("Nothing was deleted.", err=True)
            return
    deleted = forget(files)
    say(f"Deleted your backspasm data ({len(deleted)} file{'s' if len(deleted) != 1 else ''} in {home}).", err=True)


def check_seen(kb: KnowledgeBase, *, what: str, yes: bool, can_ask: bool) -> None:
    """Before a session or stretch: say so when a recent triage said EMERGENCY or URGENT, and ask whether
    a doctor has seen them since (yes records the visit, which settles the reminder).

    `what` names the activity ("the session"). With --yes, or without a terminal, say it and go on.
    Raises Finished(0) when the person chooses not to start.
    """
    from backspasm.clock.now import now as clock_now
    from backspasm.errors import EXIT_OK, Finished

    current = clock_now()
    number = _emergency_number(kb)
    reminder = _pending_reminder(kb, current, number)
    if reminder is None:
        return
    from backspasm.render import reminder as screen

    screen.render_reminder(reminder, number)
    if yes:
        say(f"backspasm: --yes: starting {what}; once seen: backspasm log --saw-doctor", err=True)
        return
    if not can_ask:
        return
    from backspasm.journal import ask

    if ask.seen_since(what):
        _record_visit(current)
        screen.render_visit_noted()
        return
    screen.render_get_seen_first(reminder)
    if not ask.start_anyway(what):
        screen.render_not_started(what)
        raise Finished(EXIT_OK)


def _pending_reminder(kb: KnowledgeBase, now: datetime, number: EmergencyNumber) -> Reminder | None:
    """The reminder that fires now, its headline with the number this command works out (or None)."""
    from backspasm.errors import StoreError
    from backspasm.journal.reminder import pending
    from backspasm.storage.db import connect, store_errors

    # A journal that cannot be read must not stop the session: the reminder is a courtesy on top.
    try:
        conn = connect()
    except StoreError:
        return None
    try:
        with store_errors("the journal could not be read"):
            return pending(conn, kb, now, number)
    except StoreError:
        return None
    finally:
        conn.close()


def _record_visit(now: datetime) -> None:
    from backspasm.storage.db import connect
    from backspasm.storage.visits import add_visit

    conn = connect()
    try:
        add_visit(conn, now, None)
    finally:
        conn.close()
