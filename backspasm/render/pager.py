"""The pager long output goes through on a terminal: the person's PAGER, else less; no rich here."""

from __future__ import annotations

import os
import subprocess


def run_pager(content: str) -> bool:
    """Feed the text to the pager (PAGER, else `less` with LESS=FRX unless set); False when it could
    not start or ended in failure, so the caller prints the text itself and nothing is lost."""
    os.environ.setdefault("LESS", "FRX")
    try:
        process = subprocess.Popen(
            os.environ.get("PAGER") or "less",
            shell=True,
            stdin=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            errors="backslashreplace",
        )
    except OSError:
        return False
    try:
        with process.stdin as pipe:  # type: ignore[union-attr]  # stdin=PIPE gives one
            pipe.write(content)
    except OSError:
        pass  # the pager quit before reading everything (q in less): that is fine
    return wait_for_pager(process) == 0


def wait_for_pager(process: subprocess.Popen[str]) -> int:
    """The pager's exit code once it ends; Ctrl-C meanwhile is the pager's to handle, not ours."""
    while True:
        try:
            return process.wait()
        except KeyboardInterrupt:
            continue  # the pager has the terminal: let it handle Ctrl-C
