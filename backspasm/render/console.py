"""Make rich consoles: colour follows the terminal and NO_COLOR; tests hand in a fixed width."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from rich.console import Console as Console  # re-exported: other layers name the type, never import rich
from rich.console import ConsoleDimensions
from rich.segment import Segment

from backspasm.render.plain import plain_screens, unboxed
from backspasm.render.styles import LEVEL_STYLES as LEVEL_STYLES
from backspasm.text_safety import visible


def _make_text_visible() -> None:
    """Have every rich Text show control characters as it is built, so tables size it correctly.

    Rich already strips a few (BEL, backspace, CR) from all text through rich.text's
    strip_control_codes; widening that one function covers ESC, C1 and the rest everywhere,
    before layout. SafeConsole below is the net for anything that slips past.
    """
    import rich.text

    original: Callable[..., str] = getattr(rich.text, "strip_control_codes")  # noqa: B009
    if getattr(original, "backspasm", False):
        return

    def strip_and_show(text: str, *args: Any) -> str:
        return visible(original(text, *args))

    setattr(strip_and_show, "backspasm", True)  # noqa: B010
    setattr(rich.text, "strip_control_codes", strip_and_show)  # noqa: B010


_make_text_visible()


class SafeConsole(Console):
    """A console that shows control characters in printed text instead of sending them to the terminal.

    Rich's own styles and cursor controls are added after this point, so they still work; only
    the text itself (notes, knowledge-base words) is made visible.
    """

    @property
    def reserves_last_column(self) -> bool:
        """True when drawing to a terminal at its own width: the last column is then left empty.

        A line that fills the last column leaves some terminals waiting to wrap, and reads as
        wider than the screen; tables (table_width) and text alike stop one column short.
        """
        return self._width is None and self.is_terminal

    @property
    def size(self) -> ConsoleDimensions:
        """The console's size, one column narrower than the terminal when reserves_last_column."""
        size = Console.size.fget(self)  # type: ignore[attr-defined]
        if self.reserves_last_column:
            return ConsoleDimensions(max(size.width - 1, 20), size.height)
        return size  # type: ignore[no-any-return]

    @size.setter
    def size(self, new_size: tuple[int, int]) -> None:
        Console.size.fset(self, new_size)  # type: ignore[attr-defined]

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        safe = (
            segment if segment.control else Segment(visible(segment.text), segment.style, segment.control)
            for segment in buffer
        )
        text = super()._render_buffer(safe)
        # Plain screens (--plain, TERM=dumb): no box characters, which a screen reader reads aloud.
        return unboxed(text) if plain_screens() else text


def make_console(*, stderr: bool = False, width: int | None = None) -> Console:
    """A console for stdout (or stderr); BACKSPASM_WIDTH fixes the width for tests and goldens."""
    if width is None and os.environ.get("BACKSPASM_WIDTH", "").isdigit():
        width = int(os.environ["BACKSPASM_WIDTH"])
    # emoji=False: no ":name:" code is ever meant as an emoji here, and replacing them loads
    # rich's emoji table (about 2 ms) on the first print of every screen.
    return SafeConsole(stderr=stderr, width=width, highlight=False, soft_wrap=False, emoji=False)


def table_width(console: Console) -> int:
    """The width a table may take: one column short of the terminal's.

    A table pads every line to its full width; a line that fills the last column leaves some
    terminals waiting to wrap, and reads as wider than the screen.
    """
    if getattr(console, "reserves_last_column", False):
        return console.width  # the console already stops one column short
    return max(console.width - 1, 20)



@contextmanager
def paged(console: Console | None = None) -> Iterator[Console]:
    """Long output through a pager on a terminal, as git does (less -FRX: quits at once when it fits).

    Never when piped, with TERM=dumb, or with PAGER=cat; the person's PAGER and LESS are kept.
    """
    console = console or make_console()
    from backspasm.plain_output import pager_off

    if not console.is_terminal or not sys.stdin.isatty() or pager_off():
        yield console
        return
    os.environ.setdefault("LESS", "FRX")
    with console.pager(pager=_pager_or_print(), styles=True):
        yield console


def _pager_or_print() -> Any:
    """The person's pager (PAGER, else less), printing the text itself when that pager fails.

    pydoc's pager (rich's default) says nothing when PAGER=false or names a program that is
    not there: the output would be lost with exit 0.
    """
    from rich.pager import Pager

    class PagerOrPrint(Pager):
        def show(self, content: str) -> None:
            from backspasm.render.pager import run_pager

            if not run_pager(content):
                sys.stdout.write(content)
                sys.stdout.flush()

    return PagerOrPrint()
