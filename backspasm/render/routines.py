"""The routines as their screens take them (no rich: `stretch --list --json` uses this too)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from backspasm.kb.views import Routine, Stretch


@dataclass(frozen=True)
class RoutineView:
    """A routine with what its action worked out: its stretches, where they are for, how long it takes."""

    routine: Routine
    stretches: Sequence[Stretch]
    areas: Sequence[str]
    seconds: float
