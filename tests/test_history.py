"""The session history: rows through their life, interrupted rows, `backspasm history`, concurrent sessions."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from screen import ANSI
from terminal import on_a_terminal
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.clock.now import now as clock_now
from backspasm.storage import sessions as history
from backspasm.storage.db import connect

START = datetime(2024, 3, 10, 18, 0, tzinfo=timezone(timedelta(hours=1)))


def dead_pid() -> int:
    """The id of a process that has just ended."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(done.stdout)


def test_a_row_goes_from_running_to_completed() -> None:
    """begin writes a running row; progress saves applied time; finish closes it."""
    conn = connect()
    sid = history.begin(conn, "ice", planned_seconds=900, rounds=1, started_at=START)
    [row] = history.list_sessions(conn)
    assert (row.status, row.applied_seconds, row.pid, row.started_at) == ("running", 0, os.getpid(), START)
    history.progress(conn, sid, applied=120.5, rounds_done=0, at=START + timedelta(seconds=121))
    assert history.list_sessions(conn)[0].applied_seconds == 120.5
    history.finish(conn, sid, status="completed", applied=900, rounds_done=1, at=START + timedelta(minutes=15))
    [row] = history.list_sessions(conn)
    assert (row.status, row.applied_seconds, row.rounds_done) == ("completed", 900, 1)
    assert row.ended_at == START + timedelta(minutes=15)
    conn.close()


def test_progress_never_reopens_a_finished_row() -> None:
    """A late progress save after finish does not change a stopped row."""
    conn = connect()
    sid = history.begin(conn, "heat", planned_seconds=1200, rounds=1, started_at=START)
    history.finish(conn, sid, status="stopped", applied=30, rounds_done=0, at=START)
    history.progress(conn, sid, applied=99, rounds_done=0, at=START)
    assert history.list_sessions(conn)[0].applied_seconds == 30
    conn.close()


def test_rows_of_dead_processes_become_interrupted_with_their_applied_time() -> None:
    """A running row whose process is gone is marked interrupted, keeping its last saved applied time."""
    conn = connect()
    gone = history.begin(conn, "ice", planned_seconds=900, rounds=1, started_at=START, pid=dead_pid())
    history.progress(conn, gone, applied=300, rounds_done=0, at=START + timedelta(minutes=5))
    alive = history.begin(conn, "heat", planned_seconds=1200, rounds=1, started_at=START, pid=os.getppid())
    assert history.mark_interrupted(conn) == [gone]
    rows = {row.id: row for row in history.list_sessions(conn)}
    assert (rows[gone].status, rows[gone].applied_seconds) == ("interrupted", 300)
    assert rows[gone].ended_at == START + timedelta(minutes=5)  # the last time it was seen alive
    assert "ended without finishing" in (rows[gone].note or "")
    assert rows[alive].status == "running"
    assert history.mark_interrupted(conn) == []
    conn.close()


def test_since_compares_instants_not_text() -> None:
    """Rows stamped in different UTC offsets are filtered by the instant they started."""
    conn = connect()
    early = datetime(2024, 3, 10, 9, 0, tzinfo=timezone(timedelta(hours=-5)))  # 14:00 UTC
    late = datetime(2024, 3, 10, 16, 0, tzinfo=timezone(timedelta(hours=1)))  # 15:00 UTC
    for moment in (late, early):
        history.begin(conn, "ice", planned_seconds=60, rounds=1, started_at=moment)
    cutoff = datetime(2024, 3, 10, 14, 30, tzinfo=timezone.utc)
    assert [r.started_at for r in history.list_sessions(conn, cutoff)] == [late]
    assert [r.started_at for r in history.list_sessions(conn)] == [early, late]
    conn.close()


def add(protocol: str, started: datetime, status: str, applied: float, planned: float = 900, rounds: int = 1) -> None:
    """Store one finished session directly."""
    conn = connect()
    sid = history.begin(conn, protocol, planned_seconds=planned, rounds=rounds, started_at=started)
    if status != "running":
        history.finish(conn, sid, status=status, applied=applied, rounds_done=rounds, at=started)  # type: ignore[arg-type]
    conn.close()


def sessions_of(stdout: str) -> list[dict[str, object]]:
    """The session rows of `history --json`."""
    return [row for row in json.loads(stdout)["entries"] if row["kind"] == "session"]


