"""Editorial rules that guard what people read about safety (clinical reference v3, sections 2 and 3).

`kb check` reports them; loading does not fail on them. Each rule names the entry and what it
must say, so an edit that drops a caution is caught before anyone reads the gap.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from backspasm.kb.knowledge_base import KnowledgeBase

# A step done lying face down: not in pregnancy, so the protocol needs a pregnancy note.
_FACE_DOWN = re.compile(r"\bface down\b|\bon your front\b|\bon your stomach\b", re.I)
_DROWSY = re.compile(r"\bdrows", re.I)
_SESSION_WORDS = re.compile(r"\b(heat|ice)\b", re.I)
_DRIVE = re.compile(r"\bdrive\b", re.I)
# Phases a plan suggests a stretch routine in (today.yaml): each needs a routine without lying on the back.
_ROUTINE_PHASES = ("early", "later")


def safety_note_problems(kb: KnowledgeBase) -> list[str]:
    """Every problem of the safety notes, one line each, as `kb/file.yaml: where: message`."""
    return _face_down(kb) + _lying_on_back(kb) + _drowsy(kb)


def _face_down(kb: KnowledgeBase) -> list[str]:
    from backspasm.kb.check_shared import _labelled
    from backspasm.kb.file_names import label_for

    problems = []
    for where, protocol in _labelled("protocols", label_for(kb.directory, "protocols.yaml"), kb.protocols):
        if protocol.pregnancy is None and any(_FACE_DOWN.search(step) for step in protocol.steps):
            problems.append(f"{where}: a step is done lying face down, so it needs a pregnancy note")
    return problems


def _lying_on_back(kb: KnowledgeBase) -> list[str]:
    from backspasm.kb.check_shared import _labelled
    from backspasm.kb.file_names import label_for

    file = label_for(kb.directory, "stretches.yaml")
    problems = []
    for where, stretch in _labelled("stretches", file, kb.stretches):
        if stretch.lying_on_back and stretch.pregnancy is None:
            problems.append(f"{where}: it is done lying on the back, so it needs a pregnancy note")
    on_back = {s.id for s in kb.stretches if s.lying_on_back}
    for where, routine in _labelled("routines", file, kb.routines):
        if routine.for_pregnancy and on_back & set(routine.stretches):
            problems.append(f"{where}: a routine for pregnancy must not hold a stretch done lying on the back")
    if any(on_back & set(r.stretches) for r in kb.routines):
        for phase in _ROUTINE_PHASES:
            if not any(r.for_pregnancy and (not r.phases or phase in r.phases) for r in kb.routines):
                problems.append(
                    f"{file}: routines: no routine for pregnancy in the {phase} phase, to offer in place "
                    "of one with a stretch done lying on the back"
                )
    return problems


def _drowsy(kb: KnowledgeBase) -> list[str]:
    """A medicine that makes people drowsy says: no heat or ice session while drowsy, and no driving."""
    from backspasm.kb.check_shared import _labelled
    from backspasm.kb.file_names import label_for

    problems = []
    for where, remedy in _labelled("remedies", label_for(kb.directory, "remedies.yaml"), kb.remedies):
        if remedy.category != "medication" or not any(_DROWSY.search(c) for c in remedy.cautions):
            continue
        if not any(_DROWSY.search(c) and _SESSION_WORDS.search(c) for c in remedy.cautions):
            problems.append(f"{where}: it causes drowsiness, so a caution must say no heat or ice session while drowsy")
        if not any(_DRIVE.search(c) for c in remedy.cautions):
            problems.append(f"{where}: it causes drowsiness, so a caution must say not to drive")
    return problems
