"""Colours by meaning, kept apart from rich so that modules naming a style need not import it."""

from __future__ import annotations

# One colour per triage level, wherever a level is shown.
LEVEL_STYLES = {"emergency": "bold red", "urgent": "bold yellow", "soon": "bold cyan", "self_care": "bold green"}

# One colour per stance of a remedy, wherever a stance is shown.
STANCE_STYLES = {
    "recommended": "green",
    "optional": "yellow",
    "not-recommended": "red",
    "medical-only": "magenta",
}
# The small print: the disclaimer under advice.
SMALL_PRINT = "dim italic"
