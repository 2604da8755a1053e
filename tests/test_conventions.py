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



def _sources() -> dict[str, str]:
    """Every module of backspasm by its path in the repository, as text."""
    return {
        path.relative_to(REPO).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted((REPO / "backspasm").rglob("*.py"))
    }


def test_storage_never_prints() -> None:
    """storage/ says nothing itself: what a person must hear goes through unreadable.tell or note to the CLI."""
    offenders = []
    for name, text in _sources().items():
        if not name.startswith("backspasm/storage/"):
            continue
        for node in ast.walk(ast.parse(text)):
            called = node.func if isinstance(node, ast.Call) else None
            said = isinstance(called, ast.Name) and called.id == "print"
            streams = isinstance(node, ast.Attribute) and node.attr in ("stdout", "stderr")
            if said or streams:
                offenders.append(f"{name}:{node.lineno}")
    assert offenders == []


def test_one_home_dir_and_one_dumb_terminal_check() -> None:
    """BACKSPASM_HOME is read in user_dirs.py alone, and TERM=dumb is told apart in plain_output.py alone."""
    home = [name for name, text in _sources().items() if '"BACKSPASM_HOME"' in text]
    dumb = [name for name, text in _sources().items() if '"dumb"' in text]
    assert home == ["backspasm/user_dirs.py"]
    assert dumb == ["backspasm/plain_output.py"]


def test_modules_with_named_tuples_evaluate_their_annotations() -> None:
    """A module defining a NamedTuple has no `from __future__ import annotations` (string fields define 2x slower)."""
    offenders = [
        name
        for name, text in _sources().items()
        if "(NamedTuple):" in text and "from __future__ import annotations" in text
    ]
    assert offenders == []
