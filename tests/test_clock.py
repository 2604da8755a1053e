"""One clock and one reader: BACKSPASM_NOW everywhere, lengths read the same in every option."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from fakes import instant_time
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.clock.now import at_wall, now
from backspasm.clock.read import parse_duration, read_length, read_time
from backspasm.clock.ticks import SystemClock
from backspasm.storage import sessions as session_rows
from backspasm.storage.db import connect

NOW = "2026-03-04T10:00:00+00:00"


@pytest.mark.parametrize(
    ("typed", "seconds"),
    [("15m", 900), ("90s", 90), ("1m30s", 90), ("1h", 3600), ("2 hours", 7200), ("a week", 604800), ("1h 30m", 5400)],
)
def test_one_reader_reads_every_length(typed: str, seconds: float) -> None:
    """Every length people type reads the same through the one reader."""
    assert read_length(typed) == seconds


def test_a_length_reads_the_same_as_a_duration_and_as_time_ago(monkeypatch: pytest.MonkeyPatch) -> None:
    """'3 hours' is three hours as --duration and as '3 hours ago', and '1h30m ago' works like '90 minutes ago'."""
    monkeypatch.setenv("BACKSPASM_NOW", NOW)
    current = now()
    assert parse_duration("3 hours") == 3 * 3600
    assert read_time("3 hours ago", current) == current - timedelta(hours=3)
    assert read_time("1h30m ago", current) == read_time("90 minutes ago", current)


def test_a_bare_number_is_minutes_only_for_a_duration() -> None:
    """A bare number is minutes for --duration, and no length to the one reader (which needs a unit)."""
    assert parse_duration("15") == 900
    with pytest.raises(ValueError):
        read_length("15")


def test_the_timer_wall_clock_starts_at_backspasm_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """With BACKSPASM_NOW set, the timer's wall clock reads that time (and runs on from there)."""
    monkeypatch.setenv("BACKSPASM_NOW", NOW)
    reading = SystemClock().now()
    assert abs(at_wall(reading.wall) - datetime.fromisoformat(NOW)) < timedelta(seconds=5)


def test_a_session_is_recorded_at_backspasm_now(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """A session run with BACKSPASM_NOW set is stamped at that time, like every other record."""
    monkeypatch.setenv("BACKSPASM_NOW", NOW)
    instant_time(monkeypatch)
    result = runner.invoke(app, ["session", "heat", "--yes", "--plain", "--duration", "1m"])
    assert result.exit_code == 0, result.output
    conn = connect()
    try:
        [row] = session_rows.list_sessions(conn)
    finally:
        conn.close()
    assert row.started_at == datetime.fromisoformat(NOW)
    assert row.ended_at is not None and row.ended_at - row.started_at == timedelta(minutes=1)
