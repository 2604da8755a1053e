"""`backspasm stretch`: list the routines, or run one step by step and record it in the journal.

The order matters, as for `session`: options and the routine are checked first (exit 2 before
anything is shown), the journal row is written only once signals are handled, and it is always
finished on the way out: completed, worse, or stopped (by q or by Ctrl-C, SIGTERM or SIGHUP, as
sessions are); interrupted only when an unforeseen error ended it. Each hold is timed by the
session timer in the session terminal; the question after each stretch runs outside it, with
signals that end the routine cleanly.
"""

from __future__ import annotations

import contextlib
import signal
from dataclasses import dataclass
from typing import TYPE_CHECKING

from backspasm.errors import Finished, Interrupted, Signalled, UsageError
from backspasm.render.text import say
from backspasm.storage.db import DatabaseError, store_errors
from backspasm.timer.terminal import plain_output

if TYPE_CHECKING:
    from datetime import datetime

    from backspasm.clock.ticks import Clock
    from backspasm.kb.loader import KnowledgeBase
    from backspasm.kb.views import Routine, Stretch
    from backspasm.render.routines import RoutineView
    from backspasm.render.session import LiveView, PlainView
    from backspasm.render.session_lines import PlainLines
    from backspasm.storage.db import Connection
    from backspasm.stretch.narration import ReadyVoice, StretchVoice
    from backspasm.stretch.routine_loop import RoutineOutcome, Timed
    from backspasm.timer import Plan, Snapshot
    from backspasm.timer.alerts import Alerts
    from backspasm.timer.terminal import SessionTerminal

NO_TERMINAL = (
    "stretch asks after each stretch whether the pain got worse, and there is no terminal to ask in; "
    "in scripts add --yes to answer 'not worse' (stop at once if it is)"
)
WHAT = "the stretch routine"


@dataclass(frozen=True, kw_only=True)
class StretchOptions:
    """The `stretch` command line, as typed (by keyword, as SessionOptions)."""

    routine: str | None
    list_routines: bool
    as_json: bool
    yes: bool
    plain: bool
    bell: bool
    ready: float = 20.0  # seconds to get into position before each stretch


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

    from backspasm.clock.now import now
    from backspasm.prompts.mode import can_prompt, plain_wanted, use_plain
    from backspasm.storage.triage_runs import peek_recent_triage
    from backspasm.stretch.routine import choose, evidence, lies_on_back, stretches_of
    from backspasm.triage.latest import says_pregnant

    location, phase = (None, None) if options.routine is not None else _remembered(kb)
    # Learned once in triage, remembered here: no routine flat on the back is offered in pregnancy.
    pregnant = says_pregnant(peek_recent_triage(now()))
    routine = choose(kb, options.routine, location, phase, pregnant=pregnant)
    stretches = stretches_of(kb, routine)
    use_plain(plain_wanted(options.plain))  # "did it get worse?" as a line of text too
    if not options.yes and not can_prompt():
        raise UsageError(NO_TERMINAL)
    from backspasm.journal.actions import check_seen

    check_seen(kb, what="the stretches", yes=options.yes, can_ask=not options.yes)
    if options.yes:
        say("backspasm: --yes answers 'not worse' for you; stop at once if it hurts more", err=True)

    from backspasm.render.text import to_terminal

    piped = not to_terminal()  # piped or redirected: the same words as plain lines, and no rich
    # In pregnancy the intro's own line says why this routine (or which one instead).
    instead = None
    if pregnant and lies_on_back(kb, routine):
        instead = choose(kb, None, location, phase, pregnant=True).id
    if not pregnant:
        _say_why(kb, routine, location, phase)
    said = evidence(kb)
    if piped:
        from backspasm.kb.cite import source_names
        from backspasm.render.stretch_lines import write_intro

        titles = source_names(kb.source_index, said.sources) if said.sources else None
        write_intro(routine_view(kb, routine), said.text, titles, pregnant=pregnant, instead=instead)
    else:
        from backspasm.render.stretch import render_intro

        render_intro(kb, routine_view(kb, routine), said.text, said.sources, pregnant=pregnant, instead=instead)
    if not options.yes:
        # The intro stays until the person has read it; Ctrl-C here starts and records nothing.
        from backspasm.prompts.questionnaire import wait_for_enter

        wait_for_enter("Press Enter to start the first stretch.", plain=plain_output(options.plain), what=WHAT)
    outcome = _run_recorded(routine, stretches, options, pregnant=pregnant)
    if piped:
        from backspasm.render.stretch_lines import write_end as render_end
        from backspasm.render.stretch_lines import write_worse as render_worse
    else:
        from backspasm.render.stretch import render_end, render_worse
    if outcome.status == "worse":
        render_worse(kb.stretch_index[outcome.stopped_at or ""])
    elif outcome.status in ("completed", "stopped"):
        render_end(outcome.status == "completed", len(outcome.done), len(stretches))
    _exit_for(outcome, len(stretches))


