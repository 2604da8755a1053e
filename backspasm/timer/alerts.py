"""Alerts at phase changes and at the end: the terminal bell and, on a desktop, a notification.

An alert must never break a session: every failure of notify-send is swallowed, once.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from typing import Any, TextIO


def bell_stream() -> TextIO | None:
    """Where the bell can ring: stdout when it is a terminal, else stderr when that is one, else nowhere."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError, OSError):
            if stream.isatty():
                return stream
    return None


def notifier() -> str | None:
    """The notify-send program when it exists and a desktop session is present, else None."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return None
    return shutil.which("notify-send")


class Alerts:
    """Ring the bell (unless told not to) and send a desktop notification where one can be shown."""

    def __init__(self, *, bell: bool, stream: TextIO | None, notify_send: str | None) -> None:
        self._bell = bell and stream is not None
        self._stream = stream
        self._notify_send = notify_send
        self._children: list[subprocess.Popen[bytes]] = []

    def alert(self, title: str, body: str) -> None:
        """Tell the person something needs doing now."""
        if self._bell and self._stream is not None:
            with contextlib.suppress(OSError, ValueError):
                self._stream.write("\a")
                self._stream.flush()
        self._notify(title, body)
        self._reap()

    def _notify(self, title: str, body: str) -> None:
        if self._notify_send is None:
            return
        command = [self._notify_send, "--app-name=backspasm", title, body]
        options: dict[str, Any] = {
            "stdin": subprocess.DEVNULL,
            "stdout": subprocess.DEVNULL,
            "stderr": subprocess.DEVNULL,
            # Its own session, so Ctrl-C meant for the timer never reaches it.
            "start_new_session": True,
        }
        try:
            self._children.append(subprocess.Popen(command, **options))
        except (OSError, ValueError, subprocess.SubprocessError):
            self._notify_send = None  # it failed once; do not try again in this session

    def _reap(self) -> None:
        self._children = [child for child in self._children if child.poll() is None]

    def close(self, timeout: float = 1.0) -> None:
        """Wait a moment for notifications in flight; end any that hang, so none is left behind."""
        for child in self._children:
            try:
                child.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(OSError):
                    child.kill()
                    child.wait(timeout=timeout)
            except OSError:
                pass
        self._children.clear()
