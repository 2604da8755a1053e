"""A table as CSV for spreadsheets: the raw pain journal, one row per entry."""

from __future__ import annotations

import csv
import io

from backspasm.render.report.document import Table
from backspasm.text_safety import visible

# A cell starting with one of these is run as a formula by spreadsheets; a leading
# apostrophe keeps a note such as "=2 pills" as text (the OWASP advice for CSV export).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _inert(text: str) -> str:
    text = visible(text)  # no ESC or BEL reaches a terminal that shows the CSV
    return "'" + text if text.startswith(_FORMULA_START) else text


def render_csv(table: Table) -> str:
    """The table as CSV text with a header row; a text cell that a spreadsheet would run stays text."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.head)
    for row in table.rows:
        writer.writerow(cell if index in table.numeric else _inert(cell) for index, cell in enumerate(row))
    return out.getvalue()
