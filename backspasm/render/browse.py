"""Hanging lines for rich screens: a marker with its text wrapped under the text, not the marker.

The browse lists themselves are drawn without rich (render/browse_lines.py, render/screen.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.text import Text


def hanging(console: Console, marker: str, text: str | Text, indent: int = 2, style: str = "") -> None:
    """Print `marker text` with wrapped lines aligned under the text, not under the marker."""
    console.print(hung(console, marker, text, indent, style), soft_wrap=True)


def hung(console: Console, marker: str, text: str | Text, indent: int = 2, style: str = "") -> Text:
    """`marker text` wrapped to the console with a hanging indent, as lines ready to print.

    Exactly what a two-column `Table.grid` prints (tests/test_render_hanging.py holds it to
    that), made by wrapping the text once: warning signs and causes print over a hundred of
    these, and a table for each took most of their time.
    """
    body = text if isinstance(text, Text) else Text(text, style=style)
    left = indent + len(marker)
    room = max(console.width - left - 1, 1)
    lines = body.wrap(console, room, overflow="fold")
    # The text column is as wide as the text's longest line, at most the room; a table pads to it.
    widest = min(max((line.cell_len for line in body.split("\n", allow_blank=True)), default=0), room)
    widest = max([widest, *(line.cell_len for line in lines)])
    out = Text()
    for number, line in enumerate(lines or [Text()]):
        if number:
            out.append("\n")
        out.append((marker if number == 0 else "").rjust(left) + " ")
        if widest == 0:  # an empty cell still gets its padding
            out.append(" ", style=body.style)
            continue
        line.pad_right(widest - line.cell_len)
        out.append_text(line)
    return out


def print_lines(console: Console, parts: Sequence[Text]) -> None:
    """Print ready lines (from `hung`) in one go: the same text as one print each, drawn once."""
    if parts:
        console.print(Text("\n").join(parts), soft_wrap=True)
