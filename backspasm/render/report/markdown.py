"""The report as Markdown: plain enough to print, paste into a message, or read as text."""

from __future__ import annotations

import re

from backspasm.clock.now import local_day
from backspasm.journal.doctor_questions import NOTES_HEADING, Answer
from backspasm.journal.doctor_report import Cited, Reason, Report, TriageSummary
from backspasm.journal.explain import day_text, moment_text, pain_text
from backspasm.journal.trend import sparkline
from backspasm.kb.safety import link_target
from backspasm.render.report import shared_text as words
from backspasm.text_safety import visible

_LINK_ESCAPES = str.maketrans({"(": "%28", ")": "%29", "[": "%5B", "]": "%5D", " ": "%20", "<": "%3C", ">": "%3E"})
_SPECIAL = re.compile(r"([\\`*_{}\[\]|<>~])")


def esc(text: str) -> str:
    """User or data text made inert in Markdown: one line, markup and control characters escaped."""
    return _SPECIAL.sub(r"\\\1", " ".join(visible(text).split()))


def esc_prose(text: str) -> str:
    """Knowledge-base prose made inert, its `backspasm ...` commands kept as code spans (never \\`)."""
    parts = " ".join(visible(text).split()).split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: escape it all
        return esc(text)
    shown = (f"`{part}`" if i % 2 and part.strip() else _SPECIAL.sub(r"\\\1", part) for i, part in enumerate(parts))
    return "".join(shown)


def link(url: str | None) -> str | None:
    """A link destination that cannot break out of the Markdown link: a checked URL, (, ), [, ] encoded."""
    target = link_target(url)
    if target is None:
        return None
    return target.translate(_LINK_ESCAPES)


def _source(cited: Cited) -> str:
    target = link(cited.url)
    return f"[{esc(cited.title)}]({target})" if target else esc(cited.title)


def _sources(cited: list[Cited]) -> str:
    return "; ".join(_source(c) for c in cited)


def _reason(reason: Reason) -> list[str]:
    lines = [f"- **{esc(reason.title)}.** {esc_prose(reason.why)}"]
    if reason.shown:
        lines.append(f"  - From the journal: {esc('; '.join(reason.shown))}.")
    if reason.sources:
        lines.append(f"  - Sources: {_sources(reason.sources)}")
    return lines


def _answer(answer: Answer) -> str:
    value = f"**{esc(answer.value)}**" if answer.value is not None else f"_{answer.absent or words.NOT_RECORDED}_"
    origin = f" ({esc(answer.origin)})" if answer.origin else ""
    return f"- {esc(answer.label)}{words.after_label(answer.label)}{value}{origin}"


def _escalation(report: Report) -> list[str]:
    found = report.escalation
    if found is None:
        return []
    # The lead said once, in bold; each rule then says why (the level's advice would repeat it).
    lines = [f"## {words.escalation_title(found.level)}", "", f"**{esc(found.headline.rstrip('.'))}.**", ""]
    if found.call:
        lines += [f"**{esc(found.call)}**", ""]
    for reason in found.reasons:
        lines += _reason(reason)
    return [*lines, ""]


def _doctor(report: Report) -> list[str]:
    lines = ["## Answers to the doctor's usual questions", ""]
    for question in report.doctor:
        lines += [f"### {esc(question.question)}", ""]
        lines += [_answer(a) for a in question.answers]
        lines.append("")
    return lines


def _triage(report: Report, levels: words.Levels) -> list[str]:
    runs = report.triages
    if not runs:
        return ["## Triage", "", f"No triage saved. {words.TRIAGE_HELP}", "", *_visits(report)]
    title = "Triage" if len(runs) == 1 else f"Triage ({len(runs)} runs, most urgent first)"
    lines = [f"## {title}", ""]
    for run in runs:
        lines += _one_triage(run, levels)
    return [*lines, *_visits(report)]


