"""Answer the questions a doctor asks (data/doctor-questions.yaml) from triage and the journal.

`answered_by` names where an answer lives: a triage answer key (`location`), a STarT Back
result (`startback.risk`), or a journal field (`journal.latest_pain`, see JOURNAL_FIELDS).
Whatever the record does not hold is "not recorded", never "no"; a triage question the latest
triage never asked is "not asked"; medicines come only from remedies in the medication category,
and "none recorded" when the journal names none.
"""

from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Any, NamedTuple

from backspasm.clock.now import local_day
from backspasm.journal.explain import day_text, days_text, explain, moment_text, plural
from backspasm.journal.facts import JournalFacts
from backspasm.journal.window import WindowSummary
from backspasm.storage.journal import TriageRun

if TYPE_CHECKING:
    from backspasm.kb.loader import KnowledgeBase
    from backspasm.kb.views import DoctorQuestion

NOT_ASKED = "not asked"
NONE_RECORDED = "none recorded"
# The heading under which the report quotes the latest notes.
NOTES_HEADING = "In the patient's own words"
NOTES_ORIGIN = "journal notes"


class Answer(NamedTuple):
    """One recorded (or unrecorded: value None) answer and where it came from."""

    label: str
    value: str | None
    origin: str | None = None
    # Why there is no value, in words ("not asked", "none recorded"); None reads "not recorded".
    absent: str | None = None
    # The report's section that says the same (the course, the pain chart, what was tried): a
    # one-page printed report leaves the answer to it ("course", "chart", "tried"; "" for none).
    said_in: str = ""


class DoctorAnswer(NamedTuple):
    """A doctor's question and every answer the record holds for it."""

    id: str
    question: str
    answers: list[Answer]


class JournalView(NamedTuple):
    """What journal fields are answered from: the facts and the window's entries summed up."""

    facts: JournalFacts
    window: WindowSummary
    remedy_names: dict[str, str]
    remedy_categories: dict[str, str]


def _tried(view: JournalView, only: str | None = None) -> list[Answer]:
    counts = [
        (tried.remedy, tried.times)
        for tried in view.window.tried
        if only is None or view.remedy_categories.get(tried.remedy) == only
    ]
    label = "Medicines tried" if only == "medication" else "Remedies tried"
    if not counts:
        # Asked about medicines, a journal that names none says so; it is not "no medicines".
        return [Answer(label, None, "journal", NONE_RECORDED)] if only == "medication" else [Answer(label, None)]
    text = ", ".join(f"{view.remedy_names.get(r, r)} ({plural(n, 'time', 'times')})" for r, n in counts)
    return [Answer(label, text, "journal", said_in="tried")]


def _notes(view: JournalView) -> list[Answer]:
    # Notes would answer most questions alike: they are quoted once, in their own section, and
    # named here only for a question that nothing else answers.
    count = view.window.notes_count
    if not count:
        return []
    return [Answer("Notes", f"{plural(count, 'note', 'notes')}, quoted under “{NOTES_HEADING}”", NOTES_ORIGIN)]


def _sentence(text: str | None) -> str | None:
    return text[0].upper() + text[1:] if text else text


def _pain(view: JournalView) -> list[Answer]:
    answers = _trend(view)
    if view.facts.current is not None:
        # explain() sentences say what they are about, so they need no label.
        answers.append(Answer("", _sentence(explain(view.facts, "episode_days")), "journal", said_in="course"))
    return answers


def _trend(view: JournalView) -> list[Answer]:
    days, latest = view.window.days, view.window.latest
    if latest is None or not days:
        return [Answer("Pain scores", None)]
    first, last = days[0], days[-1]
    text = f"latest {latest.pain}/10 on {moment_text(latest.at)}"
    if first.day == last.day:
        text += f"; {plural(first.count, 'entry', 'entries')} that day, {first.low} to {first.high}/10"
    else:
        # A day's pain is its highest entry, as the journal's rules read it (journal/pain_trend.py).
        text += f"; highest {first.high}/10 on {day_text(first.day)}, {last.high}/10 on {day_text(last.day)}"
    return [Answer("Pain scores", text, "journal", said_in="chart")]


