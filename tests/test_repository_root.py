"""The repository's root holds only the project's own top-level names (no stray files)."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from conftest import REPO

# What the project keeps at its root; anything git ignores (.venv, caches, builds) is allowed too.
EXPECTED = frozenset(
    {
        ".ci",
        ".git",
        ".gitignore",
        "README.md",
        "CHANGELOG.md",
        "CONTRIBUTING.md",
        "LICENSE",
        "backspasm",
        "benchmarks",
        "data",
        "docs",
        "pyproject.toml",
        "tests",
    }
)


def _ignored(name: str) -> bool:
    done = subprocess.run(["git", "check-ignore", "-q", "--", name], cwd=REPO, check=False)
    return done.returncode == 0


def test_the_root_holds_only_expected_names() -> None:
    """Every name at the repository root is an expected one or ignored by git (no stray output files)."""
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    stray = sorted(name for name in (p.name for p in REPO.iterdir()) if name not in EXPECTED and not _ignored(name))
    assert stray == []
