"""Help that reads like the README: `ID` not `{ID}`, `--days DAYS` not `<int range>`, summaries never cut.

Applied once to the whole command tree when the app is built (BackspasmGroup), so every command,
present and future, gets it without each one asking.
"""

from __future__ import annotations

import re
from typing import Any

from typer.core import TyperArgument, TyperOption

# Click describes ranges as "1<=x<=10" and "x>=1"; people read "1 to 10" and "1 or more".
_BOTH = re.compile(r"(-?[\d.]+)<=x<=(-?[\d.]+)")
_LOW = re.compile(r"x>=(-?[\d.]+)")
_HIGH = re.compile(r"x<=(-?[\d.]+)")


class PlainArgument(TyperArgument):
    """An argument whose usage metavar is `FILE`, not Typer's `{FILE}` for a required one."""

    def make_metavar(self, ctx: Any, *, usage: bool = False) -> str:
        var = super().make_metavar(ctx, usage=usage)
        if var.startswith("{") and var.endswith("}"):
            return var[1:-1]
        return var


class PlainOption(TyperOption):
    """An option shown as `--rounds ROUNDS` (not `<int range>`), with its range in words."""

    def make_metavar(self, ctx: Any) -> str:
        if self.metavar is None and not self.is_flag:
            longest = max(self.opts, key=len).lstrip("-")
            return longest.upper().replace("-", "_")
        return str(super().make_metavar(ctx))

    def get_help_record(self, ctx: Any) -> tuple[str, str] | None:
        record = super().get_help_record(ctx)
        if record is None:
            return None
        names, text = record
        text = _BOTH.sub(r"\1 to \2", text)
        text = _LOW.sub(r"\1 or more", text)
        return names, _HIGH.sub(r"at most \1", text)


def summary(help_text: str | None) -> str:
    """The first paragraph of a command's help, on one line: its summary in a command list."""
    first = (help_text or "").strip().split("\n\n", 1)[0]
    return " ".join(first.split())


class _HelpNames:
    """What click reads of a context to name the help option: its names (the app's, -h and --help)."""

    help_option_names = ("-h", "--help")


def _paged_help(ctx: Any, param: Any, value: bool) -> None:
    """--help: the help through the pager on a terminal (long help scrolled off at 80x24), else printed."""
    if value and not ctx.resilient_parsing:
        from backspasm.help.actions import show_help

        show_help(ctx.get_help())
        ctx.exit()


def tidy(command: Any) -> None:
    """Plain argument metavars, full summaries and paged help, for this command and everything under it."""
    option = command.get_help_option(_HelpNames()) if hasattr(command, "get_help_option") else None
    if option is not None:
        option.callback = _paged_help
    for param in getattr(command, "params", []):
        # Same fields, a method or two different: swapping the class reaches every command at once.
        if type(param) is TyperArgument:
            param.__class__ = PlainArgument
        elif type(param) is TyperOption:
            param.__class__ = PlainOption
    for child in (getattr(command, "commands", None) or {}).values():
        if not child.short_help:
            # click cuts a summary it makes from the help at 45 characters or so, with "..."; a summary
            # given outright is wrapped in its column instead.
            child.short_help = summary(child.help)
        tidy(child)
