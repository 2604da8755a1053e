"""Make rich consoles: colour follows the terminal and NO_COLOR; tests hand in a fixed width."""

from __future__ import annotations

import os

from rich.console import Console

# One colour per triage level, wherever a level is shown.
LEVEL_STYLES = {"emergency": "bold red", "urgent": "bold yellow", "soon": "bold cyan", "self_care": "bold green"}


def make_console(*, stderr: bool = False, width: int | None = None) -> Console:
    """A console for stdout (or stderr); BACKSPASM_WIDTH fixes the width for tests and goldens."""
    if width is None and os.environ.get("BACKSPASM_WIDTH", "").isdigit():
        width = int(os.environ["BACKSPASM_WIDTH"])
    return Console(stderr=stderr, width=width, highlight=False, soft_wrap=False)
