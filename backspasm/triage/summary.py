"""A triage result in a few words, for reminders: the level in capitals and its reasons, short."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable

LEVEL_NAMES = {"emergency": "EMERGENCY", "urgent": "URGENT", "soon": "SOON", "self_care": "SELF-CARE"}
_ASIDE = re.compile(r"\s*\([^)]*\)")


def short_title(title: str) -> str:
    """A warning sign's title without its asides and with a small first letter, to sit inside a sentence."""
    short = _ASIDE.sub("", title).strip()
    return short[:1].lower() + short[1:]


def reasons_text(titles: Iterable[str]) -> str:
    """Reason titles joined for a sentence: "a high temperature; losing weight without trying"."""
    return "; ".join(short_title(title) for title in titles)


def emergency_number() -> str:
    """The number in BACKSPASM_EMERGENCY_NUMBER (as `triage` reads it), or the general wording."""
    from backspasm.triage.engine import DEFAULT_EMERGENCY_NUMBER

    return os.environ.get("BACKSPASM_EMERGENCY_NUMBER", "").strip() or DEFAULT_EMERGENCY_NUMBER


def with_number(text: str, number: str | None = None) -> str:
    """Advice text with {emergency_number} filled in (the configured number when none is given)."""
    return text.replace("{emergency_number}", number or emergency_number())
