"""The layer rule: import-linter's contracts hold, and they, ruff's banned-api and docs/architecture.md agree."""

from __future__ import annotations

import json
import re
import sys
from fnmatch import fnmatchcase
from pathlib import Path

import pytest
from conftest import REPO

# import-linter (and tomllib) need Python 3.11; CI runs 3.11.
tomllib = pytest.importorskip("tomllib")
pytest.importorskip("importlinter")

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
ARCHITECTURE = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
CONTRACTS = PYPROJECT["tool"]["importlinter"]["contracts"]
RUFF = PYPROJECT["tool"]["ruff"]["lint"]
# Typer vendors click privately: backspasm does not depend on click, so ruff bans it everywhere
# it can, and import-linter cannot contract a module nothing imports (docs/architecture.md says so).
VENDORED = {"click"}


def table(heading: str) -> list[list[str]]:
    """The rows of the Markdown table under `heading` in docs/architecture.md, as lists of cells."""
    section = ARCHITECTURE.split(f"\n{heading}\n", 1)[1]
    rows = [line for line in section.split("\n\n#", 1)[0].splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows[2:]]


def names(cell: str) -> list[str]:
    """`a`, `b` -> [a, b]; a library's cell holds its name without backticks."""
    return re.findall(r"`([^`]+)`", cell) or [cell]


def ours(name: str) -> str:
    """A module as the docs write it (`kb.files`, `*.actions`) -> backspasm.kb.files."""
    return f"backspasm.{name}"


def path_of(name: str) -> str:
    """A home as ruff's per-file-ignores write it: backspasm/render/** or backspasm/kb/files.py."""
    path = "backspasm/" + name.replace(".", "/")
    return f"{path}/**" if (REPO / path).is_dir() else f"{path}.py"


# Our modules are written in backticks (`render`), libraries without (rich).
DOCUMENTED_IMPORTERS = {row[0]: names(row[1]) for row in table("### Who may import what")}
LIBRARIES = {module: homes for module, homes in DOCUMENTED_IMPORTERS.items() if not module.startswith("`")}


def test_the_import_contracts_hold(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """`lint-imports` finds every contract of pyproject.toml kept (what CI runs, here for the edit loop)."""
    from importlinter.cli import lint_imports

    monkeypatch.setattr(sys, "path", list(sys.path))  # lint_imports puts the working directory first
    code = lint_imports(str(REPO / "pyproject.toml"), no_cache=True, no_logo=True)
    assert code == 0, capsys.readouterr().out


def test_the_layers_contract_is_the_documented_layers() -> None:
    """pyproject's layers, top to bottom, are the rows of docs/architecture.md's Layers table."""
    (layers,) = [contract for contract in CONTRACTS if contract["type"] == "layers"]
    assert layers["containers"] == ["backspasm"]
    documented = [" | ".join(names(row[1])) for row in table("### Layers")]
    assert layers["layers"] == documented


def test_each_protected_module_is_imported_only_where_the_docs_say() -> None:
    """Each row of "Who may import what" is one protected contract, with the same importers."""
    contracted = {
        tuple(contract["protected_modules"]): sorted(contract["allowed_importers"])
        for contract in CONTRACTS
        if contract["type"] == "protected"
    }
    documented = {
        (ours(module.strip("`")) if module.startswith("`") else module,): sorted(map(ours, importers))
        for module, importers in DOCUMENTED_IMPORTERS.items()
    }
    assert contracted == documented


def test_ruff_bans_each_library_outside_its_documented_home() -> None:
    """ruff's banned-api names each documented library, its message names the home, and only homes may import."""
    banned = RUFF["flake8-tidy-imports"]["banned-api"]
    assert set(banned) == set(LIBRARIES) | VENDORED
    for library, homes in LIBRARIES.items():
        for home in homes:
            assert path_of(home).removesuffix("**") in banned[library]["msg"], library
    allowed = {pattern for pattern, codes in RUFF["per-file-ignores"].items() if "TID251" in codes}
    home_paths = {path_of(home) for homes in LIBRARIES.values() for home in homes}
    # Each home may import its libraries, and nothing outside a home may (but tests and benchmarks).
    assert all(any(fnmatchcase(home, pattern) for pattern in allowed) for home in home_paths)
    beyond = {pattern for pattern in allowed if not any(fnmatchcase(home, pattern) for home in home_paths)}
    assert beyond == {"tests/**", "benchmarks/**"}


def test_every_package_has_a_documented_layer() -> None:
    """Each package and top-level module of backspasm/ is in the Layers table (lint-imports checks the contract)."""
    documented = {name for row in table("### Layers") for name in names(row[1])}
    present = {
        path.stem if path.is_file() else path.name
        for path in (REPO / "backspasm").iterdir()
        if (path.suffix == ".py" and path.stem != "__init__") or (path / "__init__.py").exists()
    }
    assert present == documented


def test_no_module_reaches_ours_through_sys_modules() -> None:
    """No module looks up one of ours in sys.modules, where no import check sees it (callbacks instead)."""
    back_door = re.compile(r"""sys\.modules(?:\.get\(|\[)\s*["']backspasm""")
    offenders = [
        path.relative_to(REPO).as_posix()
        for path in sorted((REPO / "backspasm").rglob("*.py"))
        if back_door.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_no_module_imports_typers_private_click() -> None:
    """click's errors and types are reached through typer's public names, never typer's private copy of click."""
    private = re.compile(r"typer\._click|from typer import _click")
    offenders = [
        path.relative_to(REPO).as_posix()
        for path in sorted((REPO / "backspasm").rglob("*.py"))
        if any(private.search(line) for line in path.read_text(encoding="utf-8").splitlines() if "import" in line)
    ]
    assert offenders == []


def test_lint_imports_sees_lazy_relative_and_type_checking_imports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With our settings, an import inside a function, a relative one and one under TYPE_CHECKING each break a layer."""
    from importlinter.cli import lint_imports

    package = tmp_path / "layered"
    package.mkdir()
    for name, source in {
        "__init__": "",
        "high": "",
        "low_lazy": "def later():\n    import layered.high\n",
        "low_relative": "from . import high\n",
        "low_typing": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import layered.high\n",
    }.items():
        (package / f"{name}.py").write_text(source)
    options = {key: value for key, value in PYPROJECT["tool"]["importlinter"].items() if key != "contracts"}
    options["root_package"] = "layered"
    config = tmp_path / "contracts.toml"
    config.write_text(
        "[tool.importlinter]\n"
        + "".join(f"{key} = {json.dumps(value)}\n" for key, value in options.items())
        + '[[tool.importlinter.contracts]]\nname = "high above low"\ntype = "layers"\ncontainers = ["layered"]\n'
        + 'layers = ["high", "low_lazy | low_relative | low_typing"]\n'
    )
    monkeypatch.setattr(sys, "path", [str(tmp_path), *sys.path])
    assert lint_imports(str(config), no_cache=True, no_logo=True) == 1
    report = capsys.readouterr().out
    for module in ("low_lazy", "low_relative", "low_typing"):
        assert f"layered.{module} -> layered.high" in report
