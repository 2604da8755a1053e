"""`backspasm plan`, `plan write` and `plan edit`: the flare-up plan.

Options and help only; the work is in backspasm/flareplan/actions.py, imported when a command runs.
"""

from __future__ import annotations

from typing import Annotated

import typer

plan_app = typer.Typer(
    name="plan",
    help="Your flare-up plan: written on a good day, shown first on a bad one.",
    invoke_without_command=True,
    no_args_is_help=False,
)


@plan_app.callback()
def plan(
    ctx: typer.Context,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the plan (or, with --history, every version) as JSON.")
    ] = False,
    plain: Annotated[
        bool, typer.Option("--plain", help="One line per item, no colours (screen readers, scripts).")
    ] = False,
    history: Annotated[bool, typer.Option("--history", help="Every version of the plan, newest first.")] = False,
) -> None:
    """Show your flare-up plan: what you do first when a spasm comes back, pacing, whom to tell and to call.

    It comes first on `today`, `log` and the welcome screen for a day after a triage, a first
    entry after 2 weeks, a rise in pain of 3 or more within a day, or pain of 7 or more.

    Example: backspasm plan write, then backspasm plan
    """
    if ctx.invoked_subcommand is not None:
        return
    from backspasm.flareplan.actions import show

    show(as_json=as_json, plain=plain, history=history)


@plan_app.command("write")
def write(
    from_file: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="FILE",
            help="Read the plan from a YAML or JSON file ('-' for stdin) instead of asking. "
            "Parts: first, painkillers, pacing, tell, call; each a line or a list of lines.",
        ),
    ] = None,
    plain: Annotated[
        bool, typer.Option("--plain", help="Ask as plain lines of text (screen readers); no colours.")
    ] = False,
) -> None:
    """Write your flare-up plan: a few questions, each with suggestions from your journal and the evidence.

    Type the numbers of suggestions, your own words, or both, separated by ';'. We never suggest
    doses: the painkillers part is in your own words. The signs that mean it is not a normal
    spasm are always added. A new plan is a new version; the older ones stay (plan --history).

    Example: backspasm plan write --from my-plan.yaml
    """
    from backspasm.flareplan.actions import write as run

    run(from_file=from_file, plain=plain)


@plan_app.command("edit")
def edit() -> None:
    """Edit your flare-up plan as text in your editor ($VISUAL or $EDITOR); it is checked before it is kept.

    Example: EDITOR=nano backspasm plan edit
    """
    from backspasm.flareplan.actions import edit as run

    run()


def register(app: typer.Typer) -> None:
    """Add the `plan` group to the app."""
    app.add_typer(plan_app)
