"""The doctor report's episode sections: its course with the weekly check-ins, what was tried and how
pain changed after it, and the flare-up plan, in Markdown, HTML and PDF."""

from __future__ import annotations

import json
from pathlib import Path

import journal_rows as rows
import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from backspasm.cli import app


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """The report is made at the journal tests' fixed local time."""
    monkeypatch.setenv("BACKSPASM_NOW", rows.NOW_TEXT)


def flat(text: str) -> str:
    """Text with its line breaks and runs of spaces folded to one space."""
    return " ".join(text.split())


def invoke(runner: CliRunner, *args: str) -> str:
    """Run a command that must succeed; its stdout."""
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture
def episode(runner: CliRunner, tmp_path: Path) -> None:
    """Two weeks of an episode: heat followed by less pain, two check-ins 43% apart, and a plan."""
    for day in range(14, 0, -1):
        rows.pain(rows.ago(days=day, hours=5), 7, None, ["superficial-heat"])
        rows.pain(rows.ago(days=day, hours=3), 4)
    invoke(runner, "check-in", "--pain", "8", "--enjoyment", "7", "--activity", "8", "--at", rows.ago(days=13))
    invoke(runner, "check-in", "--pain", "4", "--enjoyment", "4", "--activity", "5", "--at", rows.ago(days=1))
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({"first": ["Heat pad for 20 minutes", "A short walk"], "call": ["GP 01234"]}))
    invoke(runner, "plan", "write", "--from", str(plan))


@pytest.mark.usefixtures("episode")
def test_markdown_has_the_course_what_helped_and_the_plan(runner: CliRunner) -> None:
    """The Markdown report says when the episode began, the PEG change, heat's median fall, and the plan."""
    text = flat(invoke(runner, "report"))
    assert "## Course of this episode" in text
    assert "**Weekly check-in (PEG, 0-10; Krebs 2009):** first 7.7" in text
    assert "a change that matters" in text
    assert "## What you tried and how your pain changed" in text
    assert "| Heat pad, heat wrap or hot water bottle | 14 |" in text
    assert "median down 3; down by 2+ in 14 of 14" in text
    assert "not evidence" in text
    assert "## Flare-up plan" in text and "Heat pad for 20 minutes; A short walk" in text
    # The course comes before the doctor's questions, the plan last.
    assert text.index("Course of this episode") < text.index("Answers to the doctor") < text.index("Flare-up plan")


@pytest.mark.usefixtures("episode")
def test_html_and_pdf_have_the_same_sections(runner: CliRunner, tmp_path: Path) -> None:
    """The HTML and PDF reports carry the same three sections as the Markdown one."""
    html = invoke(runner, "report", "--format", "html")
    target = tmp_path / "r.pdf"
    invoke(runner, "report", "-o", str(target))
    pdf = flat(" ".join(page.extract_text() for page in PdfReader(target).pages))
    for text in (html, pdf):
        for heading in ("Course of this episode", "What you tried and how your pain changed", "Flare-up plan"):
            assert heading in text
    assert "a change that matters" in pdf


def test_without_an_episode_or_a_plan_those_sections_are_left_out(runner: CliRunner) -> None:
    """An empty journal: no course, no plan; what was tried says none were recorded."""
    text = invoke(runner, "report")
    assert "Course of this episode" not in text and "Flare-up plan" not in text
    assert "## What you tried and how your pain changed\n\nNone recorded in these 30 days." in text


def test_a_remedy_with_no_entry_after_it_says_so(runner: CliRunner) -> None:
    """A remedy logged with no later pain entry within 4 hours: the report says so, not a change."""
    rows.pain(rows.ago(days=2), 6, None, ["superficial-heat"])
    rows.pain(rows.ago(days=1), 3)
    assert "| no later entry within 4 hours |" in invoke(runner, "report")
