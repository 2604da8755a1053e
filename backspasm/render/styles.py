"""Colours by meaning, kept apart from rich so that modules naming a style need not import it."""

from __future__ import annotations

# One colour per triage level, wherever a level is shown.
LEVEL_STYLES = {"emergency": "bold red", "urgent": "bold yellow", "soon": "bold cyan", "self_care": "bold green"}
