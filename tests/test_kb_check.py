"""`backspasm kb check` and BACKSPASM_KB: exact messages for broken knowledge bases."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA, dump_yaml, load_yaml
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.kb.check import check


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    """A writable copy of the built-in knowledge base named kb/."""
    target = tmp_path / "kb"
    shutil.copytree(DATA, target)
    return target


def edit(directory: Path, name: str, change: Callable[[Any], None]) -> None:
    """Load one YAML file of a knowledge base, change it in place, and write it back."""
    path = directory / name
    data = load_yaml(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(dump_yaml(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_builtin_knowledge_base_is_clean(runner: CliRunner) -> None:
    """The built-in knowledge base passes every check and `kb check` exits 0."""
    assert check(DATA) == []
    result = runner.invoke(app, ["kb", "check"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "valid" in result.stderr


def test_unknown_field_is_named_with_its_path(kb_copy: Path) -> None:
    """A field the schema does not know is reported as file: path: message."""
    edit(kb_copy, "remedies.yaml", lambda d: d["remedies"][0].update(dose="lots"))
    assert check(kb_copy) == ["kb/remedies.yaml: remedies[0].dose: is not a known field"]


def test_bad_grade_lists_the_allowed_words(kb_copy: Path) -> None:
    """An evidence grade outside the clinical reference's words names the allowed ones."""
    edit(kb_copy, "remedies.yaml", lambda d: d["remedies"][0]["evidence"].update(grade="strong"))
    (problem,) = check(kb_copy)
    assert problem.startswith("kb/remedies.yaml: remedies[0].evidence.grade: must be one of 'high quality'")
    assert "'not effective'" in problem


def test_missing_sources_is_required(kb_copy: Path) -> None:
    """An entry without sources is an error: every claim names its sources."""
    edit(kb_copy, "causes.yaml", lambda d: d["causes"][0].pop("sources"))
    assert check(kb_copy) == ["kb/causes.yaml: causes[0].sources: is required"]


def test_empty_sources_is_refused(kb_copy: Path) -> None:
    """An empty sources list is as bad as none."""
    edit(kb_copy, "causes.yaml", lambda d: d["causes"][0].update(sources=[]))
    assert check(kb_copy) == ["kb/causes.yaml: causes[0].sources: must not be empty"]


def test_bad_id_must_be_kebab_case(kb_copy: Path) -> None:
    """Ids are lower-case kebab-case."""
    edit(kb_copy, "causes.yaml", lambda d: d["causes"][0].update(id="Bad_Id"))
    assert check(kb_copy) == ["kb/causes.yaml: causes[0].id: must be a lower-case kebab-case id (like heat-wrap)"]


def test_duplicate_id_is_reported(kb_copy: Path) -> None:
    """Two entries with one id are reported at the second one."""

    def duplicate(d: Any) -> None:
        d["remedies"].append(dict(d["remedies"][0]))

    edit(kb_copy, "remedies.yaml", duplicate)
    index = len(load_yaml((kb_copy / "remedies.yaml").read_text())["remedies"]) - 1
    first = load_yaml((kb_copy / "remedies.yaml").read_text())["remedies"][0]["id"]
    assert check(kb_copy) == [f"kb/remedies.yaml: remedies[{index}] ({first}): id '{first}' is used twice"]


def test_unresolved_source_is_reported(kb_copy: Path) -> None:
    """A source key that is not in sources.yaml is reported with the entry's id."""
    edit(kb_copy, "causes.yaml", lambda d: d["causes"][0].update(sources=["nowhere-2099"]))
    first = load_yaml((kb_copy / "causes.yaml").read_text())["causes"][0]["id"]
    assert check(kb_copy) == [f"kb/causes.yaml: causes[0] ({first}): source 'nowhere-2099' is not in sources.yaml"]