def _say_why(kb: KnowledgeBase, routine: Routine, location: str | None, phase: str | None) -> None:
    """One line on stderr when the latest triage chose the routine (the early phase, or the place)."""
    if phase == "early" and "early" in routine.phases:
        hours = kb.phase_boundary.early_hours
        began = f"your latest triage says the pain began in the last {hours} hours"
        say(f"backspasm: {began}: {routine.name}", err=True)
    elif location is not None and routine is not kb.routines[0]:
        where = location.replace("_", " ")
        say(f"backspasm: your latest triage says the spasm is in your {where}: {routine.name}", err=True)


def _remembered(kb: KnowledgeBase) -> tuple[str | None, str | None]:
    """Where the spasm is and its phase ("early" or "later"), from the latest triage, if known."""
    # A journal that cannot be read only costs the choice of routine, never the routine itself.
    from backspasm.clock.now import now as clock_now
    from backspasm.errors import StoreError
    from backspasm.storage.db import connect
    from backspasm.storage.triage_runs import remembered_location, remembered_onset

    try:
        conn = connect()
    except StoreError:
        return None, None
    try:
        now = clock_now()
        location = remembered_location(conn, now)
        onset = remembered_onset(conn, now)
    finally:
        conn.close()
    phase = None
    if onset is not None:
        hours = (now - onset.onset).total_seconds() / 3600
        phase = "early" if hours < kb.phase_boundary.early_hours else "later"
    return location, phase


def _show_list(kb: KnowledgeBase, *, as_json: bool) -> None:
    if as_json:
        from backspasm.render.json_views import routines_json
        from backspasm.text_safety import dumps

        say(dumps(routines_json(_routine_views(kb))))
        return
    from backspasm.render.browse_lines import routines_lines
    from backspasm.render.screen import show_lines

    show_lines(routines_lines(_routine_views(kb)))  # styled on a terminal, plain piped; no rich either way


def routine_view(kb: KnowledgeBase, routine: Routine) -> RoutineView:
    """A routine as its screens take it: its stretches, where they are for, how long it takes."""
    from backspasm.render.routines import RoutineView
    from backspasm.stretch.routine import areas, routine_seconds, stretches_of

    stretches = stretches_of(kb, routine)
    return RoutineView(routine, stretches, areas(stretches), routine_seconds(stretches))


def _routine_views(kb: KnowledgeBase) -> list[RoutineView]:
    """Every routine as its list shows it, the default first."""
    return [routine_view(kb, routine) for routine in kb.routines]


def _run_recorded(
    routine: Routine, stretches: list[Stretch], options: StretchOptions, *, pregnant: bool = False
) -> RoutineOutcome:
    from backspasm.clock import ticks
    from backspasm.clock.now import at_wall
    from backspasm.prompts.questionnaire import end_question
    from backspasm.render.text import to_terminal

    piped = not to_terminal()  # the card as plain lines, without rich
    from backspasm.storage import stretch_runs as record
    from backspasm.storage.db import connect
    from backspasm.stretch.routine_loop import RoutineOutcome, run_routine
    from backspasm.timer.alerts import Alerts, bell_stream
    from backspasm.timer.signals import Ended, signals_end_routine

    clock = ticks.system_clock()  # one clock for every hold of the routine and its record
    conn = connect()
    try:
        with store_errors("the journal could not be read"):
            found = record.mark_interrupted(conn)
        if found:
            say(f"backspasm: {len(found)} earlier routine(s) ended without finishing; marked interrupted", err=True)
        with store_errors("the routine could not be recorded"):
            run_id = record.begin(conn, routine.id, started_at=at_wall(clock.now().wall))
    except BaseException:
        conn.close()
        raise
    plain = plain_output(options.plain)
    # The bell only: a desktop notification at every hold would be noise.
    alerts = Alerts(bell=options.bell, stream=bell_stream(), notify_send=None)
    done: list[str] = []
    card = [0]  # the lines of the stretch on screen, which its counts keep in view

    def show(stretch: Stretch, number: int) -> None:
        if piped:
            from backspasm.render.stretch_lines import write_stretch

            card[0] = write_stretch(stretch, number, len(stretches), pregnant=pregnant)
            return
        from backspasm.render.stretch import render_stretch

        card[0] = render_stretch(stretch, number, len(stretches), pregnant=pregnant)

    def save(now_done: list[str]) -> None:
        done[:] = now_done
        # A busy disk must not stop the routine; the final save reports errors.
        with contextlib.suppress(DatabaseError):
            record.progress(conn, run_id, done=now_done, at=at_wall(clock.now().wall))

    outcome: RoutineOutcome | None = None
    try:
        with signals_end_routine(end_question):
            try:
                outcome = run_routine(
                    stretches,
                    show=show,
                    perform=lambda stretch: _perform(
                        stretch, clock, plain=plain, alerts=alerts, ready=options.ready, keep_above=card[0]
                    ),
                    worse=lambda stretch: _ask_worse(stretch, yes=options.yes),
                    save=save,
                )
            except Ended as ended:  # a signal in the instant after the loop returned
                outcome = RoutineOutcome("interrupted", list(done), None, ended.number)
    finally:
        alerts.close()
        # Whatever happened, the row ends finished; an unforeseen error leaves it interrupted.
        if outcome is None:
            crash = RoutineOutcome("interrupted", list(done), None, signal.SIGINT)
            _finish(conn, run_id, crash, crashed=True, at=at_wall(clock.now().wall))
        else:
            _finish(conn, run_id, outcome, crashed=False, at=at_wall(clock.now().wall))
    return outcome


