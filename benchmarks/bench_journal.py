"""Does the journal scale? `history`-like queries and `report` with 10,000 rows against 10 rows.

Run: python benchmarks/bench_journal.py [RUNS]. Two stores are filled directly with sqlite: one
with 10 journal rows, one with 10,000 (pain entries spread over 400 days, plus sessions,
stretch routines and triage runs in proportion). Each command runs as a whole process against
each store in turn (after a warm-up) and the medians are compared. Limit from issue 5: the large
store may take at most twice as long. A measurement, not a test: it prints ratios, exits 0.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import tempfile
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import backspasm, run_once

from backspasm.store import connect

LIMIT = 2.0
NOW = datetime.fromisoformat("2024-03-10T18:00:00+01:00")
SPAN_DAYS = 400
REMEDIES = ["superficial-heat", "walking", "ice-pack", "nsaids", "stretching"]


def fill(home: Path, rows: int) -> None:
    """Write `rows` journal rows: mostly pain entries, a few sessions, stretches and triage runs."""
    rng = random.Random(rows)
    conn = connect(home)

    def stamp(index: int, count: int) -> str:
        # Evenly spread over the span, oldest first, the last one just before NOW.
        moment = NOW - timedelta(days=SPAN_DAYS) + timedelta(days=SPAN_DAYS) * (index + 1) / (count + 1)
        return moment.isoformat(timespec="seconds")

    sessions, stretches, triages = max(rows // 50, 1), max(rows // 100, 1), max(rows // 200, 1)
    pains = max(rows - sessions - stretches - triages, 1)
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO pain_entries (at, pain, note, tried) VALUES (?, ?, ?, ?)",
        [
            (
                stamp(i, pains),
                rng.randint(0, 9),
                rng.choice([None, "stiff after sitting", "better after a walk"]),
                json.dumps(rng.sample(REMEDIES, rng.randint(0, 2))),
            )
            for i in range(pains)
        ],
    )
    conn.executemany(
        "INSERT INTO sessions (protocol, started_at, planned_seconds, applied_seconds, status) VALUES (?, ?, ?, ?, ?)",
        [(rng.choice(["ice", "heat"]), stamp(i, sessions), 900, 900, "completed") for i in range(sessions)],
    )
    conn.executemany(
        "INSERT INTO stretch_runs (routine, started_at, status, done) VALUES (?, ?, ?, ?)",
        [("lower-back", stamp(i, stretches), "completed", '["pelvic-tilt"]') for i in range(stretches)],
    )
    answers = json.dumps({"pain_score": 5, "trend": "same", "location": "lower_back", "days_since_onset": 2})
    result = json.dumps({"disposition": "self_care", "reasons": [], "advice": "Keep moving.", "unanswered": []})
    conn.executemany(
        "INSERT INTO triage_runs (at, answers, disposition, result, onset_at) VALUES (?, ?, ?, ?, ?)",
        [(stamp(i, triages), answers, "self_care", result, None) for i in range(triages)],
    )
    conn.execute("COMMIT")
    conn.close()


def has_command(name: str) -> bool:
    """Whether this build has a command (history arrives with the sessions issue)."""
    from typer.main import get_command

    from backspasm.cli import app

    return name in (getattr(get_command(app), "commands", None) or {})


def median_pair(command: Sequence[str], small: dict[str, str], large: dict[str, str], runs: int) -> tuple[float, float]:
    """Median seconds of the command against the small and the large store, run in turn."""
    run_once(command, small)
    run_once(command, large)
    a, b = [], []
    for _ in range(runs):
        a.append(run_once(command, small))
        b.append(run_once(command, large))
    return statistics.median(a), statistics.median(b)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    commands = [
        ("log --pain 4 --json (escalation facts)", backspasm("log", "--pain", "4", "--json")),
        ("report (markdown, 30 days)", backspasm("report")),
        ("report --format html", backspasm("report", "--format", "html")),
        ("report --days 365", backspasm("report", "--days", "365")),
    ]
    if has_command("history"):
        commands.insert(0, ("history", backspasm("history")))
        commands.insert(1, ("history --json", backspasm("history", "--json")))
    with tempfile.TemporaryDirectory() as folder:
        envs = []
        for rows in (10, 10_000):
            home = Path(folder) / f"rows-{rows}"
            fill(home, rows)
            envs.append({**os.environ, "BACKSPASM_HOME": str(home), "BACKSPASM_NOW": NOW.isoformat(), "NO_COLOR": "1"})
        print(f"{'command':<42} {'10 rows':>9} {'10,000 rows':>12}  ratio (limit {LIMIT:.1f})")
        for name, command in commands:
            small, large = median_pair(command, envs[0], envs[1], runs)
            ratio = large / small
            verdict = "ok" if ratio <= LIMIT else "OVER"
            print(f"{name:<42} {small * 1000:7.1f} ms {large * 1000:9.1f} ms  {ratio:5.2f} {verdict}")


if __name__ == "__main__":
    main()
