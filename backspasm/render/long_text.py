"""Long plain text for reading (the report, help): wrapped in whole words and paged on a terminal.

Light until it draws: piped or redirected, the text is written as it is and rich is never imported.
"""

from __future__ import annotations

import sys

from backspasm.wrapping import wrap_words


def on_terminal() -> bool:
    """Whether output reaches a person at a terminal that can page (not piped, not dumb, PAGER not cat)."""
    from backspasm.plain_output import pager_off

    return sys.stdout.isatty() and sys.stdin.isatty() and not pager_off()


def wrapped_lines(text: str, width: int) -> list[str]:
    """Each line wrapped in whole words to `width`; a list item ("- ", "1. ", a caution's "! ") hangs under its text."""
    lines: list[str] = []
    for line in text.rstrip("\n").split("\n"):
        body = line.lstrip(" ")
        if not body:
            lines.append("")
            continue
        indent = line[: len(line) - len(body)]
        first = body.split(" ", 1)[0]
        listed = body[:2] in ("- ", "* ", "! ") or (first.endswith(".") and first[:-1].isdigit())
        hang = indent + " " * (len(first) + 1) if listed else indent
        lines += wrap_words(body, width, indent=indent, hang=hang)
    return lines


def page_text(text: str) -> None:
    """Long text for reading: on a terminal wrapped in whole words and through the pager; else as it is."""
    if not on_terminal():
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from rich.text import Text

    from backspasm.render.console import make_console, paged

    console = make_console()
    with paged(console) as pager:
        pager.print(Text("\n".join(wrapped_lines(text, console.width))), soft_wrap=True)
