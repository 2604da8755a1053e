"""`backspasm session`: choose, check, plan, then run the timer in the terminal and record it.

The order matters for safety and for the record: options are checked first (exit 2 before any
question), the safety gate before the first round, the history row is written only once the
signal handlers are in place, and it is always finished (completed or stopped) on the way out.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Literal

import typer

from backspasm.errors import EXIT_PROBLEMS, BackspasmError, Interrupted, StoreError
from backspasm.sessions.durations import parse_duration, words

if TYPE_CHECKING:
    from backspasm.kb.plain import Protocol
    from backspasm.sessions.plan import SessionPlan
    from backspasm.sessions.runner import Outcome
    from backspasm.timer import Snapshot
    from backspasm.triage.saved import RememberedOnset


@dataclass(frozen=True)
class SessionOptions:
    """The `session` command line, as typed."""

    protocol: str | None
    duration: str | None
    rounds: int
    rest: str | None
    yes: bool
    plain: bool
    bell: bool
    since: str | None


class SessionEnded(BackspasmError):
    """A session ended by a signal: the exit code is 128 + the signal number (130 for Ctrl-C)."""

    def __init__(self, number: int, *problems: str) -> None:
        super().__init__(*problems)
        self.exit_code = 128 + number


def plain_output(requested: bool) -> bool:
    """One line per event when asked, when stdout is not a terminal, or on a dumb terminal."""
    return requested or not sys.stdout.isatty() or os.environ.get("TERM", "") == "dumb"


def run(options: SessionOptions) -> None:
    """The whole `session` command."""
    duration = parse_duration(options.duration) if options.duration is not None else None
    rest = parse_duration(options.rest, "--rest") if options.rest is not None else None

    from backspasm.kb.loader import load_active
    from backspasm.kb.lookup import find
    from backspasm.questionnaire import can_prompt, plain_wanted, use_plain
    from backspasm.sessions.choose import choose_protocol, safety_gate
    from backspasm.sessions.plan import settle

    kb = load_active()
    use_plain(plain_wanted(options.plain))  # the checks as lines of text too, with --plain or TERM=dumb
    can_ask = can_prompt()
    from backspasm.journal.reminder import check_seen

    check_seen(kb, what="the session", yes=options.yes, can_ask=can_ask)
    if options.protocol is not None:
        protocol = find("protocol", options.protocol, kb.protocol_index, "backspasm protocols")
    else:
        remembered = _remembered_onset() if options.since is None else None
        protocol = choose_protocol(kb, since=options.since, yes=options.yes, can_ask=can_ask, remembered=remembered)
    settled = settle(protocol, duration=duration, rounds=options.rounds, rest=rest)
    for note in settled.notes:
        typer.echo(f"backspasm: {note}", err=True)

    _pregnancy_note(protocol)
    ruled_out = safety_gate(protocol, yes=options.yes, can_ask=can_ask)
    from backspasm.render.session import render_intro, render_ruled_out

    if ruled_out is not None:
        render_ruled_out(protocol, ruled_out.check, unsure=ruled_out.unsure)
        raise typer.Exit(EXIT_PROBLEMS)
    render_intro(protocol, settled.plan)
    plain = plain_output(options.plain)
    if not options.yes and can_ask:
        # The clock starts when the pack is on, not while the person is still fetching it.
        _wait_until_on(protocol, plain=plain)
    outcome = _run_recorded(settled, plain=plain, bell=options.bell)
    _exit_for(protocol, outcome)


def ready_prompt(protocol: Protocol) -> str:
    """What the person is asked before the clock starts: that the pack is on."""
    if protocol.id == "ice-massage":
        return "Press Enter when you are ready to start the ice massage."
    if protocol.kind == "cold":
        return "Press Enter when the ice pack is on."
    return "Press Enter when the heat is on."


def _wait_until_on(protocol: Protocol, *, plain: bool) -> None:
    """Wait for Enter; Ctrl-C or end of input there starts nothing and records nothing."""
    from backspasm.questionnaire import wait_for_enter

    wait_for_enter(ready_prompt(protocol), plain=plain, what="the session")


def _pregnancy_note(protocol: Protocol) -> None:
    """The protocol's pregnancy note, before the checks, when the latest triage says pregnant."""
    from backspasm.latest_triage import NOTE, latest_triage_says_pregnant

    if protocol.pregnancy and latest_triage_says_pregnant():
        typer.echo(f"{NOTE} {protocol.pregnancy}")


