"""The printed report (the PDF, the HTML report printed): a one-page summary for the doctor.

An episode of up to three weeks fits one page of A4 or Letter at 8.5 pt. A section that a page
cannot hold whole comes twice in the document (`Section.media`): whole for the screen, shortened
here for paper. The cuts are decided once, for every writer that prints. Nothing that keeps
someone safe is cut: the reminder box, the escalations, the warning signs found, the course of
the episode, what was tried and the flare-up plan print in full. What is left out is said on the
page, with a command that shows it.
"""

from __future__ import annotations

from collections.abc import Callable

from backspasm.clock.now import local_day
from backspasm.journal import report_document as words
from backspasm.journal.doctor_questions import NOTES_HEADING, Answer
from backspasm.journal.doctor_report import DEFAULT_DAYS, Report, TriageSummary
from backspasm.journal.explain import day_text, moment_text, plural
from backspasm.render.report.document import (
    Block,
    BulletList,
    Item,
    PainChart,
    Paragraph,
    Run,
    Section,
    Table,
    paragraph,
)
from backspasm.storage.journal import PainEntry

# At most this many of the person's notes on paper, each on one line of at most NOTE_CHARS
# characters (the rest of the line is the day, the time and the pain): about 100 characters fit
# a line of A4 or Letter at 8.5 pt.
PRINT_NOTES = 4
NOTE_CHARS = 80
ELLIPSIS = "…"
# The words that start many triage questions, said once above the doctor's questions on paper.
SINCE = ("Since this back pain started, ", "Since this pain started, ")
# What was tried, said on paper in one line.
OWN_EXPERIENCE = "The patient's own experience, not evidence: pain often eases by itself."


Cut = Callable[[Report, words.Wording], "Section | None"]


def paper_wording(wording: words.Wording) -> words.Wording:
    """The wording for paper: the chart's last four weeks, the three most urgent triage runs."""
    return wording._replace(recent_days=words.PRINT_RECENT_DAYS, recent_triages=words.PRINT_TRIAGES)


def one_line(text: str, limit: int = NOTE_CHARS) -> str:
    """The text on one line of at most `limit` characters, cut after a whole word and ended by "…"."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    if " " in cut and not flat[limit - 1].isspace():
        cut = cut[: cut.rindex(" ")]  # never half a word
    return f"{cut.rstrip(' ,;:.-—')}{ELLIPSIS}"


def course(report: Report, wording: words.Wording) -> Section | None:
    """The course without its line of pain by day, which the chart below draws."""
    found = words.course(report, wording)
    if found is None or not report.trend:
        return found
    blocks: list[Block] = []
    for block in found.blocks:
        if isinstance(block, BulletList):
            kept = tuple(i for i in block.items if not (i.runs and i.runs[0].text == words.PAIN_BY_DAY))
            block = BulletList(kept)
        blocks.append(block)
    return found._replace(blocks=tuple(blocks))


def _short_label(label: str) -> str:
    """A triage question as a shorter label: "Since this back pain started, is either leg newly weak?"
    reads "Is either leg newly weak?" (the intro says what "new" means)."""
    for lead in SINCE:
        if label.startswith(lead) and len(label) > len(lead):
            rest = label[len(lead) :]
            return rest[0].upper() + rest[1:]
    return label


def _question(question: str, answers: list[Answer], said: str | None) -> Section:
    """A doctor's question and its answers as one paragraph: the question in bold, the answers after it."""
    runs: list[Run] = [Run(question, "strong")]
    for answer in answers:
        runs.append(Run(" "))
        runs += [r for r in words.answer_item(answer._replace(label=_short_label(answer.label)), said).runs]
    return Section("", (Paragraph(tuple(runs)),))


def doctor(report: Report, wording: words.Wording) -> Section:
    """The doctor's questions, each one paragraph, without the journal's answers that the page says
    elsewhere (the course, the chart, what was tried); the triage's "since this back pain started" said once."""
    shown = []
    for question, answers in words.doctor_answers(report):
        kept = [a for a in answers if not a.said_in]  # the onset, pain scores, medicines: in their sections
        shown.append((question, kept or answers))
    said = words.common_origin([a for _, answers in shown for a in answers])
    lead = []
    if said is not None:
        lead.append(f"Answered at triage on {said.removeprefix(words.TRIAGE_ORIGIN)} unless marked otherwise.")
    if any(a.label.startswith(SINCE) for _, answers in shown for a in answers):
        lead.append("“New” means since this back pain started.")
    parts = [_question(q, answers, said) for q, answers in shown]
    return Section(words.DOCTOR_TITLE, (*([paragraph(" ".join(lead))] if lead else []), *parts), columns=2)