def _finish(conn: Connection, run_id: int, outcome: RoutineOutcome, *, crashed: bool, at: datetime) -> None:
    from backspasm.storage import stretch_runs as record

    # A routine ended on purpose (Ctrl-C, SIGTERM, SIGHUP, input closed) is saved as stopped, as
    # sessions are; `interrupted` is kept for a crash, like the rows of a process that is gone.
    status = "stopped" if outcome.status == "interrupted" and not crashed else outcome.status
    try:
        with store_errors("the routine could not be saved in the journal"):
            record.finish(conn, run_id, status=status, done=outcome.done, stopped_at=outcome.stopped_at, at=at)
    finally:
        conn.close()


READY_KEYS = frozenset("\r\n")  # Enter: in position, start the hold now


def _perform(
    stretch: Stretch, clock: Clock, *, plain: bool, alerts: Alerts, ready: float, keep_above: int = 0
) -> Timed:
    """Time one stretch in the session terminal: the count to get ready, then the holds and rests.

    Live, the stretch's card (`keep_above` lines) stays in view above a compact panel: the count
    to get ready has no big digits, and the holds have them only where both fit.
    """
    from backspasm.stretch.narration import ReadyVoice, StretchVoice
    from backspasm.stretch.routine import hold_plan, ready_plan
    from backspasm.stretch.routine_loop import Timed
    from backspasm.timer.terminal import SessionTerminal

    count, hold = ready_plan(stretch, ready), hold_plan(stretch)
    with SessionTerminal(hide_cursor=not plain) as terminal:
        if count is not None:
            voice = ReadyVoice(stretch.name)
            timed = _timed(
                count, voice, terminal, clock, plain=plain, alerts=alerts, done_keys=READY_KEYS, keep_above=keep_above
            )
            if not timed.completed:
                return timed
        if hold is None:
            return Timed(completed=True)
        holds = StretchVoice(
            stretch.name, stretch.repetitions, stretch.hold_seconds, stretch.rest_seconds, sides=stretch.sides
        )
        return _timed(hold, holds, terminal, clock, plain=plain, alerts=alerts, keep_above=keep_above, big=True)


def _timed(
    plan: Plan,
    voice: StretchVoice | ReadyVoice,
    terminal: SessionTerminal,
    clock: Clock,
    *,
    plain: bool,
    alerts: Alerts,
    done_keys: frozenset[str] = frozenset(),
    keep_above: int = 0,
    big: bool = False,
) -> Timed:
    from backspasm.render.text import to_terminal
    from backspasm.stretch.routine_loop import Timed
    from backspasm.timer import SessionTimer
    from backspasm.timer.runner import run_session

    view: PlainLines | PlainView | LiveView
    if plain and not to_terminal():  # piped: one line per event, without rich
        from backspasm.render.session_lines import PlainLines

        view = PlainLines(voice)
    else:
        from backspasm.render.session import LiveView, PlainView

        # Transient: each count's panel goes when it ends, so no stale panel stays above the next one.
        live = not plain
        view = LiveView(voice, transient=True, quiet=True, keep_above=keep_above, big=big) if live else PlainView(voice)
    try:
        outcome = run_session(
            SessionTimer(plan),
            clock,
            terminal,
            view,
            alerts,
            alert_for=voice.alert,
            save=_no_save,
            done_keys=done_keys,
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
    from backspasm.prompts.questionnaire import confirm

    return confirm(f"Did the pain get worse with {stretch.name}?", default=None, what=WHAT)


def _exit_for(outcome: RoutineOutcome, total: int) -> None:
    """Exit 0 when completed, ended with q or stopped as worse; 130 for Ctrl-C; 128 + N for other signals."""
    if outcome.status != "interrupted" or outcome.signal is None:
        return
    told = f"stretch routine stopped: {len(outcome.done)} of {total} stretches done, saved in your journal"
    if outcome.signal == signal.SIGINT:
        raise Interrupted(told)
    if outcome.signal == signal.SIGHUP:
        raise Finished(128 + outcome.signal)  # the terminal is gone: nobody to tell
    raise Signalled(outcome.signal, f"{told} ({signal.Signals(outcome.signal).name})")
