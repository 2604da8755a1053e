"""The JSON of the list commands (`protocols --json`, `stretch --list --json`), built without rich.

A script asking for JSON is not a terminal: nothing here imports rich, so these stay as quick
as the commands that print nothing else.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from backspasm.kb.views import Protocol
    from backspasm.render.routines import RoutineView


def protocols_json(protocols: Sequence[Protocol]) -> list[dict[str, Any]]:
    """The protocols as JSON-ready values, checks included."""
    return [p.as_data() for p in protocols]


def routines_json(routines: Sequence[RoutineView]) -> list[dict[str, Any]]:
    """The routines as JSON-ready values (the first is the default), each with its stretches in full."""
    out = []
    for index, view in enumerate(routines):
        value = view.routine.as_data()
        value["default"] = index == 0
        value["for"] = list(view.areas)
        value["seconds"] = view.seconds
        value["stretches"] = [s.as_data() for s in view.stretches]
        out.append(value)
    return out