def _printed_notes(report: Report) -> list[PainEntry]:
    """The notes a printed page quotes, oldest first: the most telling few, then the latest others up to PRINT_NOTES."""
    chosen: list[PainEntry] = []
    for entry in [*report.telling_notes, *report.notes]:
        if len(chosen) < PRINT_NOTES and all(entry.id != seen.id for seen in chosen):
            chosen.append(entry)
    return sorted(chosen, key=lambda e: e.at)


def _notes_left_out(report: Report) -> bool:
    """Whether the printed page leaves a note out, or cuts one short (then its notes name the history)."""
    shown = _printed_notes(report)
    cut = any(one_line(e.note or "") != " ".join((e.note or "").split()) for e in shown)
    return report.notes_count > len(shown) or cut


def notes(report: Report, wording: words.Wording) -> Section | None:
    """A few of the person's notes, the most telling, oldest first, one line each; how many more, and where."""
    if not report.notes_count:
        return None
    shown = _printed_notes(report)
    items = [
        Item((Run(f"{moment_text(e.at)} (pain {e.pain}): "), Run(one_line(e.note or "")))) for e in shown
    ]
    blocks: list[Block] = [BulletList(tuple(items))]
    if _notes_left_out(report):
        left = report.notes_count - len(shown)
        said = f"{plural(left, 'more note', 'more notes')} in these {report.days} days" if left else "Each note in full"
        history = Run(words.history_command(report), "code")
        # The chart's figures are named here too: one line says what the page leaves out.
        figures: list[Run | str] = []
        if report.trend:
            figures = ["; each day's figures: ", Run(report_command(report), "code")]
        blocks.append(paragraph(f"{said}: run ", history, *figures, "."))
    return Section(NOTES_HEADING, tuple(blocks))


def report_command(report: Report) -> str:
    """The command that shows the whole report on screen, with its table of each day's figures."""
    return "backspasm report" if report.days == DEFAULT_DAYS else f"backspasm report --days {report.days}"


def _triage_line(run: TriageSummary, wording: words.Wording) -> Paragraph:
    """A calmer run that found no warning sign, in one line: its level, when, and what it did not ask."""
    said = f"{words.level_short(run.disposition, wording.levels)} ({moment_text(run.at)}):"
    found = " no warning sign found"
    if run.unanswered:
        found += f"; {plural(run.unanswered, 'question', 'questions')} not asked"
    return paragraph(Run(said, "strong"), f"{found}.")


def _calmer_line(runs: list[TriageSummary], wording: words.Wording) -> Paragraph:
    """Calmer runs of one level that found no warning sign and left out as many questions, in one line."""
    first = runs[0]
    when = " and ".join(moment_text(r.at) for r in runs)
    said = f"{words.level_short(first.disposition, wording.levels)} ({when}):"
    found = " no warning sign found"
    if first.unanswered:
        found += f"; {plural(first.unanswered, 'question', 'questions')} not asked each"
    return paragraph(Run(said, "strong"), f"{found}.")


def triage(report: Report, wording: words.Wording) -> Section:
    """The most urgent run in full (and any run that found a warning sign); the others one line each."""
    found = words.triage(report, wording)
    shown = report.triages[: wording.recent_triages]
    runs = [b for b in found.blocks if isinstance(b, Section)]
    if len(runs) != len(shown) or len(shown) < 2:
        return found
    blocks: list[Block] = []
    calmer: list[TriageSummary] = []  # runs that found nothing: one line for a level
    for index, block in enumerate(found.blocks):
        run = shown[index] if index < len(shown) else None
        if run is not None and index and not run.reasons:
            if calmer and (calmer[0].disposition, calmer[0].unanswered) != (run.disposition, run.unanswered):
                blocks.append(_calmer_line(calmer, wording) if len(calmer) > 1 else _triage_line(calmer[0], wording))
                calmer = []
            calmer.append(run)
            continue
        if calmer:
            blocks.append(_calmer_line(calmer, wording) if len(calmer) > 1 else _triage_line(calmer[0], wording))
            calmer = []
        blocks.append(_headline_in_title(block) if isinstance(block, Section) else block)
    if calmer:
        blocks.append(_calmer_line(calmer, wording) if len(calmer) > 1 else _triage_line(calmer[0], wording))
    return found._replace(blocks=tuple(blocks))


