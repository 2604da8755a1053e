"""The README cannot drift: every command is listed, and CI runs its test command exactly."""

from __future__ import annotations

from conftest import REPO
from typer.main import get_command

from backspasm.cli import app

README = (REPO / "README.md").read_text(encoding="utf-8")
RUN_COMMAND = "pip install . && backspasm triage"
TEST_COMMAND = "pip install -e '.[dev]' && pytest"


def command_paths() -> list[str]:
    """Every command and group of the app, as `backspasm a b`."""
    found: list[str] = []

    def walk(command: object, path: list[str]) -> None:
        for name, child in (getattr(command, "commands", None) or {}).items():
            found.append(" ".join(["backspasm", *path, name]))
            walk(child, [*path, name])

    walk(get_command(app), [])
    return found


def test_every_command_is_in_the_readme() -> None:
    """Each command appears in the README as `backspasm ...` with an example."""
    missing = [path for path in command_paths() if f"`{path}" not in README]
    assert missing == []


def test_quick_start_commands_are_exact() -> None:
    """The README gives one command to install and run, one to install and test."""
    assert f"\n{RUN_COMMAND}\n" in README
    assert f"\n{TEST_COMMAND}\n" in README


def test_ci_runs_the_readme_test_command() -> None:
    """.ci/run calls exactly the README's test command, then ruff, mypy and lint-imports."""
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    lines = [line.strip() for line in script.splitlines()]
    assert TEST_COMMAND in lines
    assert any(line.startswith("ruff check") for line in lines)
    assert "mypy" in lines
    assert any(line.startswith("lint-imports") for line in lines)
