"""Where the journal lives, found without importing sqlite3 (the welcome screen asks on every run)."""

from __future__ import annotations

import os
from pathlib import Path

DB_NAME = "backspasm.sqlite3"


def home_dir() -> Path:
    """The user's data directory: BACKSPASM_HOME, else the platform's user data directory."""
    override = os.environ.get("BACKSPASM_HOME")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("backspasm", appauthor=False))


def journal_file() -> Path:
    """The journal's SQLite file (it may not exist yet)."""
    return home_dir() / DB_NAME
