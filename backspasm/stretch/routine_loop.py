"""The routine loop: each stretch in turn, timed, then "did the pain get worse?".

Everything it does is handed in (show a stretch, time it, ask, save), so tests run whole routines
without a terminal. It never raises for the ways a routine ends: q, "worse", Ctrl-C at a
question, or a signal all become an outcome the command records.
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from backspasm.errors import Interrupted
from backspasm.storage.stretch_runs import Finished
from backspasm.timer.signals import Ended

if TYPE_CHECKING:
    from backspasm.kb.views import Stretch


@dataclass(frozen=True)
class Timed:
    """How the timed part of one stretch ended."""

    completed: bool
    by_key: bool = False  # ended early with q
    signal: int | None = None  # the signal that ended it


@dataclass(frozen=True)
class RoutineOutcome:
    """How a routine ended, what was done, and where it stopped."""

    status: Finished
    done: list[str]
    stopped_at: str | None
    signal: int | None = None


def run_routine(
    stretches: Sequence[Stretch],
    *,
    show: Callable[[Stretch, int], None],
    perform: Callable[[Stretch], Timed],
    worse: Callable[[Stretch], bool],
    save: Callable[[list[str]], None],
) -> RoutineOutcome:
    """Show, time and check each stretch in order; stop at q, a signal, or pain that got worse."""
    done: list[str] = []
    current: str | None = None
    try:
        for number, stretch in enumerate(stretches, start=1):
            current = stretch.id
            show(stretch, number)
            timed = perform(stretch)
            if timed.signal is not None:
                return RoutineOutcome("interrupted", done, stretch.id, timed.signal)
            if not timed.completed:
                return RoutineOutcome("stopped", done, stretch.id)
            done.append(stretch.id)
            save(list(done))
            # Asked after every stretch, the last one too: a stretch that hurt must be named.
            if worse(stretch):
                return RoutineOutcome("worse", done, stretch.id)
    except (Interrupted, KeyboardInterrupt):
        return RoutineOutcome("interrupted", done, current, signal.SIGINT)
    except Ended as ended:
        return RoutineOutcome("interrupted", done, current, ended.number)
    return RoutineOutcome("completed", done, None)
