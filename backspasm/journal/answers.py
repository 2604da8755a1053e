"""Answer the questions a doctor asks (data/doctor-questions.yaml) from triage and the journal.

`answered_by` names where an answer lives: a triage answer key (`location`), a STarT Back
result (`startback.risk`), or a journal field (`journal.latest_pain`, see JOURNAL_FIELDS).
Whatever the record does not hold is "not recorded", never "no".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from backspasm.journal.clock import local_day
from backspasm.journal.explain import day_text, explain, moment_text
from backspasm.journal.facts import JournalFacts
from backspasm.journal.record import PainEntry, TriageRun
from backspasm.journal.trend import daily

if TYPE_CHECKING:
    from backspasm.kb.loader import KnowledgeBase
    from backspasm.kb.models import DoctorQuestion

# How many of the latest notes the report quotes.
NOTES_SHOWN = 5


@dataclass(frozen=True)
class Answer:
    """One recorded (or unrecorded: value None) answer and where it came from."""

    label: str
    value: str | None
    origin: str | None = None


@dataclass(frozen=True)
class DoctorAnswer:
    """A doctor's question and every answer the record holds for it."""

    id: str
    question: str
    answers: list[Answer]


@dataclass(frozen=True)
class JournalView:
    """What journal fields are answered from: the facts and the entries of the report's window."""

    facts: JournalFacts
    entries: list[PainEntry]
    remedy_names: dict[str, str]
    remedy_categories: dict[str, str]


def _tried(view: JournalView, only: str | None = None) -> list[Answer]:
    counts: dict[str, int] = {}
    for entry in view.entries:
        for remedy in entry.tried:
            if only is None or view.remedy_categories.get(remedy) == only:
                counts[remedy] = counts.get(remedy, 0) + 1
    if not counts:
        return [Answer("Journal: remedies tried", None)]
    text = ", ".join(
        f"{view.remedy_names.get(r, r)} ({n} time{'s' if n != 1 else ''})" for r, n in counts.items()
    )
    label = "Journal: medicines tried" if only == "medication" else "Journal: remedies tried"
    return [Answer(label, text, "journal")]


def _notes(view: JournalView) -> list[Answer]:
    noted = [e for e in view.entries if e.note][-NOTES_SHOWN:]
    if not noted:
        return [Answer("Journal notes", None)]
    return [Answer(f"Journal note, {moment_text(e.at)}", f"{e.note} (pain {e.pain}/10)", "journal") for e in noted]


def _trend(view: JournalView) -> list[Answer]:
    if not view.entries:
        return [Answer("Journal: pain trend", None)]
    days = daily([e for e in view.entries])
    first, last = days[0], days[-1]
    if first.day == last.day:
        text = f"{first.count} entr{'ies' if first.count != 1 else 'y'} on {day_text(first.day)}, pain {first.low} to {first.high}/10"
    else:
        text = (
            f"daily average {first.mean:.1f}/10 on {day_text(first.day)}, "
            f"{last.mean:.1f}/10 on {day_text(last.day)}"
        )
    return [Answer("Journal: pain trend", text, "journal")]


def _fact(name: str, label: str) -> Callable[[JournalView], list[Answer]]:
    def answer(view: JournalView) -> list[Answer]:
        text = explain(view.facts, name)
        return [Answer(label, text, "journal" if text else None)]

    return answer


# Journal fields that doctor-questions.yaml may name as `journal.<field>`.
JOURNAL_FIELDS: dict[str, Callable[[JournalView], list[Answer]]] = {
    "episode_days": _fact("episode_days", "Journal: this episode"),
    "pain_improving": _fact("pain_improving", "Journal: improving?"),
    "rising_entries": _fact("rising_entries", "Journal: rising pain"),
    "episodes_past_year": _fact("episodes_past_year", "Journal: earlier episodes"),
    "latest_pain": _fact("latest_pain", "Journal: latest pain"),
    "entries": _fact("entries", "Journal: entries"),
    "pain_trend": _trend,
    "notes": _notes,
    "tried": _tried,
    "remedies_tried": _tried,
    "medications": lambda view: _tried(view, "medication"),
}


def _value_text(kb: KnowledgeBase, key: str, value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    question = kb.question_index.get(key)
    if question is not None and question.choices:
        labels = {c.value: c.label for c in question.choices}
        return labels.get(str(value), str(value).replace("_", " "))
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value).replace("_", " ") if isinstance(value, str) else str(value)


def _from_triage(kb: KnowledgeBase, key: str, run: TriageRun | None) -> Answer:
    question = kb.question_index.get(key)
    label = question.prompt if question is not None else key.replace("_", " ").capitalize()
    if run is None:
        return Answer(label, None)
    origin = f"triage, {day_text(local_day(run.at))}"
    if key.startswith("startback."):
        item = key.split(".", 1)[1]
        scored = run.result.get("startback") or {}
        given = run.answers.get("startback") or {}
        value = scored.get(item, given.get(item)) if isinstance(scored, dict) and isinstance(given, dict) else None
        label = f"STarT Back {item}"
    else:
        value = run.answers.get(key)
    if value is None or isinstance(value, dict):
        return Answer(label, None)
    return Answer(label, _value_text(kb, key, value), origin)


def resolve(name: str, kb: KnowledgeBase, run: TriageRun | None, view: JournalView) -> list[Answer]:
    """The answers one `answered_by` name gives."""
    if name.startswith("journal."):
        field_name = name.split(".", 1)[1]
        if field_name in JOURNAL_FIELDS:
            return JOURNAL_FIELDS[field_name](view)
        return [Answer(f"Journal: {field_name.replace('_', ' ')}", None)]
    return [_from_triage(kb, name, run)]


def is_known(name: str, kb: KnowledgeBase) -> bool:
    """Whether the report understands an `answered_by` name (for checks of the data)."""
    if name.startswith("journal."):
        return name.split(".", 1)[1] in JOURNAL_FIELDS
    if name.startswith("startback."):
        return True
    return name in kb.question_index


def answer_all(
    kb: KnowledgeBase, questions: list[DoctorQuestion], run: TriageRun | None, view: JournalView
) -> list[DoctorAnswer]:
    """Every doctor's question with its answers; a question nothing answers is "not recorded"."""
    found = []
    for question in questions:
        answers = [a for name in question.answered_by for a in resolve(name, kb, run, view)]
        found.append(DoctorAnswer(question.id, question.text, answers or [Answer("", None)]))
    return found
