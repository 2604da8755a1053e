"""What a stretch says while it is timed: get ready, each hold, the rests, the end.

The same lines serve the plain mode (a screen reader, a script), the live panel and the bell.
"""

from __future__ import annotations

from dataclasses import dataclass

from backspasm.clock.show import clock_text, words
from backspasm.timer import Event, Snapshot


@dataclass(frozen=True)
class StretchVoice:
    """How one stretch is talked about while its holds are timed."""

    name: str
    repetitions: int
    hold_seconds: float
    rest_seconds: float
    # "leg" or "side" for one-sided holds that alternate, left first; None otherwise.
    sides: str | None = None

    def side(self, number: int) -> str:
        """Which side hold `number` is for ("left leg"), or "" for a stretch done on both at once."""
        if self.sides is None:
            return ""
        return f"{'left' if number % 2 == 1 else 'right'} {self.sides}"

    def _which(self, number: int) -> str:
        side = self.side(number)
        return f", {side}" if side else ""

    @property
    def continuous(self) -> bool:
        """One long go with no rest (a short walk): "keep going", not "hold"."""
        return self.repetitions == 1 and self.rest_seconds == 0

    def _do(self, number: int) -> str:
        count = f" {number} of {self.repetitions}" if self.repetitions > 1 else ""
        if self.continuous:
            return f"keep going for {words(self.hold_seconds)}"
        return f"hold{count} now{self._which(number)}, for {words(self.hold_seconds)}"

    def heading(self, snap: Snapshot) -> str:
        """Where the stretch is: hold x of y, or the rest before the next one."""
        segment = snap.segment
        if snap.status == "completed":
            return "Done · relax"
        if snap.status == "stopped":
            return "Stopped · relax"
        if snap.status == "paused":
            return "Paused · relax"
        if segment.phase == "rest":
            return f"Relax · next: hold {segment.round + 1} of {self.repetitions}{self._which(segment.round + 1)}"
        if self.continuous:
            return "Keep going"
        return f"Hold {segment.round} of {self.repetitions}{self._which(segment.round)}"

    def line(self, event: Event, snap: Snapshot) -> str:
        """One line for the event."""
        name, segment = self.name, event.segment
        if event.kind == "started" or (event.kind == "phase" and segment.phase == "apply"):
            return f"{name}: {self._do(segment.round)}."
        if event.kind == "phase":
            following = f"hold {segment.round + 1} of {self.repetitions}{self._which(segment.round + 1)}"
            return f"{name}: relax. Rest {words(segment.seconds)} before {following}."
        if event.kind == "minute":
            return f"{name}: {round(event.remaining / 60)} min left."
        if event.kind == "paused":
            return f"{name}: paused with {clock_text(event.remaining)} left."
        if event.kind == "resumed":
            return f"{name}: going on, {clock_text(event.remaining)} left."
        if event.kind == "suspended":
            return f"{name}: the computer was asleep for {words(event.gap)}; the timer has caught up."
        if event.kind == "completed":
            done = "done" if self.continuous else f"done, {self.repetitions} of {self.repetitions}"
            return f"{name}: {done}. Relax."
        return f"{name}: stopped early. Relax."

    def alert(self, event: Event) -> tuple[str, str] | None:
        """Bell (and title) when the person must change what they do: hold, relax, done."""
        segment = event.segment
        if event.kind == "phase" and segment.phase == "rest":
            return f"{self.name}: relax", f"Rest {words(segment.seconds)}."
        if event.kind == "phase":
            which = self._which(segment.round)
            return f"{self.name}: hold {segment.round} of {self.repetitions}{which}", self._do(segment.round)
        if event.kind == "completed":
            return f"{self.name}: done", "Relax."
        return None


@dataclass(frozen=True)
class ReadyVoice:
    """The count before a stretch's first hold, to get into position (Enter ends it early)."""

    name: str

    def heading(self, snap: Snapshot) -> str:
        """Get ready, or how the count ended."""
        if snap.status == "completed":
            return "Begin"
        if snap.status == "stopped":
            return "Stopped"
        if snap.status == "paused":
            return "Paused · space or p goes on"
        return "Get into position · press Enter when ready"

    def line(self, event: Event, snap: Snapshot) -> str:
        """One line for the event."""
        if event.kind == "started":
            seconds = words(event.segment.seconds)
            return f"{self.name}: get into position; the first hold starts in {seconds}, or press Enter when ready."
        if event.kind == "completed":
            return f"{self.name}: begin."
        if event.kind == "paused":
            return f"{self.name}: paused with {clock_text(event.remaining)} left to get ready."
        if event.kind == "resumed":
            return f"{self.name}: going on, {clock_text(event.remaining)} left to get ready."
        if event.kind == "stopped":
            return f"{self.name}: stopped before the first hold."
        return f"{self.name}: {clock_text(event.remaining)} left to get ready."

    def alert(self, event: Event) -> tuple[str, str] | None:
        """The bell when the count is over and the first hold begins."""
        if event.kind == "completed":
            return f"{self.name}: begin", "First hold now."
        return None
