"""The report for the doctor worded once, as a format-neutral document that every writer lays out.

Each section is one function from the report to a `Section`; a new section (a flare-up plan, a
check-in's course) is one more function here and one more entry in `SECTIONS`.
"""

from collections.abc import Callable, Mapping
from datetime import date, timedelta
from typing import NamedTuple

from backspasm.clock.now import local, local_day
from backspasm.journal.doctor_questions import NOTES_HEADING, Answer
from backspasm.journal.doctor_report import DEFAULT_DAYS, TREND_DAYS_SHOWN, Cited, Reason, Report, TriageSummary
from backspasm.journal.explain import day_text, moment_text, pain_text, plural
from backspasm.journal.trend import DayPain, sparkline
from backspasm.journal.what_helped import Helped, change_words
from backspasm.kb.safety import link_target
from backspasm.kb.views import TriageLevel
from backspasm.render.report.document import (
    Block,
    BulletList,
    ChartDay,
    Document,
    Item,
    PainChart,
    Paragraph,
    Run,
    Section,
    Table,
    paragraph,
)
from backspasm.storage.journal import PainEntry

TITLE = "Back spasm record for the doctor"
DISCLAIMER = (
    "This is a self-reported record kept by the patient with backspasm, a self-care app. "
    "It is not a diagnosis, and the levels in it are self-care guidance, not medical advice."
)
NOT_RECORDED = "not recorded"
TRIAGE_HELP = "Run `backspasm triage` to answer the questions a doctor asks."
TRIED_TITLE = "What you tried and how your pain changed"
OWN_EXPERIENCE_REPORT = (
    "The patient's own experience from the journal, not evidence: pain often eases by itself, so a "
    "remedy may get credit it did not earn."
)

Levels = Mapping[str, TriageLevel]
# A printed report keeps a long window to a few pages: the chart and the day table show the last
# four weeks (the day table newest first), and the three most urgent triage runs (report_paper.py).
PRINT_RECENT_DAYS = 28
PRINT_TRIAGES = 3


class Wording(NamedTuple):
    """What the sections need besides the report: the level names and the escalation's titles.

    `recent_days`, when set, keeps a long window short for print: the chart and the day table
    show only the last that many days (saying so), the day table newest first.
    """

    levels: Levels
    escalation_title: Callable[[str], str]
    recent_days: int | None = None
    recent_triages: int | None = None


SectionMaker = Callable[[Report, Wording], "Section | None"]


# ---------------------------------------------------------------- words


def level_short(level: str, levels: Levels) -> str:
    """A triage level's name alone ("Urgent"), where its headline follows and says what to do."""
    words = levels.get(level)
    return words.name if words is not None else level


def not_asked(count: int) -> str:
    """How many triage questions the triage did not ask (an emergency stops it; a file may leave some out)."""
    return f"{count} triage question{'s were' if count != 1 else ' was'} not asked."


def covering(report: Report) -> str:
    """The sentence saying when the report was made and what it covers."""
    return (
        f"Made on {moment_text(report.generated_at)}, covering the last {report.days} "
        f"day{'s' if report.days != 1 else ''} ({day_text(report.first_day)} to "
        f"{day_text(local_day(report.generated_at))})."
    )


def minutes(value: float) -> str:
    """Minutes to one decimal, without a trailing .0."""
    return f"{value:.1f}".removesuffix(".0")


def after_label(text: str) -> str:
    """What separates an answer's label from its value: a space after a question, else a colon."""
    if not text:
        return ""
    return " " if text.endswith(("?", ".")) else ": "


def prose(text: str) -> tuple[Run, ...]:
    """Knowledge-base prose as runs: its paired `backspasm ...` spans become code, the rest text."""
    parts = text.split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: all of it is text
        return (Run(text),)
    return tuple(Run(part, "code" if i % 2 and part.strip() else "text") for i, part in enumerate(parts) if part)


def sentence(text: str) -> str:
    """A lead ended by one full stop."""
    return f"{text.rstrip('.')}."