def test_missing_remedy_reference_is_reported(kb_copy: Path) -> None:
    """A cause that points at a remedy id that does not exist is reported."""
    edit(kb_copy, "causes.yaml", lambda d: d["causes"][0].update(related_remedies=["unicorn-tears"]))
    first = load_yaml((kb_copy / "causes.yaml").read_text())["causes"][0]["id"]
    assert check(kb_copy) == [f"kb/causes.yaml: causes[0] ({first}): remedy 'unicorn-tears' does not exist"]


def test_doctor_question_answered_by_an_unknown_name_is_reported(kb_copy: Path) -> None:
    """An `answered_by` that is no triage key, STarT Back result or journal field is named by kb check."""

    def change(data: Any) -> None:
        data["doctor_questions"][0]["answered_by"] = ["journal.moods"]

    edit(kb_copy, "doctor-questions.yaml", change)
    [problem] = [p for p in check(kb_copy) if "answered_by" in p]
    assert problem.endswith(
        "answered_by: 'journal.moods' is not a triage question, a STarT Back result or a journal field"
    )


def test_warning_sign_reading_an_unknown_answer_is_reported(kb_copy: Path) -> None:
    """A rule that reads an answer key no question asks is reported."""
    edit(
        kb_copy,
        "warning-signs.yaml",
        lambda d: d["warning_signs"][0].update(when={"answer": "tail_pain", "equals": True}),
    )
    first = load_yaml((kb_copy / "warning-signs.yaml").read_text())["warning_signs"][0]["id"]
    assert check(kb_copy) == [
        f"kb/warning-signs.yaml: warning_signs[0] ({first}).when: reads 'tail_pain', which is not a question"
    ]


def test_a_dose_in_a_remedy_is_refused(kb_copy: Path) -> None:
    """The knowledge base never gives drug doses."""
    edit(kb_copy, "remedies.yaml", lambda d: d["remedies"][0].update(summary="Take 400 mg three times a day."))
    first = load_yaml((kb_copy / "remedies.yaml").read_text())["remedies"][0]["id"]
    assert check(kb_copy) == [f"kb/remedies.yaml: remedies[0] ({first}): gives a dose ('400 mg'); never give doses"]


def test_yaml_syntax_error_names_the_line(kb_copy: Path) -> None:
    """Malformed YAML is reported with its file and line, not a traceback."""
    (kb_copy / "causes.yaml").write_text("causes:\n  - id: x\n    name: [unclosed\n", encoding="utf-8")
    (problem,) = check(kb_copy)
    assert problem.startswith("kb/causes.yaml: line ")
    assert "invalid YAML" in problem


def test_missing_file_is_reported(kb_copy: Path) -> None:
    """A knowledge base without one of its files says which."""
    (kb_copy / "stretches.yaml").unlink()
    assert check(kb_copy) == ["kb/stretches.yaml: file is missing"]


def test_not_a_mapping_is_reported(kb_copy: Path) -> None:
    """A file that is a list instead of a mapping is reported."""
    (kb_copy / "causes.yaml").write_text("- just\n- a list\n", encoding="utf-8")
    (problem,) = check(kb_copy)
    assert problem.startswith("kb/causes.yaml: ")


def test_an_entry_that_is_not_a_mapping_names_no_class(kb_copy: Path) -> None:
    """A field that should hold fields but holds a word says so, without naming an internal class."""
    edit(kb_copy, "remedies.yaml", lambda d: d["remedies"][0].update(evidence="strong"))
    assert check(kb_copy) == ["kb/remedies.yaml: remedies[0].evidence: must be a mapping of fields (name: value)"]


def test_kb_check_command_prints_one_line_per_problem(runner: CliRunner, kb_copy: Path) -> None:
    """`kb check DIR` prints the problems on stdout and exits 1."""
    edit(kb_copy, "remedies.yaml", lambda d: d["remedies"][0].update(dose="lots"))
    (kb_copy / "stretches.yaml").unlink()
    result = runner.invoke(app, ["kb", "check", str(kb_copy)])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "kb/remedies.yaml: remedies[0].dose: is not a known field",
        "kb/stretches.yaml: file is missing",
    ]
    assert "2 problem(s)" in result.stderr


