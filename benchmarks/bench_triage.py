"""Startup cost of `backspasm triage --answers F --json` against a bare two-command Typer app's --help.

Run: python benchmarks/bench_triage.py [RUNS]. Whole-process wall-clock timings (subprocess runs,
interleaved with the baseline, medians). Limit from issue 8: at most 50% more than the bare app.
A measurement, not a test: it prints the ratio and exits 0 either way.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import backspasm, report

LIMIT = 1.50  # issue 8 (triage rules v2): within 1.5x the bare app
# A typical scripted run: an answers file a bit fuller than most vignettes.
ANSWERS = {
    "age": 45,
    "days_since_onset": 5,
    "trend": "same",
    "pain_score": 6,
    "leg_pain_below_knee": "one_leg",
    "bladder_bowel_change": False,
    "saddle_numbness": False,
    "fever": False,
    "cancer_history": False,
}


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    with tempfile.TemporaryDirectory() as folder:
        answers = Path(folder) / "answers.json"
        answers.write_text(json.dumps(ANSWERS), encoding="utf-8")
        report(
            "backspasm triage --answers F --json", backspasm("triage", "--answers", str(answers), "--json"), LIMIT, runs
        )


if __name__ == "__main__":
    main()
