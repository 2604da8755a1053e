"""The report for the doctor laid out as Markdown, HTML (with an inline SVG chart), PDF or CSV.

The writers take the finished document (`document.py`), built once by `journal/report_document.py`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from backspasm.render.report.document import Document, Table

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


def render(document: Document, fmt: str) -> str:
    """The report as Markdown or HTML text."""
    if fmt == "html":
        from backspasm.render.report.html import render_html

        return render_html(document)
    from backspasm.render.report.markdown import render_markdown

    return render_markdown(document)


def render_csv(table: Table) -> str:
    """The raw pain journal as CSV."""
    from backspasm.render.report.table import render_csv as csv_text

    return csv_text(table)
