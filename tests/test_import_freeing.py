"""`data import` frees the rows it read while SQLite makes the indexes and commits: the rows still all go in."""

from __future__ import annotations

import journal_rows as rows

from backspasm.storage import restore
from backspasm.storage.db import connect
from backspasm.storage.export_parts import TableColumns


def _entries(count: int) -> list[dict[str, object]]:
    """`count` pain entries as an export gives them."""
    return [
        {"id": n + 1, "at": rows.ago(hours=n), "pain": n % 11, "note": None, "tried": ["walking"], "new_symptoms": None}
        for n in range(count)
    ]


def test_the_rows_read_are_freed_once_they_are_in() -> None:
    """free_rows empties the columns it was given once every row is in; without it the rows given stay."""
    given = _entries(restore.BULK_ROWS + 5)
    columns = TableColumns(tuple(given[0]), [[row[k] for row in given] for k in given[0]])
    kept = _entries(3)
    conn = connect()
    try:
        done = restore.import_all(conn, {"pain_entries": columns}, "in.json", free_rows=True)
        assert done.added == {"pain_entries": restore.BULK_ROWS + 5}
        assert len(columns) == 0 and all(not column for column in columns.columns)
        assert tuple(conn.execute("SELECT count(*), count(DISTINCT at_us) FROM pain_entries").fetchone()) == (
            restore.BULK_ROWS + 5,
            restore.BULK_ROWS + 5,
        )
        assert conn.execute("PRAGMA index_list(pain_entries)").fetchall()
        restore.import_all(conn, {"sessions": []}, "in.json")
        before = list(kept)
        restore.import_all(conn, {"pain_entries": kept}, "in.json")
        assert kept == before
    finally:
        conn.close()
