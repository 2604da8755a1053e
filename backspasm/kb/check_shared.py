"""What every check of the knowledge base shares: the facts rules may read, and the wording of problems.

Kept apart from check.py so that the checks of one file (check_today.py) and the checks of the
whole can both use them without importing each other.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from backspasm.kb import views

# Facts the journal computes for escalation rules (backspasm journal), with their types.
JOURNAL_FACTS: dict[str, str] = {
    "episode_days": "number",
    "pain_improving": "bool",
    "pain_worse": "bool",
    "pain_eased_some_day": "bool",
    "rising_entries": "integer",
    "episodes_past_year": "integer",
    "latest_pain": "integer",
    "entries": "integer",
    # Days since `log` was told of new leg, arm, bladder or saddle symptoms (journal/facts.py).
    "days_since_new_symptoms": "number",
    # Days since the latest triage at that level that no doctor visit has settled (journal/facts.py).
    "days_since_emergency_triage": "number",
    "days_since_urgent_triage": "number",
    "days_since_soon_triage": "number",
}

# Facts the triage engine derives from the STarT Back items.
STARTBACK_FACTS: dict[str, str] = {
    "startback.total": "integer",
    "startback.psychosocial": "integer",
    "startback.risk": "choice",
}
STARTBACK_RISKS = ("low", "medium", "high")

# Facts warning signs may read besides the questions: the STarT Back scores, and the age at
# which this episode began (age minus its duration), which the inflammatory-pattern flag needs.
TRIAGE_FACTS: dict[str, str] = {**STARTBACK_FACTS, "age_at_onset": "number"}

# A dose is a number with a unit of mass or volume ("400 mg", "2 to 4 grams"): never in advice.
_DOSE = re.compile(r"\b\d+(\.\d+)?\s*(to\s*\d+\s*)?(mg|milligrams?|g|grams?|ml|millilitres?|mcg|iu|cc|ccs)\b", re.I)


def _labelled(kind: str, file: str, entries: Iterable[Any], key: str = "id") -> Iterator[tuple[str, Any]]:
    for index, entry in enumerate(entries):
        yield f"{file}: {kind}[{index}] ({getattr(entry, key)})", entry


def _duplicates(kind: str, file: str, entries: list[Any], key: str = "id") -> list[str]:
    seen: set[str] = set()
    problems = []
    for where, entry in _labelled(kind, file, entries, key):
        value = getattr(entry, key)
        if value in seen:
            problems.append(f"{where}: {key} '{value}' is used twice")
        seen.add(value)
    return problems


def _sources(where: str, keys: Iterable[str], known: set[str]) -> list[str]:
    return [f"{where}: source '{key}' is not in sources.yaml" for key in keys if key not in known]


def _value_fits(question: views.Question | None, fact_type: str | None, value: Any) -> str | None:
    """Why a value cannot be compared with an answer, or None when it can."""
    from backspasm.kb.unsure import UNSURE, offers_unsure

    if question is not None and value == UNSURE and isinstance(value, str):
        return None if offers_unsure(question) else "cannot be unsure (this key does not accept unsure)"
    kind = question.type if question is not None else fact_type
    if kind == "bool":
        return None if isinstance(value, bool) else "must be true or false"
    if kind in ("integer", "number"):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return None if ok else "must be a number"
    if question is not None and question.type == "choice":
        allowed = [c.value for c in question.choices]
        return None if value in allowed else f"must be one of {', '.join(allowed)}"
    if fact_type == "choice":
        return None if value in STARTBACK_RISKS else f"must be one of {', '.join(STARTBACK_RISKS)}"
    return None


def condition_problems(
    where: str,
    condition: views.Condition,
    questions: dict[str, views.Question],
    facts: dict[str, str],
    noun: str = "a question",
) -> list[str]:
    """Every key a condition reads must be a question (or a derived fact) and every value must fit it."""
    problems: list[str] = []
    for part in (condition.all or []) + (condition.any or []):
        problems += condition_problems(where, part, questions, facts, noun)
    if condition.answer is None:
        return problems
    key = condition.answer
    question = questions.get(key)
    if question is None and key not in facts:
        return [*problems, f"{where}: reads '{key}', which is not {noun}"]
    values: list[Any] = []
    if condition.equals is not None:
        values = [condition.equals]
    elif condition.one_of is not None:
        values = list(condition.one_of)
    else:
        numeric = (question.type if question else facts.get(key)) in ("integer", "number")
        if not numeric:
            return [*problems, f"{where}: '{key}' is not a number, so it cannot be compared by size"]
    for value in values:
        why = _value_fits(question, facts.get(key), value)
        if why:
            problems.append(f"{where}: value {value!r} for '{key}' {why}")
    return problems


# A seed article's file name, a repository path, or "seed 003": internal names people never see.
_INTERNAL = re.compile(
    r"\b\d{3}_[0-9a-f]{16}\.txt\b"
    r"|\b(?:shared|data|backspasm|tests)/[\w./-]*\w"
    r"|\b[\w-]+\.(?:md|ya?ml|py|txt)\b"
    r"|\bseeds? \d{3}\b",
    re.I,
)
# Fields that hold ids, keys or vocabulary words, not words for people.
_NOT_SHOWN = frozenset(
    {
        "id",
        "key",
        "sources",
        "remedy",
        "related_remedies",
        "stretches",
        "answered_by",
        "answer",
        "value",
        "level",
        "category",
        "phases",
        "stance",
        "kind",
        "url",
        "scoring",
        "if_no",
        "when",
        "ask_if",
        "type",
    }
)


def _shown_texts(value: Any, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, inner in value.items():
            if key not in _NOT_SHOWN:
                yield from _shown_texts(inner, f"{where}.{key}")
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _shown_texts(inner, f"{where}[{index}]")
