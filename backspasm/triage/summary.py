"""A triage result in a few words, for reminders: its level and its reasons, short.

A level's name lives in the knowledge base (`levels` in data/triage.yaml, `KnowledgeBase.level`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_ASIDE = re.compile(r"\s*\([^)]*\)")


def level_shout(level: str) -> str:
    """A level's name in capitals, as a result shows it ("URGENT"), from the active knowledge base."""
    from backspasm.kb.loader import load_active

    words = load_active().level_index.get(level)
    return words.shout if words is not None else level.upper()


def short_title(title: str) -> str:
    """A warning sign's title without its asides and with a small first letter, to sit inside a sentence."""
    short = _ASIDE.sub("", title).strip()
    return short[:1].lower() + short[1:]


def reasons_text(titles: Iterable[str]) -> str:
    """Reason titles joined for a sentence: "a high temperature; losing weight without trying"."""
    return "; ".join(short_title(title) for title in titles)
