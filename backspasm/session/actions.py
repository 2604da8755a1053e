"""`backspasm session`: choose, check, plan, then run the timer in the terminal and record it.

The order matters for safety and for the record: options are checked first (exit 2 before any
question), the safety gate before the first round, the history row is written only once the
signal handlers are in place, and it is always finished (completed or stopped) on the way out.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from backspasm.clock.read import parse_duration
from backspasm.clock.show import words
from backspasm.errors import EXIT_PROBLEMS, Finished, Signalled
from backspasm.render.text import say
from backspasm.storage.db import DatabaseError, store_errors

if TYPE_CHECKING:
    from datetime import datetime

    from backspasm.clock.ticks import Clock
    from backspasm.kb.loader import KnowledgeBase
    from backspasm.kb.views import Protocol
    from backspasm.render.session import LiveView, PlainView
    from backspasm.render.session_lines import PlainLines
    from backspasm.session.gate import RuledOut
    from backspasm.session.rest import Exposure
    from backspasm.session.rounds import SessionPlan
    from backspasm.storage.db import Connection
    from backspasm.storage.triage_runs import RememberedOnset
    from backspasm.timer import Snapshot
    from backspasm.timer.runner import Outcome


@dataclass(frozen=True, kw_only=True)
class SessionOptions:
    """The `session` command line, as typed (by keyword: nine options, several of one type)."""

    protocol: str | None
    duration: str | None
    rounds: int
    rest: str | None
    yes: bool
    plain: bool
    bell: bool
    since: str | None
    force_early: bool = False


def run(options: SessionOptions) -> None:
    """The whole `session` command."""
    duration = parse_duration(options.duration) if options.duration is not None else None
    rest = parse_duration(options.rest, "--rest") if options.rest is not None else None
    if options.since is not None:  # read even beside a named protocol: a bad value is never ignored
        from backspasm.clock.now import now
        from backspasm.clock.read import read_onset

        read_onset(options.since, now())

    from backspasm.kb.loader import load_active
    from backspasm.kb.lookup import find
    from backspasm.prompts.mode import can_prompt, plain_wanted, use_plain
    from backspasm.session.ask import choose_protocol, safety_gate
    from backspasm.session.rounds import settle

    kb = load_active()
    use_plain(plain_wanted(options.plain))  # the checks as lines of text too, with --plain or TERM=dumb
    can_ask = can_prompt()
    from backspasm.journal.actions import check_seen

    check_seen(kb, what="the session", yes=options.yes, can_ask=can_ask)
    if options.protocol is not None:
        protocol = find("protocol", options.protocol, kb.protocol_index, "backspasm protocols")
    else:
        remembered = _remembered_onset() if options.since is None else None
        protocol = choose_protocol(kb, since=options.since, yes=options.yes, can_ask=can_ask, remembered=remembered)
    settled = settle(protocol, duration=duration, rounds=options.rounds, rest=rest)
    for note in settled.notes:
        say(f"backspasm: {note}", err=True)

    early = _check_rest(kb, protocol, options, can_ask=can_ask)
    _pregnancy_note(protocol)
    ruled_out = safety_gate(protocol, yes=options.yes, can_ask=can_ask)
    _show_intro(protocol, settled, ruled_out)
    from backspasm.timer.terminal import plain_output

    plain = plain_output(options.plain)
    if not options.yes and can_ask:
        # The clock starts when the pack is on, not while the person is still fetching it.
        _wait_until_on(protocol, plain=plain)
    outcome = _run_recorded(settled, plain=plain, bell=options.bell, note=early)
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
    from backspasm.prompts.questionnaire import wait_for_enter

    wait_for_enter(ready_prompt(protocol), plain=plain, what="the session")


def _pregnancy_note(protocol: Protocol) -> None:
    """The protocol's pregnancy note, before the checks, when the latest triage says pregnant."""
    from backspasm.clock.now import now
    from backspasm.render.notes import PREGNANT
    from backspasm.storage.triage_runs import peek_recent_triage
    from backspasm.triage.latest import says_pregnant

    if protocol.pregnancy and says_pregnant(peek_recent_triage(now())):
        say(f"{PREGNANT} {protocol.pregnancy}")


