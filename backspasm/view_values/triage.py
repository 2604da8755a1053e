"""A triage's result as screens and the JSON contract read it: the level, the reasons, the words.

The engine (triage/engine.py) decides it, triage/advice.py words it; render/triage.py draws it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from backspasm.kb.views import Remedy



@dataclass(frozen=True)
class StartBackScore:
    """The total (0-9), the psychosocial subscale (0-5) and the risk group (low, medium, high)."""

    total: int
    psychosocial: int
    risk: str

    def to_dict(self) -> dict[str, Any]:
        """The `startback` object of the JSON result."""
        return {"total": self.total, "psychosocial": self.psychosocial, "risk": self.risk}


@dataclass(frozen=True)
class Watch:
    """One group of "What to watch for": what to do, then each sign that calls for it."""

    then: str
    signs: tuple[str, ...]

    def lines(self) -> tuple[str, ...]:
        """The action, then each sign."""
        return (self.then, *self.signs)


@dataclass(frozen=True)
class Reason:
    """One warning sign that fired: its id, level, words for people and sources."""

    id: str
    level: str
    title: str
    why: str
    sources: tuple[str, ...]
    # The answers given as "unsure" that made this sign fire (then one level below its own).
    unsure: tuple[str, ...] = ()
    # What to do about this sign in particular (the knowledge base's `advice`), if anything.
    advice: str | None = None
    # The level the sign has in the knowledge base (differs from `level` when lowered).
    sign_level: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The reason object of the JSON result (the level is the disposition's business)."""
        result: dict[str, Any] = {"id": self.id, "title": self.title, "why": self.why, "sources": list(self.sources)}
        if self.unsure:
            result["unsure"] = list(self.unsure)
        return result


@dataclass(frozen=True)
class Assessment:
    """The result of one triage: level, reasons, what to do now, what to watch for."""

    disposition: str
    reasons: tuple[Reason, ...]
    headline: str
    advice: str
    watch_for: tuple[Watch, ...]
    tell_them: str | None
    unanswered: tuple[str, ...]
    startback: StartBackScore | None
    emergency_number: str
    # False while an unanswered question could still raise the level (clinical reference v3).
    complete: bool = True
    # The signs an unanswered question could still make fire above the level (titles), when not complete.
    not_asked: tuple[str, ...] = ()
    # The one line a result ends with: what would change it (None for an emergency).
    changes: str | None = None
    # What the answers rule out (an NSAID in pregnancy); part of the advice in the JSON.
    cautions: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The result object of shared/triage-answers.md; `startback` only when it was answered."""
        result: dict[str, Any] = {
            "disposition": self.disposition,
            "reasons": [reason.to_dict() for reason in self.reasons],
            "advice": " ".join([self.advice, *self.cautions]),
            "unanswered": list(self.unanswered),
            "complete": self.complete,
        }
        if self.startback is not None:
            result["startback"] = self.startback.to_dict()
        return result

    def to_json(self) -> str:
        """The result as JSON text, as `backspasm triage --json` prints it."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)


@dataclass(frozen=True)
class SelfCare:
    """What a self-care result suggests: the phase (None when the start was not answered) and its remedies."""

    phase: str | None
    remedies: Sequence[Remedy]
    # The pain is in the neck: each remedy's neck note is shown.
    neck: bool = False
