"""The pure session timer driven by a fake clock: deadlines, drift, pause, rounds, minute marks, suspend."""

from __future__ import annotations

import pytest
from fakes import FakeClock

from backspasm.timer import Event, Plan, SessionTimer


def kinds(events: list[Event]) -> list[str]:
    """The kinds of a list of events, for short assertions."""
    return [event.kind for event in events]


def test_plan_alternates_apply_and_rest_without_a_trailing_rest() -> None:
    """Three rounds are apply, rest, apply, rest, apply; planned time counts apply only."""
    plan = Plan(apply_seconds=60, rest_seconds=30, rounds=3)
    assert [(s.phase, s.round) for s in plan.segments()] == [
        ("apply", 1),
        ("rest", 1),
        ("apply", 2),
        ("rest", 2),
        ("apply", 3),
    ]
    assert plan.planned_seconds == 180


@pytest.mark.parametrize(
    "bad", [{"apply_seconds": 0}, {"apply_seconds": 5, "rounds": 0}, {"apply_seconds": 5, "rest_seconds": -1}]
)
def test_plan_refuses_nonsense(bad: dict[str, float]) -> None:
    """A plan needs a positive length, one round or more and a rest of zero or more."""
    with pytest.raises(ValueError):
        Plan(**bad)  # type: ignore[arg-type]


def test_session_ends_at_its_deadline_not_before() -> None:
    """A 10 s session is still running at 9.999 s and completes at 10 s, with 10 s applied."""
    clock = FakeClock()
    timer = SessionTimer(Plan(apply_seconds=10))
    assert kinds(timer.start(clock.now())) == ["started"]
    assert timer.poll(clock.advance(9.999)) == []
    assert timer.status == "running"
    assert timer.remaining(clock.now()) == pytest.approx(0.001)
    assert kinds(timer.poll(clock.advance(0.001))) == ["completed"]
    assert timer.finished
    assert timer.applied(clock.now()) == 10


def test_late_polls_do_not_drift() -> None:
    """Polling at irregular, late moments never shifts the deadline: the end stays start + length."""
    clock = FakeClock()
    timer = SessionTimer(Plan(apply_seconds=100))
    timer.start(clock.now())
    for step in (0.7, 1.3, 0.999, 2.5, 1.501) * 12:  # 84.0 s in uneven steps
        timer.poll(clock.advance(step))
    assert timer.remaining(clock.now()) == pytest.approx(16.0)
    clock.advance(15.9999)
    assert timer.poll(clock.now()) == []
    assert kinds(timer.poll(clock.advance(0.0001))) == ["completed"]


def test_rest_follows_apply_from_the_deadline() -> None:
    """The rest phase starts at the apply deadline even when the poll is a little late, so rounds do not drift."""
    clock = FakeClock()
    timer = SessionTimer(Plan(apply_seconds=10, rest_seconds=20, rounds=2))
    timer.start(clock.now())
    events = timer.poll(clock.advance(10.3))
    assert kinds(events) == ["phase"]
    assert events[0].segment.phase == "rest"
    assert timer.remaining(clock.now()) == pytest.approx(19.7)
    assert kinds(timer.poll(clock.advance(19.7))) == ["phase"]
    assert timer.segment.phase == "apply" and timer.segment.round == 2
    assert kinds(timer.poll(clock.advance(10))) == ["completed"]
    assert timer.rounds_done == 2
    assert timer.applied(clock.now()) == 20


def test_a_very_late_wake_starts_the_next_phase_from_now() -> None:
    """After a stall (Ctrl-Z) the rest is counted down in full rather than skipped."""
    clock = FakeClock()
    timer = SessionTimer(Plan(apply_seconds=10, rest_seconds=20, rounds=2))
    timer.start(clock.now())
    timer.poll(clock.advance(40))
    assert timer.segment.phase == "rest"
    assert timer.remaining(clock.now()) == 20


def test_paused_time_does_not_count() -> None:
    """Pausing for a minute moves the end by a minute and adds nothing to the applied time."""
    clock = FakeClock()
    timer = SessionTimer(Plan(apply_seconds=30))
    timer.start(clock.now())
    clock.advance(10)
    assert kinds(timer.toggle_pause(clock.now())) == ["paused"]
    clock.advance(60)
    assert timer.poll(clock.now()) == []
    assert timer.remaining(clock.now()) == 20
    assert timer.applied(clock.now()) == 10
    assert kinds(timer.toggle_pause(clock.now())) == ["resumed"]
    assert timer.poll(clock.advance(19.99)) == []
    assert kinds(timer.poll(clock.advance(0.01))) == ["completed"]
    assert timer.applied(clock.now()) == 30


