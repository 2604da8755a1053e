"""Journal rows a command could not read, said once on stderr when the command ends; and what to say at once.

The readers in storage/ leave such a row out (or show it without the value they could not read)
and note it here; they never print. The CLI's error boundary prints what was noted, one line per
kind of row and problem: "1 session row could not be read (id 7): its start time is not a time".
Kept free of imports: the CLI asks it after every command. What cannot wait for the end (the
journal was damaged and moved aside) is told at once through the writer the CLI hands `speak_with`.
"""

from __future__ import annotations

from collections.abc import Callable

# How each table's rows are named in a sentence; any other table by its own name.
ROW_WORDS = {
    "pain_entries": "pain entry",
    "triage_runs": "triage run",
    "sessions": "session",
    "stretch_runs": "stretch routine",
    "doctor_visits": "doctor visit",
}
# At most this many ids are listed in one line.
IDS_SHOWN = 5

# (table, problem, whether the rest of the row was shown) -> the ids, in the order noted.
_noted: dict[tuple[str, str, bool], list[object]] = {}
_seen: set[tuple[str, object, str]] = set()
# Whole lines noted as they are (for example how many exported rows had text that is not UTF-8).
_lines: list[str] = []


def note(table: str, row_id: object, problem: str, *, partly: bool = False) -> None:
    """A row of `table` that could not be read: `problem` starts "its ..." ("its start time is not a time").

    `partly` when the row was still shown, without the value that could not be read.
    """
    if (table, row_id, problem) in _seen:
        return
    _seen.add((table, row_id, problem))
    _noted.setdefault((table, problem, partly), []).append(row_id)


# The CLI's writer of a line on stderr; None outside the CLI, where a line waits with the others.
_speak: Callable[[str], None] | None = None


def speak_with(writer: Callable[[str], None] | None) -> None:
    """The writer `tell` says its lines with (the CLI's, set before each command runs)."""
    global _speak
    _speak = writer


def tell(line: str) -> None:
    """A line to say now, before the command goes on; kept for the end when no writer was given."""
    if _speak is not None:
        _speak(line)
    else:
        note_line(line)


def note_line(line: str) -> None:
    """A line to say once when the command ends."""
    if line not in _lines:
        _lines.append(line)


def withdraw_line(line: str) -> None:
    """Take back a line noted earlier (a more precise one says the same)."""
    if line in _lines:
        _lines.remove(line)


def _ids(ids: list[object]) -> str:
    shown = ", ".join(str(i) for i in ids[:IDS_SHOWN])
    more = f" and {len(ids) - IDS_SHOWN} more" if len(ids) > IDS_SHOWN else ""
    return f"id {shown}" if len(ids) == 1 else f"ids {shown}{more}"


def lines() -> list[str]:
    """What was noted, one line per kind of row and problem, then the whole lines; noting starts afresh."""
    said = []
    for (table, problem, partly), ids in _noted.items():
        words = ROW_WORDS.get(table, f"{table}")
        count = len(ids)
        rows = f"{count} {words} row{'s' if count != 1 else ''}"
        how = "could not be read in full" if partly else "could not be read"
        text = problem if count == 1 else problem.replace("its ", "their ", 1)
        said.append(f"{rows} {how} ({_ids(ids)}): {text}")
    said += _lines
    _noted.clear()
    _seen.clear()
    _lines.clear()
    return said
