"""Each triage level's name and action live once, in the knowledge base, and every screen reads them there."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import journal_rows as rows
import pytest
from conftest import DATA, dump_yaml, load_yaml
from terminal import on_a_terminal
from typer.testing import CliRunner

from backspasm.cli import app


@pytest.fixture
def reworded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A knowledge-base copy (BACKSPASM_KB) whose "urgent" and "soon" levels have other words."""
    target = tmp_path / "kb"
    shutil.copytree(DATA, target)
    path = target / "triage.yaml"
    data = load_yaml(path.read_text(encoding="utf-8"))
    for entry in data["levels"]:
        if entry["level"] == "urgent":
            entry.update(name="Today", action="phone your surgery before it closes")
        if entry["level"] == "soon":
            entry.update(name="Later", action="make an appointment this week or next")
    path.write_text(dump_yaml(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    monkeypatch.setenv("BACKSPASM_KB", str(target))
    monkeypatch.setenv("BACKSPASM_NOW", rows.NOW_TEXT)
    monkeypatch.setenv("BACKSPASM_WIDTH", "180")
    return target


def test_warning_signs_are_grouped_under_the_levels_words(runner: CliRunner, reworded: Path) -> None:
    """`warning-signs` heads each group with the level's name and action from the knowledge base."""
    out = runner.invoke(app, ["warning-signs"]).stdout
    assert "Today: phone your surgery before it closes" in out
    assert "Later: make an appointment this week or next" in out
    assert "Urgent:" not in out and "Soon:" not in out


def test_a_triage_result_shows_the_level_name_in_capitals(
    runner: CliRunner, reworded: Path, tmp_path: Path
) -> None:
    """The result screen and each reason's tag say the knowledge base's name in capitals."""
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"age": 40, "fever": True}), encoding="utf-8")
    out = runner.invoke(app, ["triage", "--answers", str(answers), "--no-save"]).stdout
    assert "TODAY" in out and "[TODAY]" in out and "URGENT" not in out


def test_timeline_and_report_say_the_levels_words(
    runner: CliRunner, reworded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The timeline shows a saved triage's level by name; the report heads it by name, its headline below."""
    result = {"disposition": "soon", "reasons": [], "advice": "Book an appointment.", "unanswered": []}
    rows.triage(rows.ago(days=2), {"pain_score": 6}, "soon", result)
    piped = runner.invoke(app, ["history"]).stdout
    assert " triage: Later" in piped and "Soon" not in piped
    on_a_terminal(monkeypatch)
    history = runner.invoke(app, ["history"]).stdout
    assert " triage: Later" in history and "Soon" not in history
    report = runner.invoke(app, ["report"]).stdout
    assert "### Later (Fri 8 Mar 2024 18:00)" in report and "Soon" not in report
