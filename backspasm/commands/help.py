"""`backspasm help [COMMAND]...`: the same help as `backspasm COMMAND --help`."""

from __future__ import annotations

from typing import Annotated

import typer


def help_command(
    ctx: typer.Context,
    command: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[COMMAND]...", help="The command, for example: session, or data export.", show_default=False
        ),
    ] = None,
) -> None:
    """Show the help of backspasm or of one command, like --help.

    Example: backspasm help data export
    """
    from backspasm.errors import UsageError

    current = ctx.find_root()
    path: list[str] = []
    for name in command or []:
        group = current.command
        found = group.get_command(current, name.lower()) if hasattr(group, "get_command") else None
        if found is None:
            where = " ".join(["backspasm", *path])
            raise UsageError(f"no command '{' '.join([*path, name])}'; '{where} --help' lists the commands")
        path.append(name.lower())
        # resilient_parsing: build the command's context without asking for its required arguments.
        current = found.make_context(name.lower(), [], parent=current, resilient_parsing=True)
    from backspasm.help.actions import show_help

    show_help(current.get_help())


def register(app: typer.Typer) -> None:
    """Add `backspasm help` to the app."""
    app.command("help")(help_command)