def _remembered_onset() -> RememberedOnset | None:
    """When the pain began, from the latest triage in the journal (None if there is none recent)."""
    from backspasm.clock.now import now
    from backspasm.storage.db import connect
    from backspasm.storage.triage_runs import remembered_onset

    conn = connect()
    try:
        with store_errors("the journal could not be read"):
            return remembered_onset(conn, now())
    finally:
        conn.close()


def _show_intro(protocol: Protocol, settled: SessionPlan, ruled_out: RuledOut | None) -> None:
    """The refusal (then Finished) when a safety check rules the session out, else the intro; plain lines piped."""
    from backspasm.render.text import to_terminal

    if not to_terminal():  # piped: the same words as plain lines, and rich is never imported
        from backspasm.render.session_lines import write_intro, write_ruled_out

        if ruled_out is not None:
            write_ruled_out(protocol, ruled_out.check, unsure=ruled_out.unsure)
            raise Finished(EXIT_PROBLEMS)
        write_intro(protocol, settled.plan)
        return
    from backspasm.render.session import render_intro, render_ruled_out

    if ruled_out is not None:
        render_ruled_out(protocol, ruled_out.check, unsure=ruled_out.unsure)
        raise Finished(EXIT_PROBLEMS)
    render_intro(protocol, settled.plan)


def _check_rest(kb: KnowledgeBase, protocol: Protocol, options: SessionOptions, *, can_ask: bool) -> str | None:
    """Refuse a session within the skin's rest after the last one, unless --force-early and confirmed.

    Returns the note the history keeps for a session started early, None for one on time.
    """
    from backspasm.clock.now import now
    from backspasm.session.ask import confirm_early
    from backspasm.session.rest import after_words, rest_until

    current = now()
    rests = {p.id: p.rest_minutes for p in kb.protocols}
    rest = rest_until(_recent_exposures(current), rests, current, fallback=protocol.rest_minutes)
    if rest is None:
        return None
    last = kb.protocol_index.get(rest.protocol)
    after = after_words(last.kind if last is not None else None)
    if not options.force_early:
        from backspasm.render.session import render_resting

        render_resting(protocol, rest, last, current, after)
        raise Finished(EXIT_PROBLEMS)
    confirm_early(protocol, rest, last, current, yes=options.yes, can_ask=can_ask)
    if rest.running:
        return f"started early with --force-early while a session of {after} was still on"
    waited = words((current - rest.ended).total_seconds())
    return f"started early with --force-early: {waited} into the {rest.rest_minutes:g} min rest after {after}"


def _recent_exposures(current: datetime) -> list[Exposure]:
    """The sessions of the last day, as the rest rule reads them (a day covers any protocol's rest)."""
    from datetime import timedelta

    from backspasm.session.rest import Exposure
    from backspasm.storage.db import connect
    from backspasm.storage.sessions import list_sessions, pid_alive

    conn = connect()
    try:
        with store_errors("the history could not be read"):
            rows = list_sessions(conn, current - timedelta(days=1))
    finally:
        conn.close()
    return [
        Exposure(
            row.protocol,
            row.started_at,
            row.ended_at or row.started_at + timedelta(seconds=row.applied_seconds),
            row.applied_seconds,
            running=row.status == "running" and row.pid is not None and pid_alive(row.pid),
        )
        for row in rows
    ]


