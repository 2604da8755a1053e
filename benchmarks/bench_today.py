"""`backspasm today` against a bare two-command Typer app's --help, with a 10-row and a 100,000-row journal.

Run: python benchmarks/bench_today.py [RUNS]. The two journals are filled as bench_journal.py
fills them (pain entries over 400 days, sessions, stretch routines and triage runs in
proportion, the latest just before the fixed now), the knowledge-base cache is warmed, and each
form of the command runs as a whole process in turn with the bare app (A B A B ...); the median
of the pairwise ratios is printed. Limits (issue 14): at most 1.0 times the bare app with 10
rows, 1.5 times with 100,000. Piped, `today` prints its plain lines; on a terminal rich draws
it, so that form runs both programs on an 80x24 pseudo-terminal. A measurement, not a test:
it prints ratios, exits 0.
"""

from __future__ import annotations

import fcntl
import os
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_journal import NOW, fill
from timing import backspasm, bare_app, run_once

LIMITS = {10: 1.0, 100_000: 1.5}
# (name, arguments, on a terminal): piped, `today` prints plain lines; on a terminal rich draws it.
FORMS = [
    ("today (terminal)", (), True),
    ("today (piped)", (), False),
    ("today --json", ("--json",), False),
    ("today --plain", ("--plain",), False),
]


def run_on_terminal(command: Sequence[str], env: dict[str, str], stdin: bytes | None = None) -> float:
    """Wall-clock seconds of one whole process whose stdout is an 80x24 pseudo-terminal."""
    leader, follower = os.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    # PAGER=cat: a long day (the big journal's escalation) is timed drawing, not waiting in a pager.
    env = {**env, "TERM": "xterm-256color", "PAGER": "cat"}
    start = time.perf_counter()
    # An ordinary day's screen is far smaller than the terminal's buffer: nothing needs reading.
    subprocess.run(command, stdout=follower, stderr=subprocess.DEVNULL, stdin=follower, env=env, check=False)
    seconds = time.perf_counter() - start
    os.close(follower)
    os.close(leader)
    return seconds


def paired_ratio(command: list[str], env: dict[str, str], runs: int, terminal: bool) -> tuple[float, float, float]:
    """Median seconds of the command and of the bare app, and the median of their pairwise ratios."""
    baseline = bare_app()
    run: Callable[[Sequence[str], dict[str, str]], float] = run_on_terminal if terminal else run_once
    run(command, env)
    run(baseline, env)
    mine, bare, ratios = [], [], []
    for _ in range(runs):
        a, b = run(command, env), run(baseline, env)
        mine.append(a)
        bare.append(b)
        ratios.append(a / b)
    return statistics.median(mine), statistics.median(bare), statistics.median(ratios)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    with tempfile.TemporaryDirectory() as folder:
        print(f"{'command':<18} {'rows':>8} {'today':>10} {'bare --help':>12} {'ratio':>6}  limit")
        for rows, limit in LIMITS.items():
            home = Path(folder) / f"rows-{rows}"
            fill(home, rows)
            env = {**os.environ, "BACKSPASM_HOME": str(home), "BACKSPASM_NOW": NOW.isoformat(), "NO_COLOR": "1"}
            for name, args, terminal in FORMS:
                mine, bare, ratio = paired_ratio(backspasm("today", *args), env, runs, terminal)
                verdict = "ok" if ratio <= limit else "OVER"
                times = f"{mine * 1000:7.1f} ms {bare * 1000:9.1f} ms"
                print(f"{name:<18} {rows:>8,} {times} {ratio:6.2f}  {limit:.1f} {verdict}")


if __name__ == "__main__":
    main()
