"""A session's screens as plain lines, for output that is not a terminal (piped, a script, a log).

The same words as render/session.py's intro, safety refusal and plain view, without rich: a
piped session's first line comes sooner. On a terminal (also with --plain) render/session.py draws.
"""

from __future__ import annotations

import contextlib
import sys
from typing import TYPE_CHECKING

from backspasm.clock.show import words
from backspasm.kb.vocab import DISCLAIMER
from backspasm.render.text import write_lines

if TYPE_CHECKING:
    from backspasm.kb import views
    from backspasm.render.session import Narrator
    from backspasm.timer import Event, Plan, Snapshot

SURE_ONLY = "A session starts only when every safety check is a sure answer."
KEYS = "Keys: space or p pauses and resumes, q ends early."


def intro_lines(protocol: views.Protocol, plan: Plan) -> list[str]:
    """What the session will be and how to do it safely: its length, each step numbered, the disclaimer."""
    rounds = f", {plan.rounds} rounds with {words(plan.rest_seconds)} rest between" if plan.rounds > 1 else ""
    lines = [f"{protocol.name}: {words(plan.apply_seconds)}{rounds}"]
    lines += [f"  {number}. {step}" for number, step in enumerate(protocol.steps, start=1)]
    return [*lines, KEYS, DISCLAIMER]


def ruled_out_lines(protocol: views.Protocol, check: views.ProtocolCheck, *, unsure: bool = False) -> list[str]:
    """Why the session must not go ahead now (also when the person was not sure), and what to do instead."""
    lines = [f"{protocol.name}: not safe to start now:"]
    if unsure:
        lines.append(f"You were not sure: {check.prompt} {SURE_ONLY}")
    return [*lines, f"Why: {check.reason}", f"Instead: {check.alternative}"]


def write_intro(protocol: views.Protocol, plan: Plan) -> None:
    """The intro as plain lines on stdout."""
    write_lines(intro_lines(protocol, plan))


def write_ruled_out(protocol: views.Protocol, check: views.ProtocolCheck, *, unsure: bool = False) -> None:
    """The refusal as plain lines on stdout."""
    write_lines(ruled_out_lines(protocol, check, unsure=unsure))


class PlainLines:
    """One line per event, as render.session.PlainView prints them piped (unwrapped), without rich."""

    tick = 5.0
    per_second = False

    def __init__(self, voice: Narrator) -> None:
        self.voice = voice

    def event(self, event: Event, snap: Snapshot) -> None:
        """Write the event's line."""
        from backspasm.text_safety import visible

        with contextlib.suppress(OSError, ValueError):
            sys.stdout.write(f"{visible(self.voice.line(event, snap))}\n")
            sys.stdout.flush()

    def show(self, snap: Snapshot) -> None:
        """Plain output has no redraws."""

    def close(self) -> None:
        """Nothing to tidy up."""
