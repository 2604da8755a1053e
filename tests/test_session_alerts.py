"""Alerts: the bell on a terminal only, desktop notifications where possible, and never a traceback."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.timer.alerts import Alerts, notifier


def fake_notify_send(folder: Path, body: str) -> Path:
    """An executable notify-send in `folder` running this shell body."""
    folder.mkdir(exist_ok=True)
    program = folder / "notify-send"
    program.write_text(f"#!/bin/sh\n{body}\n")
    program.chmod(0o755)
    return program


class Tty(io.StringIO):
    """A text stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_bell_rings_unless_turned_off() -> None:
    """An alert writes \\a to the terminal; with bell=False nothing is written."""
    stream = Tty()
    Alerts(bell=True, stream=stream, notify_send=None).alert("t", "b")
    assert stream.getvalue() == "\a"
    quiet = Tty()
    Alerts(bell=False, stream=quiet, notify_send=None).alert("t", "b")
    assert quiet.getvalue() == ""


def test_notifier_needs_a_desktop_and_the_program(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """notify-send is used only when it is on PATH and DISPLAY or WAYLAND_DISPLAY is set."""
    fake_notify_send(tmp_path / "bin", "exit 0")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert notifier() is None
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    assert notifier() == str(tmp_path / "bin" / "notify-send")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert notifier() is None


@pytest.mark.usefixtures("instant")  # the session runs on a fake clock, at once
def test_session_sends_a_desktop_notification_at_the_end(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a desktop, the end of a session is also a notification with the protocol and what to do."""
    log = tmp_path / "notified"
    fake_notify_send(tmp_path / "bin", f'printf "%s|" "$@" >> "{log}"')
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("DISPLAY", ":99")
    result = runner.invoke(app, ["session", "ice", "--duration", "0.2s", "--yes"])
    assert result.exit_code == 0, result.stderr
    for _ in range(250):  # the notification runs in the background; a loaded machine is slow
        if log.exists() and log.read_text().endswith("|"):
            break
        time.sleep(0.02)
    assert log.read_text() == (
        "--app-name=backspasm|Ice pack: done|Take the ice off now and keep it off for at least 40 min.|"
    )


@pytest.mark.parametrize("body", ["echo boom >&2; exit 1", pytest.param("sleep 5", marks=pytest.mark.slow)])
@pytest.mark.usefixtures("instant")  # the session runs on a fake clock, at once
def test_a_failing_or_hanging_notifier_does_not_break_the_session(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str
) -> None:
    """notify-send that fails or hangs: the session still completes, without a traceback or its output."""
    fake_notify_send(tmp_path / "bin", body)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("DISPLAY", ":99")
    started = time.monotonic()
    result = runner.invoke(app, ["session", "ice", "--duration", "0.2s", "--yes"])
    assert result.exit_code == 0
    assert "boom" not in result.stderr and "Traceback" not in result.stderr
    assert time.monotonic() - started < 4


def test_a_missing_notifier_program_is_ignored() -> None:
    """A notify-send path that cannot be run is dropped after the first try."""
    alerts = Alerts(bell=False, stream=None, notify_send="/nonexistent/notify-send")
    alerts.alert("t", "b")
    alerts.alert("t", "b")
    alerts.close()