def sources(cited: list[Cited]) -> Paragraph:
    """The sources line: each title, a link where its URL is a safe web address."""
    runs: list[Run] = [Run("Sources: ")]
    for index, source in enumerate(cited):
        if index:
            runs.append(Run("; "))
        target = link_target(source.url)  # never javascript: or data: in a link
        runs.append(Run(source.title, "link", target) if target else Run(source.title))
    return Paragraph(tuple(runs), "sources")


def reasons(found: list[Reason]) -> BulletList:
    """Why a level was reached: each rule or warning sign, what the journal showed, the sources."""
    items = []
    for reason in found:
        details = []
        if reason.shown:
            details.append(paragraph(f"From the journal: {'; '.join(reason.shown)}."))
        if reason.sources:
            details.append(sources(reason.sources))
        items.append(Item((Run(sentence(reason.title), "strong"), Run(" "), *prose(reason.why)), tuple(details)))
    return BulletList(tuple(items))


# ---------------------------------------------------------------- sections


def escalation(report: Report, wording: Wording) -> Section | None:
    """What the journal's rules say to do now (emergency, urgent or soon), set apart and first."""
    found = report.escalation
    if found is None:
        return None
    # The lead said once, in bold; each rule then says why (the level's advice would repeat it).
    blocks: list[Block] = [paragraph(Run(sentence(found.headline), "strong"))]
    if found.call:
        blocks.append(paragraph(Run(found.call, "strong")))
    blocks.append(reasons(found.reasons))
    return Section(wording.escalation_title(found.level), tuple(blocks), alert=True)


def answer_item(answer: Answer, said: str | None = None) -> Item:
    """One answer: its label, its value in bold (or why there is none), and where it came from unless `said`."""
    runs = [Run(f"{answer.label}{after_label(answer.label)}")] if answer.label else []
    if answer.value is not None:
        runs.append(Run(answer.value, "strong"))
    else:
        runs.append(Run(answer.absent or NOT_RECORDED, "absent"))
    if answer.origin and answer.origin != said:
        runs += [Run(" "), Run(f"({answer.origin})", "muted")]
    return Item(tuple(runs))


TRIAGE_ORIGIN = "triage, "
DOCTOR_TITLE = "Answers to the doctor's usual questions"


def common_origin(answers: list[Answer]) -> str | None:
    """The triage most answers came from, when it answers three or more: named once, above them."""
    counts: dict[str, int] = {}
    for answer in answers:
        if answer.origin and answer.origin.startswith(TRIAGE_ORIGIN):
            counts[answer.origin] = counts.get(answer.origin, 0) + 1
    found = max(counts, key=lambda origin: counts[origin], default=None)
    return found if found is not None and counts[found] >= 3 else None


def doctor_answers(report: Report) -> list[tuple[str, list[Answer]]]:
    """Each doctor's question with the answers to show: one given under an earlier question is not said again."""
    given: set[Answer] = set()
    shown = []
    for q in report.doctor:
        answers = [a for a in q.answers if a.value is None or a not in given] or q.answers[:1]
        given.update(answers)
        shown.append((q.question, answers))
    return shown


def doctor(report: Report, wording: Wording) -> Section:
    """The doctor's usual questions, each with every answer the record holds and where it came from."""
    # An answer given under an earlier question (the pain scores answer two) is not said again.
    shown = doctor_answers(report)
    said = common_origin([a for _, answers in shown for a in answers])
    blocks: list[Block] = []
    if said is not None:
        # Where most answers came from, said once; an answer from elsewhere names its own source.
        blocks.append(paragraph(f"Answered at triage on {said.removeprefix(TRIAGE_ORIGIN)} unless marked otherwise."))
    blocks += [Section(q, (BulletList(tuple(answer_item(a, said) for a in answers)),)) for q, answers in shown]
    return Section(DOCTOR_TITLE, tuple(blocks), columns=2)


def notes(report: Report, wording: Wording) -> Section | None:
    """The latest notes, quoted as written, newest first."""
    if not report.notes:
        return None
    rows = tuple((moment_text(e.at), str(e.pain), e.note or "") for e in report.notes)
    return Section(NOTES_HEADING, (Table(("When", "Pain", "Note"), rows, numeric=(1,)),))


