"""One knowledge base as light views: its sections (kb/views.py), indexes by id, and lookups.

Hand-written: the sections and their entries' fields come from the generated kb/views.py, so
adding a field never touches this file.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import Any

from backspasm.kb.views import (
    SECTIONS,
    LevelAdvice,
    Protocol,
    Question,
    Remedy,
    Routine,
    Sections,
    Source,
    Stretch,
    TriageLevel,
)


class KnowledgeBase(Sections):
    """Every entry of one knowledge-base directory, validated (when read or when the cache was written).

    Read-only like its entries; `replaced` makes a changed copy. A plain class, not a dataclass:
    generating a dataclass's methods costs milliseconds at every start.
    """

    directory: Path

    def __init__(self, directory: Path, **sections: Any) -> None:
        """Raises TypeError unless every section is given."""
        if sections.keys() != SECTIONS.keys():
            raise TypeError(f"sections {sorted(sections)} are not {list(SECTIONS)}")
        self.__dict__.update(sections, directory=directory)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("KnowledgeBase is read-only")

    def __repr__(self) -> str:
        return f"KnowledgeBase({str(self.directory)!r})"

    def replaced(self, **changes: Any) -> KnowledgeBase:
        """A copy with some sections changed (tests, and checks of an edited knowledge base)."""
        sections = {name: changes.pop(name, getattr(self, name)) for name in SECTIONS}
        return KnowledgeBase(changes.pop("directory", self.directory), **sections, **changes)

    @cached_property
    def source_index(self) -> dict[str, Source]:
        """Sources by id."""
        return {s.id: s for s in self.sources}

    @cached_property
    def remedy_index(self) -> dict[str, Remedy]:
        """Remedies by id."""
        return {r.id: r for r in self.remedies}

    @cached_property
    def question_index(self) -> dict[str, Question]:
        """Questions by answer key."""
        return {q.key: q for q in self.questions}

    @cached_property
    def protocol_index(self) -> dict[str, Protocol]:
        """Protocols by id."""
        return {p.id: p for p in self.protocols}

    @cached_property
    def stretch_index(self) -> dict[str, Stretch]:
        """Stretches by id."""
        return {s.id: s for s in self.stretches}

    @cached_property
    def routine_index(self) -> dict[str, Routine]:
        """Routines by id."""
        return {r.id: r for r in self.routines}

    @cached_property
    def level_index(self) -> dict[str, TriageLevel]:
        """Each triage level's words, by level."""
        return {level.level: level for level in self.levels}

    def advice_for(self, level: str) -> LevelAdvice:
        """The advice entry of one triage level."""
        return next(a for a in self.advice if a.level == level)

    def level(self, level: str) -> TriageLevel:
        """The words of one triage level."""
        return self.level_index[level]

    def as_data(self) -> dict[str, Any]:
        """Every section as JSON-ready data, as the models dump it (what the cache holds)."""
        data: dict[str, Any] = {}
        for name in SECTIONS:
            value = getattr(self, name)
            data[name] = [entry.as_data() for entry in value] if isinstance(value, list) else value.as_data()
        return data


def from_data(directory: Path, data: Mapping[str, Any]) -> KnowledgeBase:
    """The views of every section; KeyError or TypeError when the data is not the models' dump."""
    sections: dict[str, Any] = {}
    for name, kind in SECTIONS.items():
        value = data[name]
        sections[name] = [kind(entry) for entry in value] if isinstance(value, list) else kind(value)
    if len(data) != len(SECTIONS):
        raise TypeError(f"sections {sorted(data)} are not {list(SECTIONS)}")
    return KnowledgeBase(directory, **sections)
