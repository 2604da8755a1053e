"""Screens a person in pain reads at 80x24: tables that fit, the emergency action last, pager, countdown."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from screen import ANSI, COLUMNS, CURSOR_CONTROL, Terminal, broken_on_screen, broken_words, widest
from terminal import on_a_terminal
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.kb.vocab import STANCE_LABELS
from backspasm.render import bigclock
from backspasm.render.session import bar, window_title

# Real programs in real pseudo-terminals, waiting in real time: `pytest -m "not slow"` skips them.
pytestmark = pytest.mark.slow

EMERGENCY = {"age": 50, "days_since_onset": 1, "bladder_bowel_change": True, "saddle_numbness": True}


@pytest.mark.parametrize("width", [120, 80, 60, 40])
def test_remedies_fit_the_width_and_every_stance_is_whole(
    runner: CliRunner, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`remedies` never draws wider than the terminal and shows each remedy's stance in full."""
    monkeypatch.setenv("BACKSPASM_WIDTH", str(width))
    on_a_terminal(monkeypatch)
    result = runner.invoke(app, ["remedies"])
    assert result.exit_code == 0
    out = ANSI.sub("", result.stdout)  # the styles take no column
    assert widest(out) <= width
    data = runner.invoke(app, ["remedies", "--json"]).stdout
    remedies = json.loads(data)
    for stance, label in STANCE_LABELS.items():
        expected = sum(r["stance"] == stance for r in remedies)
        pattern = r"(?<!not )\b" + re.escape(label) + r"\b" if label == "recommended" else re.escape(label)
        assert len(re.findall(pattern, " ".join(out.split()))) == expected, (label, width)  # "not" may end a line


def test_narrow_remedies_keep_stance_and_evidence_whole(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """At 60 columns each remedy still says its stance and evidence grade in full, neither cut."""
    monkeypatch.setenv("BACKSPASM_WIDTH", "60")
    on_a_terminal(monkeypatch)
    out = ANSI.sub("", runner.invoke(app, ["remedies"]).stdout)
    assert widest(out) < 60
    flat = " ".join(out.split())
    for remedy in json.loads(runner.invoke(app, ["remedies", "--json"]).stdout):
        assert f"{STANCE_LABELS[remedy['stance']]}; evidence: {remedy['evidence']['grade']}" in flat


def test_emergency_result_begins_and_ends_with_the_action(isolated_home: Path, tmp_path: Path) -> None:
    """At 80x24 the emergency action comes first; the last screen holds it whole, what to tell, and while you wait."""
    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump(EMERGENCY), encoding="utf-8")
    terminal = Terminal(isolated_home, "triage", "--answers", str(answers), "--emergency-number", "999", "--no-save")
    try:
        assert terminal.finish() == 0
    finally:
        terminal.close()
    final = terminal.lines()
    on_screen = " ".join(" ".join(final).split())
    for words in ("What to tell them:", "While you wait:", "Do not drive yourself.", "EMERGENCY: Call 999 now"):
        assert words in on_screen
    assert max(len(line) for line in final) <= COLUMNS
    assert broken_words(terminal.raw) == []
    raw = terminal.raw
    assert raw.index("Call 999 now") < raw.index("Sources:") < raw.index("What to tell them") < raw.index("While you")
    assert raw.rindex("While you wait") < raw.rindex("EMERGENCY: Call 999 now")


def test_long_lists_go_through_a_pager_on_a_terminal(isolated_home: Path, tmp_path: Path) -> None:
    """On a terminal, `warning-signs` goes through the pager (PAGER); piped, it does not."""
    paged = tmp_path / "paged.txt"
    terminal = Terminal(isolated_home, "warning-signs", env={"PAGER": f"cat > {paged}"})
    try:
        assert terminal.finish() == 0
    finally:
        terminal.close()
    assert "Signs of a stroke" in paged.read_text(encoding="utf-8")
    assert "Signs of a stroke" not in terminal.raw


