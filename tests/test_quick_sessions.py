"""`backspasm ice` and `backspasm heat`: a default session at once, with the same safety checks."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.storage import sessions as history
from backspasm.storage.db import connect


def protocols_run() -> list[str]:
    """The protocol of every recorded session."""
    conn = connect()
    try:
        return [row.protocol for row in history.list_sessions(conn)]
    finally:
        conn.close()


@pytest.mark.parametrize("command", ["ice", "heat"])
@pytest.mark.usefixtures("instant")  # the session runs on a fake clock, at once
def test_quick_command_runs_that_protocol(runner: CliRunner, command: str) -> None:
    """`backspasm ice|heat --yes` runs and records a session of that protocol."""
    result = runner.invoke(app, [command, "--yes", "--duration", "0.2s"])
    assert result.exit_code == 0, result.stderr
    assert protocols_run() == [command]
    assert "confirmed with --yes" in result.stdout + result.stderr


@pytest.mark.parametrize("command", ["ice", "heat"])
def test_quick_command_keeps_the_safety_checks(runner: CliRunner, command: str) -> None:
    """Without a terminal and without --yes, the checks cannot be skipped: exit 2, nothing recorded."""
    result = runner.invoke(app, [command, "--duration", "0.2s"])
    assert result.exit_code == 2
    assert "--yes" in result.stderr
    assert protocols_run() == []
