"""A pause counts toward the round's safe maximum: it says to take the pack off, and never keeps it on past the limit.

Driven by a fake clock: nothing sleeps.
"""

from __future__ import annotations

import io

from fakes import FakeClock
from test_session_runner import Recorder, ScriptedTerminal

from backspasm.session.narration import Voice
from backspasm.timer import Plan, SessionTimer
from backspasm.timer.runner import run_session

ICE = Voice("Ice pack", "cold", 40, 1, 20)
# 15 minutes of ice, never more than 20 from the round's start: 5 minutes of pause are free.
PLAN = Plan(apply_seconds=900, apply_limit=1200)


def test_a_pause_that_reaches_the_maximum_ends_the_session() -> None:
    """Paused after 5 min of a 15-min ice round: after 15 min of pause (20 in all) the session ends, 5 min applied."""
    clock = FakeClock()
    timer = SessionTimer(PLAN)
    timer.start(clock.now())
    timer.pause(clock.advance(300))
    assert timer.snapshot(clock.now()).pause_left == 900
    assert timer.poll(clock.advance(899)) == []
    [event] = timer.poll(clock.advance(1))
    assert event.kind == "pause_limit"
    assert timer.finished and timer.status == "stopped"
    assert timer.applied(clock.now()) == 300


def test_a_short_pause_costs_nothing() -> None:
    """A 4-minute pause fits in the 5 free minutes: the whole 15 minutes are still applied."""
    clock = FakeClock()
    timer = SessionTimer(PLAN)
    timer.start(clock.now())
    timer.pause(clock.advance(300))
    *_, resumed = timer.resume(clock.advance(240))
    assert (resumed.remaining, resumed.limit) == (600, 0.0)
    events = timer.poll(clock.advance(600))
    assert events[-1].kind == "completed"
    assert timer.applied(clock.now()) == 900


def test_a_long_pause_shortens_the_round() -> None:
    """Resumed after 8 minutes of pause: 3 minutes come off the round, so it still ends 20 min after its start."""
    clock = FakeClock()
    timer = SessionTimer(PLAN)
    start = clock.now().mono
    timer.start(clock.now())
    timer.pause(clock.advance(300))
    *_, resumed = timer.resume(clock.advance(480))
    assert (resumed.remaining, resumed.limit) == (420, 180)
    assert timer.applied(clock.now()) == 300
    events = timer.poll(clock.advance(420))
    assert events[-1].kind == "completed"
    assert clock.now().mono - start == 1200
    assert timer.applied(clock.now()) == 720


def test_pauses_add_up_within_a_round() -> None:
    """Two pauses of 3 minutes each: the second one goes 1 minute past the free 5 and takes it off the round."""
    clock = FakeClock()
    timer = SessionTimer(PLAN)
    timer.start(clock.now())
    timer.pause(clock.advance(60))
    timer.resume(clock.advance(180))
    timer.pause(clock.advance(60))
    *_, resumed = timer.resume(clock.advance(180))
    assert resumed.limit == 60


def test_sleep_while_paused_counts_toward_the_maximum() -> None:
    """The computer asleep for an hour during a pause: the pack may have stayed on, so the session ends."""
    clock = FakeClock()
    timer = SessionTimer(PLAN)
    timer.start(clock.now())
    timer.pause(clock.advance(300))
    events = timer.poll(clock.suspend(3600))
    assert [e.kind for e in events] == ["suspended", "pause_limit"]


def test_a_pause_in_the_rest_between_rounds_has_no_limit() -> None:
    """Paused in the rest between rounds the pack is off anyway: the pause may last as long as it likes."""
    clock = FakeClock()
    timer = SessionTimer(Plan(apply_seconds=60, rest_seconds=60, rounds=2, apply_limit=60))
    timer.start(clock.now())
    timer.poll(clock.advance(70))
    *_, paused = timer.pause(clock.now())
    assert paused.segment.phase == "rest" and paused.limit is None
    assert timer.poll(clock.advance(7200)) == []
    assert timer.status == "paused"


def test_the_pause_screen_says_take_the_pack_off() -> None:
    """Paused, the heading says to take the ice off (never "keep the ice on"), and when the pause ends it."""
    clock = FakeClock()
    timer = SessionTimer(PLAN)
    timer.start(clock.now())
    *_, paused = timer.pause(clock.advance(300))
    snap = timer.snapshot(clock.now())
    assert ICE.heading(snap) == "Paused · take the ice off now"
    line = ICE.line(paused, snap)
    assert "Take the ice off now." in line
    assert "A pause counts toward the 20 min safe maximum: if still paused at" in line
    assert "keep the ice on" not in line


def test_a_session_paused_too_long_ends_rings_and_says_so() -> None:
    """Through the session loop: a pause past the limit ends it (stopped, not by a key), rings, and says take it off."""
    from rich.console import Console

    from backspasm.render.session import PlainView

    out = io.StringIO()
    clock = FakeClock()
    alerts = Recorder(clock)
    outcome = run_session(
        SessionTimer(PLAN),
        clock,
        ScriptedTerminal(clock, {60.0: "p"}),
        PlainView(ICE, Console(file=out, width=200, no_color=True)),
        alerts,
        alert_for=ICE.alert,
        save=lambda snap: None,
    )
    assert (outcome.status, outcome.by_key, outcome.signal) == ("stopped", False, None)
    assert outcome.applied == 60
    assert alerts.alerts[-1] == ("Ice pack: ended", "Paused until the safe maximum: take the ice off now.")
    last = out.getvalue().splitlines()[-1]
    assert last == "Ice pack: ended. Paused until the 20 min safe maximum: take the ice off now. Applied 1 min."