def _headline_in_title(run: Section) -> Section:
    """A run whose reasons follow its headline: the headline said in its title's line ("Soon (...): Book ...")."""
    lead = run.blocks[0] if run.blocks else None
    if not isinstance(lead, Paragraph) or len(lead.runs) != 1 or lead.runs[0].style != "strong":
        return run
    return Section(f"{run.title}: {lead.runs[0].text}", run.blocks[1:])


def _sessions_line(report: Report) -> Paragraph | None:
    """The ice and heat sessions and stretch routines in one paragraph, said with what was tried."""
    parts = [f"{s.protocol.lower()} {plural(s.count, 'time', 'times')}" for s in report.sessions]
    for r in report.stretches:
        worse = f", stopped as pain got worse: {', '.join(r.worse).lower()}" if r.worse else ""
        parts.append(f"{r.routine.lower()} stretches {plural(r.count, 'time', 'times')}{worse}")
    if not parts:
        return None
    return paragraph(Run("Ice, heat and stretches:", "strong"), f" {'; '.join(parts)}.")


def sessions(report: Report, wording: words.Wording) -> Section | None:
    """On paper the sessions are said with what was tried."""
    return None


def stretches(report: Report, wording: words.Wording) -> Section | None:
    """On paper the stretch routines are said with what was tried."""
    return None


def trend(report: Report, wording: words.Wording) -> Section:
    """The chart of the last four weeks, drawn for paper, saying where each day's figures are: a printed
    page shows them under the chart or as a table only where they fit (the PDF; HTML printed leaves them out)."""
    found = words.trend(report, wording)
    blocks: list[Block] = []
    title = found.title
    for block in found.blocks:
        if isinstance(block, PainChart):
            if _notes_left_out(report):  # the line under the notes says where the figures are
                title = f"{found.title}: {block.title[0].lower()}{block.title[1:]}"
                block = block._replace(caption=False, printed=True)
            else:
                block = block._replace(title=f"{block.title} (each day's figures on screen: {report_command(report)})")
                block = block._replace(printed=True)
        blocks.append(block)
    return found._replace(title=title, blocks=tuple(blocks))


def remedies(report: Report, wording: words.Wording) -> Section:
    """What was tried, every remedy and how pain changed (without the day each was last tried), the
    sessions and stretches in a line above them."""
    found = words.remedies(report, wording)
    done = _sessions_line(report)
    blocks: list[Block] = [done] if done is not None else []
    for block in found.blocks:
        if isinstance(block, Table) and block.head[:3] == ("Remedy", "Times", "Last"):
            rows = tuple((row[0], row[1], *row[3:]) for row in block.rows)
            block = Table((block.head[0], block.head[1], *block.head[3:]), rows, numeric=(1,))
        elif block == paragraph(words.OWN_EXPERIENCE_REPORT):
            block = paragraph(OWN_EXPERIENCE)
        blocks.append(block)
    return found._replace(blocks=tuple(blocks))


def flare_plan(report: Report, wording: words.Wording) -> Section | None:
    """The flare-up plan whole, who wrote it and when said in its heading."""
    found = words.flare_plan(report, wording)
    if found is None or report.plan is None:
        return found
    plan = report.plan
    title = f"Flare-up plan (the patient's own; version {plan.version}, {day_text(local_day(plan.written_at))})"
    return Section(title, tuple(b for b in found.blocks if not isinstance(b, Paragraph)))


# Each section's form on paper, by the name of the function that words it for the screen; a
# section not named here prints as it shows (with the paper's wording).
ON_PAPER: dict[str, Cut] = {
    "course": course,
    "doctor": doctor,
    "notes": notes,
    "triage": triage,
    "sessions": sessions,
    "stretches": stretches,
    "trend": trend,
    "remedies": remedies,
    "flare_plan": flare_plan,
}


def on_paper(maker: words.SectionMaker, report: Report, wording: words.Wording) -> Section | None:
    """A section as the printed page shows it."""
    cut = ON_PAPER.get(getattr(maker, "__name__", ""))
    paper = paper_wording(wording)
    return cut(report, paper) if cut is not None else maker(report, paper)