def _visits(report: Report) -> list[Block]:
    if not report.visits:
        return []
    intro = paragraph("Seen by a doctor (recorded with ", Run("backspasm log --saw-doctor", "code"), "):")
    items = [Item((Run(moment_text(v.at)), *((Run(f": {v.note}"),) if v.note else ()))) for v in report.visits]
    return [intro, BulletList(tuple(items))]


def _one_triage(run: TriageSummary, levels: Levels, advised: dict[str, str], printed: bool = False) -> Section:
    """One run: its headline, the reasons, then the advice, the risk group and what was not asked in one paragraph.

    Advice already given word for word by a run shown above it is named by that run's day. On a
    printed page, a calmer run that found no warning sign leaves out its advice (the knowledge
    base's usual words for its level, not something the journal learned).
    """
    if printed and not run.reasons and advised:
        run = run._replace(advice=None)
    lead = [Run(sentence(run.headline), "strong")] if run.headline else []
    blocks: list[Block] = []
    said: list[list[Run]] = []  # the paragraph's sentences
    if run.reasons:
        blocks += [paragraph(*lead)] if lead else []
        blocks.append(reasons(run.reasons))
    else:  # nothing to list: the finding follows the headline, and the rest follows it
        said += [lead] if lead else []
        said.append([Run("No warning sign was found.")])
    if run.advice and run.advice in advised:
        said.append([Run(f"Advice given: the same as on {advised[run.advice]}.")])
    elif run.advice:
        advised[run.advice] = day_text(local_day(run.at))
        said.append([Run("Advice given: "), *prose(sentence(run.advice))])
    if run.startback_risk:
        said.append([Run(f"STarT Back risk group: {run.startback_risk}.")])
    if run.unanswered:
        said.append([Run(not_asked(run.unanswered))])
    if said:
        # The spaces between sentences in plain runs: a strong run's edge spaces do not survive every format.
        blocks.append(paragraph(*[run for index, part in enumerate(said) for run in [Run(" ")] * bool(index) + part]))
    return Section(f"{level_short(run.disposition, levels)} ({moment_text(run.at)})", tuple(blocks))


def triage(report: Report, wording: Wording) -> Section:
    """Every triage in the window, most urgent first, and the doctor visits recorded."""
    runs = report.triages
    if not runs:
        return Section("Triage", (Paragraph((Run("No triage saved. "), *prose(TRIAGE_HELP))), *_visits(report)))
    title = "Triage" if len(runs) == 1 else f"Triage ({len(runs)} runs, most urgent first)"
    shown = runs if wording.recent_triages is None else runs[: wording.recent_triages]
    advised: dict[str, str] = {}
    printed = wording.recent_triages is not None
    blocks: list[Block] = [_one_triage(run, wording.levels, advised, printed) for run in shown]
    if len(shown) < len(runs):
        left = len(runs) - len(shown)
        blocks.append(
            paragraph(
                f"{plural(left, 'earlier or calmer run', 'earlier or calmer runs')} not shown here.",
                " Run ",
                Run(history_command(report), "code"),
                " to see every run.",
            )
        )
    return Section(title, (*blocks, *_visits(report)))


def history_command(report: Report) -> str:
    """The command that shows every entry of the window with its note (history shows the newest 50 unless told)."""
    days = "" if report.days == DEFAULT_DAYS else f" --days {report.days}"
    return f"backspasm history{days} --limit 0"


def pain_chart(days: list[DayPain], first: date, last: date) -> PainChart:
    """The chart of daily pain, its axis spanning the days with entries (every day between them)."""
    if days:
        first, last = min(d.day for d in days), max(d.day for d in days)
    by_day = {d.day: d for d in days}
    axis = []
    for index in range((last - first).days + 1):
        day = first + timedelta(days=index)
        found = by_day.get(day)
        if found is None:
            axis.append(ChartDay(_axis_day(day)))
            continue
        entries = plural(found.count, "entry", "entries")
        summary = f"{day_text(day)}: average {pain_text(found.mean)}/10 ({entries}, {found.low} to {found.high})"
        axis.append(
            ChartDay(_axis_day(day), found.count, found.low, found.high, found.mean, summary, pain_text(found.mean))
        )
    return PainChart(f"Daily pain from {day_text(first)} to {day_text(last)}", tuple(axis), "", "")


