"""Startup cost of `backspasm --help` and `backspasm remedies` against a bare two-command Typer app.

Run: python benchmarks/bench_cli.py [RUNS]. Whole-process wall-clock timings, medians of
interleaved runs. Limits from the foundation issue: --help at most 10% more, remedies 50% more.
This is a measurement, not a test: it prints ratios and exits 0 either way.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import backspasm, report


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    # Warm the knowledge-base cache, as any earlier run of backspasm would have.
    report("backspasm --help", backspasm("--help"), 1.10, runs)
    report("backspasm remedies", backspasm("remedies"), 1.50, runs)


if __name__ == "__main__":
    main()
