"""`backspasm triage --plain` at 80x24, answered by the simulated person reading each screen through pyte."""

from __future__ import annotations

import re
from pathlib import Path

import pexpect
import pytest
from person import Person
from screen import ANSI, COLUMNS, LINES, Terminal, broken_on_screen
from test_triage_guarantee import HARD_CASES, baseline

# A numbered answer as --plain prints it: "  2 or n: No injury" (a long one wraps, indented further).
OPTION = re.compile(r"^  (\d+)((?: or \w+)*): (.*)$")


def read_question(lines: list[str]) -> tuple[str, list[str], list[str]]:
    """The words and the answers of the question on screen now (above the "> " prompt, below the last answer).

    Fails when the question does not fit on the screen: its start (the previous "Answer:" line, or
    the introduction for the first question) must still be visible.
    """
    bottom = max(index for index, line in enumerate(lines) if line.startswith(">"))
    top = max((index for index, line in enumerate(lines[:bottom]) if line.startswith("Answer:")), default=None)
    if top is None:
        intro = [index for index, line in enumerate(lines[:bottom]) if "When did this episode start" in line]
        assert intro, f"the question does not fit on an 80x{LINES} screen:\n" + "\n".join(lines)
        top = intro[0] - 1
    words: list[str] = []
    labels: list[str] = []
    letters: list[str] = []
    for line in lines[top + 1 : bottom]:
        if match := OPTION.match(line):
            labels.append(match.group(3))
            letters.append(match.group(2))
        elif labels and line.startswith("     "):  # a long answer wrapped onto the next line
            labels[-1] += " " + line.strip()
        else:
            words.append(line.strip())
    return " ".join(" ".join(words).split()), labels, letters


def answer(person: Person, words: str, labels: list[str], letters: list[str]) -> str:
    """What the person types: a numbered "No" as `n` where the screen offers it, else the answer's number."""
    if not labels:
        return str(person.number(words))
    if "None of these" in labels:
        index = {"yes": 0, "no": 1, "unsure": 2}[person.yes_no(words, grouped=True)]
    elif labels[:2] == ["Yes", "No"]:
        index = {"yes": 0, "no": 1, "unsure": 2}[person.yes_no(words, grouped=False)]
    else:
        offered = [label for label in labels if label != "Not sure"]
        index = labels.index(person.choose_label(words, offered, "Not sure" in labels))
    return "n" if " or n" in letters[index] else str(index + 1)


def triage_as(person: Person, home: Path) -> Terminal:
    """Run `triage --plain` with the person answering every question from the screen; the finished terminal."""
    terminal = Terminal(home, "triage", "--plain", "--no-save", "--emergency-number", "999")
    try:
        for _ in range(80):
            if terminal.child.expect([r"> ", pexpect.EOF]) == 1:
                terminal._take()
                break
            terminal._take()
            terminal.pump(0.1)  # the prompt is the last thing printed: let the screen settle
            words, labels, letters = read_question(terminal.lines())
            typed = answer(person, words, labels, letters)
            person.screens.append(words)
            terminal.send(typed + "\r")
        assert terminal.child.exitstatus == 0 or terminal.finish() == 0
    finally:
        terminal.close()
    return terminal


@pytest.mark.slow
def test_an_ordinary_person_answers_every_screen_at_80x24(isolated_home: Path) -> None:
    """A new lower-back spasm, no warning signs: 23 screens that each fit at 80x24, no word broken, self-care."""
    truth = baseline(35, "female", "lower_back", 2, "improving", 6, 0)
    person = Person(truth=truth, sure=[], unsure=[], tells_sex="female")
    terminal = triage_as(person, isolated_home)
    assert len(person.screens) == 23, person.screens
    assert "SELF-CARE" in terminal.raw
    assert broken_on_screen(terminal.lines(), COLUMNS) == []
    assert "> n\r\nAnswer: No injury" in ANSI.sub("", terminal.raw)  # `n` answers a numbered "No"
    assert "What is your sex?" in terminal.raw


@pytest.mark.slow
def test_mid_back_pain_after_cancer_with_unsteady_walking_is_an_emergency_at_80x24(isolated_home: Path) -> None:
    """The hard case of issue 18 through --plain in a terminal: the walking question comes for a mid-back spasm."""
    case, _ = HARD_CASES["mid-back pain, cancer, unsteady walking for a few days"]
    person = Person(truth=case.truth, sure=case.sure, unsure=case.unsure, tells_sex=case.tells_sex)
    terminal = triage_as(person, isolated_home)
    assert "EMERGENCY" in terminal.raw
    text = " ".join(ANSI.sub("", terminal.raw).replace("│", " ").split())
    assert "Clumsy hands or unsteady walking that began in the last few days" in text
    assert any("unsteady walking" in screen for screen in person.screens)
