"""`backspasm stretch`: list the routines, or run one step by step and record it in the journal.

The order matters, as for `session`: options and the routine are checked first (exit 2 before
anything is shown), the journal row is written only once signals are handled, and it is always
finished (completed, stopped, worse or interrupted) on the way out. Each hold is timed by the
session timer in the session terminal; the question after each stretch runs outside it, with
signals that end the routine cleanly.
"""

from __future__ import annotations

import contextlib
import signal
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

import typer

from backspasm.errors import Interrupted, UsageError
from backspasm.sessions.command import SessionEnded, plain_output
from backspasm.store import store_errors

if TYPE_CHECKING:
    from backspasm.kb.loader import KnowledgeBase
    from backspasm.kb.models import Routine, Stretch
    from backspasm.sessions.alerts import Alerts
    from backspasm.sessions.terminal import SessionTerminal
    from backspasm.stretching.runner import RoutineOutcome, Timed
    from backspasm.stretching.words import ReadyVoice, StretchVoice
    from backspasm.timer import Plan, Snapshot

NO_TERMINAL = (
    "stretch asks after each stretch whether the pain got worse, and there is no terminal to ask in; "
    "in scripts add --yes to answer 'not worse' (stop at once if it is)"
)
WHAT = "the stretch routine"


@dataclass(frozen=True)
class StretchOptions:
    """The `stretch` command line, as typed."""

    routine: str | None
    list_routines: bool
    as_json: bool
    yes: bool
    plain: bool
    bell: bool


def run(options: StretchOptions) -> None:
    """The whole `stretch` command."""
    if options.as_json and not options.list_routines:
        raise UsageError("--json goes with --list: 'backspasm stretch --list --json'")
    if options.list_routines and options.routine is not None:
        raise UsageError("give a routine to run, or --list to see them all, not both")

    from backspasm.kb.loader import load_active

    kb = load_active()
    if options.list_routines:
        _show_list(kb, as_json=options.as_json)
        return

    from backspasm.questionnaire import can_prompt
    from backspasm.stretching.routine import choose, evidence, stretches_of

    location = None if options.routine is not None else _remembered_location()
    routine = choose(kb, options.routine, location)
    stretches = stretches_of(kb, routine)
    if not options.yes and not can_prompt():
        raise UsageError(NO_TERMINAL)
    from backspasm.journal.reminder import check_seen

    check_seen(kb, what="the stretches", yes=options.yes, can_ask=not options.yes)
    if options.yes:
        typer.echo(
            "backspasm: --yes answers 'not worse' after each stretch; stop at once if the pain gets worse", err=True
        )

    from backspasm.render.stretch import render_end, render_intro, render_worse

    if location is not None and routine is not kb.routines[0]:
        where = location.replace("_", " ")
        typer.echo(f"backspasm: your latest triage says the spasm is in your {where}: {routine.name}", err=True)
    render_intro(kb, routine, stretches, evidence(kb))
    outcome = _run_recorded(routine, stretches, options)
    if outcome.status == "worse":
        render_worse(kb.stretch_index[outcome.stopped_at or ""])
    elif outcome.status in ("completed", "stopped"):
        render_end(outcome, stretches)
    _exit_for(outcome, len(stretches))


def _remembered_location() -> str | None:
    # A journal that cannot be read only costs the choice of routine, never the routine itself.
    from backspasm import history
    from backspasm.errors import StoreError
    from backspasm.store import connect
    from backspasm.triage.saved import remembered_location

    try:
        conn = connect()
    except StoreError:
        return None
    try:
        return remembered_location(conn, history.now())
    finally:
        conn.close()


def _show_list(kb: KnowledgeBase, *, as_json: bool) -> None:
    from backspasm.render.stretch import list_json, render_list

    if as_json:
        import json

        typer.echo(json.dumps(list_json(kb), indent=2, ensure_ascii=False))
        return
    render_list(kb)


