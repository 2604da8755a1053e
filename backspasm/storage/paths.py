"""Where the journal lives, found without importing sqlite3 (the welcome screen asks on every run)."""

from __future__ import annotations

from pathlib import Path

from backspasm.user_dirs import home_dir as home_dir

DB_NAME = "backspasm.sqlite3"


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
