"""The knowledge base as plain data with the models' attribute names, for the light triage path.

`triage --answers F --json` reads, validates and evaluates, and prints JSON: it needs the
questions, warning signs, advice and STarT Back, never the pydantic models. Importing pydantic
and the models and checking the cached data through them costs about 100 ms, more than the
rest of the command; reading the cached data (validated when the cache was written, and
checked for shape when read) through these views costs next to nothing. The engine reads
both alike: it only reads attributes.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any


class Entry:
    """One knowledge-base entry (a question, a condition, a sign...) read by attribute."""

    __slots__ = ("_data", "_seen")

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data
        self._seen: dict[str, Any] = {}

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        seen = self._seen
        if name in seen:
            return seen[name]
        try:
            value = _view(self._data[name])
        except KeyError:
            raise AttributeError(name) from None
        seen[name] = value
        return value

    def keys(self) -> set[str]:
        """Every answer key a condition reads (as `Condition.keys`)."""
        if self._data.get("answer") is not None:
            return {self._data["answer"]}
        found: set[str] = set()
        for part in (self.all or []) + (self.any or []):
            found |= part.keys()
        return found


def _view(value: Any) -> Any:
    if isinstance(value, dict):
        return Entry(value)
    if isinstance(value, list):
        return [_view(item) for item in value]
    return value


class PlainKnowledgeBase:
    """The sections the triage engine reads, with `question_index` and `advice_for` as on the models."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.questions: list[Any] = _view(data["questions"])
        self.gates: list[Any] = _view(data["gates"])
        self.warning_signs: list[Any] = _view(data["warning_signs"])
        self.advice: list[Any] = _view(data["advice"])
        self.startback: Any = _view(data["startback"])

    @cached_property
    def question_index(self) -> dict[str, Any]:
        """Questions by answer key."""
        return {question.key: question for question in self.questions}

    def advice_for(self, level: str) -> Any:
        """The advice entry of one triage level."""
        return next(advice for advice in self.advice if advice.level == level)


def load_plain() -> PlainKnowledgeBase:
    """The active knowledge base as plain views (a cache hit imports no pydantic)."""
    from backspasm.kb.loader import load_active_data

    return PlainKnowledgeBase(load_active_data())