def test_stop_keeps_the_applied_time() -> None:
    """Stopping in round 2 keeps round 1 in full plus the part of round 2; rest time is not applied time."""
    clock = FakeClock()
    timer = SessionTimer(Plan(apply_seconds=10, rest_seconds=5, rounds=3))
    timer.start(clock.now())
    timer.poll(clock.advance(10))
    timer.poll(clock.advance(5))
    clock.advance(4)
    assert kinds(timer.stop(clock.now())) == ["stopped"]
    assert timer.status == "stopped"
    assert timer.applied(clock.now()) == 14
    clock.advance(100)
    assert timer.applied(clock.now()) == 14
    assert timer.poll(clock.now()) == []


def test_stop_after_the_deadline_completes_instead() -> None:
    """A stop that arrives after the end is a completed session, not a stopped one."""
    clock = FakeClock()
    timer = SessionTimer(Plan(apply_seconds=5))
    timer.start(clock.now())
    assert kinds(timer.stop(clock.advance(5.01))) == ["completed"]


def test_minute_marks_fire_once_each() -> None:
    """A 3-minute phase announces 2 min and 1 min left, once each, and one mark for several passed at once."""
    clock = FakeClock()
    timer = SessionTimer(Plan(apply_seconds=180))
    timer.start(clock.now())
    assert timer.poll(clock.advance(59.9)) == []
    events = timer.poll(clock.advance(0.1))
    assert [(e.kind, e.remaining) for e in events] == [("minute", 120.0)]
    assert timer.poll(clock.advance(1)) == []
    events = timer.poll(clock.advance(70))
    assert [(e.kind, e.remaining) for e in events] == [("minute", 60.0)]


def test_suspend_is_noticed_and_counted_up_to_the_phase_end() -> None:
    """A wall-clock jump with the monotonic clock still is a suspend: said, counted, and never past the phase end."""
    clock = FakeClock()
    timer = SessionTimer(Plan(apply_seconds=600, rest_seconds=600, rounds=2))
    timer.start(clock.now())
    timer.poll(clock.advance(100))
    clock.suspend(200)
    events = timer.poll(clock.advance(0.5))
    assert [(e.kind, e.remaining) for e in events][1:] == [("minute", 300.0)]  # marks passed while asleep: one line
    assert events[0].kind == "suspended"
    assert events[0].gap == pytest.approx(200)
    assert timer.remaining(clock.now()) == pytest.approx(299.5)
    assert timer.suspended_seconds == pytest.approx(200)
    # A suspend longer than what is left ends this phase now; the rest is then counted in full.
    clock.suspend(3600)
    events = timer.poll(clock.advance(0.5))
    assert kinds(events) == ["suspended", "phase"]
    assert timer.segment.phase == "rest"
    assert timer.remaining(clock.now()) == pytest.approx(600)
    assert timer.applied(clock.now()) == 600


def test_small_wall_clock_jitter_is_not_a_suspend() -> None:
    """Wall and monotonic clocks that differ by a second (NTP) are not a suspend."""
    clock = FakeClock()
    timer = SessionTimer(Plan(apply_seconds=60))
    timer.start(clock.now())
    clock.suspend(1.0)
    assert timer.poll(clock.advance(1)) == []
    assert timer.suspended_seconds == 0


def test_next_wake_is_the_deadline_or_the_next_shown_second_never_the_past() -> None:
    """The loop sleeps to the next whole second shown (live) or tick/minute mark (plain), and never before now."""
    clock = FakeClock()
    timer = SessionTimer(Plan(apply_seconds=90.5))
    timer.start(clock.now())
    now = clock.advance(0.2)
    assert timer.next_wake(now, 1.0) == pytest.approx(now.mono + 0.3)
    assert timer.next_wake(now, 5.0, per_second=False) == pytest.approx(now.mono + 5.0)
    # 30.5 s in, the 1-minute mark is due: plain mode wakes there, not at the 5 s tick.
    now = clock.advance(27.0)
    assert timer.next_wake(now, 5.0, per_second=False) == pytest.approx(now.mono + 3.3)
    timer.poll(now)
    now = clock.advance(63.2)
    timer.poll(now)
    assert timer.next_wake(now, 5.0, per_second=False) == pytest.approx(now.mono + 0.1)
    # A missed minute mark (no poll yet) gives "now", never a time in the past.
    late = SessionTimer(Plan(apply_seconds=180))
    late.start(clock.now())
    now = clock.advance(100)
    assert late.next_wake(now, 1.0) == now.mono


def test_start_twice_and_pause_when_done_do_nothing() -> None:
    """Repeated or late commands are harmless no-ops."""
    clock = FakeClock()
    timer = SessionTimer(Plan(apply_seconds=1))
    timer.start(clock.now())
    assert timer.start(clock.now()) == []
    timer.poll(clock.advance(1))
    assert timer.pause(clock.now()) == []
    assert timer.resume(clock.now()) == []
    assert timer.stop(clock.now()) == []
    assert timer.status == "completed"
