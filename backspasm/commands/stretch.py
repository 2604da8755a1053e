"""Commands of this group are added by register(); see the issue that builds them."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this group's commands to the app (none yet)."""
