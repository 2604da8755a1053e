"""The terminal while a session runs: keys without Enter, signals that end it cleanly, and a clean exit.

Keys are read in cbreak mode (no Enter needed, no echo; Ctrl-C still sends SIGINT). SIGINT,
SIGTERM and SIGHUP only set a flag and wake the waiting select() through a self-pipe, so the
session loop ends the session itself and saves its record; nothing is raised mid-write.
Ctrl-Z restores the terminal before the process stops and sets cbreak again when it continues.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import sys
import termios
import tty
from types import FrameType, TracebackType
from typing import Any, TextIO

ENDING_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
SHOW_CURSOR = "\x1b[?25h"
HIDE_CURSOR = "\x1b[?25l"


def _fileno(stream: Any) -> int | None:
    try:
        return int(stream.fileno())
    except (AttributeError, OSError, ValueError):
        return None


class SessionTerminal:
    """A context manager around the running session: cbreak keys, signal flags, restore on exit."""

    def __init__(self, stdin: Any = None, stdout: TextIO | None = None, *, hide_cursor: bool = False) -> None:
        self._stdin_fd = _fileno(sys.stdin if stdin is None else stdin)
        self._stdout = sys.stdout if stdout is None else stdout
        self._hide_cursor = hide_cursor
        self._is_tty = self._stdin_fd is not None and os.isatty(self._stdin_fd)
        # A pipe on stdin may also carry keys (scripts, tests); its end of file stops the reading.
        self._keys_fd: int | None = self._stdin_fd
        self._saved_mode: list[Any] | None = None
        self._wake_r: int | None = None
        self._wake_w: int | None = None
        self._old_handlers: dict[int, Any] = {}
        self._old_wakeup_fd: int | None = None
        self.signal: int | None = None

    # ------------------------------------------------------------------ entering and leaving

    def __enter__(self) -> SessionTerminal:
        self._install_signals()
        self._enter_cbreak()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.restore()
        self._remove_signals()

    def restore(self) -> None:
        """Give the terminal back as it was: its mode and a visible cursor (never fails)."""
        if self._saved_mode is not None and self._stdin_fd is not None:
            with contextlib.suppress(OSError, termios.error):
                termios.tcsetattr(self._stdin_fd, termios.TCSADRAIN, self._saved_mode)
        self._saved_mode = None
        if self._hide_cursor:
            self._write(SHOW_CURSOR)

    def _enter_cbreak(self) -> None:
        if not self._is_tty or self._stdin_fd is None:
            return
        try:
            self._saved_mode = termios.tcgetattr(self._stdin_fd)
            tty.setcbreak(self._stdin_fd, termios.TCSANOW)
        except (OSError, termios.error):
            self._saved_mode = None
        if self._hide_cursor:
            self._write(HIDE_CURSOR)

    def _write(self, text: str) -> None:
        with contextlib.suppress(OSError, ValueError):
            self._stdout.write(text)
            self._stdout.flush()

    # ------------------------------------------------------------------ signals

    def _install_signals(self) -> None:
        try:
            self._wake_r, self._wake_w = os.pipe()
            os.set_blocking(self._wake_r, False)
            os.set_blocking(self._wake_w, False)
            self._old_wakeup_fd = signal.set_wakeup_fd(self._wake_w, warn_on_full_buffer=False)
            for number in ENDING_SIGNALS:
                self._old_handlers[number] = signal.signal(number, self._on_ending_signal)
            if hasattr(signal, "SIGTSTP"):
                self._old_handlers[signal.SIGTSTP] = signal.signal(signal.SIGTSTP, self._on_stop_key)
        except ValueError:  # not the main thread: no handlers, the default behaviour stays
            self._remove_signals()

    def _remove_signals(self) -> None:
        for number, handler in self._old_handlers.items():
            with contextlib.suppress(ValueError, TypeError):
                signal.signal(number, handler)
        self._old_handlers.clear()
        if self._old_wakeup_fd is not None:
            with contextlib.suppress(ValueError):
                signal.set_wakeup_fd(self._old_wakeup_fd)
            self._old_wakeup_fd = None
        for fd in (self._wake_r, self._wake_w):
            if fd is not None:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self._wake_r = self._wake_w = None

    def _on_ending_signal(self, number: int, frame: FrameType | None) -> None:
        if self.signal is None:
            self.signal = number

    def _on_stop_key(self, number: int, frame: FrameType | None) -> None:
        # Ctrl-Z: leave the terminal usable while stopped, then take it back on `fg`.
        saved = self._saved_mode
        self.restore()
        signal.signal(signal.SIGTSTP, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTSTP)
        # ...stopped here until SIGCONT...
        signal.signal(signal.SIGTSTP, self._on_stop_key)
        if saved is not None:
            self._enter_cbreak()

    # ------------------------------------------------------------------ waiting

    def wait(self, timeout: float) -> str:
        """Block until a key, a signal or `timeout` seconds; return the keys typed ('' for none)."""
        fds = [fd for fd in (self._keys_fd, self._wake_r) if fd is not None]
        if self.signal is not None:
            return ""
        try:
            ready, _, _ = select.select(fds, [], [], max(0.0, timeout))
        except (OSError, ValueError):
            ready = []
        keys = ""
        if self._wake_r is not None and self._wake_r in ready:
            with contextlib.suppress(OSError):
                os.read(self._wake_r, 512)
        if self._keys_fd is not None and self._keys_fd in ready:
            try:
                data = os.read(self._keys_fd, 64)
            except OSError:
                data = b""
            if not data:  # end of file (or a terminal that went away): stop watching it
                self._keys_fd = None
            keys = data.decode("utf-8", "replace")
        return keys


def plain_output(requested: bool) -> bool:
    """One line per event when asked, when stdout is not a terminal, or on a dumb terminal."""
    from backspasm.plain_output import dumb_terminal

    return requested or not sys.stdout.isatty() or dumb_terminal()
