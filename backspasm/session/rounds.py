"""Turn a protocol and the options into a safe plan: clamp the length, raise a short rest.

Pure: returns the plan and the messages to show, so the rules are tested without a terminal.
The caps are the protocol's (shared/clinical-reference.md section 3): cold never more than 20
minutes, heat at most 30, and their rest between rounds is a minimum.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from backspasm.clock.show import words
from backspasm.timer import Plan

if TYPE_CHECKING:
    from backspasm.kb.views import Protocol

HARM = {"cold": "longer risks an ice burn", "heat": "longer risks a burn"}


@dataclass(frozen=True)
class SessionPlan:
    """The protocol, the timer plan to run, and what was changed from what was asked."""

    protocol: Protocol
    plan: Plan
    notes: tuple[str, ...]


def settle(protocol: Protocol, *, duration: float | None, rounds: int = 1, rest: float | None = None) -> SessionPlan:
    """The plan for this protocol: default length unless asked, never above the maximum, rest at least the minimum."""
    notes: list[str] = []
    maximum = protocol.max_minutes * 60
    apply_seconds = protocol.default_minutes * 60 if duration is None else duration
    if apply_seconds > maximum:
        notes.append(
            f"{words(apply_seconds)} is more than the safe maximum for {protocol.name} "
            f"({words(maximum)} at a time; {HARM[protocol.kind]}): running {words(maximum)} instead"
        )
        apply_seconds = maximum
    minimum_rest = protocol.rest_minutes * 60
    rest_seconds = minimum_rest
    if rest is not None and rounds == 1:
        notes.append("--rest only matters with --rounds 2 or more; running one round")
    elif rest is not None and rest < minimum_rest:
        notes.append(
            f"a rest of {words(rest)} is shorter than the minimum for {protocol.name}: "
            f"the skin needs at least {words(minimum_rest)} between rounds, so each rest is {words(minimum_rest)}"
        )
    elif rest is not None:
        rest_seconds = rest
    # A pause counts toward the maximum: a round never lasts longer than it from its start (timer.machine).
    plan = Plan(apply_seconds=apply_seconds, rest_seconds=rest_seconds, rounds=rounds, apply_limit=maximum)
    return SessionPlan(protocol, plan, tuple(notes))
