"""Help that reads like the README: `ID` instead of `{ID}`, and command summaries never cut with "...".

Applied once to the whole command tree when the app is built (BackspasmGroup), so every command,
present and future, gets it without each one asking.
"""

from __future__ import annotations

from typing import Any

from typer.core import TyperArgument


class PlainArgument(TyperArgument):
    """An argument whose usage metavar is `FILE`, not Typer's `{FILE}` for a required one."""

    def make_metavar(self, ctx: Any, *, usage: bool = False) -> str:
        var = super().make_metavar(ctx, usage=usage)
        if var.startswith("{") and var.endswith("}"):
            return var[1:-1]
        return var


def summary(help_text: str | None) -> str:
    """The first paragraph of a command's help, on one line: its summary in a command list."""
    first = (help_text or "").strip().split("\n\n", 1)[0]
    return " ".join(first.split())


def tidy(command: Any) -> None:
    """Plain argument metavars and full summaries, for this command and everything under it."""
    for param in getattr(command, "params", []):
        if type(param) is TyperArgument:
            param.__class__ = PlainArgument  # same fields, one method different
    for child in (getattr(command, "commands", None) or {}).values():
        if not child.short_help:
            # click cuts a summary it makes from the help at 45 characters or so, with "..."; a summary
            # given outright is wrapped in its column instead.
            child.short_help = summary(child.help)
        tidy(child)
