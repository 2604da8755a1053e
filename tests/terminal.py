"""Draw a command's screen as on a terminal under CliRunner, whose stdout is no terminal.

Piped or redirected, the everyday commands print plain lines without rich; a test of the
terminal screen (its tables, boxes and widths) says so with `on_a_terminal(monkeypatch)`.
"""

from __future__ import annotations

import pytest


def on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Have every command draw its rich screen, as when stdout is a terminal."""
    monkeypatch.setattr("backspasm.render.text.to_terminal", lambda: True)
