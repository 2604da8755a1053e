"""Does the journal scale? `history`, `log` and `report` with 10,000 and 100,000 rows against 10 rows.

Run: python benchmarks/bench_journal.py [RUNS]. Three stores are filled directly with sqlite:
10, 10,000 and 100,000 journal rows (pain entries spread over 400 days, plus sessions, stretch
routines and triage runs in proportion). Each command runs as a whole process against each store
in turn (after a warm-up) and the medians are compared. Limits: issue 5, 10,000 rows at most
twice the 10-row time; issue 13, 100,000 rows at most 1.5 times. A measurement, not a test: it
prints ratios, exits 0.
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

from backspasm.storage.db import connect
from backspasm.storage.times import micros

# The most each size may take, as a multiple of the 10-row time.
LIMITS = {10_000: 2.0, 100_000: 1.5}
NOW = datetime.fromisoformat("2024-03-10T18:00:00+01:00")
SPAN_DAYS = 400
REMEDIES = ["superficial-heat", "walking", "ice-pack", "nsaids", "stretching"]


def fill(home: Path, rows: int, pain_entries: int | None = None) -> None:
    """Write `rows` journal rows: mostly pain entries, a few sessions, stretches and triage runs.

    With `pain_entries`, that many pain entries instead, the other tables as in a journal of
    `rows` rows. Each time is written with its number (microseconds since 1970, UTC), as the
    program's own writers do.
    """
    rng = random.Random(rows)
    conn = connect(home)

    def moment(index: int, count: int) -> datetime:
        # Evenly spread over the span, oldest first, the last one just before NOW, to the second.
        at = NOW - timedelta(days=SPAN_DAYS) + timedelta(days=SPAN_DAYS) * (index + 1) / (count + 1)
        return at.replace(microsecond=0)

    def stamp(index: int, count: int) -> str:
        return moment(index, count).isoformat(timespec="seconds")

    def number(index: int, count: int) -> int:
        return micros(moment(index, count))

    sessions, stretches, triages = max(rows // 50, 1), max(rows // 100, 1), max(rows // 200, 1)
    pains = pain_entries if pain_entries is not None else max(rows - sessions - stretches - triages, 1)
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO pain_entries (at, at_us, pain, note, tried) VALUES (?, ?, ?, ?, ?)",
        [
            (
                stamp(i, pains),
                number(i, pains),
                rng.randint(0, 9),
                rng.choice([None, "stiff after sitting", "better after a walk"]),
                json.dumps(rng.sample(REMEDIES, rng.randint(0, 2))),
            )
            for i in range(pains)
        ],
    )
    conn.executemany(
        "INSERT INTO sessions (protocol, started_at, started_us, planned_seconds, applied_seconds, status)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [
            (rng.choice(["ice", "heat"]), stamp(i, sessions), number(i, sessions), 900, 900, "completed")
            for i in range(sessions)
        ],
    )
    conn.executemany(
        "INSERT INTO stretch_runs (routine, started_at, started_us, status, done) VALUES (?, ?, ?, ?, ?)",
        [
            ("lower-back", stamp(i, stretches), number(i, stretches), "completed", '["pelvic-tilt"]')
            for i in range(stretches)
        ],
    )
    answers = json.dumps({"pain_score": 5, "trend": "same", "location": "lower_back", "days_since_onset": 2})
    result = json.dumps({"disposition": "self_care", "reasons": [], "advice": "Keep moving.", "unanswered": []})
    conn.executemany(
        "INSERT INTO triage_runs (at, at_us, answers, disposition, result, onset_at) VALUES (?, ?, ?, ?, ?, ?)",
        [(stamp(i, triages), number(i, triages), answers, "self_care", result, None) for i in range(triages)],
    )
    # A weekly check-in over the span, as a person who checks in every week would have (issue 21).
    weeks = SPAN_DAYS // 7
    conn.executemany(
        "INSERT INTO check_ins (at, at_us, pain, enjoyment, activity, peg) VALUES (?, ?, ?, ?, ?, ?)",
        [(stamp(i, weeks), number(i, weeks), 6, 5, 4, 5.0) for i in range(weeks if rows > 10 else 1)],
    )
    conn.execute("COMMIT")
    conn.close()


def has_command(name: str) -> bool:
    """Whether this build has a command (history arrives with the sessions issue)."""
    from typer.main import get_command

    from backspasm.cli import app

    return name in (getattr(get_command(app), "commands", None) or {})


def medians(command: Sequence[str], envs: list[dict[str, str]], runs: int) -> list[float]:
    """Median seconds of the command against each store, the stores run in turn."""
    for env in envs:
        run_once(command, env)
    times: list[list[float]] = [[] for _ in envs]
    for _ in range(runs):
        for env, found in zip(envs, times, strict=True):
            found.append(run_once(command, env))
    return [statistics.median(found) for found in times]


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    commands = [
        ("log --pain 4 --json (escalation facts)", backspasm("log", "--pain", "4", "--json")),
        ("report (markdown, 30 days)", backspasm("report")),
        ("report --format html", backspasm("report", "--format", "html")),
        ("report --format pdf", backspasm("report", "--format", "pdf")),
        ("report --days 365", backspasm("report", "--days", "365")),
    ]
    if has_command("history"):
        commands.insert(0, ("history", backspasm("history")))
        commands.insert(1, ("history --json", backspasm("history", "--json")))
    with tempfile.TemporaryDirectory() as folder:
        envs = []
        for rows in (10, *LIMITS):
            home = Path(folder) / f"rows-{rows}"
            fill(home, rows)
            envs.append({**os.environ, "BACKSPASM_HOME": str(home), "BACKSPASM_NOW": NOW.isoformat(), "NO_COLOR": "1"})
        sizes = "".join(f"  {f'{rows:,} rows':>13} ratio" for rows in LIMITS)
        print(f"{'command':<38} {'10 rows':>9}{sizes}")
        for name, command in commands:
            small, *large = medians(command, envs, runs)
            cells = []
            for limit, seconds in zip(LIMITS.values(), large, strict=True):
                ratio = seconds / small
                verdict = "ok" if ratio <= limit else "OVER"
                cells.append(f"  {seconds * 1000:10.1f} ms {ratio:5.2f} {verdict:<4}")
            print(f"{name:<38} {small * 1000:6.1f} ms" + "".join(cells))
        limits = ", ".join(f"{rows:,} rows at most {limit:.1f} times" for rows, limit in LIMITS.items())
        print(f"limits against the 10-row time: {limits}")


if __name__ == "__main__":
    main()
