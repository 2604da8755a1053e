"""The report for the doctor as one value: renderers turn it into Markdown, HTML or CSV."""

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple

from backspasm.clock.now import local, localize
from backspasm.journal.doctor_questions import DoctorAnswer, JournalView, answer_all
from backspasm.journal.escalation import TRIAGE_NOW, Assessment, assess
from backspasm.journal.explain import explain_all
from backspasm.journal.facts import LOOKBACK, NEW_SYMPTOMS_FACT
from backspasm.journal.rules import Escalation
from backspasm.journal.trend import DayPain
from backspasm.journal.window import WindowSummary, summarise
from backspasm.kb.cite import source_name
from backspasm.kb.vocab import DISPOSITIONS
from backspasm.storage import journal as record
from backspasm.storage.sessions import SessionRecord

if TYPE_CHECKING:
    from backspasm.emergency.number import EmergencyNumber
    from backspasm.journal.course import Course
    from backspasm.journal.flare_first import ReportSection
    from backspasm.journal.what_helped import Helped
    from backspasm.kb.loader import KnowledgeBase
    from backspasm.storage.db import Connection

DEFAULT_DAYS = 30
# The sparkline and chart show at most this many days, so a long window stays readable.
TREND_DAYS_SHOWN = 90


class Cited(NamedTuple):
    """A source as the report names it."""

    id: str
    title: str
    url: str | None


class Reason(NamedTuple):
    """Why a level was reached (a warning sign or an escalation rule), with its sources."""

    id: str
    title: str
    why: str
    sources: list[Cited]
    # For escalation rules: what the journal showed.
    shown: list[str]


class TriageSummary(NamedTuple):
    """One saved triage run."""

    at: datetime
    disposition: str
    headline: str | None
    advice: str | None
    reasons: list[Reason]
    unanswered: int
    startback_risk: str | None


class Escalated(NamedTuple):
    """Escalation rules that fired on the journal, with the advice for the most urgent level."""

    level: str
    headline: str
    advice: str
    reasons: list[Reason]
    # Whom to call at an emergency or urgent level ("Call 999 or 112 now (United Kingdom; ...).").
    call: str | None = None


class SessionSummary(NamedTuple):
    """Ice or heat sessions of one protocol in the window."""

    protocol: str
    count: int  # type: ignore[assignment]  # the field shadows tuple.count, which nothing here calls
    completed: int
    applied_minutes: float
    last: datetime


class StretchSummary(NamedTuple):
    """Runs of one stretch routine in the window, and the stretches stopped because pain got worse."""

    routine: str
    count: int  # type: ignore[assignment]  # the field shadows tuple.count, which nothing here calls
    completed: int
    worse: list[str]
    last: datetime


class RemedyTried(NamedTuple):
    """A remedy named in --tried, how often, and when last."""

    id: str
    name: str
    times: int
    last: datetime


class Report(NamedTuple):
    """Everything the report shows, computed once."""

    generated_at: datetime
    days: int
    first_day: date
    doctor: list[DoctorAnswer]
    # Every triage in the window, most urgent first (newest first within a level); without one in
    # the window, the latest however old.
    triages: list[TriageSummary]
    escalation: Escalated | None
    trend: list[DayPain]
    trend_first_day: date
    # How many pain entries the window holds.
    entries: int
    # The latest entries with a note, newest first.
    notes: list[record.PainEntry]
    sessions: list[SessionSummary]
    stretches: list[StretchSummary]
    remedies: list[RemedyTried]
    # Doctor visits recorded in the window (`log --saw-doctor`), oldest first.
    visits: list[record.Visit] = []
    # The current (else the latest) episode: onset, days, triage levels, check-ins, pain by day.
    course: "Course | None" = None
    # Each remedy of the window against the next pain entry within 4 hours, most helpful first,
    # with the remedies' names by id.
    tried: "list[Helped]" = []
    remedy_names: dict[str, str] = {}
    # The flare-up plan in use (`backspasm plan`), None without one.
    plan: "ReportSection | None" = None
    # How many entries of the window have a note, and the most telling of them for a printed page:
    # the notes of days with new symptoms or a triage (most urgent first), then the first and the
    # latest, each once, in that order.
    notes_count: int = 0
    telling_notes: list[record.PainEntry] = []


def _cite(kb: "KnowledgeBase", ids: list[Any]) -> list[Cited]:
    cited = []
    for key in ids:
        source = kb.source_index.get(str(key))
        cited.append(Cited(str(key), source_name(source), source.url if source else None))
    return cited


def most_urgent_first(runs: list[record.TriageRun]) -> list[record.TriageRun]:
    """Triage runs, most urgent level first, newest first within a level."""

    def urgency(run: record.TriageRun) -> tuple[int, float]:
        level = run.disposition
        return DISPOSITIONS.index(level) if level in DISPOSITIONS else len(DISPOSITIONS), -run.at.timestamp()

    return sorted(runs, key=urgency)