def _remembered_onset() -> RememberedOnset | None:
    """When the pain began, from the latest triage in the journal (None if there is none recent)."""
    from backspasm.store import connect
    from backspasm.triage.saved import remembered_onset

    conn = connect()
    try:
        with _store_errors("the journal could not be read"):
            return remembered_onset(conn, datetime.now().astimezone())
    finally:
        conn.close()


def _run_recorded(settled: SessionPlan, *, plain: bool, bell: bool) -> Outcome:
    from backspasm import history
    from backspasm.render.session import LiveView, PlainView
    from backspasm.sessions.alerts import Alerts, bell_stream, notifier
    from backspasm.sessions.runner import run_session
    from backspasm.sessions.terminal import SessionTerminal
    from backspasm.sessions.words import Voice
    from backspasm.store import connect
    from backspasm.timer import SessionTimer, SystemClock

    protocol, plan = settled.protocol, settled.plan
    conn = connect()
    with _store_errors("the history could not be read"):
        found = history.mark_interrupted(conn)
    if found:
        typer.echo(f"backspasm: {len(found)} earlier session(s) ended without finishing; marked interrupted", err=True)
    voice = Voice(protocol.name, protocol.kind, protocol.rest_minutes, plan.rounds)
    timer = SessionTimer(plan)
    clock = SystemClock()
    alerts = Alerts(bell=bell, stream=bell_stream(), notify_send=notifier())
    with SessionTerminal(hide_cursor=not plain) as terminal, _store_errors("the session could not be recorded"):
        session_id = history.begin(
            conn, protocol.id, planned_seconds=plan.planned_seconds, rounds=plan.rounds, started_at=history.now()
        )
        view = PlainView(voice) if plain else LiveView(voice)
        outcome: Outcome | None = None
        try:
            outcome = run_session(
                timer, clock, terminal, view, alerts, alert_for=voice.alert, save=_saver(conn, session_id)
            )
        finally:
            view.close()
            terminal.restore()
            alerts.close()
            # Whatever happened, the row ends as completed or stopped with the time really applied.
            snap = timer.snapshot(clock.now())
            _finish(conn, session_id, outcome, snap)
    assert outcome is not None  # run_session either returned or raised
    return outcome


@contextlib.contextmanager
def _store_errors(what: str) -> Iterator[None]:
    """Turn a database failure into a one-line StoreError."""
    try:
        yield
    except sqlite3.Error as exc:
        raise StoreError(f"{what}: {exc}") from None


def _saver(conn: sqlite3.Connection, session_id: int) -> Callable[[Snapshot], None]:
    from backspasm import history

    def save(snap: Snapshot) -> None:
        # A busy or failing disk must not stop the timer; the final save reports errors.
        with contextlib.suppress(sqlite3.Error):
            history.progress(conn, session_id, applied=snap.applied, rounds_done=snap.rounds_done, at=history.now())

    return save


def _finish(conn: sqlite3.Connection, session_id: int, outcome: Outcome | None, snap: Snapshot) -> None:
    from backspasm import history

    status: Literal["completed", "stopped"] = "stopped"
    if outcome is not None and outcome.status == "completed":
        status = "completed"
    note = None
    if snap.suspended_seconds > 0:
        note = f"the computer was asleep for {words(snap.suspended_seconds)} during the session"
    try:
        with _store_errors("the session could not be saved in the history"):
            history.finish(
                conn,
                session_id,
                status=status,
                applied=snap.applied,
                rounds_done=snap.rounds_done,
                at=history.now(),
                note=note,
            )
    finally:
        conn.close()


def _exit_for(protocol: Protocol, outcome: Outcome) -> None:
    """Exit 0 for a completed session or q; 130 for Ctrl-C; 128 + N for other signals."""
    if outcome.signal is None:
        return
    applied = f"{words(outcome.applied)} applied, saved in the history"
    if outcome.signal == signal.SIGINT:
        raise Interrupted(f"{protocol.name} stopped early: {applied}")
    if outcome.signal == signal.SIGHUP:
        raise typer.Exit(128 + outcome.signal)  # the terminal is gone: nobody to tell
    name = signal.Signals(outcome.signal).name
    raise SessionEnded(outcome.signal, f"{protocol.name} stopped by {name}: {applied}")
