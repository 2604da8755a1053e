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


def test_the_readme_is_a_short_users_guide() -> None:
    """The README stays a user's guide of at most 300 lines; the details live in docs/."""
    assert len(README.splitlines()) <= 300


def test_every_document_the_readme_links_exists() -> None:
    """Each docs/ page the README links to is in the repository."""
    import re

    linked = set(re.findall(r"\]\((docs/[^)#]+)\)", README))
    assert linked, "the README links the guide and the docs"
    assert [path for path in sorted(linked) if not (REPO / path).is_file()] == []


def test_the_quick_start_works_where_system_pip_is_blocked() -> None:
    """PEP 668: the README shows pipx and a virtual environment, each installing and running triage."""
    assert "\npipx install . && backspasm triage\n" in README
    assert "python3 -m venv .venv && . .venv/bin/activate && pip install . && backspasm triage" in README
