"""The safety gate before the first round: the protocol's checks from the knowledge base.

An answer equal to a check's `stop_if` rules the session out, and so does "Not sure": a session
starts only on sure answers. The asking is handed in (session/ask.py asks a person), so the
rule is tested with plain answers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from backspasm.kb.unsure import UNSURE

if TYPE_CHECKING:
    from backspasm.kb.views import Protocol, ProtocolCheck


@dataclass(frozen=True)
class RuledOut:
    """The check that stops the session, and whether it was the person not being sure."""

    check: ProtocolCheck
    unsure: bool = False


def first_ruling_out(protocol: Protocol, ask: Callable[[ProtocolCheck], bool | str]) -> RuledOut | None:
    """Ask the checks in order; return the first whose answer rules the session out, else None."""
    for check in protocol.checks:
        answer = ask(check)
        if answer == UNSURE or answer not in (True, False):
            return RuledOut(check, unsure=True)
        if answer == check.stop_if:
            return RuledOut(check)
    return None

