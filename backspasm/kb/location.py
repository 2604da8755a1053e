"""Where the knowledge base lives: BACKSPASM_KB, the copy inside a wheel, or data/ beside the source."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def builtin_dir() -> Path:
    """The built-in knowledge base in any install mode.

    A wheel carries data/ inside the package (hatch force-include); an editable install or a
    source checkout has it at the top of the project, beside the package directory.
    """
    packaged = PACKAGE_DIR / "data"
    if packaged.is_dir():
        return packaged
    return PACKAGE_DIR.parent / "data"


def active_dir() -> Path:
    """The knowledge base every command uses: BACKSPASM_KB when set, else the built-in one."""
    override = os.environ.get("BACKSPASM_KB")
    return Path(override) if override else builtin_dir()
