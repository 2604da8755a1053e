"""The list screens on a terminal: styled lines drawn without rich, the piped words, the pager."""

from __future__ import annotations

import io
import re
from pathlib import Path

import journal_rows as rows
import pytest
from screen import broken_words, widest
from terminal import on_a_terminal
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.render.screen import drawn_lines, write_screen
from backspasm.render.styled import styled

SGR = re.compile(r"\x1b\[[0-9;]*m")
COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-7]|4[0-7])(?:;[0-9;]*)?m")

SCREENS = [
    ("remedies",),
    ("remedies", "show", "ice-pack"),
    ("remedies", "--mine"),
    ("causes",),
    ("warning-signs",),
    ("protocols",),
    ("stretch", "--list"),
    ("history",),
]


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs at the journal tests' fixed now, 80 columns wide."""
    monkeypatch.setenv("BACKSPASM_NOW", rows.NOW_TEXT)
    monkeypatch.setenv("BACKSPASM_WIDTH", "80")
    monkeypatch.setenv("FORCE_COLOR", "1")  # CliRunner's stdout is no terminal; styles as on one


def drawn(runner: CliRunner, monkeypatch: pytest.MonkeyPatch, *args: str) -> str:
    """A command's output as on an 80-column terminal."""
    on_a_terminal(monkeypatch)
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("args", SCREENS, ids=" ".join)
def test_the_terminal_shows_the_piped_words(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    """On a terminal a list screen says exactly the piped lines' words, wrapped alike, with styles added."""
    rows.pains((2, 6), (1, 4))
    piped = runner.invoke(app, list(args))
    assert piped.exit_code == 0
    assert SGR.sub("", drawn(runner, monkeypatch, *args)) == piped.stdout


def test_remedies_on_a_terminal_are_coloured_by_stance(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal each stance has its colour and headings are bold."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    out = drawn(runner, monkeypatch, "remedies")
    assert "\x1b[32mrecommended" in out and "\x1b[31mnot recommended" in out
    assert "\x1b[1mRemedies for back spasms:" in out


@pytest.mark.parametrize("args", [("remedies",), ("warning-signs",), ("history",)], ids=" ".join)
def test_no_color_means_no_colour_codes(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    """With NO_COLOR set, a terminal screen keeps bold and dim but sends no colour code."""
    rows.pains((2, 9))
    monkeypatch.setenv("NO_COLOR", "1")
    out = drawn(runner, monkeypatch, *args)
    assert COLOUR.findall(out) == []
    assert "\x1b[1m" in out


def test_a_dumb_terminal_gets_plain_lines(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """TERM=dumb: no escape code at all."""
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("FORCE_COLOR")
    assert "\x1b" not in drawn(runner, monkeypatch, "warning-signs")


def test_styles_follow_the_words_across_a_wrap() -> None:
    """A styled part wrapped onto the next line keeps its style there, and the hanging indent stays unstyled."""
    lines = drawn_lines([styled("- ", ("aaaa bbbb cccc dddd", "bold red"), " eeee")], 12)
    assert [SGR.sub("", line) for line in lines] == ["- aaaa bbbb", "  cccc dddd", "  eeee"]
    assert lines[1] == "  \x1b[1;31mcccc dddd\x1b[0m"


class TerminalIn(io.StringIO):
    """A stdin that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_a_screen_taller_than_the_terminal_goes_through_the_pager(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Lines more than the terminal's height go to PAGER, not straight to the screen."""
    paged = tmp_path / "paged.txt"
    monkeypatch.setenv("PAGER", f"cat > {paged}")
    monkeypatch.setenv("LINES", "24")
    monkeypatch.delenv("TERM", raising=False)
    monkeypatch.setattr("sys.stdin", TerminalIn())
    write_screen([f"line {n}" for n in range(40)])
    assert "line 39" in paged.read_text(encoding="utf-8")
    assert "line 39" not in capsys.readouterr().out


def test_a_screen_that_fits_is_printed_without_the_pager(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A screen shorter than the terminal is printed at once; a pager would only flash."""
    paged = tmp_path / "paged.txt"
    monkeypatch.setenv("PAGER", f"cat > {paged}")
    monkeypatch.setenv("LINES", "24")
    monkeypatch.setattr("sys.stdin", TerminalIn())
    write_screen(["one", "two"])
    assert capsys.readouterr().out == "one\ntwo\n" and not paged.exists()


def test_a_pager_that_fails_gets_the_screen_printed(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """PAGER=false: the long screen is printed instead of lost."""
    monkeypatch.setenv("PAGER", "false")
    monkeypatch.setenv("LINES", "24")
    monkeypatch.delenv("TERM", raising=False)
    monkeypatch.setattr("sys.stdin", TerminalIn())
    write_screen([f"line {n}" for n in range(40)])
    assert "line 39" in capsys.readouterr().out


def emergency_triage() -> None:
    """An EMERGENCY triage three hours ago, with a pregnancy: today opens with what to do now."""
    reasons = [{"title": "Numbness in the saddle area"}]
    result = {"disposition": "emergency", "reasons": reasons, "advice": "", "unanswered": []}
    answers = {"days_since_onset": 1, "saddle_numbness": True, "pregnancy": "pregnant"}
    rows.triage(rows.ago(hours=3), answers, "emergency", result, onset_at=rows.ago(days=1))


PLAN = "first: [Heat pad on my lower back, Lie on my back with my knees bent]\ncall: 'GP: 01234 567890'\n"


@pytest.mark.parametrize(
    ("emergency", "plan"),
    [(False, False), (True, False), (False, True), (True, True)],
    ids=["ordinary day", "emergency", "flare-up plan first", "emergency and flare-up plan"],
)
def test_today_on_a_terminal_says_the_piped_words(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, emergency: bool, plan: bool
) -> None:
    """On a terminal `today` says the piped lines' words in the same order, wrapped in whole words, styles added."""
    rows.pains((1, 7), (0.3, 6))
    if emergency:
        emergency_triage()
    if plan:
        (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
        assert runner.invoke(app, ["plan", "write", "--from", str(tmp_path / "plan.yaml")]).exit_code == 0
        rows.pains((0.1, 8))  # pain of 7 or more today: the flare-up plan comes first
    piped = runner.invoke(app, ["today"])
    assert piped.exit_code == 0 and "\x1b" not in piped.stdout
    assert ("Your flare-up plan" in piped.stdout) == plan
    out = drawn(runner, monkeypatch, "today")
    assert "\x1b[1m" in out
    assert SGR.sub("", out).split() == piped.stdout.split()
    assert widest(SGR.sub("", out)) <= 80 and broken_words(SGR.sub("", out)) == []


def test_today_on_a_terminal_colours_an_emergency(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal today's emergency heading and advice are white on red; with NO_COLOR, bold without colour."""
    emergency_triage()
    monkeypatch.delenv("NO_COLOR", raising=False)
    out = drawn(runner, monkeypatch, "today")
    assert "\x1b[1;37;41mDo this now:" in out
    monkeypatch.setenv("NO_COLOR", "1")
    out = drawn(runner, monkeypatch, "today")
    assert COLOUR.findall(out) == [] and "\x1b[1mDo this now:" in out
