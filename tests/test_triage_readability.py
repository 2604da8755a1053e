"""Reading grades of the triage result screens as printed (`triage --answers`, one case per level).

Flesch–Kincaid over the screen's lines (tests/readability.py: `screen_lines`), source lines and
the remedies table's names left out; and again over the lines that end as sentences only. Goal
(issue 19): emergency at grade 6 or below, every other level at 7 or below. docs/readability.md
holds the figures; `python tests/test_triage_readability.py` prints them again.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import built_in_kb
from readability import grade, longest_sentence, screen_lines, sentences_only
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.kb.loader import KnowledgeBase
from backspasm.triage.engine import evaluate

KB: KnowledgeBase = built_in_kb()
NUMBERS = {"age": 35, "days_since_onset": 1, "pain_score": 6, "episodes_past_year": 0}


def all_clear(**changes: Any) -> dict[str, Any]:
    """Every question answered with its calmest answer (a woman of 35, lower back, day 1), then `changes`."""
    answers: dict[str, Any] = {}
    for question in KB.questions:
        if question.type == "bool":
            answers[question.key] = False
        elif question.type == "choice":
            answers[question.key] = question.choices[0].value
        else:
            answers[question.key] = NUMBERS.get(question.key, 0)
    answers.update(location="lower_back", sex="female", pregnancy="not_pregnant", trend="improving")
    return {**answers, **changes}


# One case per level, and the two screens this round added words to; with the grade each must reach.
CASES: dict[str, tuple[dict[str, Any], str, float]] = {
    "emergency (chest pain)": (all_clear(chest_pain=True), "emergency", 6.0),
    "urgent (a high temperature)": (all_clear(fever=True), "urgent", 7.0),
    "urgent (not sure about chest pain)": (all_clear(chest_pain="unsure"), "urgent", 7.0),
    "soon (frequent spasms)": (all_clear(episodes_past_year=3), "soon", 7.0),
    "self-care": (all_clear(), "self_care", 7.0),
    "self-care (pregnant, on blood thinners)": (
        all_clear(pregnancy="pregnant", blood_thinners=True),
        "self_care",
        7.0,
    ),
}


def printed(answers: dict[str, Any]) -> str:
    """The result screen one paragraph a line: `triage --answers` on a very wide console, no colour."""
    import os
    import tempfile

    import yaml

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "answers.yaml")
        with open(path, "w", encoding="utf-8") as file:
            yaml.safe_dump(answers, file)
        result = CliRunner().invoke(
            app,
            ["triage", "--answers", path, "--emergency-number", "999", "--no-save"],
            env={"BACKSPASM_WIDTH": "1000", "NO_COLOR": "1", "BACKSPASM_HOME": folder},
        )
    assert result.exit_code == 0, result.output
    return result.stdout


def figures(answers: dict[str, Any]) -> tuple[float, float, int]:
    """The grade of the screen, of its sentences alone, and the words in its longest sentence."""
    lines = screen_lines(printed(answers))
    return grade(lines), grade(sentences_only(lines)), longest_sentence(lines)


@pytest.mark.parametrize("case", list(CASES))
def test_each_result_screen_reads_at_its_grade(case: str) -> None:
    """The screen as printed, and its sentences alone, read at grade 6 (emergency) or 7 (the others) or below."""
    answers, level, most = CASES[case]
    assert evaluate(KB, answers).disposition == level
    screen, sentences, _ = figures(answers)
    assert screen <= most, (case, screen)
    assert sentences <= most, (case, sentences)


def _result_texts(answers: dict[str, Any]) -> list[str]:
    result = evaluate(KB, answers, emergency_number="999")
    watch = [line for group in result.watch_for for line in group.lines()]
    return [result.headline, result.advice, result.changes or "", *result.cautions, *watch]


@pytest.mark.parametrize("case", list(CASES))
def test_no_sentence_of_a_result_is_long(case: str) -> None:
    """Headline, advice, cautions, watch-for lines and last line: no sentence over 22 words (they were 40-50)."""
    answers, _, _ = CASES[case]
    assert longest_sentence(_result_texts(answers)) <= 22, case


def main() -> None:
    """Print the figures as the Markdown table of docs/readability.md."""
    print("| Screen | Grade, as printed | Grade, sentences only | Longest sentence (words) | Goal |")
    print("|---|---|---|---|---|")
    for case, (answers, _, most) in CASES.items():
        screen, sentences, longest = figures(answers)
        print(f"| {case} | {screen:.1f} | {sentences:.1f} | {longest} | {most:.0f} or below |")


if __name__ == "__main__":
    main()
