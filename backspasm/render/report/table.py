"""The raw pain journal as CSV for spreadsheets: one row per entry, oldest first."""

from __future__ import annotations

import csv
import io

from backspasm.clock.now import local
from backspasm.storage.journal import PainEntry
from backspasm.text_safety import visible

COLUMNS = ["id", "at", "date", "time", "pain", "tried", "note"]
# A cell starting with one of these is run as a formula by spreadsheets; a leading
# apostrophe keeps a note such as "=2 pills" as text (the OWASP advice for CSV export).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _inert(text: str) -> str:
    text = visible(text)  # no ESC or BEL reaches a terminal that shows the CSV
    return "'" + text if text.startswith(_FORMULA_START) else text


def render_csv(entries: list[PainEntry]) -> str:
    """The entries as CSV text with a header row; `tried` holds remedy ids separated by spaces."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for entry in entries:
        at = local(entry.at)
        writer.writerow(
            [
                entry.id,
                at.isoformat(timespec="seconds"),
                at.date().isoformat(),
                at.strftime("%H:%M"),
                entry.pain,
                " ".join(entry.tried),
                _inert(entry.note or ""),
            ]
        )
    return out.getvalue()
