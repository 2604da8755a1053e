"""Cross-references of today.yaml: the remedies, protocols and sources it names exist and suit the phase."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from backspasm.kb import views
    from backspasm.kb.knowledge_base import KnowledgeBase

# Stances a plan may suggest: never one the guidelines advise against, nor one for a doctor only.
SUGGESTED_STANCES = ("recommended", "optional")


def today_problems(kb: KnowledgeBase) -> list[str]:
    """Every problem of the plan's rules, one line each, as `kb/today.yaml: where: message`."""
    from backspasm.kb.check_shared import _DOSE, TRIAGE_FACTS, _sources, condition_problems
    from backspasm.kb.file_names import label_for

    file = label_for(kb.directory, "today.yaml")
    today = kb.today
    known = {s.id for s in kb.sources}
    questions = {q.key: q for q in kb.questions}
    problems = _sources(f"{file}: today", today.sources, known)
    seen: set[str] = set()
    for index, phase in enumerate(today.phases):
        where = f"{file}: today.phases[{index}] ({phase.phase})"
        if phase.phase in seen:
            problems.append(f"{where}: phase '{phase.phase}' is used twice")
        seen.add(phase.phase)
        problems += _sources(where, phase.sources, known)
        for field, remedy_id in _remedies(phase):
            if remedy_id not in kb.remedy_index:
                problems.append(f"{where}.{field}: remedy '{remedy_id}' does not exist")
        if phase.session is not None and phase.session not in kb.protocol_index:
            problems.append(f"{where}.session: protocol '{phase.session}' does not exist")
    for phase_name in ("early", "later"):
        if phase_name not in seen:
            problems.append(f"{file}: today.phases: the {phase_name} phase has no plan")
    for index, caution in enumerate(today.cautions):
        where = f"{file}: today.cautions[{index}] ({caution.id})"
        problems += _sources(where, caution.sources, known)
        problems += condition_problems(f"{where}.when", caution.when, questions, TRIAGE_FACTS)
    texts = [phase.move for phase in today.phases] + [w for phase in today.phases for w in phase.watch]
    texts += [caution.text for caution in today.cautions]
    for text in texts:
        found = _DOSE.search(text)
        if found:
            problems.append(f"{file}: today: gives a dose ('{found.group(0)}'); never give doses")
    return problems


def _remedies(phase: views.TodayPhase) -> list[tuple[str, str]]:
    return [("move_remedy", phase.move_remedy)] + [("remedies", r) for r in phase.remedies]


def today_phase_problems(kb: KnowledgeBase) -> list[str]:
    """What a phase suggests suits it: its remedies and session list the phase, and none is advised against.

    An editorial rule (`kb check` reports it; loading does not fail on it), like the phase rules
    of the other files.
    """
    from backspasm.kb.file_names import label_for

    file = label_for(kb.directory, "today.yaml")
    problems = []
    for index, phase in enumerate(kb.today.phases):
        where = f"{file}: today.phases[{index}] ({phase.phase})"
        for field, remedy_id in _remedies(phase):
            remedy = kb.remedy_index.get(remedy_id)
            if remedy is not None and phase.phase not in remedy.phases:
                problems.append(f"{where}.{field}: remedy '{remedy_id}' is not for the {phase.phase} phase")
            elif remedy is not None and remedy.stance not in SUGGESTED_STANCES:
                problems.append(f"{where}.{field}: remedy '{remedy_id}' is {remedy.stance}; a plan never suggests it")
        protocol = kb.protocol_index.get(phase.session) if phase.session is not None else None
        if protocol is not None and phase.phase not in protocol.phases:
            problems.append(f"{where}.session: protocol '{protocol.id}' is not for the {phase.phase} phase")
    return problems


def today_internal_names(kb: KnowledgeBase) -> list[str]:
    """No text of the plan names a seed file, a repository path or a seed by number."""
    from backspasm.kb.check_shared import _INTERNAL, _shown_texts
    from backspasm.kb.file_names import label_for

    seeds = {s.id for s in kb.sources if s.seed}
    shown = kb.today.as_data()
    for phase in shown["phases"]:
        for field in ("phase", "move_remedy", "session", "remedies"):
            phase.pop(field, None)
    problems = []
    for field, text in _shown_texts(shown, f"{label_for(kb.directory, 'today.yaml')}: today"):
        found = _INTERNAL.search(text) or next((s for s in seeds if s in text), None)
        if found:
            name = found if isinstance(found, str) else found.group(0)
            problems.append(f"{field}: names '{name}', an internal name people must never see")
    return problems
