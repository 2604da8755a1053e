"""The report as one self-contained HTML page: inline style and chart, every text escaped."""

from __future__ import annotations

from html import escape

from backspasm.render.report.document import (
    Block,
    BulletList,
    Document,
    Paragraph,
    Run,
    Section,
    Table,
    safe_url,
)
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
/* The printed report is a one-page summary: a section it shortens comes twice, whole for the
   screen and short for paper. */
.print-only { display: none; }
/* Paper: a printed page's type (8 pt, never smaller) and spacing, so that three weeks fit on one page. */
@media print {
  .screen-only { display: none; } .print-only { display: block; }
  @page { margin: 10mm 12mm 12mm; }
  body { font-size: 8pt; line-height: 1.175; max-width: none; margin: 0; padding: 0; }
  .origin, .sources { font-size: 1em; }
  h1 { font-size: 13pt; margin: 0 0 2pt; } h2 { font-size: 10.5pt; margin: 4pt 0 1pt; }
  h3 { font-size: 8pt; margin: 3pt 0 1pt; } p, ul { margin: 1pt 0; } ul { padding-left: 1.4em; }
  table { margin: 2pt 0; } th, td { padding: 0.5pt 4pt; } .disclaimer, .escalation { padding: 2pt 6pt; }
  .chart { width: 100%; max-height: 40mm; } .chart .axis { font-size: 13px; }
  .chart.printed .axis { font-size: 10px; }
  /* Each day's figures are left to the history (the notes say so): a page has no room for them. */
  .chart.printed + table { display: none !important; }
  /* A long table of days under the chart (ten days or more) in two columns: its rows are short. */
  .chart + table:has(tr:nth-child(11)) { display: block; columns: 2; column-gap: 8mm; }
  .chart + table:has(tr:nth-child(11)) tbody { display: grid; grid-template-columns: repeat(5, auto); }
  .chart + table:has(tr:nth-child(11)) tr { display: contents; }
  .chart + table:has(tr:nth-child(11)) :is(th, td) { border: 0; border-bottom: 1px solid #ccc; white-space: nowrap; }
  h2, h3 { break-after: avoid; } tr, li, .chart { break-inside: avoid; }
  /* The doctor's questions side by side, each whole: short lines that would leave half the page white. */
  .parts { columns: 2; column-gap: 6mm; } .part { break-inside: avoid; } .part h3 { margin-top: 0; }
  .part ul { margin: 0 0 3pt; }
}
"""


# How each style of run is marked up (the classes are STYLE's).
_MARKUP = {
    "strong": ("<strong>", "</strong>"),
    "code": ("<code>", "</code>"),
    "absent": ('<span class="not-recorded">', "</span>"),
    "muted": ('<span class="origin">', "</span>"),
}
# A phone lays the page out at its own width (so the phone rules of STYLE apply), not at 980 px shrunk.
VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1">'


def _e(text: str) -> str:
    return escape(visible(text), quote=True)


def _run(run: Run) -> str:
    if run.style == "link":
        target = safe_url(run.url)  # never javascript: or data: in an href
        return f'<a href="{_e(target)}">{_e(run.text)}</a>' if target else _e(run.text)
    start, end = _MARKUP.get(run.style, ("", ""))
    return f"{start}{_e(run.text)}{end}"


def inline(runs: tuple[Run, ...]) -> str:
    """Runs as HTML, every piece of text escaped."""
    return "".join(_run(r) for r in runs)


def _list(block: BulletList) -> list[str]:
    out = ["<ul>"]
    for item in block.items:
        details = "".join(
            f'<div class="{_e(d.role)}">{inline(d.runs)}</div>' if d.role else f"<div>{inline(d.runs)}</div>"
            for d in item.details
        )
        out.append(f"<li>{inline(item.runs)}{details}</li>")
    return [*out, "</ul>"]


def _table(block: Table) -> list[str]:
    out = ["<table>", "<tr>" + "".join(f"<th>{_e(h)}</th>" for h in block.head) + "</tr>"]
    out += ["<tr>" + "".join(f"<td>{_e(cell)}</td>" for cell in row) + "</tr>" for row in block.rows]
    return [*out, "</table>"]


def _block(block: Block, depth: int) -> list[str]:
    if isinstance(block, Section):
        return _section(block, depth + 1)
    if isinstance(block, Paragraph):
        return [f"<p>{inline(block.runs)}</p>"]
    if isinstance(block, BulletList):
        return _list(block)
    if isinstance(block, Table):
        return _table(block)
    return [pain_chart(block)]


def _section(section: Section, depth: int) -> list[str]:
    level = min(depth, 6)
    out = [f"<h{level}>{_e(section.title)}</h{level}>"] if section.title else []
    parts = [b for b in section.blocks if isinstance(b, Section)]
    if section.columns > 1 and len(parts) > 1:
        # Short parts (the doctor's questions): a printed page sets them side by side, each whole.
        for block in section.blocks:
            if not isinstance(block, Section):
                out += _block(block, depth)
        out.append('<div class="parts">')
        out += [line for part in parts for line in ['<div class="part">', *_block(part, depth), "</div>"]]
        out.append("</div>")
    else:
        for block in section.blocks:
            out += _block(block, depth)
    if section.alert:
        out = ['<section class="escalation">', *out, "</section>"]
    if section.media != "all":  # the whole section on screen, its summary on paper
        out = [f'<div class="{section.media}-only">', *out, "</div>"]
    return out


def render_html(document: Document) -> str:
    """The whole report as an HTML document."""
    body = [f"<h1>{_e(document.title)}</h1>"]
    if document.name:
        body.append(f"<p>Patient: <strong>{_e(document.name)}</strong></p>")
    body += [f"<p>{_e(document.covering)}</p>", f'<p class="disclaimer">{_e(document.disclaimer)}</p>']
    for section in document.sections:
        body += _section(section, 2)
    head = f'<meta charset="utf-8">\n{VIEWPORT}\n<title>{_e(document.title)}</title>\n<style>{STYLE}</style>'
    return (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n{head}\n</head>\n<body>\n'
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
