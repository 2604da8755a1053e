"""Journal rows written straight into the test store, as the triage, session and stretch commands would."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from backspasm.storage.db import connect

# "Now" for journal tests: a fixed local time with its offset (BACKSPASM_NOW).
NOW_TEXT = "2024-03-10T18:00:00+01:00"
NOW = datetime.fromisoformat(NOW_TEXT)


def ago(days: float = 0, hours: float = 0) -> str:
    """A stored timestamp that long before NOW."""
    return (NOW - timedelta(days=days, hours=hours)).isoformat(timespec="seconds")


def pain(at: str, score: int, note: str | None = None, tried: list[str] | None = None) -> None:
    """Add a pain entry."""
    with_conn(
        "INSERT INTO pain_entries (at, pain, note, tried) VALUES (?, ?, ?, ?)", at, score, note, json.dumps(tried or [])
    )


def pains(*rows: tuple[float, int]) -> None:
    """Add pain entries given as (days before NOW, pain)."""
    for days, score in rows:
        pain(ago(days), score)


def triage(
    at: str,
    answers: dict[str, Any],
    disposition: str = "self_care",
    result: dict[str, Any] | None = None,
    onset_at: str | None = None,
) -> None:
    """Add a saved triage run with the --json result object of shared/triage-answers.md."""
    result = result or {"disposition": disposition, "reasons": [], "advice": "Keep moving.", "unanswered": []}
    with_conn(
        "INSERT INTO triage_runs (at, answers, disposition, result, onset_at) VALUES (?, ?, ?, ?, ?)",
        at,
        json.dumps(answers),
        disposition,
        json.dumps(result),
        onset_at,
    )


def session(protocol: str, started_at: str, planned: float, applied: float, status: str = "completed") -> None:
    """Add an ice or heat session."""
    with_conn(
        "INSERT INTO sessions (protocol, started_at, planned_seconds, applied_seconds, status) VALUES (?, ?, ?, ?, ?)",
        protocol,
        started_at,
        planned,
        applied,
        status,
    )


def stretch(routine: str, started_at: str, status: str, done: list[str], stopped_at: str | None = None) -> None:
    """Add a stretch routine run."""
    with_conn(
        "INSERT INTO stretch_runs (routine, started_at, status, done, stopped_at_stretch) VALUES (?, ?, ?, ?, ?)",
        routine,
        started_at,
        status,
        json.dumps(done),
        stopped_at,
    )


def with_conn(sql: str, *params: Any) -> None:
    """Run one statement on the test store (BACKSPASM_HOME) and close it."""
    conn = connect()
    try:
        conn.execute(sql, params)
    finally:
        conn.close()


def count(table: str) -> int:
    """Rows in one table of the test store."""
    conn = connect()
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()