def _run_recorded(routine: Routine, stretches: list[Stretch], options: StretchOptions) -> RoutineOutcome:
    from backspasm import history
    from backspasm.render.stretch import render_stretch
    from backspasm.sessions.alerts import Alerts, bell_stream
    from backspasm.store import connect
    from backspasm.stretching import record
    from backspasm.stretching.runner import Ended, RoutineOutcome, run_routine
    from backspasm.stretching.signals import signals_end_routine

    conn = connect()
    try:
        with store_errors("the journal could not be read"):
            found = record.mark_interrupted(conn)
        if found:
            typer.echo(
                f"backspasm: {len(found)} earlier routine(s) ended without finishing; marked interrupted", err=True
            )
        with store_errors("the routine could not be recorded"):
            run_id = record.begin(conn, routine.id, started_at=history.now())
    except BaseException:
        conn.close()
        raise
    plain = plain_output(options.plain)
    # The bell only: a desktop notification at every hold would be noise.
    alerts = Alerts(bell=options.bell, stream=bell_stream(), notify_send=None)
    done: list[str] = []

    def save(now_done: list[str]) -> None:
        done[:] = now_done
        # A busy disk must not stop the routine; the final save reports errors.
        with contextlib.suppress(sqlite3.Error):
            record.progress(conn, run_id, done=now_done, at=history.now())

    outcome: RoutineOutcome | None = None
    try:
        with signals_end_routine():
            try:
                outcome = run_routine(
                    stretches,
                    show=lambda stretch, number: render_stretch(stretch, number, len(stretches)),
                    perform=lambda stretch: _perform(stretch, plain=plain, alerts=alerts),
                    worse=lambda stretch: _ask_worse(stretch, yes=options.yes),
                    save=save,
                )
            except Ended as ended:  # a signal in the instant after the loop returned
                outcome = RoutineOutcome("interrupted", list(done), None, ended.number)
    finally:
        alerts.close()
        # Whatever happened, the row ends finished; an unforeseen error leaves it interrupted.
        _finish(conn, run_id, outcome or RoutineOutcome("interrupted", list(done), None, signal.SIGINT))
    return outcome


def _finish(conn: sqlite3.Connection, run_id: int, outcome: RoutineOutcome) -> None:
    from backspasm import history
    from backspasm.stretching import record

    try:
        with store_errors("the routine could not be saved in the journal"):
            record.finish(
                conn, run_id, status=outcome.status, done=outcome.done, stopped_at=outcome.stopped_at, at=history.now()
            )
    finally:
        conn.close()


def _perform(stretch: Stretch, *, plain: bool, alerts: Alerts) -> Timed:
    """Time one stretch in the session terminal: the count to get ready, then the holds and rests."""
    from backspasm.sessions.terminal import SessionTerminal
    from backspasm.stretching.routine import hold_plan, ready_plan
    from backspasm.stretching.runner import Timed
    from backspasm.stretching.words import ReadyVoice, StretchVoice

    ready, hold = ready_plan(stretch), hold_plan(stretch)
    with SessionTerminal(hide_cursor=not plain) as terminal:
        if ready is not None:
            timed = _timed(ready, ReadyVoice(stretch.name), terminal, plain=plain, alerts=alerts)
            if not timed.completed:
                return timed
        if hold is None:
            return Timed(completed=True)
        voice = StretchVoice(stretch.name, stretch.repetitions, stretch.hold_seconds, stretch.rest_seconds)
        return _timed(hold, voice, terminal, plain=plain, alerts=alerts)


def _timed(
    plan: Plan, voice: StretchVoice | ReadyVoice, terminal: SessionTerminal, *, plain: bool, alerts: Alerts
) -> Timed:
    from backspasm.render.session import LiveView, PlainView
    from backspasm.sessions.runner import run_session
    from backspasm.stretching.runner import Timed
    from backspasm.timer import SessionTimer, SystemClock

    view = PlainView(voice) if plain else LiveView(voice)
    try:
        outcome = run_session(
            SessionTimer(plan), SystemClock(), terminal, view, alerts, alert_for=voice.alert, save=_no_save
        )
    finally:
        view.close()  # the terminal stays in cbreak until the stretch's last hold is over
    return Timed(completed=outcome.status == "completed", by_key=outcome.by_key, signal=outcome.signal)


def _no_save(snap: Snapshot) -> None:
    """Holds are short: the row is saved after each stretch, not during one."""


def _ask_worse(stretch: Stretch, *, yes: bool) -> bool:
    """Did the pain get worse? --yes answers no; no default, so Enter alone is not an answer."""
    if yes:
        return False
    from backspasm.questionnaire import confirm

    return confirm(f"Did the pain get worse with {stretch.name}?", default=None, what=WHAT)


def _exit_for(outcome: RoutineOutcome, total: int) -> None:
    """Exit 0 when completed, ended with q or stopped as worse; 130 for Ctrl-C; 128 + N for other signals."""
    if outcome.status != "interrupted" or outcome.signal is None:
        return
    told = f"stretch routine stopped: {len(outcome.done)} of {total} stretches done, saved in your journal"
    if outcome.signal == signal.SIGINT:
        raise Interrupted(told)
    if outcome.signal == signal.SIGHUP:
        raise typer.Exit(128 + outcome.signal)  # the terminal is gone: nobody to tell
    raise SessionEnded(outcome.signal, f"{told} ({signal.Signals(outcome.signal).name})")
