"""A real 10-second ice session in a pseudo-terminal: how late it ends and how much CPU it uses.

Prints numbers, not a verdict for a test suite. The end-time error is the time between the
"started" and "done" lines on the screen minus the planned length (it must be 0 to 50 ms, never
negative); CPU is the process's user+system time while the timer runs (start-up excluded),
as a share of one core (it must stay under 1%). A second run times the same loop in this
process from its own events, which gives the end-time error without terminal latency.

    python benchmarks/bench_session.py [--seconds 10] [--plain]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import pexpect

from backspasm.timer import Event, Plan, SessionTimer, Snapshot, SystemClock
from backspasm.timer.alerts import Alerts
from backspasm.timer.runner import run_session
from backspasm.timer.terminal import SessionTerminal

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float | None:
    """User plus system CPU seconds of a process so far (None once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICKS


def run(seconds: float, plain: bool) -> None:
    """Run one session and print its end-time error and CPU share."""
    program = str(Path(sys.executable).parent / "backspasm")
    args = ["session", "ice", "--duration", f"{seconds:g}s", "--yes", "--no-bell"]
    if plain:
        args.append("--plain")
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "BACKSPASM_HOME": home, "TERM": "xterm"}
        child = pexpect.spawn(program, args, env=env, encoding="utf-8", dimensions=(30, 100), timeout=seconds + 30)
        child.expect("started")
        started = time.monotonic()
        cpu_start = cpu_seconds(child.pid)
        cpu_last, at_last = cpu_start, started
        while True:
            index = child.expect(["done", pexpect.TIMEOUT], timeout=0.5)
            if index == 0:
                ended = time.monotonic()
                break
            sample = cpu_seconds(child.pid)
            if sample is not None:
                cpu_last, at_last = sample, time.monotonic()
        child.expect(pexpect.EOF)
        child.close()
    error_ms = (ended - started - seconds) * 1000
    mode = "plain" if plain else "live"
    if cpu_start is None or cpu_last is None:
        print(f"{mode}: end seen on screen {error_ms:+.1f} ms late; CPU not measurable (no /proc)")
        return
    share = (cpu_last - cpu_start) / (at_last - started) * 100
    print(
        f"{mode:5}: {seconds:g} s session, end seen on screen {error_ms:+6.1f} ms late (± tty latency), "
        f"CPU {share:.2f}% of a core over {at_last - started:.1f} s (limit 1%; clock tick {1000 / TICKS:.0f} ms)"
    )


class _Stamps:
    """A plain view that notes the monotonic time of the start and of the end events."""

    tick = 5.0
    per_second = False

    def __init__(self) -> None:
        self.at: dict[str, float] = {}

    def event(self, event: Event, snap: Snapshot) -> None:
        self.at.setdefault(event.kind, time.monotonic())

    def show(self, snap: Snapshot) -> None:
        pass


def run_in_process(seconds: float) -> None:
    """The same timer loop in this process, timed from its own events: the exact end-time error."""
    timer = SessionTimer(Plan(apply_seconds=seconds))
    view = _Stamps()
    with open(os.devnull) as quiet, SessionTerminal(stdin=quiet) as terminal:
        run_session(
            timer,
            SystemClock(),
            terminal,
            view,
            Alerts(bell=False, stream=None, notify_send=None),
            alert_for=lambda event: None,
            save=lambda snap: None,
        )
    error_ms = (view.at["completed"] - view.at["started"] - seconds) * 1000
    print(f"loop : {seconds:g} s session in process, end-time error {error_ms:+6.2f} ms (limit 0..+50)")


def main() -> None:
    """Run the benchmark from the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--plain", action="store_true", help="plain output instead of the live display")
    options = parser.parse_args()
    run(options.seconds, options.plain)
    run_in_process(options.seconds)


if __name__ == "__main__":
    main()
