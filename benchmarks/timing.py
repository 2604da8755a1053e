"""Whole-process timing shared by the benchmark scripts: interleaved runs, medians, ratios."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

BARE_APP = '''
import typer

app = typer.Typer()


@app.command()
def first() -> None:
    """First command."""


@app.command()
def second() -> None:
    """Second command."""


app()
'''


# Measure as an installed package runs: with bytecode caches. With PYTHONDONTWRITEBYTECODE set
# (some machines set it) every run would compile every module, and the ratios would mean less.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

def bare_app() -> list[str]:
    """The command line of a bare two-command Typer app, the baseline every ratio is against."""
    path = Path(tempfile.gettempdir()) / "backspasm_bench_bare_typer.py"
    path.write_text(BARE_APP)
    return [sys.executable, str(path), "--help"]


def backspasm(*args: str) -> list[str]:
    """The command line of the installed backspasm in this environment."""
    return [sys.executable, "-m", "backspasm", *args]


def run_once(command: Sequence[str], env: dict[str, str], stdin: bytes | None = None) -> float:
    """Wall-clock seconds of one whole process, output discarded."""
    start = time.perf_counter()
    subprocess.run(command, input=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    return time.perf_counter() - start


def compare(
    command: Sequence[str], baseline: Sequence[str], runs: int = 15, stdin: bytes | None = None
) -> tuple[float, float, float]:
    """Median seconds of the command and of the baseline, and the median of their pairwise ratios.

    The two run in turn (A B A B ...) after a warm-up, so drift in machine speed hits both alike.
    """
    env = {**os.environ, "NO_COLOR": "1"}
    run_once(command, env, stdin)
    run_once(baseline, env)
    a_times, b_times, ratios = [], [], []
    for _ in range(runs):
        a = run_once(command, env, stdin)
        b = run_once(baseline, env)
        a_times.append(a)
        b_times.append(b)
        ratios.append(a / b)
    return statistics.median(a_times), statistics.median(b_times), statistics.median(ratios)


def report(name: str, command: Sequence[str], limit: float, runs: int = 15, stdin: bytes | None = None) -> bool:
    """Print one line with the timings and the ratio against the bare app; True when within limit."""
    a, b, ratio = compare(command, bare_app(), runs=runs, stdin=stdin)
    verdict = "ok" if ratio <= limit else "OVER"
    print(
        f"{name:<40} {a * 1000:7.1f} ms  bare typer --help {b * 1000:7.1f} ms  "
        f"ratio {ratio:5.2f} (limit {limit:.2f}) {verdict}"
    )
    return ratio <= limit


def run_measured(command: Sequence[str], env: dict[str, str], stdin: bytes | None = None) -> tuple[float, int]:
    """Wall-clock seconds and peak resident memory (KB, the kernel's own count) of one whole process."""
    start = time.perf_counter()
    child = subprocess.Popen(
        command,
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    if stdin is not None:
        assert child.stdin is not None
        child.stdin.write(stdin)
        child.stdin.close()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    return seconds, int(usage.ru_maxrss)


def paired(
    first: Callable[[], float], second: Callable[[], float], runs: int = 15
) -> tuple[float, float, float, float, float]:
    """Medians of two measurements taken in turn (A B A B ..., after a warm-up each), the median of
    their pairwise ratios (second / first) and the ratios' interquartile range (low, high)."""
    first()
    second()
    a_values, b_values, ratios = [], [], []
    for _ in range(runs):
        a = first()
        b = second()
        a_values.append(a)
        b_values.append(b)
        ratios.append(b / a)
    quartiles = statistics.quantiles(ratios, n=4) if runs > 1 else [ratios[0]] * 3
    middle = statistics.median(ratios)
    return statistics.median(a_values), statistics.median(b_values), middle, quartiles[0], quartiles[2]
