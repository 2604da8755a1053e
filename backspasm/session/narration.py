"""What a session says at each event, in plain words for a screen reader, a script or a notification."""

from __future__ import annotations

from dataclasses import dataclass

from backspasm.clock.show import clock_in, clock_text, words
from backspasm.timer import Event, Snapshot


@dataclass(frozen=True)
class Voice:
    """How one protocol is talked about: its name, what goes on the skin, its minimum rest."""

    name: str
    kind: str  # "cold" or "heat"
    rest_minutes: float
    rounds: int
    max_minutes: float = 0.0  # the protocol's safe maximum, which a pause counts toward

    @property
    def thing(self) -> str:
        """What the person puts on and takes off."""
        return "the ice" if self.kind == "cold" else "the heat"

    def where(self, snap: Snapshot) -> str:
        """Round and phase, for a display: `round 1 of 2, on` or `rest before round 2 of 2`."""
        segment = snap.segment
        if segment.phase == "rest":
            return f"rest before round {segment.round + 1} of {self.rounds}"
        return f"round {segment.round} of {self.rounds}, {self.thing} on"

    def heading(self, snap: Snapshot) -> str:
        """The top line of a live display: where the session is, or how it ended."""
        if snap.status == "completed":
            return f"Done · take {self.thing} off"
        if snap.status == "stopped":
            return f"Stopped · take {self.thing} off"
        if snap.status == "paused" and snap.segment.phase == "apply":
            return f"Paused · take {self.thing} off now"
        if snap.status == "paused":
            return f"Paused · rest before round {snap.segment.round + 1} of {snap.rounds} · {self.thing} off"
        if snap.segment.phase == "rest":
            return f"Rest before round {snap.segment.round + 1} of {snap.rounds} · {self.thing} off"
        return f"Round {snap.segment.round} of {snap.rounds} · keep {self.thing} on"

    def line(self, event: Event, snap: Snapshot) -> str:
        """One line for the event (plain mode prints exactly these)."""
        segment = event.segment
        name = self.name
        if event.kind == "started":
            return f"{name}: started. Round 1 of {self.rounds}: keep {self.thing} on for {words(segment.seconds)}."
        if event.kind == "minute":
            return f"{name}: {round(event.remaining / 60)} min left ({self.where(snap)})."
        if event.kind == "phase" and segment.phase == "rest":
            return (
                f"{name}: take {self.thing} off now. Rest {words(segment.seconds)} "
                f"before round {segment.round + 1} of {self.rounds}."
            )
        if event.kind == "phase":
            return (
                f"{name}: rest over. Round {segment.round} of {self.rounds}: "
                f"put {self.thing} back on for {words(segment.seconds)}."
            )
        if event.kind == "paused" and segment.phase == "rest":
            return f"{name}: paused with {clock_text(event.remaining)} of the rest left; {self.thing} stays off."
        if event.kind == "paused":
            rule = f" {self.pause_rule(event.limit)}" if event.limit is not None else ""
            return f"{name}: paused with {clock_text(event.remaining)} left. Take {self.thing} off now.{rule}"
        if event.kind == "resumed" and event.limit:
            return (
                f"{name}: going on, {clock_text(event.remaining)} left: the pause took "
                f"{words(event.limit)} off the round, as it counts toward the {self.max_minutes:g} min maximum."
            )
        if event.kind == "resumed":
            return f"{name}: going on, {clock_text(event.remaining)} left."
        if event.kind == "pause_limit":
            return (
                f"{name}: ended. Paused until the {self.max_minutes:g} min safe maximum: "
                f"take {self.thing} off now. Applied {words(snap.applied)}."
            )
        if event.kind == "suspended":
            return f"{name}: the computer was asleep for {words(event.gap)}; the timer has caught up."
        if event.kind == "completed":
            return f"{name}: done. {self.after()} Applied {words(snap.applied)}."
        return f"{name}: stopped early. Take {self.thing} off. Applied {words(snap.applied)}, saved in your history."

    def pause_rule(self, left: float) -> str:
        """What a pause means for the round: it counts toward the maximum, and when it ends the session."""
        return (
            f"A pause counts toward the {self.max_minutes:g} min safe maximum: "
            f"if still paused at {clock_in(left)}, the session ends."
        )

    def after(self) -> str:
        """What to do when the time is up."""
        return f"Take {self.thing} off now and keep it off for at least {self.rest_minutes:g} min."

    def alert(self, event: Event) -> tuple[str, str] | None:
        """Title and body of the bell/notification for a phase change or the end; None for other events."""
        segment = event.segment
        if event.kind == "phase" and segment.phase == "rest":
            body = f"Rest {words(segment.seconds)} before round {segment.round + 1}."
            return f"{self.name}: take {self.thing} off", body
        if event.kind == "phase":
            return f"{self.name}: round {segment.round} of {self.rounds}", f"Put {self.thing} back on."
        if event.kind == "completed":
            return f"{self.name}: done", self.after()
        if event.kind == "pause_limit":
            return f"{self.name}: ended", f"Paused until the safe maximum: take {self.thing} off now."
        return None
