"""Content checks beyond the schema: unique ids, sources that resolve, references that exist."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from backspasm.kb.check_shared import (
    _DOSE,
    _INTERNAL,
    _duplicates,
    _labelled,
    _shown_texts,
    _sources,
    _value_fits,
)
from backspasm.kb.check_shared import (
    JOURNAL_FACTS as JOURNAL_FACTS,
)
from backspasm.kb.check_shared import (
    STARTBACK_FACTS as STARTBACK_FACTS,
)
from backspasm.kb.check_shared import (
    STARTBACK_RISKS as STARTBACK_RISKS,
)
from backspasm.kb.check_shared import (
    TRIAGE_FACTS as TRIAGE_FACTS,
)
from backspasm.kb.check_shared import (
    condition_problems as condition_problems,
)
from backspasm.kb.file_names import label_for
from backspasm.kb.knowledge_base import KnowledgeBase, from_data
from backspasm.kb.unsure import UNSURE
from backspasm.kb.vocab import DISPOSITIONS, DOCTOR_JOURNAL_FIELDS


def _answerable(name: str, questions: dict[str, Any]) -> bool:
    """Whether the report can answer a doctor's question from `name` (see journal/doctor_questions.py)."""
    if name.startswith("journal."):
        return name.split(".", 1)[1] in DOCTOR_JOURNAL_FIELDS
    return name.startswith("startback.") or name in questions


def cross_reference_problems(kb: KnowledgeBase) -> list[str]:
    """Problems no single file's schema can see, one line each."""

    def f(name: str) -> str:
        return label_for(kb.directory, name)

    problems: list[str] = []
    groups: list[tuple[str, str, list[Any], str]] = [
        ("sources", f("sources.yaml"), kb.sources, "id"),
        ("remedies", f("remedies.yaml"), kb.remedies, "id"),
        ("causes", f("causes.yaml"), kb.causes, "id"),
        ("warning_signs", f("warning-signs.yaml"), kb.warning_signs, "id"),
        ("questions", f("triage.yaml"), kb.questions, "key"),
        ("gates", f("triage.yaml"), kb.gates, "id"),
        ("result_cautions", f("triage.yaml"), kb.result_cautions, "id"),
        ("protocols", f("protocols.yaml"), kb.protocols, "id"),
        ("stretches", f("stretches.yaml"), kb.stretches, "id"),
        ("routines", f("stretches.yaml"), kb.routines, "id"),
        ("doctor_questions", f("doctor-questions.yaml"), kb.doctor_questions, "id"),
        ("escalation_rules", f("escalation.yaml"), kb.escalation_rules, "id"),
    ]
    for kind, file, entries, key in groups:
        problems += _duplicates(kind, file, entries, key)

    known = {s.id for s in kb.sources}
    remedies = {r.id for r in kb.remedies}
    stretches = {s.id for s in kb.stretches}
    questions = {q.key: q for q in kb.questions}

    for where, remedy in _labelled("remedies", f("remedies.yaml"), kb.remedies):
        problems += _sources(where, remedy.sources, known)
        problems += _sources(f"{where}.evidence", remedy.evidence.sources, known)
        texts = [remedy.summary, *remedy.steps, *remedy.cautions, remedy.evidence.summary, remedy.seed_claim or ""]
        for text in texts:
            if _DOSE.search(text):
                problems.append(f"{where}: gives a dose ('{_DOSE.search(text).group(0)}'); never give doses")  # type: ignore[union-attr]
    for where, cause in _labelled("causes", f("causes.yaml"), kb.causes):
        problems += _sources(where, cause.sources, known)
        problems += [f"{where}: remedy '{r}' does not exist" for r in cause.related_remedies if r not in remedies]
    for where, sign in _labelled("warning_signs", f("warning-signs.yaml"), kb.warning_signs):
        problems += _sources(where, sign.sources, known)
        problems += condition_problems(f"{where}.when", sign.when, questions, TRIAGE_FACTS)
    read_by_signs = set().union(*(sign.when.keys() for sign in kb.warning_signs))
    for where, question in _labelled("questions", f("triage.yaml"), kb.questions, "key"):
        problems += _sources(where, question.sources, known)
        if question.ask_if is not None:
            problems += condition_problems(f"{where}.ask_if", question.ask_if, questions, {})
        for index, wording in enumerate(question.wordings):
            problems += condition_problems(f"{where}.wordings[{index}].when", wording.when, questions, {})
        # Declining leaves the key unanswered: never for an answer a warning sign reads.
        if question.decline is not None and question.key in read_by_signs:
            problems.append(f"{where}.decline: a warning sign reads '{question.key}', so it cannot be declined")
    for where, gate in _labelled("gates", f("triage.yaml"), kb.gates):
        problems += _sources(where, gate.sources, known)
        if gate.id in questions:
            problems.append(f"{where}: id '{gate.id}' is also a question's key")
        for key, value in gate.if_no.items():
            if key not in questions:
                problems.append(f"{where}.if_no: '{key}' is not a question")
            elif why := _value_fits(questions[key], None, value):
                problems.append(f"{where}.if_no: value {value!r} for '{key}' {why}")
            elif why := _value_fits(questions[key], None, UNSURE):
                # "Not sure" on a grouped screen answers "unsure" for each answer it stands for.
                problems.append(f"{where}.if_no: '{key}' {why}, so the screen cannot offer 'Not sure'")
    levels = {a.level for a in kb.advice}
    for level in DISPOSITIONS:
        if level not in levels:
            problems.append(f"{f('triage.yaml')}: advice: level '{level}' has no advice")
    problems += _level_problems(f("triage.yaml"), kb)
    for where, caution in _labelled("result_cautions", f("triage.yaml"), kb.result_cautions):
        problems += _sources(where, caution.sources, known)
        problems += condition_problems(f"{where}.when", caution.when, questions, TRIAGE_FACTS)
        problems += [f"{where}.withhold: remedy '{r}' does not exist" for r in caution.withhold if r not in remedies]
        if found := _DOSE.search(caution.text):
            problems.append(f"{where}: gives a dose ('{found.group(0)}'); never give doses")
    for advice in kb.advice:
        # A result ends with its level and what would change it (an emergency repeats its action).
        if advice.level != "emergency" and advice.changes is None:
            problems.append(f"{f('triage.yaml')}: advice: level '{advice.level}' needs changes (what would change it)")
    problems += _sources(f"{f('startback.yaml')}: startback", kb.startback.sources, known)
    for where, protocol in _labelled("protocols", f("protocols.yaml"), kb.protocols):
        problems += _sources(where, protocol.sources, known)
        if protocol.remedy not in remedies:
            problems.append(f"{where}: remedy '{protocol.remedy}' does not exist")
    for where, stretch in _labelled("stretches", f("stretches.yaml"), kb.stretches):
        problems += _sources(where, stretch.sources, known)
        if stretch.remedy is not None and stretch.remedy not in remedies:
            problems.append(f"{where}: remedy '{stretch.remedy}' does not exist")
    for where, routine in _labelled("routines", f("stretches.yaml"), kb.routines):
        problems += _sources(where, routine.sources, known)
        problems += [f"{where}: stretch '{s}' does not exist" for s in routine.stretches if s not in stretches]
    for where, question in _labelled("doctor_questions", f("doctor-questions.yaml"), kb.doctor_questions):
        problems += _sources(where, question.sources, known)
        problems += [
            f"{where}.answered_by: '{name}' is not a triage question, a STarT Back result or a journal field"
            for name in question.answered_by
            if not _answerable(name, questions)
        ]
    for where, rule in _labelled("escalation_rules", f("escalation.yaml"), kb.escalation_rules):
        problems += _sources(where, rule.sources, known)
        problems += condition_problems(f"{where}.when", rule.when, {}, JOURNAL_FACTS, "a journal fact")
    from backspasm.kb.check_regions import region_problems
    from backspasm.kb.check_today import today_problems

    problems += today_problems(kb)
    problems += region_problems(kb)
    return problems


