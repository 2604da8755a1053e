"""The report as one self-contained HTML page: inline style and chart, every text escaped."""

from __future__ import annotations

from html import escape

from backspasm.clock.now import local_day
from backspasm.journal.doctor_questions import NOTES_HEADING, Answer
from backspasm.journal.doctor_report import Cited, Reason, Report, TriageSummary
from backspasm.journal.explain import day_text, moment_text, pain_text
from backspasm.render.report import shared_text as words
from backspasm.render.report.svg import pain_chart
from backspasm.text_safety import visible

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem;
       color: #1b1b1b; line-height: 1.45; }
h1 { font-size: 1.6rem; } h2 { margin-top: 2rem; border-bottom: 1px solid #ccc; }
h3 { font-size: 1rem; margin-bottom: 0.2rem; }
.disclaimer { border-left: 4px solid #888; padding: 0.3rem 0.8rem; background: #f4f4f4; }
.escalation { border: 2px solid #b00020; padding: 0.5rem 1rem; }
.not-recorded { color: #666; font-style: italic; }
.origin, .sources { color: #555; font-size: 0.9em; }
table { border-collapse: collapse; margin: 0.5rem 0; }
th, td { border: 1px solid #ccc; padding: 0.2rem 0.6rem; text-align: left; vertical-align: top; }
.chart { display: block; max-width: 100%; height: auto; }
.chart .grid { stroke: #ddd; } .chart .axis { font-size: 11px; fill: #555; }
.chart .range { stroke: #9ab; stroke-width: 6; stroke-linecap: round; }
.chart .mean { fill: none; stroke: #1f5fa8; stroke-width: 2; } .chart .day { fill: #1f5fa8; }
/* The chart shrinks with a narrow window: its labels grow in its own units to stay readable. */
@media (max-width: 46rem) { .chart .axis { font-size: 14px; } }
/* A phone: tables in a smaller type, so that five columns fit 360 px without breaking a word; the
   chart's labels at 9 px or more, every other date left out so that they do not collide. */
@media (max-width: 32rem) {
  body { margin: 1rem auto; padding: 0 0.5rem; }
  table { font-size: 0.8em; } th, td { padding: 0.15rem 0.2rem; }
  .chart .axis { font-size: 19px; } .chart .minor { display: none; }
}
/* The narrowest phones, down to 320 px (the width WCAG asks a page to reflow to). */
@media (max-width: 22rem) { table { font-size: 0.7em; } .chart .axis { font-size: 22px; } }
/* Paper: a printed page's type and spacing, so that three weeks fit on as few pages as read well. */
@media print {
  @page { margin: 10mm 12mm; }
  body { font-size: 8.5pt; line-height: 1.2; max-width: none; margin: 0; padding: 0; }
  h1 { font-size: 13pt; margin: 0 0 3pt; } h2 { font-size: 10.5pt; margin: 6pt 0 2pt; }
  h3 { font-size: 8.5pt; margin: 4pt 0 1pt; } p, ul { margin: 2pt 0; } ul { padding-left: 1.4em; }
  table { margin: 2pt 0; } th, td { padding: 0.5pt 4pt; } .disclaimer, .escalation { padding: 2pt 6pt; }
  .chart { width: 100%; max-height: 40mm; } .chart .axis { font-size: 13px; }
  /* A long table of days under the chart (ten days or more) in two columns: its rows are short. */
  .chart + table:has(tr:nth-child(11)) { display: block; columns: 2; column-gap: 8mm; }
  .chart + table:has(tr:nth-child(11)) tbody { display: grid; grid-template-columns: repeat(5, auto); }
  .chart + table:has(tr:nth-child(11)) tr { display: contents; }
  .chart + table:has(tr:nth-child(11)) :is(th, td) { border: 0; border-bottom: 1px solid #ccc; white-space: nowrap; }
  h2, h3 { break-after: avoid; } tr, li, .chart { break-inside: avoid; }
}
"""


# A phone lays the page out at its own width (so the phone rules of STYLE apply), not at 980 px shrunk.
VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1">'
_NOT_RECORDED = f'<span class="not-recorded">{words.NOT_RECORDED}</span>'


def _e(text: str) -> str:
    return escape(visible(text), quote=True)


def _sources(cited: list[Cited]) -> str:
    from backspasm.kb.safety import link_target

    targets = [link_target(c.url) for c in cited]  # never javascript: or data: in an href
    parts = [f'<a href="{_e(t)}">{_e(c.title)}</a>' if t else _e(c.title) for c, t in zip(cited, targets, strict=True)]
    return f'<div class="sources">Sources: {"; ".join(parts)}</div>' if parts else ""


def _reasons(reasons: list[Reason]) -> list[str]:
    out = ["<ul>"]
    for r in reasons:
        shown = f"<div>From the journal: {_e('; '.join(r.shown))}.</div>" if r.shown else ""
        out.append(f"<li><strong>{_e(r.title)}.</strong> {_e(r.why)}{shown}{_sources(r.sources)}</li>")
    return [*out, "</ul>"]


def _answer(answer: Answer) -> str:
    if answer.value is not None:
        value = f"<strong>{_e(answer.value)}</strong>"
    else:
        value = f'<span class="not-recorded">{_e(answer.absent)}</span>' if answer.absent else _NOT_RECORDED
    origin = f' <span class="origin">({_e(answer.origin)})</span>' if answer.origin else ""
    return f"<li>{_e(answer.label)}{words.after_label(answer.label)}{value}{origin}</li>"


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    out = ["<table>", "<tr>" + "".join(f"<th>{_e(h)}</th>" for h in head) + "</tr>"]
    out += ["<tr>" + "".join(f"<td>{_e(cell)}</td>" for cell in row) + "</tr>" for row in rows]
    return [*out, "</table>"]


def _escalation(report: Report) -> list[str]:
    found = report.escalation
    if found is None:
        return []
    out = ['<section class="escalation">', f"<h2>{_e(words.escalation_title(found.level))}</h2>"]
    out.append(f"<p><strong>{_e(found.headline.rstrip('.'))}.</strong></p>")
    if found.call:
        out.append(f"<p><strong>{_e(found.call)}</strong></p>")
    return [*out, *_reasons(found.reasons), "</section>"]


def _doctor(report: Report) -> list[str]:
    out = ["<h2>Answers to the doctor's usual questions</h2>"]
    for question in report.doctor:
        out += [f"<h3>{_e(question.question)}</h3>", "<ul>", *[_answer(a) for a in question.answers], "</ul>"]
    return out


def _triage(report: Report, levels: words.Levels) -> list[str]:
    runs = report.triages
    if not runs:
        return ["<h2>Triage</h2>", f"<p>No triage saved. {_e(words.TRIAGE_HELP)}</p>", *_visits(report)]
    title = "Triage" if len(runs) == 1 else f"Triage ({len(runs)} runs, most urgent first)"
    out = [f"<h2>{_e(title)}</h2>"]
    for run in runs:
        out += _one_triage(run, levels)
    return [*out, *_visits(report)]


def _one_triage(run: TriageSummary, levels: words.Levels) -> list[str]:
    out = [f"<h3>{_e(words.level_short(run.disposition, levels))} ({_e(moment_text(run.at))})</h3>"]
    if run.headline:
        out.append(f"<p><strong>{_e(run.headline.rstrip('.'))}.</strong></p>")
    out += _reasons(run.reasons) if run.reasons else ["<p>No warning sign was found.</p>"]
    if run.advice:
        out.append(f"<p>Advice given: {_e(run.advice)}</p>")
    if run.startback_risk:
        out.append(f"<p>STarT Back risk group: {_e(run.startback_risk)}</p>")
    if run.unanswered:
        out.append(f"<p>{_e(words.not_asked(run.unanswered))}</p>")
    return out


def _visits(report: Report) -> list[str]:
    if not report.visits:
        return []
    items = [
        f"<li>{_e(moment_text(v.at))}{': ' + _e(v.note) if v.note else ''}</li>" for v in report.visits
    ]
    return ["<p>Seen by a doctor (recorded with <code>backspasm log --saw-doctor</code>):</p>", "<ul>", *items, "</ul>"]


def _trend(report: Report) -> list[str]:
    out = ["<h2>Pain trend</h2>"]
    if not report.trend:
        return [*out, f"<p>No pain entries in these {report.days} days.</p>"]
    out.append(pain_chart(report.trend, report.trend_first_day, local_day(report.generated_at)))
    rows = [[day_text(d.day), str(d.count), str(d.low), str(d.high), pain_text(d.mean)] for d in report.trend]
    return [*out, *_table(["Day", "Entries", "Lowest", "Highest", "Average"], rows)]


def _notes(report: Report) -> list[str]:
    if not report.notes:
        return []
    rows = [[moment_text(e.at), str(e.pain), e.note or ""] for e in report.notes]
    return [f"<h2>{_e(NOTES_HEADING)}</h2>", *_table(["When", "Pain", "Note"], rows)]


def _activity(report: Report) -> list[str]:
    none = f"<p>None recorded in these {report.days} days.</p>"
    out = ["<h2>Ice and heat sessions</h2>"]
    sessions = [
        [s.protocol, str(s.count), str(s.completed), words.minutes(s.applied_minutes), moment_text(s.last)]
        for s in report.sessions
    ]
    out += _table(["Protocol", "Sessions", "Completed", "Minutes applied", "Last"], sessions) if sessions else [none]
    out.append("<h2>Stretch routines</h2>")
    stretches = [
        [r.routine, str(r.count), str(r.completed), ", ".join(r.worse) or "-", moment_text(r.last)]
        for r in report.stretches
    ]
    head = ["Routine", "Runs", "Completed", "Stopped: pain got worse", "Last"]
    out += _table(head, stretches) if stretches else [none]
    out.append("<h2>Remedies tried</h2>")
    remedies = [[r.name, str(r.times), moment_text(r.last)] for r in report.remedies]
    out += _table(["Remedy", "Times", "Last"], remedies) if remedies else [none]
    return out


def render_html(report: Report, levels: words.Levels) -> str:
    """The whole report as an HTML document."""
    body = [f"<h1>{_e(words.TITLE)}</h1>", f"<p>{_e(words.covering(report))}</p>"]
    body.append(f'<p class="disclaimer">{_e(words.DISCLAIMER)}</p>')
    for part in (_escalation, _doctor, _notes):
        body += part(report)
    body += _triage(report, levels)
    for part in (_trend, _activity):
        body += part(report)
    head = f'<meta charset="utf-8">\n{VIEWPORT}\n<title>{_e(words.TITLE)}</title>\n<style>{STYLE}</style>'
    return (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n{head}\n</head>\n<body>\n'
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
