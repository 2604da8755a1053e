"""House rules that a reviewer would otherwise have to remember."""

from __future__ import annotations

import ast

from conftest import REPO


def test_every_test_states_its_behaviour_in_one_line() -> None:
    """Each test function has a docstring of exactly one line."""
    offenders = []
    for path in sorted((REPO / "tests").glob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                doc = ast.get_docstring(node)
                if not doc or "\n" in doc.strip():
                    offenders.append(f"{path.name}::{node.name}")
    assert offenders == []


def test_questionary_is_imported_in_one_module_only() -> None:
    """questionary lives in backspasm/prompts/questionnaire.py; every other module asks through it."""
    importers = []
    for path in sorted((REPO / "backspasm").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(name.split(".")[0] == "questionary" for name in names):
                importers.append(path.relative_to(REPO).as_posix())
    assert sorted(set(importers)) == ["backspasm/prompts/questionnaire.py"]
