"""Which entries a browse command lists, and in what order: pure choices over plain entries."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from backspasm.errors import UsageError
from backspasm.kb.vocab import LEVELS

Entry = dict[str, Any]


def checked(option: str, value: str | None, allowed: tuple[str, ...]) -> str | None:
    """An option's value in its stored spelling (any case, spaces or _ for -); one not allowed is a usage error."""
    if value is None:
        return None
    normal = value.strip().lower().replace(" ", "-").replace("_", "-")
    if normal not in allowed:
        raise UsageError(f"{option} '{value}' is not allowed; choose one of: {', '.join(allowed)}")
    return normal


def matching(remedies: Sequence[Entry], *, category: str | None, phase: str | None, stance: str | None) -> list[Entry]:
    """The remedies of that category, suiting that phase, with that stance (None: any), in their order."""
    return [
        r
        for r in remedies
        if (category is None or r["category"] == category)
        and (phase is None or phase in r["phases"])
        and (stance is None or r["stance"] == stance)
    ]


def by_urgency(signs: Sequence[Entry]) -> list[Entry]:
    """The warning signs, most urgent level first (the knowledge base's order within a level)."""
    return sorted(signs, key=lambda s: LEVELS.index(s["level"]))


def index(entries: Sequence[Entry]) -> dict[str, Entry]:
    """The entries by id."""
    return {entry["id"]: entry for entry in entries}