def _level_problems(file: str, kb: KnowledgeBase) -> list[str]:
    """Each triage level has its words once, most urgent first (the order results are sorted in)."""
    problems = _duplicates("levels", file, kb.levels, "level")
    named = [entry.level for entry in kb.levels]
    problems += [f"{file}: levels: level '{level}' has no words" for level in DISPOSITIONS if level not in named]
    if not problems and tuple(named) != DISPOSITIONS:
        problems.append(f"{file}: levels: must be listed most urgent first: {', '.join(DISPOSITIONS)}")
    return problems


def _views(directory: Path, sections: dict[str, Any]) -> KnowledgeBase:
    """The views of validated sections; they fail only when kb/views.py was not made from these models."""
    try:
        return from_data(directory, sections)
    except (KeyError, TypeError) as error:
        raise RuntimeError(f"kb/views.py is stale ({error}): run python -m backspasm.kb.snapshot") from None


def load(directory: Path) -> KnowledgeBase:
    """Read and validate a knowledge base; any schema or cross-reference problem raises KnowledgeBaseError."""
    from backspasm.errors import KnowledgeBaseError
    from backspasm.kb.files import load_sections

    sections, problems = load_sections(directory)
    if problems:
        raise KnowledgeBaseError(*problems)
    kb = _views(directory, sections)
    problems = cross_reference_problems(kb)
    if problems:
        raise KnowledgeBaseError(*problems)
    return kb


def check(directory: Path) -> list[str]:
    """Every problem of a knowledge-base directory: schema problems first, then cross-references."""
    from backspasm.errors import KnowledgeBaseError
    from backspasm.kb.files import load_sections

    try:
        sections, problems = load_sections(directory)
    except KnowledgeBaseError as error:  # not a directory at all
        return error.problems
    if problems:
        return problems
    kb = _views(directory, sections)
    return cross_reference_problems(kb) or content_problems(kb)


