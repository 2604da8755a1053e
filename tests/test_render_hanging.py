"""`hanging` prints exactly what the two-column table grid it replaces printed, in any width and colour."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.table import Table
from rich.text import Text

from backspasm.render.browse import hanging

WORDS = ["a", "word", "longer", "extraordinarily", "x" * 30, "héllo", "—", "(see)", "12%", "🙂", "48–72"]


def grid(console: Console, marker: str, text: str | Text, indent: int = 2, style: str = "") -> None:
    """The table grid `hanging` used to print: marker column right-justified, text folded beside it."""
    table = Table.grid(padding=(0, 1))
    table.add_column(width=indent + len(marker), justify="right", no_wrap=True)
    table.add_column(overflow="fold")
    table.add_row(marker, text if isinstance(text, Text) else Text(text, style=style))
    console.print(table)


def printed(draw: object, width: int, colours: str | None, *args: object) -> str:
    """What one of the two prints on a console of this width and colour system."""
    console = Console(file=io.StringIO(), width=width, color_system=colours, force_terminal=True, highlight=False)  # type: ignore[arg-type]
    draw(console, *args)  # type: ignore[operator]
    return console.file.getvalue()  # type: ignore[attr-defined]


@settings(deadline=None, max_examples=300)
@given(
    width=st.integers(20, 130),
    colours=st.sampled_from([None, "standard", "truecolor"]),
    marker=st.sampled_from(["-", "", "Sources:", "Helps:", "1."]),
    indent=st.sampled_from([1, 2, 4]),
    words=st.lists(st.sampled_from([*WORDS, "\n"]), max_size=40),
    form=st.sampled_from(["plain", "dim", "bold start"]),
)
def test_hanging_prints_what_the_grid_printed(
    width: int, colours: str | None, marker: str, indent: int, words: list[str], form: str
) -> None:
    """Wrapped lines, padding, styles and empty text come out byte for byte as from the table grid."""
    words_text = " ".join(words)
    text: str | Text = words_text
    if form == "dim":
        text = Text(words_text, style="dim")
    elif form == "bold start":
        text = Text.assemble((words_text[:10], "bold"), words_text[10:])
    assert printed(hanging, width, colours, marker, text, indent) == printed(grid, width, colours, marker, text, indent)
