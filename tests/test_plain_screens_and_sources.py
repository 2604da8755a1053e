"""Plain screens without boxes, whole ids at 40 columns, each source named once, and the options that say so."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from terminal import on_a_terminal
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.storage import sessions as history
from backspasm.storage.db import connect

BOX = re.compile("[\u2500-\u257f]")
QUICK = ["--duration", "0.2s", "--yes"]


@pytest.mark.parametrize(
    "args",
    [
        ["protocols"],
        ["remedies"],
        ["remedies", "show", "superficial-heat"],
        ["warning-signs"],
        ["causes"],
        ["stretch", "--list"],
        ["history"],
        ["today"],
        ["triage", "--answers", "{answers}", "--no-save"],
    ],
)
def test_a_dumb_terminal_gets_no_box_characters(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: object, args: list[str]
) -> None:
    """With TERM=dumb no command draws a box character (a screen reader reads ╭─│ aloud)."""
    answers = Path(str(tmp_path)) / "answers.json"
    answers.write_text('{"age": 40, "days_since_onset": 2}', encoding="utf-8")
    monkeypatch.setenv("TERM", "dumb")
    result = runner.invoke(app, [arg.replace("{answers}", str(answers)) for arg in args])
    assert result.exit_code == 0, result.stderr
    assert BOX.findall(result.stdout) == []


def test_plain_sessions_draw_no_boxes(runner: CliRunner) -> None:
    """session --plain: the ruled-out notice and the intro carry no box characters."""
    result = runner.invoke(app, ["session", "ice", "--plain", "--duration", "0.2s"], input="n\n")
    assert result.exit_code == 1
    assert "not safe to start now" in result.stdout
    assert BOX.findall(result.stdout) == []


def test_boxes_are_still_drawn_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal, without --plain or TERM=dumb, rich's boxes keep their lines (the plain rule changes no more)."""
    from conftest import built_in_kb

    from backspasm.emergency.number import EmergencyNumber
    from backspasm.render.console import make_console
    from backspasm.render.triage import render_not_finished

    monkeypatch.setenv("TERM", "xterm")
    console = make_console()
    with console.capture() as drawn:  # the not-finished screen after Ctrl-C, still drawn by rich
        render_not_finished(built_in_kb(), EmergencyNumber(), console)
    assert BOX.findall(drawn.get())


@pytest.mark.parametrize(
    ("args", "section"), [(["remedies"], "remedies"), (["protocols"], "protocols"), (["stretch", "--list"], "routines")]
)
def test_at_40_columns_no_id_is_broken(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, args: list[str], section: str
) -> None:
    """At 40 columns every remedy, protocol and routine id is whole on one line, and nothing is wider than 40."""
    from backspasm.kb.loader import load_active_data

    monkeypatch.setenv("BACKSPASM_WIDTH", "40")
    on_a_terminal(monkeypatch)
    out = runner.invoke(app, args).stdout
    words = {word.strip("():,;") for line in out.splitlines() for word in line.split()}
    for entry in load_active_data()[section]:
        assert entry["id"] in words, entry["id"]
    assert max(len(line) for line in out.splitlines()) <= 40


@pytest.mark.parametrize("terminal", [True, False], ids=["terminal", "piped"])
def test_warning_signs_name_each_source_once(monkeypatch: pytest.MonkeyPatch, terminal: bool) -> None:
    """`warning-signs` lists its sources once, numbered, at the end; each sign cites them by number."""
    if terminal:
        on_a_terminal(monkeypatch)
    runner = CliRunner()
    out = runner.invoke(app, ["warning-signs"]).stdout
    assert out.count("NHS: Back pain") == 1
    heading = "Sources:"  # the same lines on a terminal as piped
    assert out.count(f"\n{heading}\n") == 1 and "Sources: " not in out
    head, sources = out.split(f"\n{heading}\n")
    assert re.search(r"\[\d+(, \d+)*\]", head)
    assert sources.lstrip().startswith("1. ")


@pytest.mark.parametrize("command", ["ice", "heat"])
def test_ice_and_heat_take_the_options_of_session(runner: CliRunner, command: str) -> None:
    """`ice` and `heat` take --no-bell, --rounds, --rest and --plain, like `session`."""
    result = runner.invoke(app, [command, *QUICK, "--no-bell", "--plain", "--rounds", "1", "--rest", "45m"])
    assert result.exit_code == 0, result.stderr
    assert "--rest only matters with --rounds 2 or more" in result.stderr


def test_a_short_session_is_shown_in_seconds_today(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """A 4.8-second session is "5 s" in today's list of what was done, not "1 min"."""
    now = datetime.fromisoformat("2026-03-02T14:00:00+00:00")
    monkeypatch.setenv("BACKSPASM_NOW", now.isoformat())
    conn = connect()
    try:
        started = now - timedelta(minutes=5)
        sid = history.begin(conn, "ice", planned_seconds=900, rounds=1, started_at=started)
        history.finish(conn, sid, status="stopped", applied=4.8, rounds_done=0, at=started + timedelta(seconds=5))
    finally:
        conn.close()
    out = CliRunner().invoke(app, ["today", "--plain"]).stdout
    assert "- Ice pack: 5 s at 13:55" in out
    assert "1 min" not in out
