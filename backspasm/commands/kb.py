"""`backspasm kb check`: validate a knowledge-base directory.

Options and help only; the work is in backspasm/kb/actions.py.
"""

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
    from backspasm.kb import actions

    actions.check(directory)


def register(app: typer.Typer) -> None:
    """Add the `kb` group to the app."""
    app.add_typer(kb_app, name="kb")
