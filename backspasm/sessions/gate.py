"""The safety gate before the first round: the protocol's checks from the knowledge base.

An answer equal to a check's `stop_if` rules the session out. The asking is handed in, so the
rule is tested with plain answers; the command asks through backspasm.questionnaire.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from backspasm.kb.models import Protocol, ProtocolCheck


def first_ruling_out(protocol: Protocol, ask: Callable[[ProtocolCheck], bool]) -> ProtocolCheck | None:
    """Ask the checks in order; return the first whose answer rules the session out, else None."""
    for check in protocol.checks:
        if ask(check) == check.stop_if:
            return check
    return None


def ask_in_terminal(check: ProtocolCheck) -> bool:
    """Ask one check as a yes/no question with no default (Enter alone is not an answer)."""
    from backspasm.questionnaire import confirm

    return confirm(check.prompt, default=None, what="the safety check")