def answering_run(runs: list[record.TriageRun]) -> record.TriageRun | None:
    """The run the doctor's questions are answered from: the most urgent, its gaps filled by the others.

    So a later, calmer run never answers over an earlier red flag: the most urgent run's answers win.
    """
    if not runs:
        return None
    ordered = most_urgent_first(runs)
    answers: dict[str, Any] = {}
    for run in reversed(ordered):  # least urgent first, so the more urgent overwrite
        answers.update(run.answers)
    return ordered[0]._replace(answers=answers)


def _triage(kb: "KnowledgeBase", run: record.TriageRun, number: "EmergencyNumber") -> TriageSummary:
    result = run.result
    reasons = []
    for item in result.get("reasons") or []:
        if isinstance(item, dict):
            sources = item.get("sources") if isinstance(item.get("sources"), list) else []
            reason = Reason(
                str(item.get("id", "")),
                str(item.get("title", "")),
                str(item.get("why", "")),
                _cite(kb, sources or []),
                [],
            )
            reasons.append(reason)
    level = result.get("disposition") or run.disposition
    headline = next((number.fill(a.headline) for a in kb.advice if a.level == level), None)
    startback = result.get("startback")
    risk = startback.get("risk") if isinstance(startback, dict) else None
    unanswered = result.get("unanswered")
    advice = result.get("advice")
    return TriageSummary(
        run.at,
        str(level),
        headline,
        # Saved before a number was known, "your local emergency number" reads as the number known now.
        number.refill(str(advice)) if advice else None,
        reasons,
        len(unanswered) if isinstance(unanswered, list) else 0,
        str(risk) if risk else None,
    )


def _escalated(kb: "KnowledgeBase", assessment: Assessment, number: "EmergencyNumber") -> Escalated | None:
    fired: list[Escalation] = assessment.fired
    if not fired:
        return None
    advice = kb.advice_for(fired[0].level)
    reasons = [
        Reason(e.id, e.title, e.why, _cite(kb, e.sources), explain_all(assessment.facts, e.reads)) for e in fired
    ]
    level = fired[0].level
    # After new symptoms told to `log`, what comes first is triage (as the box of `log` says).
    headline = TRIAGE_NOW if NEW_SYMPTOMS_FACT in fired[0].reads else number.fill(advice.headline)
    return Escalated(level, headline, number.fill(advice.advice), reasons, number.line_for(level))


def _sessions(kb: "KnowledgeBase", runs: list[SessionRecord]) -> list[SessionSummary]:
    grouped: dict[str, list[SessionRecord]] = {}
    for run in runs:
        grouped.setdefault(run.protocol, []).append(run)
    out = []
    for protocol, group in grouped.items():
        found = kb.protocol_index.get(protocol)
        completed = sum(1 for r in group if r.status == "completed")
        minutes = sum(r.applied_seconds for r in group) / 60
        out.append(
            SessionSummary(found.name if found else protocol, len(group), completed, minutes, group[-1].started_at)
        )
    return out


def _stretches(kb: "KnowledgeBase", runs: list[record.StretchRun]) -> list[StretchSummary]:
    grouped: dict[str, list[record.StretchRun]] = {}
    for run in runs:
        grouped.setdefault(run.routine, []).append(run)
    out = []
    for routine, group in grouped.items():
        found = kb.routine_index.get(routine)
        worse = []
        for run in group:
            if run.status == "worse" and run.stopped_at_stretch:
                stretch = kb.stretch_index.get(run.stopped_at_stretch)
                worse.append(stretch.name if stretch else run.stopped_at_stretch)
        completed = sum(1 for r in group if r.status == "completed")
        name = found.name if found else routine
        out.append(StretchSummary(name, len(group), completed, sorted(set(worse)), group[-1].started_at))
    return out


def _remedies(kb: "KnowledgeBase", window: WindowSummary) -> list[RemedyTried]:
    out = []
    for tried in sorted(window.tried, key=lambda t: (-t.times, t.remedy)):
        found = kb.remedy_index.get(tried.remedy)
        out.append(RemedyTried(tried.remedy, found.name if found else tried.remedy, tried.times, tried.last))
    return out


def window_start(now: datetime, days: int) -> datetime:
    """Local midnight at the start of the last `days` days, today included."""
    first = local(now).date() - timedelta(days=days - 1)
    return localize(datetime.combine(first, time(0)))