def test_history_command_lists_when_protocol_planned_applied_status(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The timeline shows each session's time, protocol name, planned and applied time, and status."""
    on_a_terminal(monkeypatch)
    now = clock_now()
    add("ice", now - timedelta(hours=3), "completed", 900)
    add("heat", now - timedelta(hours=1), "stopped", 95, planned=2400, rounds=2)
    result = runner.invoke(app, ["history"])
    assert result.exit_code == 0, result.stderr
    out = " ".join(ANSI.sub("", result.stdout).split())  # wrapped at 80 columns, styled
    for text in ("session: Ice pack", "Ice pack", "completed: 15 min of 15 min", "stopped: 1 min 35 s of 40 min"):
        assert text in out
    assert "in 2 rounds" in out
    assert out.index("Ice pack") < out.index("Heat pad")
    assert (now - timedelta(hours=3)).strftime("%Y-%m-%d %H:%M") in out


def test_history_days_and_json(runner: CliRunner) -> None:
    """--days 7 leaves out older sessions; --json prints the rows with ISO times and seconds."""
    now = clock_now()
    add("ice", now - timedelta(days=10), "completed", 900)
    add("heat", now - timedelta(days=2), "completed", 1200, planned=1200)
    result = runner.invoke(app, ["history", "--days", "7", "--json"])
    assert result.exit_code == 0, result.stderr
    [row] = sessions_of(result.stdout)
    assert (row["protocol"], row["status"], row["planned_seconds"], row["applied_seconds"]) == (
        "heat",
        "completed",
        1200,
        1200,
    )
    assert datetime.fromisoformat(str(row["started_at"])).utcoffset() is not None
    assert len(sessions_of(runner.invoke(app, ["history", "--all", "--json"]).stdout)) == 2


def test_history_when_empty_and_bad_days(runner: CliRunner) -> None:
    """No sessions: a hint to start one. --days 0 is a usage error."""
    assert "No sessions yet" in runner.invoke(app, ["history", "--all"]).stdout
    bad = runner.invoke(app, ["history", "--days", "0"])
    assert bad.exit_code == 2 and "--days" in bad.stderr


def test_history_marks_dead_rows_interrupted(runner: CliRunner) -> None:
    """Listing the history also settles rows left running by a process that is gone."""
    conn = connect()
    history.begin(conn, "ice", planned_seconds=900, rounds=1, started_at=clock_now(), pid=dead_pid())
    conn.close()
    rows = sessions_of(runner.invoke(app, ["history", "--json"]).stdout)
    assert [row["status"] for row in rows] == ["interrupted"]


@pytest.mark.slow
def test_two_sessions_at_once_lose_nothing(tmp_path: Path) -> None:
    """Two real sessions running at the same time, each saving progress, both end up completed."""
    program = Path(sys.executable).parent / "backspasm"
    env = {**os.environ, "TERM": "dumb"}
    runs = [
        subprocess.Popen(
            # --force-early: the second to start is within the first one's rest (it is still on).
            [str(program), "session", name, "--duration", "2.5s", "--yes", "--plain", "--force-early"],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for name in ("ice", "heat")
    ]
    for run in runs:
        _, err = run.communicate(timeout=30)
        assert run.returncode == 0, err
    conn = connect()
    rows = history.list_sessions(conn)
    conn.close()
    assert sorted((r.protocol, r.status) for r in rows) == [("heat", "completed"), ("ice", "completed")]
    assert all(r.applied_seconds == pytest.approx(2.5) for r in rows)


def test_a_suspend_is_recorded_in_the_note() -> None:
    """A session during which the computer slept is saved with a note saying for how long."""
    from backspasm.session.actions import _finish
    from backspasm.timer import Plan, Segment, Snapshot
    from backspasm.timer.runner import Outcome

    conn = connect()
    sid = history.begin(conn, "ice", planned_seconds=900, rounds=1, started_at=START)
    snap = Snapshot("completed", Segment("apply", 1, 900), 1, 0.0, 900.0, 1, 720.0)
    _finish(conn, sid, Outcome("completed", 900, 1, 720.0, None, False), snap, START)  # closes conn
    conn = connect()
    [row] = history.list_sessions(conn)
    conn.close()
    assert (row.status, row.note) == ("completed", "the computer was asleep for 12 min during the session")
    assert Plan(apply_seconds=900).planned_seconds == row.planned_seconds