def _run_recorded(settled: SessionPlan, *, plain: bool, bell: bool, note: str | None = None) -> Outcome:
    from backspasm.clock import ticks
    from backspasm.clock.now import at_wall
    from backspasm.render.text import to_terminal
    from backspasm.session.narration import Voice
    from backspasm.storage import sessions as session_rows
    from backspasm.storage.db import connect
    from backspasm.timer import SessionTimer
    from backspasm.timer.alerts import Alerts, bell_stream, notifier
    from backspasm.timer.runner import run_session
    from backspasm.timer.terminal import SessionTerminal

    protocol, plan = settled.protocol, settled.plan
    conn = connect()
    with store_errors("the history could not be read"):
        found = session_rows.mark_interrupted(conn)
    if found:
        say(f"backspasm: {len(found)} earlier session(s) ended without finishing; marked interrupted", err=True)
    voice = Voice(protocol.name, protocol.kind, protocol.rest_minutes, plan.rounds, protocol.max_minutes)
    timer = SessionTimer(plan)
    clock = ticks.system_clock()
    alerts = Alerts(bell=bell, stream=bell_stream(), notify_send=notifier())
    with SessionTerminal(hide_cursor=not plain) as terminal, store_errors("the session could not be recorded"):
        started = at_wall(clock.now().wall)
        session_id = session_rows.begin(
            conn, protocol.id, planned_seconds=plan.planned_seconds, rounds=plan.rounds, started_at=started, note=note
        )
        if plain and not to_terminal():  # piped: one line per event, without rich
            from backspasm.render.session_lines import PlainLines

            view: PlainLines | PlainView | LiveView = PlainLines(voice)
        else:
            from backspasm.render.session import LiveView, PlainView

            view = PlainView(voice) if plain else LiveView(voice)
        outcome: Outcome | None = None
        try:
            outcome = run_session(
                timer, clock, terminal, view, alerts, alert_for=voice.alert, save=_saver(conn, session_id, clock)
            )
        finally:
            view.close()
            terminal.restore()
            alerts.close()
            # Whatever happened, the row ends as completed or stopped with the time really applied.
            snap_at = clock.now()
            snap = timer.snapshot(snap_at)
            _finish(conn, session_id, outcome, snap, at_wall(snap_at.wall), early=note)
    assert outcome is not None  # run_session either returned or raised
    return outcome


def _saver(conn: Connection, session_id: int, clock: Clock) -> Callable[[Snapshot], None]:
    from backspasm.clock.now import at_wall
    from backspasm.storage import sessions as session_rows

    def save(snap: Snapshot) -> None:
        # A busy or failing disk must not stop the timer; the final save reports errors.
        with contextlib.suppress(DatabaseError):
            at = at_wall(clock.now().wall)
            session_rows.progress(conn, session_id, applied=snap.applied, rounds_done=snap.rounds_done, at=at)

    return save


def _finish(
    conn: Connection,
    session_id: int,
    outcome: Outcome | None,
    snap: Snapshot,
    at: datetime,
    *,
    early: str | None = None,
) -> None:
    from backspasm.storage import sessions as session_rows

    status: Literal["completed", "stopped"] = "stopped"
    if outcome is not None and outcome.status == "completed":
        status = "completed"
    notes = [early] if early else []
    if snap.suspended_seconds > 0:
        notes.append(f"the computer was asleep for {words(snap.suspended_seconds)} during the session")
    note = "; ".join(notes) or None
    try:
        with store_errors("the session could not be saved in the history"):
            session_rows.finish(
                conn,
                session_id,
                status=status,
                applied=snap.applied,
                rounds_done=snap.rounds_done,
                at=at,
                note=note,
            )
    finally:
        conn.close()


def _exit_for(protocol: Protocol, outcome: Outcome) -> None:
    """Exit 0 for a completed session or q; 130 for Ctrl-C; 128 + N for other signals.

    The session's own last line already said it stopped and what was applied (and saved), so
    Ctrl-C adds nothing and another signal only names itself.
    """
    if outcome.signal is None:
        return
    if outcome.signal in (signal.SIGINT, signal.SIGHUP):
        raise Finished(128 + outcome.signal)  # Ctrl-C: said above; a hang-up: nobody to tell
    name = signal.Signals(outcome.signal).name
    raise Signalled(outcome.signal, f"{protocol.name} ended by {name}")
