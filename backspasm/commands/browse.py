"""Browse the knowledge base: `remedies` (and `remedies show`), `causes`, `warning-signs`.

Options and help only; the work is in backspasm/browse/actions.py.
"""

from __future__ import annotations

from typing import Annotated

import typer

from backspasm.completion.actions import completer
from backspasm.kb.vocab import CATEGORIES, STANCES

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead of a table.")]

remedies_app = typer.Typer(
    help="What helps with a back spasm, graded by the strength of the evidence.",
    invoke_without_command=True,
    no_args_is_help=False,
)


@remedies_app.callback()
def remedies(
    ctx: typer.Context,
    category: Annotated[
        str | None, typer.Option("--category", "-c", help=f"Only this category: {', '.join(CATEGORIES)}.")
    ] = None,
    phase: Annotated[
        str | None,
        typer.Option(
            "--phase",
            "-p",
            help="Only remedies suiting this phase: early (the first two days), later, prevention.",
        ),
    ] = None,
    stance: Annotated[
        str | None, typer.Option("--stance", "-s", help=f"Only this stance: {', '.join(STANCES)}.")
    ] = None,
    mine: Annotated[
        bool,
        typer.Option(
            "--mine",
            help="The remedies you logged (log --tried) with how your pain changed by your next entry"
            " within 4 hours, beside the evidence grade.",
        ),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """List remedies with their category, phase, evidence grade and stance.

    Example: backspasm remedies --phase early --stance recommended
    Your own experience beside the evidence: backspasm remedies --mine
    """
    if ctx.invoked_subcommand is not None:
        return
    from backspasm.browse import actions

    actions.remedies(category=category, phase=phase, stance=stance, as_json=as_json, mine=mine)


@remedies_app.command("show")
def remedies_show(
    remedy_id: Annotated[
        str,
        typer.Argument(metavar="ID", help="A remedy id from `backspasm remedies`.", autocompletion=completer("remedy")),
    ],
    as_json: JsonOption = False,
) -> None:
    """Show one remedy in full: steps, cautions, evidence and sources.

    Example: backspasm remedies show superficial-heat
    """
    from backspasm.browse import actions

    actions.remedy(remedy_id, as_json=as_json)


def causes(as_json: JsonOption = False) -> None:
    """List common causes of back spasms and how to prevent the next one.

    Example: backspasm causes
    """
    from backspasm.browse import actions

    actions.causes(as_json=as_json)


def warning_signs(as_json: JsonOption = False) -> None:
    """List the warning signs that need a doctor, most urgent first.

    Example: backspasm warning-signs --json
    """
    from backspasm.browse import actions

    actions.warning_signs(as_json=as_json)


def register(app: typer.Typer) -> None:
    """Add remedies, causes and warning-signs to the app."""
    app.add_typer(remedies_app, name="remedies")
    app.command("causes")(causes)
    app.command("warning-signs")(warning_signs)
