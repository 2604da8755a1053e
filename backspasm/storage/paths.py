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
    from backspasm.user_dirs import user_dir

    return Path(user_dir("data"))


def journal_file() -> Path:
    """The journal's SQLite file (it may not exist yet)."""
    return home_dir() / DB_NAME


def journal_exists() -> bool:
    """Whether there is a journal to read; a data directory that is a file is a StoreError, not "no journal"."""
    home = home_dir()
    if home.exists() and not home.is_dir():
        from backspasm.errors import StoreError

        raise StoreError(not_a_directory(home))
    return (home / DB_NAME).exists()


def not_a_directory(home: Path) -> str:
    """What commands say when the data directory's name is taken by a file."""
    return f"the data directory {home} is a file, not a directory; move that file away (or set BACKSPASM_HOME)"
