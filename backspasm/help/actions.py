"""Show a command's help: through the pager on a terminal when it is long, as it is when piped."""

from __future__ import annotations


def show_help(text: str) -> None:
    """Print help text (already formatted by click); on a terminal, long help goes through the pager."""
    from backspasm.render.long_text import page_text

    page_text(text if text.endswith("\n") else text + "\n")
