"""`backspasm today`: the plan for today from the episode, the journal and the knowledge base."""

from __future__ import annotations

from typing import Annotated

import typer


def today(
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the plan as JSON: phase, day, next steps, done today, escalation.")
    ] = False,
    plain: Annotated[
        bool, typer.Option("--plain", help="One line per item, no colours (screen readers, scripts).")
    ] = False,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="WHEN",
            help="When this episode began: 2024-03-01 18:00, 'yesterday 18:00', '2 days ago'. "
            "Default: from your latest triage or journal.",
        ),
    ] = None,
) -> None:
    """What to do today: where you are in this episode, what comes first, the next steps, what is done.

    The plan comes from your latest triage, your journal and the advice in the knowledge base.

    Example: backspasm today --since "2 days ago"
    """
    from backspasm.today.actions import today as run

    run(as_json=as_json, plain=plain, since=since)


def register(app: typer.Typer) -> None:
    """Add `backspasm today` to the app."""
    app.command("today")(today)
