"""Load the knowledge base as light views: from the cache when it is current, else checked afresh.

A cache hit imports no pydantic and no YAML (kb/cache.py, kb/views.py). A miss on the built-in
knowledge base reads its snapshot, validated ahead of time (kb/snapshot.py); any other miss
reads and validates every file (kb/files.py, kb/check.py). Either way the cache is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from backspasm.kb.knowledge_base import KnowledgeBase

__all__ = ["KnowledgeBase", "load", "load_active", "load_active_data"]


def load(directory: Path) -> KnowledgeBase:
    """Load and validate a knowledge base; any schema or cross-reference problem raises."""
    from backspasm.kb.check import load as validated

    return validated(directory)


def _validated_ahead(directory: Path) -> dict[str, Any] | None:
    """The built-in knowledge base's snapshot when it matches its files; never for BACKSPASM_KB."""
    from backspasm.kb.location import builtin_dir

    if directory != builtin_dir():
        return None
    from backspasm.kb.snapshot import read

    return read(directory)


def load_active() -> KnowledgeBase:
    """The knowledge base the commands use (BACKSPASM_KB or the built-in one), through the cache."""
    from backspasm.kb.cache import load_cached
    from backspasm.kb.location import active_dir

    return load_cached(active_dir(), load, _validated_ahead)


def load_active_data() -> dict[str, Any]:
    """The active knowledge base as plain JSON data (what --json prints), through the cache."""
    from backspasm.kb.cache import load_data_cached
    from backspasm.kb.location import active_dir

    return load_data_cached(active_dir(), load, _validated_ahead)
