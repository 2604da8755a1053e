"""The person's own data: export every table as JSON, or forget all of it."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from backspasm import __version__, unreadable
from backspasm.errors import BackspasmError
from backspasm.storage import pain_sums
from backspasm.storage.columns import NUMBERS
from backspasm.storage.db import BAD_TEXT_LINE, DB_NAME, bad_text_count
from backspasm.text_safety import json_safe

EXPORT_FORMAT = "backspasm-export"
# SQLite's own side files and the record of the journal's state (storage.db.seen); the copies
# db.py moves aside when a database is damaged are found by name.
SIDE_SUFFIXES = ("-wal", "-shm", "-journal", "-seen")
# The columns that hold JSON text: the export writes them as JSON arrays and objects, and the
# import turns those back into the text the store keeps (and still reads the older string form).
JSON_COLUMNS: dict[str, tuple[str, ...]] = {
    "pain_entries": ("tried",),
    "triage_runs": ("answers", "result"),
    "stretch_runs": ("done",),
    "flare_plans": ("plan",),
}


def nested(text: Any, seen: dict[str, Any]) -> Any:
    """A JSON column's value as the array or object it holds; anything else (damaged text) as stored.

    `seen` keeps what each distinct text decoded to: most rows repeat a handful of values.
    """
    if not isinstance(text, str):
        return text
    found = seen.get(text, seen)
    if found is seen:
        try:
            value = json.loads(text)
        except ValueError:
            value = text
        found = value if isinstance(value, (list, dict)) else text
        if len(seen) >= SEEN_MOST:  # triage results are all different: the memory stays flat
            seen.clear()
        seen[text] = found
    return found


# How many decoded JSON values an export keeps at a time.
SEEN_MOST = 256
# Rows written at a time: large enough for few writes, small enough for flat memory.
ROWS_PER_WRITE = 500


def _as_text(value: Any) -> Any:
    """A stored value as JSON can hold it: bytes (a blob) as the text they spell, U+FFFD where they do not."""
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


# Tables worked out from the others: never exported, never imported.
DERIVED = pain_sums.TABLES


def tables(conn: sqlite3.Connection) -> list[str]:
    """Every table of the store (SQLite's internal ones and the kept sums left out), in name order."""
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    ).fetchall()
    return [name for (name,) in rows if name not in DERIVED]


def exported_columns(conn: sqlite3.Connection, table: str) -> list[str]:
    """A table's columns as an export gives them: all but the numbers worked out from its times."""
    derived = NUMBERS.get(table)
    return [str(row[1]) for row in conn.execute(f'PRAGMA table_info("{table}")') if row[1] != derived]


def _table_rows(conn: sqlite3.Connection, table: str, bad: list[int]) -> Iterator[str]:
    """A table's rows as JSON text, one at a time, in rowid order; rows with unreadable text counted in `bad`."""
    columns = exported_columns(conn, table)
    json_columns = {i for i, c in enumerate(columns) if c in JSON_COLUMNS.get(table, ())}
    picked = ", ".join(f'"{c}"' for c in columns)
    encode = json.JSONEncoder(ensure_ascii=False).encode
    seen: dict[str, Any] = {}
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples: a journal can hold a million rows
    counted = bad_text_count()
    for row in cursor.execute(f'SELECT {picked} FROM "{table}" ORDER BY rowid'):
        if bytes in map(type, row):
            row = tuple(_as_text(v) for v in row)
            bad[0] += 1
        elif bad_text_count() != counted:  # the row just read had text that is not UTF-8
            bad[0] += 1
        counted = bad_text_count()
        values = dict(zip(columns, row, strict=True))
        for i in json_columns:
            values[columns[i]] = nested(row[i], seen)
        yield encode(values)


def write_export(conn: sqlite3.Connection, now: datetime, out: BinaryIO) -> None:
    """Every row of every table, as stored (times stay ISO 8601), JSON columns as arrays and objects, to `out`.

    Written row by row (one to a line) as it is read, so memory stays flat however large the
    journal. A row with text that is not UTF-8, or bytes in a column, is written with U+FFFD for
    what cannot be read, and counted (said once on stderr): the export is the rescue path, so
    it never stops for such a row.
    """
    conn.execute("BEGIN")  # one snapshot, even while a session is writing
    bad = [0]
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        head = {
            "format": EXPORT_FORMAT,
            "schema_version": version,
            "exported_at": now.isoformat(timespec="seconds"),
            "exported_by": f"backspasm {__version__}",
        }
        text = ["{\n"] + [f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)},\n" for k, v in head.items()]
        text.append('  "tables": {')
        names = tables(conn)
        for number, name in enumerate(names):
            text.append(f"\n    {json.dumps(name)}: [" if number == 0 else f",\n    {json.dumps(name)}: [")
            rows = 0
            for row in _table_rows(conn, name, bad):
                text.append(f"\n      {row}" if rows == 0 else f",\n      {row}")
                rows += 1
                if len(text) >= ROWS_PER_WRITE:
                    out.write(json_safe("".join(text)).encode("utf-8"))
                    text.clear()
            text.append("\n    ]" if rows else "]")
        text.append("\n  }\n}\n")
        out.write(json_safe("".join(text)).encode("utf-8"))
    finally:
        conn.execute("COMMIT")
    if bad[0]:
        unreadable.withdraw_line(BAD_TEXT_LINE)  # said with the count below
        unreadable.note_line(
            f"{bad[0]} row{'s' if bad[0] != 1 else ''} had text that is not valid UTF-8 (another program"
            " wrote it); exported with \ufffd in place of the bytes that could not be read"
        )


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