# ---------------------------------------------------------------- content rules (kb check only)
# These hold the knowledge base to its editorial rules. `kb check` reports them; loading does not
# fail on them, since an entry that breaks one is still safe to show.

# Sources that may lack an address (none now: every guideline, review and page has one).
ADDRESS_PENDING: frozenset[str] = frozenset()

def internal_name_problems(kb: KnowledgeBase) -> list[str]:
    """No text people read names a seed file, a repository path or a seed by number."""
    problems: list[str] = []
    seeds = {s.id for s in kb.sources if s.seed}
    groups: list[tuple[str, str, list[Any], str]] = [
        ("sources", "sources.yaml", kb.sources, "id"),
        ("remedies", "remedies.yaml", kb.remedies, "id"),
        ("causes", "causes.yaml", kb.causes, "id"),
        ("warning_signs", "warning-signs.yaml", kb.warning_signs, "id"),
        ("questions", "triage.yaml", kb.questions, "key"),
        ("gates", "triage.yaml", kb.gates, "id"),
        ("levels", "triage.yaml", kb.levels, "level"),
        ("advice", "triage.yaml", kb.advice, "level"),
        ("result_cautions", "triage.yaml", kb.result_cautions, "id"),
        ("startback", "startback.yaml", [kb.startback], "title"),
        ("protocols", "protocols.yaml", kb.protocols, "id"),
        ("stretches", "stretches.yaml", kb.stretches, "id"),
        ("routines", "stretches.yaml", kb.routines, "id"),
        ("doctor_questions", "doctor-questions.yaml", kb.doctor_questions, "id"),
        ("escalation_rules", "escalation.yaml", kb.escalation_rules, "id"),
        ("regions", "regions.yaml", kb.regions, "code"),
    ]
    for kind, name, entries, key in groups:
        for where, entry in _labelled(kind, label_for(kb.directory, name), entries, key):
            for field, text in _shown_texts(entry.as_data(), where):
                found = _INTERNAL.search(text) or next((s for s in seeds if s in text), None)
                if found:
                    shown = found if isinstance(found, str) else found.group(0)
                    problems.append(f"{field}: names '{shown}', an internal name people must never see")
    return problems


def source_address_problems(kb: KnowledgeBase) -> list[str]:
    """Every source other than a seed article has an address (a url, or its DOI as https://doi.org/...)."""
    problems = []
    for where, source in _labelled("sources", label_for(kb.directory, "sources.yaml"), kb.sources):
        if source.url is None and not source.seed and source.id not in ADDRESS_PENDING:
            problems.append(f"{where}: has no url; every source other than a seed article needs a url or a DOI")
    return problems


def phase_problems(kb: KnowledgeBase) -> list[str]:
    """Phases agree with the one boundary: heat is never held back early, cold is an early choice,
    and a routine for the early phase holds no stretch meant for later only."""
    problems = []
    tagged: list[tuple[str, Any]] = [
        *_labelled("remedies", label_for(kb.directory, "remedies.yaml"), kb.remedies),
        *_labelled("protocols", label_for(kb.directory, "protocols.yaml"), kb.protocols),
    ]
    for where, entry in tagged:
        kind = getattr(entry, "category", None) or getattr(entry, "kind", None)
        if kind == "heat" and "later" in entry.phases and "early" not in entry.phases:
            problems.append(f"{where}: heat lists 'later' but not 'early'; heat is never held back in the early phase")
        if kind == "cold" and "early" not in entry.phases:
            problems.append(f"{where}: cold must list 'early'; it is an early-phase choice")
    if not any("early" in p.phases and p.kind == "cold" for p in kb.protocols):
        problems.append(f"{label_for(kb.directory, 'protocols.yaml')}: no cold protocol for the early phase")
    if not any("later" in p.phases and p.kind == "heat" for p in kb.protocols):
        problems.append(f"{label_for(kb.directory, 'protocols.yaml')}: no heat protocol for the later phase")
    for where, routine in _labelled("routines", label_for(kb.directory, "stretches.yaml"), kb.routines):
        if "early" not in routine.phases:
            continue
        for sid in routine.stretches:
            stretch = kb.stretch_index.get(sid)
            remedy = kb.remedy_index.get(stretch.remedy) if stretch and stretch.remedy else None
            if remedy is not None and "early" not in remedy.phases:
                problems.append(
                    f"{where}: stretch '{sid}' is for later only (remedy '{remedy.id}'), "
                    "so it does not belong in a routine for the early phase"
                )
    return problems


def content_problems(kb: KnowledgeBase) -> list[str]:
    """The editorial rules `kb check` holds beyond cross-references."""
    from backspasm.kb.check_content import safety_note_problems
    from backspasm.kb.check_today import today_internal_names, today_phase_problems

    names = internal_name_problems(kb) + today_internal_names(kb)
    problems = names + source_address_problems(kb) + phase_problems(kb) + today_phase_problems(kb)
    return problems + safety_note_problems(kb)
