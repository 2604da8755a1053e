"""The report for the doctor laid out as Markdown, HTML (with an inline SVG chart), PDF or CSV.

The writers take the finished document (`document.py`), built once by `journal/report_document.py`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from backspasm.render.report.document import Document, Table

FORMATS = ("markdown", "html", "pdf", "csv")
# The PDF's paper sizes: A4 unless asked.
PAPERS = ("a4", "letter")
# What an --output file's suffix says about the format wanted.
SUFFIXES = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "markdown",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".pdf": "pdf",
}


def render(document: Document, fmt: str, paper: str = "a4") -> bytes:
    """The report as a file's bytes: Markdown or HTML as UTF-8, or a PDF on `paper`."""
    if fmt == "pdf":
        from backspasm.render.report.pdf import render_pdf  # reportlab: only here

        return render_pdf(document, paper)
    if fmt == "html":
        from backspasm.render.report.html import render_html

        return render_html(document).encode("utf-8")
    from backspasm.render.report.markdown import render_markdown

    return render_markdown(document).encode("utf-8")


def render_csv(table: Table) -> str:
    """The raw pain journal as CSV."""
    from backspasm.render.report.table import render_csv as csv_text

    return csv_text(table)
