"""The session loop: wait for the next tick or deadline, react to keys and signals, save progress.

Everything it touches is handed in (clock, waiter, view, alerts, recorder), so tests run whole
sessions with a fake clock in microseconds. It sleeps until the next display tick, minute mark,
save or deadline, whichever is first, and reads the clock after every wake: no busy loop, and
no time summed from sleeps.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from backspasm.timer import Clock, Event, SessionTimer, Snapshot

# How often the applied time is saved while a session runs, so a crash loses little.
SAVE_EVERY = 2.0
PAUSE_KEYS = frozenset(" pP")
QUIT_KEYS = frozenset("qQ")


class Waiter(Protocol):
    """Blocks until a key, a signal or a timeout (the terminal, or a fake in tests)."""

    signal: int | None

    def wait(self, timeout: float) -> str:
        """Keys typed while waiting, '' when none."""
        ...


class View(Protocol):
    """Shows the session: live redraws or one line per event."""

    tick: float
    per_second: bool

    def event(self, event: Event, snap: Snapshot) -> None:
        """Something happened (start, phase change, minute mark, pause, end)."""
        ...

    def show(self, snap: Snapshot) -> None:
        """The regular refresh (a live display redraws; plain output does nothing)."""
        ...


class Alerter(Protocol):
    """Rings the bell and notifies."""

    def alert(self, title: str, body: str) -> None:
        """Tell the person to act now."""
        ...


@dataclass(frozen=True)
class Outcome:
    """How a session ended."""

    status: Literal["completed", "stopped"]
    applied: float
    rounds_done: int
    suspended_seconds: float
    signal: int | None  # the signal that ended it, if one did
    by_key: bool  # ended early with q


def _done_early(
    snap: Snapshot, view: View, alerts: Alerter, alert_for: Callable[[Event], tuple[str, str] | None]
) -> Outcome:
    """End the count now, saying and ringing what its natural end would."""
    event = Event("completed", snap.segment, 0.0)
    view.event(event, snap)
    message = alert_for(event)
    if message is not None:
        alerts.alert(*message)
    return Outcome(
        status="completed",
        applied=snap.applied,
        rounds_done=snap.rounds_done,
        suspended_seconds=snap.suspended_seconds,
        signal=None,
        by_key=False,
    )


def run_session(
    timer: SessionTimer,
    clock: Clock,
    waiter: Waiter,
    view: View,
    alerts: Alerter,
    *,
    alert_for: Callable[[Event], tuple[str, str] | None],
    save: Callable[[Snapshot], None],
    done_keys: frozenset[str] = frozenset(),
) -> Outcome:
    """Run the timer to its end (or until q or a signal) and return how it ended.

    `done_keys` end the count early as if it had run out (Enter when ready, for the count
    before a stretch): the person is in position and need not wait.
    """
    by_key = False

    def handle(events: Sequence[Event]) -> None:
        snap = timer.snapshot(clock.now())
        for event in events:
            view.event(event, snap)
            message = alert_for(event)
            if message is not None:
                alerts.alert(*message)
        if events:
            save(snap)

    now = clock.now()
    handle(timer.start(now))
    next_save = now.mono + SAVE_EVERY
    while not timer.finished:
        now = clock.now()
        if waiter.signal is not None:
            handle(timer.stop(now))
            break
        handle(timer.poll(now))
        if timer.finished:
            break
        snap = timer.snapshot(now)
        if now.mono >= next_save:
            save(snap)
            next_save = now.mono + SAVE_EVERY
        view.show(snap)
        wake = timer.next_wake(now, view.tick, per_second=view.per_second)
        if not view.per_second:  # a live display wakes every second anyway; saves ride along
            wake = min(wake, next_save)
        keys = waiter.wait(wake - clock.now().mono)
        for key in keys:
            if key in PAUSE_KEYS:
                handle(timer.toggle_pause(clock.now()))
            elif key in QUIT_KEYS:
                by_key = True
                handle(timer.stop(clock.now()))
                break
            elif key in done_keys and timer.status == "running":
                return _done_early(timer.snapshot(clock.now()), view, alerts, alert_for)
    final = timer.snapshot(clock.now())
    view.show(final)
    return Outcome(
        status="completed" if timer.status == "completed" else "stopped",
        applied=final.applied,
        rounds_done=final.rounds_done,
        suspended_seconds=final.suspended_seconds,
        signal=waiter.signal if timer.status == "stopped" and not by_key else None,
        by_key=by_key,
    )
