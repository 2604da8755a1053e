"""The pager long output goes through on a terminal: the person's PAGER, else less; no rich here."""

from __future__ import annotations

import os
import subprocess


def run_pager(content: str, command: str | None = None) -> bool:
    """Feed the text to the pager (PAGER, else `less` with LESS=FRX unless set); False when it could
    not start or ended in failure, so the caller prints the text itself and nothing is lost."""
    os.environ.setdefault("LESS", "FRX")
    try:
        process = subprocess.Popen(
            command or os.environ.get("PAGER") or "less",
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
    while True:
        try:
            code = process.wait()
            break
        except KeyboardInterrupt:
            continue  # the pager has the terminal: let it handle Ctrl-C
    return code == 0
