"""Load the knowledge base as plain views: from the cache when it is current, else checked afresh.

A cache hit imports no pydantic and no YAML (kb/cache.py, kb/plain.py); a miss reads and
validates every file (kb/schema.py), checks cross-references (kb/check.py) and writes the cache.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from backspasm.errors import KnowledgeBaseError
from backspasm.kb.plain import KnowledgeBase, from_data

__all__ = ["KnowledgeBase", "load", "load_active", "load_active_data"]


def load(directory: Path) -> KnowledgeBase:
    """Load and validate a knowledge base; any schema or cross-reference problem raises."""
    from backspasm.kb.check import cross_reference_problems
    from backspasm.kb.schema import load_sections

    sections, problems = load_sections(directory)
    if problems:
        raise KnowledgeBaseError(*problems)
    kb = from_data(directory, sections)
    problems = cross_reference_problems(kb)
    if problems:
        raise KnowledgeBaseError(*problems)
    return kb


def load_active() -> KnowledgeBase:
    """The knowledge base the commands use (BACKSPASM_KB or the built-in one), through the cache."""
    from backspasm.kb.cache import load_cached
    from backspasm.kb.location import active_dir

    return load_cached(active_dir(), load)


def load_active_data() -> dict[str, Any]:
    """The active knowledge base as plain JSON data (what --json prints), through the cache."""
    from backspasm.kb.cache import load_data_cached
    from backspasm.kb.location import active_dir

    return load_data_cached(active_dir(), load)