def _one_triage(run: TriageSummary, levels: words.Levels) -> list[str]:
    lines = [f"### {esc(words.level_short(run.disposition, levels))} ({moment_text(run.at)})", ""]
    if run.headline:
        lines += [f"**{esc(run.headline.rstrip('.'))}.**", ""]
    for reason in run.reasons:
        lines += _reason(reason)
    if not run.reasons:
        lines.append("- No warning sign was found.")
    lines.append("")
    if run.advice:
        lines += [f"Advice given: {esc_prose(run.advice)}", ""]
    if run.startback_risk:
        lines += [f"STarT Back risk group: {esc(run.startback_risk)}", ""]
    if run.unanswered:
        lines += [words.not_asked(run.unanswered), ""]
    return lines


def _visits(report: Report) -> list[str]:
    if not report.visits:
        return []
    lines = ["Seen by a doctor (recorded with `backspasm log --saw-doctor`):", ""]
    for visit in report.visits:
        note = f": {esc(visit.note)}" if visit.note else ""
        lines.append(f"- {moment_text(visit.at)}{note}")
    return [*lines, ""]


def _trend(report: Report) -> list[str]:
    lines = ["## Pain trend", ""]
    if not report.trend:
        return [*lines, f"No pain entries in these {report.days} days.", ""]
    today = local_day(report.generated_at)
    line = sparkline(report.trend, report.trend_first_day, today, measure="high")
    lines += [
        "Each day's highest pain (0-10; · = no entry):",
        "",
        "```",
        f"{day_text(report.trend_first_day)} {line} {day_text(today)}",
        "```",
        "",
        "| Day | Entries | Lowest | Highest | Average |",
        "|---|---|---|---|---|",
    ]
    lines += [f"| {day_text(d.day)} | {d.count} | {d.low} | {d.high} | {pain_text(d.mean)} |" for d in report.trend]
    return [*lines, ""]


def _notes(report: Report) -> list[str]:
    if not report.notes:
        return []
    lines = [f"## {NOTES_HEADING}", "", "| When | Pain | Note |", "|---|---|---|"]
    lines += [f"| {moment_text(e.at)} | {e.pain} | {esc(e.note or '')} |" for e in report.notes]
    return [*lines, ""]


def _activity(report: Report) -> list[str]:
    none = f"None recorded in these {report.days} days."
    lines = ["## Ice and heat sessions", ""]
    if report.sessions:
        lines += ["| Protocol | Sessions | Completed | Minutes applied | Last |", "|---|---|---|---|---|"]
        for s in report.sessions:
            applied = words.minutes(s.applied_minutes)
            lines.append(f"| {esc(s.protocol)} | {s.count} | {s.completed} | {applied} | {moment_text(s.last)} |")
    else:
        lines.append(none)
    lines += ["", "## Stretch routines", ""]
    if report.stretches:
        lines += ["| Routine | Runs | Completed | Stopped: pain got worse | Last |", "|---|---|---|---|---|"]
        for r in report.stretches:
            worse = esc(", ".join(r.worse)) or "-"
            lines.append(f"| {esc(r.routine)} | {r.count} | {r.completed} | {worse} | {moment_text(r.last)} |")
    else:
        lines.append(none)
    lines += ["", "## Remedies tried", ""]
    if report.remedies:
        lines += ["| Remedy | Times | Last |", "|---|---|---|"]
        lines += [f"| {esc(r.name)} | {r.times} | {moment_text(r.last)} |" for r in report.remedies]
    else:
        lines.append(none)
    return [*lines, ""]


def render_markdown(report: Report, levels: words.Levels) -> str:
    """The whole report as Markdown text, ending in a newline."""
    lines = [f"# {words.TITLE}", "", words.covering(report), "", f"> {words.DISCLAIMER}", ""]
    lines += _escalation(report)
    lines += _doctor(report)
    lines += _notes(report)
    lines += _triage(report, levels)
    lines += _trend(report)
    lines += _activity(report)
    return "\n".join(lines).rstrip("\n") + "\n"