def build(
    kb: "KnowledgeBase",
    journal: record.Record,
    now: datetime,
    days: int,
    assessment: Assessment,
    window: WindowSummary,
    number: "EmergencyNumber | None" = None,
) -> Report:
    """The report over the last `days` days (pure).

    `journal` holds the triage runs the doctor's questions may read (the window's, else the
    latest), and the window's sessions, stretch routines and visits; its pain entries are not
    read: `window` is them summed up by the store. `assessment` is the escalation verdict.
    `number` fills the advice's emergency number (the general wording when None).
    """
    from backspasm.emergency.number import EmergencyNumber

    number = number if number is not None else EmergencyNumber()
    start = window_start(now, days)
    runs = [r for r in journal.triage_runs if r.at <= now]
    in_window = [r for r in runs if r.at >= start] or runs[-1:]
    view = JournalView(
        assessment.facts,
        window,
        {r.id: r.name for r in kb.remedies},
        {r.id: r.category for r in kb.remedies},
    )
    trend_first = max(start, window_start(now, TREND_DAYS_SHOWN)).date()
    return Report(
        generated_at=now,
        days=days,
        first_day=start.date(),
        doctor=answer_all(kb, kb.doctor_questions, answering_run(in_window), view),
        triages=[_triage(kb, run, number) for run in most_urgent_first(in_window)],
        escalation=_escalated(kb, assessment, number),
        trend=[d for d in window.days if d.day >= trend_first],
        trend_first_day=trend_first,
        entries=window.count,
        notes=window.notes,
        notes_count=window.notes_count,
        sessions=_sessions(kb, [s for s in journal.sessions if start <= s.started_at <= now]),
        stretches=_stretches(kb, [s for s in journal.stretch_runs if start <= s.started_at <= now]),
        remedies=_remedies(kb, window),
        visits=[v for v in journal.visits if start <= v.at <= now],
    )


def load_and_build(
    conn: "Connection", kb: "KnowledgeBase", now: datetime, days: int, number: "EmergencyNumber | None" = None
) -> Report:
    """Read the window and the past year the escalation rules need, then build the report.

    The pain entries are asked of the store (a year can be a million rows); triage runs and
    visits are few and read for the window or the year the rules read, whichever is longer.
    """
    start = window_start(now, days)
    lookback = now - LOOKBACK
    runs = record.triage_runs(conn, min(start, lookback), now)
    visits = record.visits(conn, min(start, lookback), now)
    assessment = assess(conn, kb, now, [r for r in runs if r.at >= lookback], [v for v in visits if v.at >= lookback])
    journal = record.Record(
        start,
        [],
        runs or record.latest_triage_run(conn),  # the doctor's questions come from the latest triage, however old
        record.sessions(conn, start, now),
        record.stretch_runs(conn, start, now),
        visits,
    )
    shown_from = max(start, window_start(now, TREND_DAYS_SHOWN))
    report = build(kb, journal, now, days, assessment, summarise(conn, start, now, shown_from), number)
    return with_episode(conn, kb, report, assessment, start, (runs, min(start, lookback)))


def with_episode(
    conn: "Connection",
    kb: "KnowledgeBase",
    report: Report,
    assessment: Assessment,
    start: datetime,
    read_runs: tuple[list[record.TriageRun], datetime] | None = None,
) -> Report:
    """The report with what the journal says of the episode: its course, what was tried, the flare-up plan.

    `read_runs`: the triage runs load_and_build read, and from when (the course takes its runs from them).
    """
    from backspasm.journal.course import course_of_episode, what_you_tried
    from backspasm.journal.flare_first import report_section

    now = report.generated_at
    return report._replace(
        course=course_of_episode(conn, now, assessment.facts, days_from=start, read_runs=read_runs),
        tried=what_you_tried(conn, start, now),
        remedy_names={r.id: r.name for r in kb.remedies},
        plan=report_section(conn, kb.warning_signs),
        telling_notes=telling_notes(conn, report, start) if report.notes_count else [],
    )


# At most this many days' notes are looked up as telling (a journal can hold a triage a day).
TELLING_DAYS = 8


def telling_notes(conn: "Connection", report: Report, start: datetime) -> list[record.PainEntry]:
    """The window's most telling notes, each once: the latest note of each day with new symptoms or a
    triage (the new symptoms first, then the triages most urgent first), then the first note and the latest."""
    from backspasm.storage.pain_entries import new_symptom_reports
    from backspasm.storage.pain_index import PainIndex, day_bounds
    from backspasm.storage.times import moment

    now = report.generated_at
    index = PainIndex(conn, start, now)
    days: list[date] = []
    for at in [*reversed(new_symptom_reports(conn, start)), *(t.at for t in report.triages)]:
        day = local(at).date()
        if at >= start and day not in days:
            days.append(day)
    found: list[record.PainEntry | None] = []
    for day in days[:TELLING_DAYS]:
        first, last = day_bounds(day)
        found.append(index.noted_between(moment(first), moment(last), earliest=False))
    found.append(index.noted_between(start, now, earliest=True))
    found += report.notes[:1]
    unique: list[record.PainEntry] = []
    for entry in found:
        if entry is not None and all(entry.id != seen.id for seen in unique):
            unique.append(entry)
    return unique
