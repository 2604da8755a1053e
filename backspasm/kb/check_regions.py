"""Cross-references of regions.yaml: each country once, and every source it cites exists."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from backspasm.kb.knowledge_base import KnowledgeBase


def region_problems(kb: KnowledgeBase) -> list[str]:
    """Every problem of the emergency-number table, one line each, as `data/regions.yaml: where: message`."""
    from backspasm.kb.check_shared import _duplicates, _labelled, _sources
    from backspasm.kb.file_names import label_for

    file = label_for(kb.directory, "regions.yaml")
    known = {s.id for s in kb.sources}
    problems = _duplicates("regions", file, kb.regions, "code")
    for where, region in _labelled("regions", file, kb.regions, "code"):
        problems += _sources(where, region.sources, known)
    return problems
