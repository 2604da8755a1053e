"""`data export`, `data import` and `history --json` at scale: memory that stays flat, an import that keeps up.

    python benchmarks/bench_data.py [--runs 15] [--rows 1000000] [--import-rows 100000] [--keep DIR] [--only import]

Peak memory is the kernel's count of each whole process's largest resident size (ru_maxrss).
`data export` and `history --all --json` run against a 10-row journal and one of about `--rows`
pain entries (filled as bench_journal.py fills them) in turn; the medians of each are compared
(goal, issue 26: the large one's peak within 1.5x of the small one's). `data import` of an export
of `--import-rows` rows into an empty journal runs in turn with a bare two-command Typer app's
`--help` (goal: within 4x). Medians of paired runs; spread: interquartile range of the ratios.
A measurement, not a test: it prints the figures and exits 0.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_scale import journal
from timing import backspasm, bare_app, paired, run_measured, run_once

MEMORY_GOAL = 1.5
IMPORT_GOAL = 4.0


def peaks(command: Sequence[str], small: dict[str, str], large: dict[str, str], runs: int) -> tuple[int, int, float]:
    """Median peak memory (KB) of the command on each journal, run in turn, and the median ratio."""
    small_kb, large_kb, ratios = [], [], []
    for _ in range(runs):
        a = run_measured(command, small)[1]
        b = run_measured(command, large)[1]
        small_kb.append(a)
        large_kb.append(b)
        ratios.append(b / a)
    return int(statistics.median(small_kb)), int(statistics.median(large_kb)), statistics.median(ratios)


def filled(folder: Path, rows: int) -> dict[str, str]:
    """The environment of a journal of about `rows` pain entries, filled (once) by a child process.

    Filling a million rows in this process would make it large, and Linux keeps a process's peak
    memory across exec: every command started afterwards would report this process's peak.
    """
    code = (
        f"import sys; sys.path.insert(0, {str(Path(__file__).resolve().parent)!r});"
        f" from pathlib import Path; from bench_scale import journal; journal(Path({str(folder)!r}), {rows})"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    return journal(folder, rows)


def main() -> None:
    """Measure memory at scale and the import's time, and print them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="paired runs per figure (default 15)")
    parser.add_argument("--rows", type=int, default=1_000_000, help="pain entries in the large journal")
    parser.add_argument("--import-rows", type=int, default=100_000, help="rows of the export imported")
    parser.add_argument("--keep", help="a directory to keep (and reuse) the journals in")
    parser.add_argument("--only", choices=("memory", "import"), help="measure only the memory or only the import")
    options = parser.parse_args()
    folder = Path(options.keep) if options.keep else Path(tempfile.mkdtemp(prefix="backspasm-data-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        size = f"{options.rows:,}"
        memory_runs = options.runs
        cases = [
            ("data export FILE", ("data", "export", str(folder / "out.json"), "--force")),
            ("history --all --json", ("history", "--all", "--json")),
        ]
        if options.only == "import":
            cases = []
        else:
            small, large = filled(folder, 10), filled(folder, options.rows)
        for name, args in cases:
            a, b, ratio = peaks(backspasm(*args), small, large, memory_runs)
            verdict = "ok" if ratio <= MEMORY_GOAL else "OVER"
            print(
                f"{name:<22} peak memory: 10 rows {a / 1024:.1f} MB, {size} {b / 1024:.1f} MB,"
                f" {ratio:.2f}x (goal {MEMORY_GOAL}x) {verdict}"
            )
        if options.only == "memory":
            return
        # An export of `--import-rows` rows, imported into an empty journal each run.
        source = filled(folder, round(options.import_rows * 0.965))
        export = folder / f"export-{options.import_rows}.json"
        if not export.exists():
            subprocess.run([*backspasm("data", "export", str(export)), "--force"], env=source, check=True)
        target = folder / "import-into"
        env = {**source, "BACKSPASM_HOME": str(target)}
        command = backspasm("data", "import", str(export))

        def imported() -> float:
            shutil.rmtree(target, ignore_errors=True)
            return run_once(command, env)

        bare = bare_app()
        bare_s, import_s, ratio, low, high = paired(lambda: run_once(bare, env), imported, options.runs)
        verdict = "ok" if ratio <= IMPORT_GOAL else "OVER"
        print(
            f"{'data import':<22} {options.import_rows:,} rows into an empty journal {import_s * 1000:.0f} ms,"
            f" bare typer --help {bare_s * 1000:.0f} ms: {ratio:.2f}x ({low:.2f}-{high:.2f})"
            f" (goal {IMPORT_GOAL}x) {verdict}"
        )
        print(f"\nMemory: medians of {memory_runs} paired runs; import: medians of {options.runs} paired runs.")
    finally:
        if not options.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    main()
