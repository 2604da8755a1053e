"""The report for the doctor as Markdown, HTML (with an inline SVG chart) or CSV."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

    from backspasm.journal.doctor_report import Report
    from backspasm.kb.views import TriageLevel
    from backspasm.storage.journal import PainEntry

FORMATS = ("markdown", "html", "csv")
# What an --output file's suffix says about the format wanted.
SUFFIXES = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "markdown",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
}


def render(report: Report, fmt: str, levels: Mapping[str, TriageLevel]) -> str:
    """The report as Markdown or HTML text; `levels` are the knowledge base's words for each triage level."""
    if fmt == "html":
        from backspasm.render.report.html import render_html

        return render_html(report, levels)
    from backspasm.render.report.markdown import render_markdown

    return render_markdown(report, levels)


def render_csv(entries: list[PainEntry]) -> str:
    """The raw pain journal as CSV."""
    from backspasm.render.report.table import render_csv as csv_text

    return csv_text(entries)
