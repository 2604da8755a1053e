"""Guided stretches: `backspasm stretch [ROUTINE]` and `backspasm stretch --list`."""

from __future__ import annotations

from typing import Annotated

import typer

from backspasm.completion.actions import completer


def stretch(
    routine: Annotated[
        str | None,
        typer.Argument(
            metavar="[ROUTINE]",
            help="The routine to run ('backspasm stretch --list'); without it, the first one (lower-back).",
            show_default=False,
            autocompletion=completer("routine"),
        ),
    ] = None,
    list_routines: Annotated[
        bool, typer.Option("--list", "-l", help="List the routines and their stretches instead of running one.")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="With --list: print JSON on stdout instead of a table.")
    ] = False,
    yes: Annotated[
        bool,
        typer.Option("--yes", "-y", help="Answer 'not worse' after each stretch without asking (scripts)."),
    ] = False,
    plain: Annotated[
        bool, typer.Option("--plain", help="One line per event instead of a live display (screen readers, scripts).")
    ] = False,
    no_bell: Annotated[bool, typer.Option("--no-bell", help="No terminal bell when a hold starts or ends.")] = False,
    ready: Annotated[
        int,
        typer.Option(
            "--ready",
            metavar="SECONDS",
            min=0,
            max=600,
            help="Time to get into position before each stretch (Enter starts the hold sooner).",
        ),
    ] = 20,
) -> None:
    """Run a routine of gentle stretches step by step: what to do, a counted hold, rest, repeat.

    After each stretch you are asked whether the pain got worse; if it did, the routine stops.
    Before each stretch there is time to get into position (20 s; --ready changes it; Enter starts
    the hold sooner). Keys: space or p pauses and resumes, q ends the routine. Every run is saved
    in your journal.
    Example: backspasm stretch lower-back
    """
    from backspasm.stretch.actions import StretchOptions, run

    run(
        StretchOptions(
            routine=routine,
            list_routines=list_routines,
            as_json=as_json,
            yes=yes,
            plain=plain,
            bell=not no_bell,
            ready=ready,
        )
    )


def register(app: typer.Typer) -> None:
    """Add `backspasm stretch` to the app."""
    app.command("stretch")(stretch)
