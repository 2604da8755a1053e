"""`backspasm kb check`: validate a knowledge-base directory."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

kb_app = typer.Typer(help="Work with the knowledge base (the YAML files under data/).", no_args_is_help=True)


@kb_app.command("check")
def check(
    directory: Annotated[
        Path | None,
        typer.Argument(
            metavar="[DIR]",
            help="A knowledge-base directory (default: BACKSPASM_KB or the built-in one).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Validate a knowledge base: schema errors, then unique ids, sources and references.

    Prints one line per problem as `file: path.to.field: message` and exits 1, or exits 0 when clean.
    Example: backspasm kb check data/
    """
    from backspasm.kb.check import check as run_check
    from backspasm.kb.location import active_dir
    from backspasm.text_safety import visible

    target = directory if directory is not None else active_dir()
    problems = run_check(target)
    for problem in problems:
        typer.echo(visible(problem))
    if problems:
        typer.echo(visible(f"{len(problems)} problem(s) in {target}"), err=True)
        raise typer.Exit(1)
    typer.echo(visible(f"{target}: the knowledge base is valid"), err=True)


def register(app: typer.Typer) -> None:
    """Add the `kb` group to the app."""
    app.add_typer(kb_app, name="kb")