def test_kb_check_of_a_missing_directory(runner: CliRunner, tmp_path: Path) -> None:
    """A directory that does not exist is one problem, exit 1."""
    result = runner.invoke(app, ["kb", "check", str(tmp_path / "absent")])
    assert result.exit_code == 1
    assert "does not exist" in result.stdout


def test_invalid_backspasm_kb_gives_the_same_messages(
    runner: CliRunner, kb_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every command on an invalid BACKSPASM_KB prints the check's messages on stderr and exits 1."""
    edit(kb_copy, "remedies.yaml", lambda d: d["remedies"][0].update(dose="lots"))
    monkeypatch.setenv("BACKSPASM_KB", str(kb_copy))
    for command in (["remedies"], ["causes"], ["warning-signs"], ["remedies", "show", "x"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 1, command
        assert result.stdout == ""
        assert result.stderr == "backspasm: kb/remedies.yaml: remedies[0].dose: is not a known field\n"
        assert result.exception is None or isinstance(result.exception, SystemExit)


def test_valid_backspasm_kb_is_used(runner: CliRunner, kb_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """BACKSPASM_KB points every command at another knowledge base."""
    edit(kb_copy, "remedies.yaml", lambda d: d["remedies"][0].update(name="Renamed for the test"))
    monkeypatch.setenv("BACKSPASM_KB", str(kb_copy))
    result = runner.invoke(app, ["remedies"])
    assert result.exit_code == 0, result.output
    assert "Renamed for the test" in result.stdout


def test_cache_notices_an_edited_file(runner: CliRunner, kb_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Editing a knowledge-base file after a run is seen by the next run, not hidden by the cache."""
    monkeypatch.setenv("BACKSPASM_KB", str(kb_copy))
    assert runner.invoke(app, ["remedies"]).exit_code == 0
    edit(kb_copy, "remedies.yaml", lambda d: d["remedies"][0].update(dose="lots"))
    result = runner.invoke(app, ["remedies"])
    assert result.exit_code == 1
    assert "is not a known field" in result.stderr


def test_a_triage_level_without_words_is_reported(kb_copy: Path) -> None:
    """Every triage level needs its name and action in `levels`: a missing one is named."""
    edit(kb_copy, "triage.yaml", lambda d: d.update(levels=[e for e in d["levels"] if e["level"] != "soon"]))
    assert check(kb_copy) == ["kb/triage.yaml: levels: level 'soon' has no words"]


def test_triage_levels_twice_or_out_of_order_are_reported(kb_copy: Path) -> None:
    """A level worded twice is named at the second entry; levels out of order are named with the order wanted."""
    edit(kb_copy, "triage.yaml", lambda d: d["levels"].append(dict(d["levels"][0])))
    assert check(kb_copy) == ["kb/triage.yaml: levels[4] (emergency): level 'emergency' is used twice"]
    edit(kb_copy, "triage.yaml", lambda d: d.update(levels=list(reversed(d["levels"][:4]))))
    assert check(kb_copy) == [
        "kb/triage.yaml: levels: must be listed most urgent first: emergency, urgent, soon, self_care"
    ]


def test_a_triage_level_needs_a_name_and_an_action(kb_copy: Path) -> None:
    """`levels` entries are checked by the schema: an empty name or an unknown level is refused."""
    edit(kb_copy, "triage.yaml", lambda d: d["levels"][1].update(name="", level="later"))
    problems = check(kb_copy)
    assert "kb/triage.yaml: levels[1].level: must be one of 'emergency', 'urgent', 'soon' or 'self_care'" in problems
    assert "kb/triage.yaml: levels[1].name: must not be empty" in problems
