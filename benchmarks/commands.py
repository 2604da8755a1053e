"""Every everyday command against a bare two-command Typer app's `--help`: one table, warm and cold.

    python benchmarks/commands.py [--runs 15] [--only remedies,history] [--markdown]

Whole-process wall-clock timings of the installed `backspasm`, each run paired with a run of
the bare app (A B A B ..., after a warm-up), so drift in the machine's speed hits both alike.
The ratio column is the median of the pairwise ratios; "spread" is their interquartile range,
which says how noisy the machine was. "warm" runs find the knowledge-base cache filled by an
earlier run, as almost every run does; "cold" runs find no cache (the first run after an
install or an edit of the knowledge base), so they read and validate the YAML.
Both run with bytecode caches, as an installed package does (PYTHONDONTWRITEBYTECODE is dropped).
`session` is timed until its first countdown line ("started") appears with `--yes --plain` (and
`--force-early`: the runs share one journal, and the skin's rest would refuse every run after the first),
then stopped. Every run's stdout is a pipe ("piped"), as in a script or `| less`; the "terminal"
column runs each command warm with its stdout on an 80x24 pseudo-terminal (stdin not a terminal,
so no pager starts), where the screen is drawn. Goals (issue 26): at most 0.8x warm, piped
and on a terminal; 1.5x cold. This is a measurement, not a test: it prints the table and exits 0
either way.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import pty
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import bare_app

WARM_GOAL = 0.8
COLD_GOAL = 1.5
FIRST_TICK = "started"


def program() -> list[str]:
    """The installed console script beside this Python, as a person runs it (else `python -m backspasm`)."""
    script = Path(sys.executable).parent / "backspasm"
    return [str(script)] if script.exists() else [sys.executable, "-m", "backspasm"]


@dataclass(frozen=True)
class Case:
    """One command line to time, and whether it is timed to its first countdown line instead of its end."""

    name: str
    args: tuple[str, ...]
    first_tick: bool = False


def cases(answers: Path) -> list[Case]:
    """The commands of the table, in the README's order."""
    return [
        Case("--help", ("--help",)),
        Case("remedies", ("remedies",)),
        Case("remedies show", ("remedies", "show", "superficial-heat")),
        Case("causes", ("causes",)),
        Case("warning-signs", ("warning-signs",)),
        Case("protocols", ("protocols",)),
        Case("today", ("today",)),
        Case("plan", ("plan",)),
        Case("triage --answers F --json", ("triage", "--answers", str(answers), "--json", "--no-save")),
        Case("triage --answers F", ("triage", "--answers", str(answers), "--no-save")),
        Case("history", ("history",)),
        Case("report", ("report",)),
        Case("log --pain 5", ("log", "--pain", "5")),
        Case("stretch --list", ("stretch", "--list")),
        Case("data export -", ("data", "export", "-")),
        Case(
            "session: first tick",
            ("session", "ice", "--yes", "--plain", "--no-bell", "--force-early", "--duration", "20m"),
            True,
        ),
    ]


def chosen_by(case: Case, only: str) -> bool:
    """Whether `--only` names the case: its whole name, or its command's first word (`log` for `log --pain 5`)."""
    names = only.split(",")
    return case.name in names or case.name.split()[0].rstrip(":") in names


def run_to_end(command: Sequence[str], env: dict[str, str]) -> float:
    """Wall-clock seconds of one whole process, its output read and thrown away."""
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    return time.perf_counter() - start


def run_on_terminal(command: Sequence[str], env: dict[str, str]) -> float:
    """Wall-clock seconds of one whole process whose stdout is an 80x24 pseudo-terminal, read to its end."""
    main, child_end = pty.openpty()
    fcntl.ioctl(child_end, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    start = time.perf_counter()
    quiet = subprocess.DEVNULL
    child = subprocess.Popen(command, stdout=child_end, stderr=quiet, stdin=quiet, env=env)
    os.close(child_end)
    try:
        while os.read(main, 65536):
            pass
    except OSError:  # EIO: the child closed its end
        pass
    child.wait()
    took = time.perf_counter() - start
    os.close(main)
    return took


def run_to_first_tick(command: Sequence[str], env: dict[str, str]) -> float:
    """Seconds from starting the process to its first countdown line; the session is then stopped."""
    start = time.perf_counter()
    quiet = subprocess.DEVNULL
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=quiet, stdin=quiet, env=env)
    assert child.stdout is not None
    took = float("nan")
    for line in child.stdout:
        if FIRST_TICK.encode() in line:
            took = time.perf_counter() - start
            break
    child.send_signal(signal.SIGTERM)
    child.communicate()
    return took


@dataclass(frozen=True)
class Timing:
    """Medians of one command against the bare app, and how spread the pairwise ratios were."""

    ms: float
    bare_ms: float
    ratio: float
    low: float
    high: float


