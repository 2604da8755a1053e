"""The triage result on a terminal: the piped words drawn as styled lines without rich, levels in colour."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from screen import broken_words, widest
from terminal import on_a_terminal
from test_triage_result_words import all_clear
from typer.testing import CliRunner

from backspasm.cli import app

SGR = re.compile(r"\x1b\[[0-9;]*m")
COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-7]|4[0-7])(?:;[0-9;]*)?m")
EMERGENCY = {"age": 50, "saddle_numbness": True}
LEVELS = {
    "emergency": EMERGENCY,
    "urgent": all_clear(fever=True),
    "soon": all_clear(episodes_past_year=3),
    "self_care": all_clear(),
}


@pytest.fixture(autouse=True)
def eighty_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test draws 80 columns wide, with styles as on a terminal (CliRunner's stdout is none)."""
    monkeypatch.setenv("BACKSPASM_WIDTH", "80")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)


def result(runner: CliRunner, tmp_path: Path, answers: dict[str, Any]) -> str:
    """`triage --answers` for these answers (not saved), its stdout."""
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    run = runner.invoke(app, ["triage", "--answers", str(path), "--no-save", "--emergency-number", "999"])
    assert run.exit_code == 0, run.stderr
    return run.stdout


@pytest.mark.parametrize("level", LEVELS)
def test_the_terminal_says_the_piped_words(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, level: str
) -> None:
    """On a terminal each level's result says exactly the piped lines' words, wrapped alike, its level in colour."""
    piped = result(runner, tmp_path, LEVELS[level])
    on_a_terminal(monkeypatch)
    drawn = result(runner, tmp_path, LEVELS[level])
    assert SGR.sub("", drawn) == piped
    assert widest(SGR.sub("", drawn)) < 80 and broken_words(SGR.sub("", drawn)) == []
    shout = {"emergency": "1;37;41mEMERGENCY", "urgent": "1;33mURGENT", "soon": "1;36mSOON", "self_care": "1;32mSELF"}
    assert drawn.count(f"\x1b[{shout[level]}") == 2  # first and last


def test_the_emergency_is_white_on_red_and_no_color_removes_colour(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """On a terminal the emergency level and its last word are white on red; NO_COLOR keeps bold, drops colour."""
    on_a_terminal(monkeypatch)
    out = result(runner, tmp_path, EMERGENCY)
    assert "\x1b[1;37;41mEMERGENCY" in out
    assert "\x1b[1;37;41mEMERGENCY: Call 999 now" in out
    assert "\x1b[1;37;41mWhat to do now:" in out
    monkeypatch.setenv("NO_COLOR", "1")
    plain = result(runner, tmp_path, EMERGENCY)
    assert COLOUR.findall(plain) == [] and "\x1b[1mEMERGENCY" in plain


def test_a_dumb_terminal_gets_the_piped_lines(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """With TERM=dumb the result on a terminal is the piped lines exactly, no escape codes."""
    piped = result(runner, tmp_path, EMERGENCY)
    on_a_terminal(monkeypatch)
    monkeypatch.setenv("TERM", "dumb")
    assert result(runner, tmp_path, EMERGENCY) == piped