def test_piped_warning_signs_are_not_paged(runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Output that is not a terminal is printed straight, never through the pager."""
    paged = tmp_path / "paged.txt"
    monkeypatch.setenv("PAGER", f"cat > {paged}")
    result = runner.invoke(app, ["warning-signs"])
    assert "Signs of a stroke" in result.stdout
    assert not paged.exists()


def test_countdown_has_big_digits_its_end_time_and_the_window_title(isolated_home: Path) -> None:
    """A session at 80x24 draws big digits, says when it ends, and puts the time left in the window title."""
    terminal = Terminal(
        isolated_home,
        "session",
        "heat",
        "--duration",
        "3s",
        "--yes",
        "--no-bell",
        env={"BACKSPASM_NOW": "2026-11-29T17:30:00+00:00"},
    )
    try:
        terminal.expect("Time left")
        terminal.expect("ends 17:30")
        terminal.expect(r"█  █")  # a row of the big zero of 0:02
        terminal.expect(r"\x1b\]0;[^\x1b]*left[^\x1b]*\x1b\\")
        assert "left · Heat" in terminal.screen.title
        assert terminal.finish() == 0
    finally:
        terminal.close()
    assert terminal.screen.title == ""  # cleared at the end
    assert max(len(line) for line in terminal.lines()) <= COLUMNS


def test_progress_bar_reads_right_without_colour() -> None:
    """At 0% the bar is all to-do marks; at half, half done: the characters differ, not only the colours."""
    empty = bar(0.0, "cyan").plain
    half = bar(0.5, "cyan").plain
    assert "█" not in empty and empty.count("░") == 36
    assert half.count("█") == 18 and half.count("░") == 18


def test_big_digits_are_five_even_rows_and_fall_back_when_small() -> None:
    """Big digits are five rows of one width; a small terminal does not get them."""
    rows = bigclock.big("12:34")
    assert len(rows) == 5 and len({len(row) for row in rows}) == 1
    assert bigclock.fits("12:34", 80, 24)
    assert not bigclock.fits("12:34", 80, 12)
    assert not bigclock.fits("12:34", 30, 24)


def test_window_title_never_carries_control_characters() -> None:
    """The title text is stripped of control characters and ended with ST, not a bell."""
    assert window_title("5:00 left\x07\x1b[2J") == "\x1b]0;5:00 left[2J\x1b\\"


# An ordinary interactive triage, typed as a person would: the onset in words, "no" throughout.
ORDINARY_KEYS = [
    "2 days\r",  # when did it start
    "n\r", "n\r",  # bladder, saddle
    "1\r",  # female
    "n\r",  # sexual
    "n\r",  # legs
    "35\r",  # age
    "1\r",  # lower back
    "n\r",  # none of the arm, hand and walking signs (asked for every place)
    "1\r",  # no injury
    "n\r", "n\r",  # chest, belly
    "n\r",  # none of the rare emergency signs
    "n\r",  # fever
    "n\r",  # none of the history
    "1\r",  # not pregnant
    "n\r",  # none of the other signs (burning pee among them)
    "2\r",  # night: only when rolling over
    "n\r", "n\r",  # pain at rest, coping
    "1\r",  # improving
    "6\r",  # pain score
    "0\r",  # no other episodes
]  # fmt: skip


def test_an_ordinary_triage_at_80x24_never_breaks_a_word(isolated_home: Path) -> None:
    """Every screen of an ordinary run, read through a terminal emulator: no word broken, nothing over 80."""
    terminal = Terminal(isolated_home, "triage", "--no-save", env={"PROMPT_TOOLKIT_NO_CPR": "1"})
    try:
        terminal.expect("When did this episode start")
        terminal.pump()
        broken: list[str] = []
        for keys in ORDINARY_KEYS:
            broken += broken_on_screen(terminal.lines())
            terminal.send(keys)
            terminal.pump()
        assert terminal.finish() == 0
    finally:
        terminal.close()
    broken += broken_on_screen(terminal.lines())
    assert broken == []
    assert "SELF-CARE" in terminal.raw
    assert "Home care is reasonable for now" in terminal.raw


def test_remedies_in_a_real_80x24_terminal_show_every_stance(isolated_home: Path) -> None:
    """`remedies` in an 80x24 terminal (through the pager, which quits at once when told): stances whole."""
    terminal = Terminal(isolated_home, "remedies", env={"PAGER": "cat"})
    try:
        assert terminal.finish() == 0
    finally:
        terminal.close()
    assert broken_words(terminal.raw) == []
    assert "recommended" in terminal.raw and "not recommended" in terminal.raw
    assert max(len(line) for line in terminal.lines()) <= COLUMNS


def test_remedies_on_a_terminal_leave_the_last_column_empty(
    isolated_home: Path, runner: CliRunner, tmp_path: Path
) -> None:
    """On an 80-column terminal every line of `remedies`, its pregnancy note included, stops short of column 80."""
    answers = tmp_path / "answers.yaml"
    answers.write_text("days_since_onset: 1\nlocation: lower_back\nage: 30\nsex: female\npregnancy: pregnant\n")
    assert runner.invoke(app, ["triage", "--answers", str(answers)]).exit_code == 0
    terminal = Terminal(isolated_home, "remedies", env={"PAGER": "cat"})
    try:
        assert terminal.finish() == 0
    finally:
        terminal.close()
    text = ANSI.sub("", terminal.raw).replace("\r", "")
    assert "These have a note for pregnancy" in text
    assert widest(text) < COLUMNS


def test_a_stretch_at_80x24_fits_and_plain_has_no_cursor_control(isolated_home: Path, tmp_path: Path) -> None:
    """A stretch routine at 80x24 breaks no word; with --plain its output moves no cursor."""
    from stretch_kb import tiny_kb

    kb = str(tiny_kb(tmp_path))
    live = Terminal(isolated_home, "stretch", "tiny", "--yes", "--ready", "1", env={"BACKSPASM_KB": kb})
    try:
        live.expect("Hold 1 of 2")
        assert broken_on_screen(live.lines()) == []
        assert live.finish() == 0
    finally:
        live.close()
    # The live panel redraws by moving the cursor, so its raw text is not lines: the screen is read instead.
    plain = Terminal(isolated_home, "stretch", "tiny", "--yes", "--ready", "1", "--plain", env={"BACKSPASM_KB": kb})
    try:
        assert plain.finish() == 0
    finally:
        plain.close()
    assert "hold 1 of 2" in plain.raw.lower()
    assert CURSOR_CONTROL.findall(plain.raw) == []
    assert broken_words(plain.raw) == []


@pytest.mark.parametrize("width", [80, 60])
def test_tables_leave_the_last_column_free(runner: CliRunner, width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Padded table lines stop one column short of the terminal, so none waits to wrap at its edge."""
    monkeypatch.setenv("BACKSPASM_WIDTH", str(width))
    on_a_terminal(monkeypatch)
    assert widest(ANSI.sub("", runner.invoke(app, ["remedies"]).stdout)) < width


@pytest.mark.parametrize("routine", [(), ("lower-back",)])
def test_a_stretch_intro_in_pregnancy_fits_80x24(
    runner: CliRunner, isolated_home: Path, tmp_path: Path, routine: tuple[str, ...]
) -> None:
    """Pregnant at triage: the stretch intro, its pregnancy line included, fits 24 rows with its title."""
    answers = tmp_path / "answers.yaml"
    answers.write_text("days_since_onset: 3\npregnancy: pregnant\nlocation: lower_back\npain_score: 5\n")
    assert runner.invoke(app, ["triage", "--answers", str(answers)]).exit_code == 0
    terminal = Terminal(isolated_home, "stretch", *routine)
    try:
        terminal.expect("Press Enter to start")
        terminal.pump()
        lines = terminal.lines()
    finally:
        terminal.close()
    assert lines[0].startswith("╭─ "), lines[0]
    assert "Your latest triage says you are pregnant." in " ".join(" ".join(lines).split())
    assert broken_on_screen(lines) == []