def paired(run: Callable[[], float], bare: Callable[[], float], runs: int, before: Callable[[], None]) -> Timing:
    """Interleaved runs after one warm-up each; `before` prepares each run of the command (untimed)."""
    before()
    run()
    bare()
    mine: list[float] = []
    theirs: list[float] = []
    for _ in range(runs):
        before()
        mine.append(run())
        theirs.append(bare())
    ratios = sorted(a / b for a, b in zip(mine, theirs, strict=True))
    quartiles = statistics.quantiles(ratios, n=4) if len(ratios) > 1 else [ratios[0]] * 3
    return Timing(
        statistics.median(mine) * 1000,
        statistics.median(theirs) * 1000,
        statistics.median(ratios),
        quartiles[0],
        quartiles[2],
    )


def fill_journal(env: dict[str, str]) -> None:
    """Ten pain entries over ten days, so history and report have something to show."""
    for day in range(10):
        command = [*program(), "log", "--pain", str(3 + day % 5), "--at", f"{day * 24 + 2}h ago"]
        subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)


def main() -> None:
    """Time every case warm and cold and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="paired runs per command and cache state (default 15)")
    parser.add_argument("--only", help="comma-separated case names to time (default: all)")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown (for the README)")
    options = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="backspasm-bench-"))
    answers = home / "answers.json"
    answers.write_text(json.dumps({"age": 40, "fever": True}), encoding="utf-8")
    env = {**os.environ, "BACKSPASM_HOME": str(home / "home"), "NO_COLOR": "1", "COLUMNS": "80", "LINES": "24"}
    env.pop("BACKSPASM_KB", None)
    # As an installed package runs: pip writes bytecode at install time, so the first (warm-up)
    # run may write it here; with PYTHONDONTWRITEBYTECODE every run would compile every module.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cache = home / "home" / "cache"
    terminal_env = {**env, "TERM": "xterm-256color"}
    baseline = bare_app()
    try:
        fill_journal(env)
        chosen = [case for case in cases(answers) if not options.only or chosen_by(case, options.only)]
        rows: list[tuple[str, Timing, Timing, Timing | None]] = []
        for case in chosen:
            command = [*program(), *case.args]
            timer = run_to_first_tick if case.first_tick else run_to_end

            def run(command: list[str] = command, timer: Callable[..., float] = timer) -> float:
                return float(timer(command, env))

            def bare() -> float:
                return run_to_end(baseline, env)

            def warm() -> None:
                if not cache.exists():
                    run_to_end([*program(), "remedies"], env)

            def cold() -> None:
                shutil.rmtree(cache, ignore_errors=True)

            def on_terminal(command: list[str] = command) -> float:
                return run_on_terminal(command, terminal_env)

            # The session's first tick is the same line on a terminal (--plain): timed piped only.
            drawn = None if case.first_tick else paired(on_terminal, bare, options.runs, warm)
            rows.append(
                (case.name, paired(run, bare, options.runs, warm), paired(run, bare, options.runs, cold), drawn)
            )
            print_row(rows[-1], options.markdown, header=len(rows) == 1)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    print()
    print(
        f"Medians of {options.runs} paired runs each; spread: interquartile range of the ratios. "
        f"Goals: at most {WARM_GOAL:.1f}x warm (piped and on a terminal), {COLD_GOAL:.1f}x cold. "
        f"Python {sys.version.split()[0]}."
    )


def print_row(row: tuple[str, Timing, Timing, Timing | None], markdown: bool, *, header: bool) -> None:
    """One line of the table (and the header before the first)."""
    name, warm, cold, drawn = row
    if markdown:
        if header:
            print(
                "| command | warm ms | bare ms | piped, warm (spread) | cold ms | piped, cold (spread) "
                "| terminal ms | terminal, warm (spread) |"
            )
            print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        terminal = "| — | — |" if drawn is None else f"| {drawn.ms:.0f} | {_ratio(drawn, '–')} |"
        print(
            f"| `{name}` | {warm.ms:.0f} | {warm.bare_ms:.0f} | {_ratio(warm, '–')} "
            f"| {cold.ms:.0f} | {_ratio(cold, '–')} {terminal}"
        )
        return
    if header:
        print(
            f"{'command':<28}{'warm ms':>8}{'bare ms':>8}  {'piped ratio':<20}{'cold ms':>8}  {'cold ratio':<20}"
            f"{'term ms':>8}  terminal ratio"
        )
    over = warm.ratio > WARM_GOAL or cold.ratio > COLD_GOAL or (drawn is not None and drawn.ratio > WARM_GOAL)
    print(
        f"{name:<28}{warm.ms:8.0f}{warm.bare_ms:8.0f}  {_ratio(warm, '-'):<20}"
        f"{cold.ms:8.0f}  {_ratio(cold, '-'):<20}"
        + (f"{'-':>8}  -" if drawn is None else f"{drawn.ms:8.0f}  {_ratio(drawn, '-')}")
        + ("  over goal" if over else "")
    )


def _ratio(timing: Timing, dash: str) -> str:
    """A ratio with its spread: "0.78x (0.76-0.80)"."""
    return f"{timing.ratio:.2f}x ({timing.low:.2f}{dash}{timing.high:.2f})"


if __name__ == "__main__":
    main()
