"""House rules that a reviewer would otherwise have to remember (the layer rule: tests/test_layers.py)."""

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

