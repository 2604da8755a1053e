"""A new journal: every migration at once, and its page size."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from backspasm.storage.db import DB_NAME, MIGRATIONS, connect


def test_a_new_journal_is_made_in_one_go_with_large_pages(tmp_path: Path) -> None:
    """A new journal gets every migration (one commit) and 16 KB pages; an old one migrated has the same schema."""
    from backspasm.storage import db

    new = connect(tmp_path / "new")
    old_path = tmp_path / "old"
    old_path.mkdir(mode=0o700)
    old = sqlite3.connect(old_path / DB_NAME, isolation_level=None)
    for number, script in enumerate(MIGRATIONS[:9], start=1):  # a journal as version 9 left it
        db._run(old, script, number)
    old.close()
    migrated = connect(old_path)
    try:
        assert new.execute("PRAGMA page_size").fetchone()[0] == db.PAGE_SIZE
        assert new.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        schema = "SELECT type, name, sql FROM sqlite_master ORDER BY name"
        assert new.execute(schema).fetchall() == migrated.execute(schema).fetchall()
    finally:
        new.close()
        migrated.close()
