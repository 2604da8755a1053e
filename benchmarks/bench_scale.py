"""Does the journal stay fast at a million pain entries? Each command against itself with 10 rows.

    python benchmarks/bench_scale.py [--runs 15] [--rows 1000000] [--keep DIR] [--only history,report]

Two journals are filled as bench_journal.py fills them (pain entries over 400 days, with sessions,
stretch routines and triage runs in proportion): 10 rows, and about `--rows` pain entries (a
million by default: far past real use, about 36,000 in ten years), with the sessions, stretch
routines and triage runs of a 100,000-row journal (`--others`; 0 puts them in proportion too,
a stress of those tables as well: 20,000 sessions and 5,000 triage runs). Each command runs as a whole
process against the small journal and the large one in turn (A B A B ..., after a warm-up);
the table gives the medians and the median of the pairwise ratios, with their interquartile
range. `--keep DIR` keeps the journals there and reuses them (filling a million takes a while).
Goals (issue 26): history, report, log and today at most 2x their 10-row time; report --days 365
and history --json at most 4x. At 100,000 pain entries or fewer (`--rows 100000`), issue 21's goal:
history and report at most 1.5x. `check-in` and `remedies --mine` (issue 21) are timed too: the
check-in stores (replacing the week's) and reads the episode; `remedies --mine` reads every entry
that names a remedy, with the entry after it. A measurement, not a test: it prints the table and
exits 0.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_journal import NOW, fill
from timing import backspasm, paired, run_once

# Of bench_journal's rows, this share are pain entries (the rest: sessions, stretches, triage runs).
PAIN_SHARE = 1 - 1 / 50 - 1 / 100 - 1 / 200
CASES = [
    ("history", ("history",), 2.0),
    ("report", ("report",), 2.0),
    ("log --pain 4 --json", ("log", "--pain", "4", "--json"), 2.0),
    ("today", ("today",), 2.0),
    ("report --days 365", ("report", "--days", "365"), 4.0),
    ("history --json", ("history", "--json"), 4.0),
    ("check-in --replace", ("check-in", "--pain", "5", "--enjoyment", "4", "--activity", "4", "--replace"), 2.0),
    ("remedies --mine", ("remedies", "--mine", "--json"), 4.0),
]
# Issue 21: with 100,000 pain entries (or fewer), history and report at most 1.5x their 10-row time.
GOALS_AT_100K = {"history": 1.5, "report": 1.5}


def journal(folder: Path, pain_entries: int, others: int | None = None) -> dict[str, str]:
    """The environment of a journal of about `pain_entries` pain entries in `folder` (filled once).

    Its sessions, stretch routines and triage runs are in proportion, or as many as a journal of
    `others` rows has.
    """
    home = folder / (f"pain-{pain_entries}" + (f"-others-{others}" if others else ""))
    if not (home / "backspasm.sqlite3").exists():
        shutil.rmtree(home, ignore_errors=True)
        print(f"filling {home} ...", file=sys.stderr)
        if others:
            fill(home, others, pain_entries)
        else:
            fill(home, max(round(pain_entries / PAIN_SHARE), 10))
    env = {**os.environ, "BACKSPASM_HOME": str(home), "BACKSPASM_NOW": NOW.isoformat(), "NO_COLOR": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def main() -> None:
    """Fill the two journals and time every case against both."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="paired runs per command (default 15)")
    parser.add_argument("--rows", type=int, default=1_000_000, help="pain entries in the large journal")
    parser.add_argument("--keep", help="a directory to keep (and reuse) the journals in")
    parser.add_argument("--only", help="comma-separated case names to time (default: all)")
    parser.add_argument(
        "--others",
        type=int,
        default=100_000,
        help="the large journal's sessions, stretches and triage runs are those of a journal of this many rows"
        " (default 100,000: 2,000, 1,000 and 500 over 400 days); 0: in proportion to its pain entries",
    )
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown (for docs/benchmarks.md)")
    options = parser.parse_args()
    folder = Path(options.keep) if options.keep else Path(tempfile.mkdtemp(prefix="backspasm-scale-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        small, large = journal(folder, 10), journal(folder, options.rows, options.others or None)
        size = f"{options.rows:,}"
        if options.markdown:
            print(f"| command | 10 rows ms | {size} ms | ratio (spread) | goal |")
            print("| --- | ---: | ---: | ---: | ---: |")
        else:
            print(f"{'command':<24}{'10 rows':>10}{size:>12}  {'ratio (spread)':<22}goal")
        for name, args, goal in CASES:
            if options.only and name not in options.only.split(","):
                continue
            if options.rows <= 100_000:
                goal = GOALS_AT_100K.get(name, goal)
            command = backspasm(*args)

            def on_small(command: list[str] = command) -> float:
                return run_once(command, small)

            def on_large(command: list[str] = command) -> float:
                return run_once(command, large)

            a, b, ratio, low, high = paired(on_small, on_large, options.runs)
            verdict = "ok" if ratio <= goal else "OVER"
            if options.markdown:
                cells = f"{a * 1000:.0f} | {b * 1000:.0f} | {ratio:.2f}x ({low:.2f}–{high:.2f})"
                print(f"| `{name}` | {cells} | {goal:g}x |")
            else:
                spread = f"{ratio:.2f}x ({low:.2f}-{high:.2f})"
                print(f"{name:<24}{a * 1000:8.0f}ms{b * 1000:10.0f}ms  {spread:<22}{goal:g}x {verdict}")
        print(f"\nMedians of {options.runs} paired runs; spread: interquartile range of the ratios.")
    finally:
        if not options.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
