"""Make rich consoles: colour follows the terminal and NO_COLOR; tests hand in a fixed width."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console

# One colour per triage level, wherever a level is shown.
LEVEL_STYLES = {"emergency": "bold red", "urgent": "bold yellow", "soon": "bold cyan", "self_care": "bold green"}


def make_console(*, stderr: bool = False, width: int | None = None) -> Console:
    """A console for stdout (or stderr); BACKSPASM_WIDTH fixes the width for tests and goldens."""
    if width is None and os.environ.get("BACKSPASM_WIDTH", "").isdigit():
        width = int(os.environ["BACKSPASM_WIDTH"])
    return Console(stderr=stderr, width=width, highlight=False, soft_wrap=False)


@contextmanager
def paged(console: Console | None = None) -> Iterator[Console]:
    """Long output through a pager on a terminal, as git does (less -FRX: quits at once when it fits).

    Never when piped, with TERM=dumb, or with PAGER=cat; the person's PAGER and LESS are kept.
    """
    console = console or make_console()
    plain = os.environ.get("TERM") == "dumb" or os.environ.get("PAGER") == "cat"
    if not console.is_terminal or not sys.stdin.isatty() or plain:
        yield console
        return
    os.environ.setdefault("LESS", "FRX")
    with console.pager(styles=True):
        yield console