def _fact(name: str, label: str, said_in: str = "") -> Callable[[JournalView], list[Answer]]:
    def answer(view: JournalView) -> list[Answer]:
        text = explain(view.facts, name)
        return [Answer("", _sentence(text), "journal", said_in=said_in) if text else Answer(label, None)]

    return answer


# Journal fields that doctor-questions.yaml may name as `journal.<field>` (kb.vocab.DOCTOR_JOURNAL_FIELDS).
JOURNAL_FIELDS: dict[str, Callable[[JournalView], list[Answer]]] = {
    "episode_days": _fact("episode_days", "This episode", "course"),
    "pain_improving": _fact("pain_improving", "Improving"),
    "rising_entries": _fact("rising_entries", "Rising pain"),
    "episodes_past_year": _fact("episodes_past_year", "Earlier episodes"),
    "latest_pain": _fact("latest_pain", "Latest pain"),
    "entries": _fact("entries", "Entries this episode"),
    "pain": _pain,
    "pain_trend": _trend,
    "note": _notes,
    "notes": _notes,
    "tried": _tried,
    "remedies_tried": _tried,
    "medications": lambda view: _tried(view, "medication"),
}


def _value_text(kb: "KnowledgeBase", key: str, value: Any) -> str:
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if value == "unsure":
        return "Not sure"
    question = kb.question_index.get(key)
    if question is not None and question.choices:
        labels: dict[str, str] = {}
        for choice in question.choices:  # two labels may share a value: the first is its plain name
            labels.setdefault(choice.value, choice.label)
        return labels.get(str(value), str(value).replace("_", " "))
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value).replace("_", " ") if isinstance(value, str) else str(value)


def _from_triage(kb: "KnowledgeBase", key: str, run: TriageRun | None) -> Answer:
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
        left_out = run.result.get("unanswered")
        left_out = left_out if isinstance(left_out, list) else []
        if key not in run.answers and key not in left_out:
            # The triage never asked it (a skipped branch, an older triage): not an answer left out.
            return Answer(label, None, origin, NOT_ASKED)
        value = run.answers.get(key)
    if value is None or isinstance(value, dict):
        return Answer(label, None)
    if question is not None and question.read_as == "days_ago" and isinstance(value, (int, float)):
        # Stored as days before the triage: say how long before it and which day that was.
        days = float(value)
        began = day_text(local_day(run.at - timedelta(days=days)))
        span = plural(int(days), "day", "days") if days.is_integer() else days_text(days)
        return Answer(label, f"{span} before the triage ({began})", origin)
    return Answer(label, _value_text(kb, key, value), origin)


def resolve(name: str, kb: "KnowledgeBase", run: TriageRun | None, view: JournalView) -> list[Answer]:
    """The answers one `answered_by` name gives."""
    if name.startswith("journal."):
        field_name = name.split(".", 1)[1]
        if field_name in JOURNAL_FIELDS:
            return JOURNAL_FIELDS[field_name](view)
        return [Answer(field_name.replace("_", " ").capitalize(), None)]
    return [_from_triage(kb, name, run)]


def answer_all(
    kb: "KnowledgeBase", questions: "list[DoctorQuestion]", run: TriageRun | None, view: JournalView
) -> list[DoctorAnswer]:
    """Every doctor's question with its answers; a question nothing answers is "not recorded"."""
    found = []
    for question in questions:
        answers = [a for name in question.answered_by for a in resolve(name, kb, run, view)]
        if any(a.origin != NOTES_ORIGIN for a in answers):
            answers = [a for a in answers if a.origin != NOTES_ORIGIN]
        found.append(DoctorAnswer(question.id, question.text, answers or [Answer("", None)]))
    return found