def _axis_day(day: date) -> str:
    # Short, so that the dates fit under a chart's axis at any width; the summary says them in full.
    return f"{day.day} {day:%b}"


def trend(report: Report, wording: Wording) -> Section:
    """Pain by day: a chart (a sparkline in text) and a table of each day's lowest, highest and average."""
    if not report.trend:
        return Section("Pain trend", (paragraph(f"No pain entries in these {report.days} days."),))
    today = local_day(report.generated_at)
    days, first = report.trend, report.trend_first_day
    blocks: list[Block] = []
    if wording.recent_days is not None and (today - first).days + 1 > wording.recent_days:
        first = today - timedelta(days=wording.recent_days - 1)
        if any(d.day < first for d in days):  # say so only when days with entries are left out
            blocks.append(
                paragraph(
                    f"The last {wording.recent_days} days of the {report.days}, the newest first in the table "
                    f"(the HTML and Markdown reports show up to {TREND_DAYS_SHOWN})."
                )
            )
        days = [d for d in days if d.day >= first]
    if not days:
        return Section("Pain trend", (*blocks, paragraph(f"No pain entries in the last {wording.recent_days} days.")))
    line = sparkline(days, first, today, measure="high")
    chart = pain_chart(days, first, today)
    chart = PainChart(
        chart.title,
        chart.days,
        "Each day's highest pain (0-10; · = no entry):",
        f"{day_text(first)} {line} {day_text(today)}",
        day_table=True,
    )
    ordered = days if wording.recent_days is None else list(reversed(days))
    rows = tuple((day_text(d.day), str(d.count), str(d.low), str(d.high), pain_text(d.mean)) for d in ordered)
    table = Table(("Day", "Entries", "Lowest", "Highest", "Average"), rows, numeric=(1, 2, 3, 4))
    return Section("Pain trend", (*blocks, chart, table))


def none_recorded(report: Report) -> Paragraph:
    """A section's words when the window holds nothing of it."""
    return paragraph(f"None recorded in these {report.days} days.")


def sessions(report: Report, wording: Wording) -> Section:
    """Ice and heat sessions by protocol."""
    rows = tuple(
        (s.protocol, str(s.count), str(s.completed), minutes(s.applied_minutes), moment_text(s.last))
        for s in report.sessions
    )
    head = ("Protocol", "Sessions", "Completed", "Minutes applied", "Last")
    return Section("Ice and heat sessions", (Table(head, rows, numeric=(1, 2, 3)) if rows else none_recorded(report),))


def stretches(report: Report, wording: Wording) -> Section:
    """Stretch routines, and the stretches stopped because pain got worse."""
    rows = tuple(
        (r.routine, str(r.count), str(r.completed), ", ".join(r.worse) or "-", moment_text(r.last))
        for r in report.stretches
    )
    head = ("Routine", "Runs", "Completed", "Stopped: pain got worse", "Last")
    return Section("Stretch routines", (Table(head, rows, numeric=(1, 2)) if rows else none_recorded(report),))


def _labelled(label: str, text: str) -> tuple[Run, ...]:
    # The space goes in the plain run: a strong run's edge spaces do not survive every format.
    return (Run(label, "strong"), Run(f" {text}"))


PAIN_BY_DAY = "Highest pain by day:"


