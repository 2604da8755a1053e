"""The reminder before a session or stretch: what a recent triage said, and what came of asking."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from backspasm.render.console import LEVEL_STYLES

if TYPE_CHECKING:
    from rich.console import Console

    from backspasm.journal.reminder import Reminder


def show_reminder(console: Console, reminder: Reminder) -> None:
    """What the triage said and what to do if not seen yet, in the level's colour."""
    console.print(
        Text(
            f"{reminder.said}. If you have not been seen yet: {reminder.headline}.",
            style=LEVEL_STYLES.get(reminder.level, "bold"),
        )
    )


def show_noted(console: Console) -> None:
    """The visit the person confirmed is in the journal now."""
    console.print("Noted in your journal: seen by a doctor (details: `backspasm log --saw-doctor --note TEXT`).")


def show_get_seen(console: Console, reminder: Reminder) -> None:
    """Not seen yet: be seen first."""
    console.print(Text(f"Please get seen first: {reminder.headline}.", style="bold"))


def show_not_started(console: Console, what: str) -> None:
    """The person chose not to start."""
    console.print(f"{what[:1].upper()}{what[1:]} did not start.")
