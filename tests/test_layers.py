"""The layer rule of docs/architecture.md, read from every import of the package (not just top-level ones)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import REPO

PACKAGE = REPO / "backspasm"
FEATURES = ("triage", "sessions", "stretching", "journal", "browse", "today")
# Modules of a feature package that may talk to the person: the orchestrator and its questions.
TALKERS = ("actions", "ask")


def module_name(path: Path) -> str:
    """backspasm/journal/ask.py -> backspasm.journal.ask"""
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every module a file imports, at any depth (inside functions and TYPE_CHECKING blocks too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


MODULES = {module_name(path): imports(path) for path in sorted(PACKAGE.rglob("*.py"))}

# Third-party packages and the only places that may import them.
THIRD_PARTY = {
    "typer": ("backspasm.cli", "backspasm.commands"),
    "click": ("backspasm.cli", "backspasm.commands"),
    "rich": ("backspasm.render",),
    "questionary": ("backspasm.prompts",),
    "prompt_toolkit": ("backspasm.prompts",),
    "sqlite3": ("backspasm.storage",),
    "pydantic": ("backspasm.kb.models", "backspasm.kb.files"),
    "yaml": ("backspasm.kb.files", "backspasm.triage.answers_file"),
}


def within(module: str, places: tuple[str, ...]) -> bool:
    return any(module == place or module.startswith(place + ".") for place in places)


def domain(module: str) -> bool:
    """A feature package's computing module (not its orchestrator or its questions)."""
    parts = module.split(".")
    return len(parts) == 3 and parts[1] in FEATURES and parts[2] not in TALKERS


@pytest.mark.parametrize("library", sorted(THIRD_PARTY))
def test_each_library_is_imported_only_where_the_layer_rule_allows(library: str) -> None:
    """typer in the CLI, rich in render/, questionary in prompts/, sqlite3 in storage/, pydantic in kb/."""
    offenders = sorted(
        module
        for module, names in MODULES.items()
        if any(name == library or name.startswith(library + ".") for name in names)
        and not within(module, THIRD_PARTY[library])
    )
    assert offenders == []


def test_domain_modules_never_print_prompt_or_draw() -> None:
    """A feature's domain modules import neither prompts, render, the CLI, nor another feature's orchestrator."""
    talking = ("backspasm.render", "backspasm.prompts", "backspasm.commands", "backspasm.cli")
    offenders = sorted(
        f"{module} imports {name}"
        for module, names in MODULES.items()
        if domain(module)
        for name in names
        if within(name, talking) or (name.rsplit(".", 1)[-1] in TALKERS and name.startswith("backspasm."))
    )
    assert offenders == []


def test_lower_layers_never_reach_up() -> None:
    """storage/, kb/, clock/, timer/ and render/ never import a command, an orchestrator or a question."""
    lower = ("backspasm.storage", "backspasm.kb", "backspasm.clock", "backspasm.timer", "backspasm.render")
    upper = ("backspasm.cli", "backspasm.commands", "backspasm.prompts")
    offenders = sorted(
        f"{module} imports {name}"
        for module, names in MODULES.items()
        if within(module, lower)
        for name in names
        if name.startswith("backspasm.")
        and (within(name, upper) or (name.rsplit(".", 1)[-1] in TALKERS and not within(name, lower)))
    )
    assert offenders == []


def test_the_timer_and_the_clock_belong_to_no_feature() -> None:
    """timer/ and clock/ import no feature package: sessions and stretches share them, not the other way."""
    features = tuple(f"backspasm.{name}" for name in FEATURES)
    offenders = sorted(
        f"{module} imports {name}"
        for module, names in MODULES.items()
        if within(module, ("backspasm.timer", "backspasm.clock"))
        for name in names
        if within(name, features)
    )
    assert offenders == []


def orchestrator(name: str) -> bool:
    """A feature's actions module, or a name imported from one."""
    parts = name.split(".")
    return "actions" in parts[2:4]


def test_commands_only_declare_options() -> None:
    """A commands/ module imports only typer, the CLI helpers, vocabularies for help texts, and orchestrators."""
    # Vocabularies and ranges that help texts and option checks name (light, no I/O).
    vocabularies = ("backspasm.kb.vocab", "backspasm.journal.days")
    allowed = ("backspasm.commands", "backspasm.errors", "backspasm.text_safety", *vocabularies)
    offenders = sorted(
        f"{module} imports {name}"
        for module, names in MODULES.items()
        if within(module, ("backspasm.commands",))
        for name in names
        if name.startswith("backspasm.") and not within(name, allowed) and not orchestrator(name)
    )
    assert offenders == []
