"""A triage result in a few words, for reminders: its level and its reasons, short.

A level's name lives in the knowledge base (`levels` in data/triage.yaml, `KnowledgeBase.level`).
"""

from __future__ import annotations

from collections.abc import Iterable

from backspasm.view_values.titles import short_title as short_title


def level_shout(level: str) -> str:
    """A level's name in capitals, as a result shows it ("URGENT"), from the active knowledge base."""
    from backspasm.kb.loader import load_active

    words = load_active().level_index.get(level)
    return words.shout if words is not None else level.upper()


def reasons_text(titles: Iterable[str]) -> str:
    """Reason titles joined for a sentence: "a high temperature; losing weight without trying"."""
    return "; ".join(short_title(title) for title in titles)
