"""The person's own data: export every table as JSON, or forget all of it."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

from backspasm import __version__, unreadable
from backspasm.errors import BackspasmError
from backspasm.storage.db import BAD_TEXT_LINE, DB_NAME, bad_text_count
from backspasm.text_safety import json_safe

EXPORT_FORMAT = "backspasm-export"
# SQLite's own side files, and the copies store.py moves aside when a database is damaged.
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")
# The columns that hold JSON text: the export writes them as JSON arrays and objects, and the
# import turns those back into the text the store keeps (and still reads the older string form).
JSON_COLUMNS: dict[str, tuple[str, ...]] = {
    "pain_entries": ("tried",),
    "triage_runs": ("answers", "result"),
    "stretch_runs": ("done",),
}


def nested(text: Any, seen: dict[str, Any]) -> Any:
    """A JSON column's value as the array or object it holds; anything else (damaged text) as stored.

    `seen` keeps what each distinct text decoded to: most rows repeat a handful of values.
    """
    if not isinstance(text, str):
        return text
    if text not in seen:
        try:
            value = json.loads(text)
        except ValueError:
            value = text
        seen[text] = value if isinstance(value, (list, dict)) else text
    return seen[text]


def _rows(conn: sqlite3.Connection, table: str) -> tuple[list[str], list[dict[str, Any]], int]:
    """A table's columns, its rows as dicts, and how many rows had text that could not be read as it is."""
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples: a journal can hold a million rows
    cursor.execute(f'SELECT * FROM "{table}" ORDER BY rowid')
    columns = [c[0] for c in cursor.description]
    before = bad_text_count()
    rows = cursor.fetchall()
    blobs = conn.execute(
        f'SELECT 1 FROM "{table}" WHERE ' + " OR ".join(f"typeof(\"{c}\") = 'blob'" for c in columns) + " LIMIT 1"
    ).fetchone()
    if bad_text_count() == before and blobs is None:  # the usual case: every row as it is
        return columns, [dict(zip(columns, row, strict=True)) for row in rows], 0
    # Some row had text that is not UTF-8, or bytes: read again row by row to count them.
    cursor.execute(f'SELECT * FROM "{table}" ORDER BY rowid')
    found, bad, seen = [], 0, bad_text_count()
    for row in cursor:
        if bytes in map(type, row):
            row = tuple(_as_text(v) for v in row)
            bad += 1
        elif bad_text_count() != seen:  # the row just read had text that is not UTF-8
            bad += 1
        seen = bad_text_count()
        found.append(dict(zip(columns, row, strict=True)))
    return columns, found, bad


def _as_text(value: Any) -> Any:
    """A stored value as JSON can hold it: bytes (a blob) as the text they spell, U+FFFD where they do not."""
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


def tables(conn: sqlite3.Connection) -> list[str]:
    """Every table of the store (SQLite's internal ones left out), in name order."""
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    ).fetchall()
    return [str(row[0]) for row in rows]


def export_all(conn: sqlite3.Connection, now: datetime) -> dict[str, Any]:
    """Every row of every table, as stored (times stay ISO 8601), JSON columns as arrays and objects.

    A row with text that is not UTF-8, or bytes in a column, is written with U+FFFD for what
    cannot be read, and counted (said once on stderr): the export is the rescue path, so it
    never stops for such a row.
    """
    conn.execute("BEGIN")  # one snapshot, even while a session is writing
    bad_rows = 0
    try:
        content = {}
        for name in tables(conn):
            columns, found, bad = _rows(conn, name)
            bad_rows += bad
            for column in JSON_COLUMNS.get(name, ()):
                if column in columns:
                    seen: dict[str, Any] = {}
                    for row in found:
                        row[column] = nested(row[column], seen)
            content[name] = found
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.execute("COMMIT")
    if bad_rows:
        unreadable.withdraw_line(BAD_TEXT_LINE)  # said with the count below
        unreadable.note_line(
            f"{bad_rows} row{'s' if bad_rows != 1 else ''} had text that is not valid UTF-8 (another program"
            " wrote it); exported with \ufffd in place of the bytes that could not be read"
        )
    return {
        "format": EXPORT_FORMAT,
        "schema_version": version,
        "exported_at": now.isoformat(timespec="seconds"),
        "exported_by": f"backspasm {__version__}",
        "tables": content,
    }


def export_text(content: dict[str, Any]) -> str:
    """The export as indented JSON text, one row to a line.

    One line per row reads well and lets the C encoder write each row (an indented dump runs
    Python's own encoder over every value), so nested columns cost little.
    """
    head = {k: v for k, v in content.items() if k != "tables"}
    lines = ["{"] + [f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}," for k, v in head.items()]
    lines.append('  "tables": {')
    names = list(content["tables"])
    for number, name in enumerate(names, start=1):
        rows = content["tables"][name]
        end = "," if number < len(names) else ""
        if not rows:
            lines.append(f"    {json.dumps(name)}: []{end}")
            continue
        lines.append(f"    {json.dumps(name)}: [")
        encode = json.JSONEncoder(ensure_ascii=False).encode
        lines.append(",\n".join(f"      {encode(row)}" for row in rows))
        lines.append(f"    ]{end}")
    lines += ["  }", "}"]
    return json_safe("\n".join(lines)) + "\n"


def stored_files(home: Path) -> list[Path]:
    """The database, its side files and any damaged copies set aside: everything forget deletes."""
    if not home.is_dir():
        return []
    found = [home / DB_NAME, *(home / f"{DB_NAME}{s}" for s in SIDE_SUFFIXES)]
    found += sorted(home.glob(f"{DB_NAME}.corrupt-*"))
    return [p for p in found if p.exists() or p.is_symlink()]


def forget(files: list[Path]) -> list[Path]:
    """Delete the files; return those deleted."""
    deleted = []
    for path in files:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise BackspasmError(f"cannot delete {path}: {exc.strerror or exc}") from None
        deleted.append(path)
    return deleted
