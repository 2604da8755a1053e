"""Find an entry by id, or fail with the closest ids and where to list them all."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import TypeVar

from backspasm.errors import UsageError

T = TypeVar("T")


def closest(wanted: str, known: list[str], count: int = 3) -> list[str]:
    """The known ids nearest to a mistyped one, best first."""
    near = difflib.get_close_matches(wanted, known, n=count, cutoff=0.5)
    near += [k for k in known if wanted and wanted in k and k not in near]
    return near[:count]


def find(kind: str, wanted: str, index: Mapping[str, T], list_command: str) -> T:
    """The entry with this id, in any case (`Superficial-Heat`); an unknown id is a UsageError naming the closest."""
    if wanted in index:
        return index[wanted]
    folded = wanted.strip().casefold()
    for key, entry in index.items():
        if key.casefold() == folded:
            return entry
    near = closest(folded, list(index))
    hint = f"did you mean {', '.join(near)}? " if near else ""
    raise UsageError(f"unknown {kind} '{wanted}'; {hint}list them with '{list_command}'")
