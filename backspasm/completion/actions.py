"""The ids a shell completes after `remedies show`, `session` and `stretch`, with their names.

Runs on every Tab, so it reads the knowledge base's cached plain data (no pydantic, no YAML on a
cache hit) and never fails: a knowledge base that cannot be read completes nothing.
"""

from __future__ import annotations

from collections.abc import Callable

# The section of the knowledge base each completing argument takes its ids from.
SECTIONS = {"remedy": "remedies", "protocol": "protocols", "routine": "routines"}


def ids(kind: str, incomplete: str) -> list[tuple[str, str]]:
    """(id, name) of every entry of `kind` whose id starts with what is typed (case does not matter)."""
    try:
        from backspasm.kb.loader import load_active_data

        entries = load_active_data()[SECTIONS[kind]]
    except Exception:  # completion must never print a traceback into the person's shell
        return []
    typed = incomplete.lower()
    return [(str(entry["id"]), str(entry.get("name", ""))) for entry in entries if str(entry["id"]).startswith(typed)]


def completer(kind: str) -> Callable[[str], list[tuple[str, str]]]:
    """A completion function for an argument that takes an id of `kind`."""

    def complete(incomplete: str) -> list[tuple[str, str]]:
        return ids(kind, incomplete)

    return complete
