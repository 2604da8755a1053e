"""The JSON of the list commands (`protocols --json`, `stretch --list --json`), built without rich.

A script asking for JSON is not a terminal: nothing here imports rich, so these stay as quick
as the commands that print nothing else.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from backspasm.stretching.routine import areas, routine_seconds, stretches_of

if TYPE_CHECKING:
    from backspasm.kb.knowledge_base import KnowledgeBase
    from backspasm.kb.views import Protocol


def protocols_json(protocols: Sequence[Protocol]) -> list[dict[str, Any]]:
    """The protocols as JSON-ready values, checks included."""
    return [p.as_data() for p in protocols]


def routines_json(kb: KnowledgeBase) -> list[dict[str, Any]]:
    """The routines as JSON-ready values, each with its stretches in full."""
    out = []
    for index, routine in enumerate(kb.routines):
        stretches = stretches_of(kb, routine)
        value = routine.as_data()
        value["default"] = index == 0
        value["for"] = areas(stretches)
        value["seconds"] = routine_seconds(stretches)
        value["stretches"] = [s.as_data() for s in stretches]
        out.append(value)
    return out