def course(report: Report, wording: Wording) -> Section | None:
    """The episode at a glance: onset and days, the triage levels, the weekly check-ins, pain by day."""
    found = report.course
    if found is None:
        return None
    how = "as told at triage" if found.onset_from == "triage" else "the first pain entry"
    state = "still going on" if found.ongoing else "over"
    day_words = plural(found.days, "day", "days")
    items = [Item(_labelled("Began:", f"{moment_text(found.onset)} ({how}), {day_words} ago; {state}."))]
    if found.triage:
        levels = "; ".join(
            f"{level_short(t.level, wording.levels)} on {day_text(local_day(t.at))}" for t in found.triage
        )
        items.append(Item(_labelled("Triage:", f"{levels}.")))
    peg = found.check_ins
    if peg is not None:
        first = f"{peg.baseline.peg:.1f} on {day_text(local_day(peg.baseline.at))}"
        if peg.check_ins == 1:
            text = f"{first}, the first: the baseline to compare with."
        else:
            latest = f"{peg.latest.peg:.1f} on {day_text(local_day(peg.latest.at))}"
            text = f"first {first}, latest {latest} ({peg.check_ins} check-ins): {peg.words}."
        items.append(Item(_labelled("Weekly check-in (PEG, 0-10; Krebs 2009):", text)))
    if found.pain_by_day:
        first_day, last_day = found.pain_by_day[0].day, local_day(report.generated_at)
        line = sparkline(list(found.pain_by_day), first_day, last_day, measure="high")
        span = f"{day_text(first_day)} to {day_text(last_day)}"
        items.append(Item(_labelled(PAIN_BY_DAY, f"{line} ({span}; · = no entry).")))
    return Section("Course of this episode", (BulletList(tuple(items)),))


def _tried_words(helped: Helped) -> str:
    if helped.median_change is None:
        return "no later entry within 4 hours"
    if helped.compared == 1:
        return change_words(helped.median_change)
    return f"median {change_words(helped.median_change)}; down by 2+ in {helped.fell} of {helped.compared}"


def remedies(report: Report, wording: Wording) -> Section:
    """The remedies named with `log --tried`, most often first, each with the pain entry after it."""
    changes = {h.remedy: h for h in report.tried}
    rows = []
    for r in report.remedies:
        helped = changes.get(r.id)
        rows.append((r.name, str(r.times), moment_text(r.last), _tried_words(helped) if helped else "-"))
    if not rows:
        return Section(TRIED_TITLE, (none_recorded(report),))
    table = Table(("Remedy", "Times", "Last", "Pain at the next entry within 4 hours"), tuple(rows), numeric=(1,))
    return Section(TRIED_TITLE, (table, paragraph(OWN_EXPERIENCE_REPORT)))


def flare_plan(report: Report, wording: Wording) -> Section | None:
    """The patient's own flare-up plan (`backspasm plan`), the version in use."""
    found = report.plan
    if found is None:
        return None
    intro = paragraph(f"Written by the patient; version {found.version}, {day_text(local_day(found.written_at))}.")
    items = tuple(Item(_labelled(f"{label}:", text)) for label, text in found.lines)
    return Section("Flare-up plan", (intro, BulletList(items)))


# The report's sections in order; a function returning None leaves its section out.
SECTIONS: tuple[SectionMaker, ...] = (
    escalation,
    course,
    doctor,
    notes,
    triage,
    trend,
    sessions,
    stretches,
    remedies,
    flare_plan,
)


def build_document(report: Report, wording: Wording, name: str | None = None) -> Document:
    """The report as a document: the title block, the disclaimer, then each section that has something.

    A section that the printed page shortens (journal/report_paper.py) comes twice: whole for the
    screen, short for paper; one that prints as it shows comes once, for both.
    """
    from backspasm.journal.report_paper import on_paper

    sections: list[Section] = []
    for maker in SECTIONS:
        whole, short = maker(report, wording), on_paper(maker, report, wording)
        if whole == short:
            sections += [whole] if whole is not None else []
            continue
        sections += [whole._replace(media="screen")] if whole is not None else []
        sections += [short._replace(media="print")] if short is not None else []
    return Document(TITLE, covering(report), DISCLAIMER, tuple(sections), name)


JOURNAL_COLUMNS = ("id", "at", "date", "time", "pain", "tried", "note")


def journal_table(entries: list[PainEntry]) -> Table:
    """The raw pain journal as a table, one row per entry, oldest first; `tried` holds remedy ids."""
    rows = []
    for entry in entries:
        at = local(entry.at)
        rows.append(
            (
                str(entry.id),
                at.isoformat(timespec="seconds"),
                at.date().isoformat(),
                at.strftime("%H:%M"),
                str(entry.pain),
                " ".join(entry.tried),
                entry.note or "",
            )
        )
    # The numbers and times are ours; only `tried` and `note` hold what was typed.
    return Table(JOURNAL_COLUMNS, tuple(rows), numeric=(0, 1, 2, 3, 4))
