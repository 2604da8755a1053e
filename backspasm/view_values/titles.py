"""A warning sign's title inside a sentence (no classes: triage's reminders read it on the light path)."""

from __future__ import annotations

import re

_ASIDE = re.compile(r"\s*\([^)]*\)")


def short_title(title: str) -> str:
    """A warning sign's title without its asides and with a small first letter, to sit inside a sentence."""
    short = _ASIDE.sub("", title).strip()
    return short[:1].lower() + short[1:]
