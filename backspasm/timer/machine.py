"""The session timer as a pure state machine: rounds of apply and rest, pause, suspend, minute marks.

A pause counts toward a round's safe maximum (`Plan.apply_limit`): a pack left on while paused
is still on the skin. So an apply round never lasts longer than the limit from its start,
paused or not: a pause that reaches it ends the session (`pause_limit`), and a resume after a
long pause shortens what is left of the round (docs/sessions.md).

It never sleeps and never reads a clock: every method takes a `Reading` of the clocks, so tests
drive it with a fake clock. Deadlines live on the monotonic clock and each phase ends at its
deadline (the next one is chained from it), so time never drifts the way a sum of sleeps does.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from backspasm.clock.ticks import Reading

PhaseName = Literal["apply", "rest"]
Status = Literal["ready", "running", "paused", "completed", "stopped"]
EventKind = Literal[
    "started", "phase", "minute", "paused", "resumed", "suspended", "completed", "stopped", "pause_limit"
]

# A wall-clock jump bigger than the monotonic step by this much means the machine was asleep.
SUSPEND_THRESHOLD = 2.0
# A wake-up later than this after a deadline (Ctrl-Z, a suspend) starts the next phase from now,
# so a rest that was never counted down is not skipped and an apply round is never presumed done.
LATE_WAKE = 1.0


@dataclass(frozen=True)
class Segment:
    """One stretch of the session: apply (the pack is on) or rest (it is off), in one round."""

    phase: PhaseName
    round: int
    seconds: float


@dataclass(frozen=True)
class Plan:
    """What to time: apply for `apply_seconds`, `rounds` times, with `rest_seconds` between rounds.

    `apply_limit`, when set, is the most an apply round may last from its start, pauses included
    (a protocol's safe maximum); None for counts where a pause is harmless (stretches).
    """

    apply_seconds: float
    rest_seconds: float = 0.0
    rounds: int = 1
    apply_limit: float | None = None

    def __post_init__(self) -> None:
        if self.apply_seconds <= 0 or self.rest_seconds < 0 or self.rounds < 1:
            raise ValueError("a plan needs a positive apply time, a rest of zero or more and one round or more")
        if self.apply_limit is not None and self.apply_limit < self.apply_seconds:
            raise ValueError("a round's limit cannot be shorter than the round")

    def segments(self) -> tuple[Segment, ...]:
        """Apply, rest, apply, ... with no rest after the last round (and none of zero length)."""
        out: list[Segment] = []
        for number in range(1, self.rounds + 1):
            out.append(Segment("apply", number, self.apply_seconds))
            if number < self.rounds and self.rest_seconds > 0:
                out.append(Segment("rest", number, self.rest_seconds))
        return tuple(out)

    @property
    def planned_seconds(self) -> float:
        """Apply time over all rounds: what the history records as planned."""
        return self.apply_seconds * self.rounds


@dataclass(frozen=True)
class Event:
    """Something worth telling the person: a start, a phase change, a minute mark, the end."""

    kind: EventKind
    segment: Segment
    remaining: float  # seconds left in `segment` when it happened
    gap: float = 0.0  # for "suspended": how long the machine slept
    # For "paused": seconds until the pause reaches the round's limit (None: no limit).
    # For "resumed": seconds the pause took off the round (0 when it fitted within the limit).
    limit: float | None = None


@dataclass(frozen=True)
class Snapshot:
    """Everything a display needs at one moment."""

    status: Status
    segment: Segment
    rounds: int
    remaining: float
    applied: float
    rounds_done: int
    suspended_seconds: float
    # While paused in an apply round with a limit: seconds until the pause ends the session.
    pause_left: float | None = None

    @property
    def fraction_done(self) -> float:
        """How much of the current phase has passed, from 0 to 1."""
        return min(1.0, max(0.0, 1 - self.remaining / self.segment.seconds))


def _first_minute_mark(seconds: float) -> int:
    """The largest whole minute (in seconds) strictly inside a phase of this length, or 0."""
    return max(0, math.ceil(seconds / 60) - 1) * 60


class SessionTimer:
    """Rounds of apply and rest on a monotonic deadline, with pause, stop and suspend detection."""

    def __init__(self, plan: Plan, *, suspend_threshold: float = SUSPEND_THRESHOLD) -> None:
        self.plan = plan
        self.segments = plan.segments()
        self.suspend_threshold = suspend_threshold
        self.status: Status = "ready"
        self.rounds_done = 0
        self.suspended_seconds = 0.0
        self._index = 0
        self._deadline: float | None = None
        self._frozen_remaining = self.segments[0].seconds  # while ready, paused or stopped
        self._applied_before = 0.0  # apply time of phases already finished
        self._cut = 0.0  # seconds a long pause took off the current apply round
        self._paused_before = 0.0  # paused time of the current round in earlier pauses
        self._pause_deadline: float | None = None  # while paused: when the pause reaches the limit
        self._paused_at: float | None = None  # while paused: when (monotonic) the pause began
        self._minute_mark = _first_minute_mark(self.segments[0].seconds)
        self._last: Reading | None = None

    # ------------------------------------------------------------------ reading the state

    @property
    def segment(self) -> Segment:
        """The phase the session is in (the last one once it is over)."""
        return self.segments[self._index]

    @property
    def finished(self) -> bool:
        """True once the session completed or was stopped."""
        return self.status in ("completed", "stopped")

    def remaining(self, now: Reading) -> float:
        """Seconds left in the current phase."""
        if self.status == "running" and self._deadline is not None:
            return max(0.0, self._deadline - now.mono)
        return self._frozen_remaining

    def applied(self, now: Reading) -> float:
        """Seconds the pack has been on so far, over all rounds; paused time does not count."""
        current = 0.0
        if self.segment.phase == "apply" and self.status in ("running", "paused"):
            current = self.segment.seconds - self._cut - self.remaining(now)
        return self._applied_before + max(0.0, current)

    def pause_left(self, now: Reading) -> float | None:
        """While paused in a round with a limit: seconds until the pause ends the session."""
        if self.status != "paused" or self._pause_deadline is None:
            return None
        return max(0.0, self._pause_deadline - now.mono)

    def snapshot(self, now: Reading) -> Snapshot:
        """The state for a display."""
        return Snapshot(
            status=self.status,
            segment=self.segment,
            rounds=self.plan.rounds,
            remaining=self.remaining(now),
            applied=self.applied(now),
            rounds_done=self.rounds_done,
            suspended_seconds=self.suspended_seconds,
            pause_left=self.pause_left(now),
        )

    def next_wake(self, now: Reading, tick: float = 1.0, *, per_second: bool = True) -> float:
        """The monotonic time to look again: the deadline, a minute mark, or `tick` from now.

        With `per_second` the wake also falls on each change of the whole seconds shown (a live
        display); without it (plain output) only the deadline, minute marks and `tick` matter.
        Never earlier than `now`, so a caller can never spin on a wake that is already past.
        """
        if self.status == "paused" and self._pause_deadline is not None:
            return max(now.mono, min(self._pause_deadline, now.mono + tick))
        if self.status != "running" or self._deadline is None:
            return now.mono + tick
        wake = min(self._deadline, now.mono + tick)
        if per_second:
            # The display shows whole seconds rounded up, so it changes when `remaining` crosses one.
            remaining = self._deadline - now.mono
            to_next_second = remaining - math.floor(remaining)
            if to_next_second > 0:
                wake = min(wake, now.mono + to_next_second)
        if self._minute_mark > 0:
            wake = min(wake, self._deadline - self._minute_mark)
        return max(now.mono, wake)

    # ------------------------------------------------------------------ changing the state

    def start(self, now: Reading) -> list[Event]:
        """Begin the first phase now."""
        if self.status != "ready":
            return []
        self.status = "running"
        self._last = now
        self._deadline = now.mono + self.segment.seconds
        return [Event("started", self.segment, self.segment.seconds)]

    def poll(self, now: Reading) -> list[Event]:
        """Catch up with the clocks: notice a suspend, pass minute marks, finish phases that are due."""
        events = self._observe(now)
        if self.status == "paused" and self._pause_deadline is not None and now.mono >= self._pause_deadline:
            return [*events, self._end_pause_at_limit(now)]
        if self.status != "running" or self._deadline is None:
            return events
        minute = self._pass_minute_marks(now)
        if minute is not None and now.mono < self._deadline:
            events.append(minute)
        while self.status == "running" and self._deadline is not None and now.mono >= self._deadline:
            events.append(self._finish_phase(now))
        return events

    def pause(self, now: Reading) -> list[Event]:
        """Stop the clock of the current phase; paused time does not count."""
        events = self.poll(now)
        if self.status != "running":
            return events
        self._frozen_remaining = self.remaining(now)
        self._deadline = None
        self.status = "paused"
        self._paused_at = now.mono
        allowance = self._allowance(now)
        self._pause_deadline = None if allowance is None else now.mono + allowance
        return [*events, Event("paused", self.segment, self._frozen_remaining, limit=allowance)]

    def resume(self, now: Reading) -> list[Event]:
        """Start the clock again where it stopped."""
        events = self.poll(now)
        if self.status != "paused":
            return events
        cut = 0.0
        if self._paused_at is not None:
            self._paused_before += now.mono - self._paused_at
            self._paused_at = None
        allowance = self._allowance(now)
        if allowance is not None and allowance < self._frozen_remaining:
            # The pause counted toward the round's limit: what is left of the round is shortened.
            cut = self._frozen_remaining - allowance
            self._cut += cut
            self._frozen_remaining = allowance
        self._paused_at = self._pause_deadline = None
        self._deadline = now.mono + self._frozen_remaining
        self.status = "running"
        return [*events, Event("resumed", self.segment, self._frozen_remaining, limit=cut)]

    def toggle_pause(self, now: Reading) -> list[Event]:
        """Pause when running, resume when paused (the space or p key)."""
        return self.resume(now) if self.status == "paused" else self.pause(now)

    def stop(self, now: Reading) -> list[Event]:
        """End early (q, Ctrl-C, a signal); the applied time so far is kept."""
        events = self.poll(now)
        if self.finished:
            return events
        self._frozen_remaining = self.remaining(now)
        # From here applied() no longer adds the current phase, so fold it in now.
        self._applied_before = self.applied(now)
        self._deadline = self._pause_deadline = self._paused_at = None
        self.status = "stopped"
        return [*events, Event("stopped", self.segment, self._frozen_remaining)]

    # ------------------------------------------------------------------ the pause limit

    def _allowance(self, now: Reading) -> float | None:
        """Seconds the current apply round may still last, pauses included, or None without a limit."""
        limit = self.plan.apply_limit
        if limit is None or self.segment.phase != "apply":
            return None
        on = self.segment.seconds - self._cut - self._frozen_remaining  # applied in this round so far
        paused = self._paused_before + (now.mono - self._paused_at if self._paused_at is not None else 0.0)
        return max(0.0, limit - on - paused)

    def _end_pause_at_limit(self, now: Reading) -> Event:
        """A pause reached the round's limit: the session ends, with the time applied before it."""
        self._applied_before = self.applied(now)
        self._deadline = self._pause_deadline = self._paused_at = None
        self.status = "stopped"
        return Event("pause_limit", self.segment, self._frozen_remaining)

    # ------------------------------------------------------------------ internals

    def _observe(self, now: Reading) -> list[Event]:
        """Spot a suspend: the wall clock moved further than the monotonic one."""
        events: list[Event] = []
        last, self._last = self._last, now
        if last is None or self.finished:
            return events
        gap = (now.wall - last.wall) - (now.mono - last.mono)
        if gap <= self.suspend_threshold:
            return events
        self.suspended_seconds += gap
        if self.status == "paused" and self._pause_deadline is not None:
            # Asleep while paused: the pack may still be on, so the sleep counts toward the limit.
            self._paused_before += gap
            self._pause_deadline -= gap
        if self.status == "running" and self._deadline is not None:
            # The pack stayed where it was while the machine slept: the sleep counts toward this
            # phase, but never beyond its end (a later apply round is never presumed done).
            self._deadline -= min(gap, max(0.0, self._deadline - now.mono))
        events.append(Event("suspended", self.segment, self.remaining(now), gap=gap))
        return events

    def _pass_minute_marks(self, now: Reading) -> Event | None:
        """The latest whole minute left that was reached since the last poll, as one event."""
        assert self._deadline is not None
        remaining = self._deadline - now.mono
        crossed = 0
        while self._minute_mark > 0 and remaining <= self._minute_mark:
            crossed = self._minute_mark
            self._minute_mark -= 60
        return Event("minute", self.segment, float(crossed)) if crossed else None

    def _finish_phase(self, now: Reading) -> Event:
        assert self._deadline is not None
        done = self.segment
        if done.phase == "apply":
            self._applied_before += done.seconds - self._cut
            self.rounds_done += 1
        self._cut = self._paused_before = 0.0
        if self._index + 1 >= len(self.segments):
            self.status = "completed"
            self._deadline = None
            self._frozen_remaining = 0.0
            return Event("completed", done, 0.0)
        late = now.mono - self._deadline > LATE_WAKE
        start = now.mono if late else self._deadline
        self._index += 1
        self._deadline = start + self.segment.seconds
        self._minute_mark = _first_minute_mark(self.segment.seconds)
        return Event("phase", self.segment, self._deadline - now.mono)
