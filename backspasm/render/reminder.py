"""The reminder before a session or stretch: what a recent triage said, and whether to start."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from backspasm.render.console import LEVEL_STYLES, make_console

if TYPE_CHECKING:
    from rich.console import Console

    from backspasm.emergency.number import EmergencyNumber
    from backspasm.view_values.reminder import Reminder


def render_reminder(reminder: Reminder, number: EmergencyNumber, console: Console | None = None) -> None:
    """What the triage said, in its level's colour, what to do if not seen yet, and whom to call."""
    console = console or make_console()
    console.print(
        Text(
            f"{reminder.said}. If you have not been seen yet: {reminder.headline}.",
            style=LEVEL_STYLES.get(reminder.level, "bold"),
        )
    )
    call = number.line_for(reminder.level)
    if call:
        console.print(Text(call, style="bold"))


def render_visit_noted(console: Console | None = None) -> None:
    """The visit the person just confirmed is in the journal."""
    (console or make_console()).print(
        "Noted in your journal: seen by a doctor (details: `backspasm log --saw-doctor --note TEXT`)."
    )


def render_get_seen_first(reminder: Reminder, console: Console | None = None) -> None:
    """Not seen yet: get seen first."""
    first = reminder.first or f"Please get seen first: {reminder.headline}."
    (console or make_console()).print(Text(first, style="bold"))


def render_not_started(what: str, console: Console | None = None) -> None:
    """The activity did not start."""
    (console or make_console()).print(f"{what[:1].upper()}{what[1:]} did not start.")
