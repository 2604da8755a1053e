"""An export as `data export` lays it out, read a part at a time: each table's rows kept as columns.

Reading a whole export with one `json.loads` makes a dict for every row (about 350 bytes each,
a third of the import's memory) only for the rows to be taken apart into columns and freed.
Here each table's rows are read a few thousand at a time by `json.loads` itself, and only their
columns are kept: the dicts are made and freed again and again in the same memory.

The result is exactly what `json.loads` of the whole text gives, or None (then the caller reads
the whole text). The file is cut only where the exporter's own layout puts a table's rows:

- What is left when every table's rows are cut out (the skeleton: the header and each table's
  name) is read with `json.loads` and must be, character for character, what the exporter
  writes for that header and those names. So each cut is exactly one table's array, and the
  rest of the file is valid JSON.
- Each part of a table's rows, put between brackets, is read with `json.loads` and must be a
  non-empty array of objects; the parts are cut only after a comma that ends a line. Between
  the brackets a part's end is outside any string, so that comma separates two rows, and the
  parts read one after another are the table's array, read as a whole.
- Every row of a table must give the same columns (as an export's do).
"""

from __future__ import annotations

import json
import operator
from collections.abc import Iterator, Sequence
from typing import Any, overload

# Bytes read at a time: a few hundred rows (measured: 64 KB parts fault in less memory than 256 KB).
PART_CHARS = 1 << 16
# Where a table's rows begin and end in the exporter's layout, and where a part may end.
_ROWS_BEGIN = b': [\n      {'
_ROWS_END = b"\n    ]"
_LINE_END = b",\n"


class TableColumns(Sequence[dict[str, Any]]):
    """A table's rows as their columns: every row gives the same keys; a row asked for is made as a dict."""

    def __init__(self, keys: tuple[str, ...], columns: list[list[Any]]) -> None:
        self.keys = keys
        self.columns = columns

    def __len__(self) -> int:
        return len(self.columns[0]) if self.columns else 0

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...

    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...

    def __getitem__(self, index: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return dict(zip(self.keys, [column[index] for column in self.columns], strict=True))

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for i in range(len(self)):
            yield self[i]


def skeleton(head: dict[str, Any], tables: dict[str, Any], cut: set[str]) -> str:
    """The text the exporter writes for this header and these tables, the rows of those in `cut` left out."""
    text = ["{\n"] + [f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)},\n" for k, v in head.items()]
    text.append('  "tables": {')
    for number, name in enumerate(tables):
        text.append(f"\n    {json.dumps(name)}: [" if number == 0 else f",\n    {json.dumps(name)}: [")
        text.append("\n    ]" if name in cut else "]")
    text.append("\n  }\n}\n")
    return "".join(text)


def _rows(raw: bytes, start: int) -> tuple[TableColumns, int] | None:
    """A table's rows from `start` (just after its "["), and where its closing line begins; None if not as exported."""
    keys: tuple[str, ...] | None = None
    columns: list[list[Any]] = []
    at = start
    while True:
        comma = raw.find(_LINE_END, at + PART_CHARS)
        end = raw.find(_ROWS_END, at, comma if comma >= 0 else len(raw))
        last = end >= 0
        if not last and comma < 0:
            return None
        # Each part decoded on its own (UTF-8 cannot be cut mid-character at an ASCII comma):
        # the whole file is never held as text too.
        rows = json.loads(f"[{raw[at : end if last else comma].decode('utf-8')}]")
        if keys is None:
            keys = tuple(rows[0]) if rows and rows[0].__class__ is dict else ()
            if not keys:
                return None
            columns = [[] for _ in keys]
        # Rows of the same number of keys, each of them (KeyError); a row that is not an object
        # fails here too (TypeError). JSON makes no subclass of dict.
        if set(map(len, rows)) != {len(keys)}:
            return None
        if len(keys) == 1:
            if set(map(type, rows)) != {dict}:
                return None
            columns[0].extend(row[keys[0]] for row in rows)
        else:
            try:
                by_row = list(map(operator.itemgetter(*keys), rows))
            except KeyError:
                return None
            for column, values in zip(columns, zip(*by_row, strict=True), strict=True):
                column.extend(values)
        del rows
        if last:
            return TableColumns(keys, columns), end
        at = comma + 1


def read_in_parts(raw: bytes) -> dict[str, Any] | None:
    """What json.loads(raw.decode("utf-8")) gives when the file is laid out as the exporter writes it,
    each table's rows as TableColumns; None for any other file (read it whole)."""
    try:
        return _read_in_parts(raw)
    except (ValueError, RecursionError, TypeError, KeyError):  # UnicodeDecodeError is a ValueError
        return None


def _read_in_parts(raw: bytes) -> dict[str, Any] | None:
    pieces: list[bytes] = []
    found: dict[str, TableColumns] = {}
    at = 0
    while (begin := raw.find(_ROWS_BEGIN, at)) >= 0:
        line = raw.rfind(b"\n", 0, begin) + 1
        name = json.loads(raw[line:begin].decode("utf-8"))
        if not isinstance(name, str) or name in found:
            return None
        rows_at = begin + len(b": [")
        read = _rows(raw, rows_at)
        if read is None:
            return None
        found[name], end = read
        pieces.append(raw[at:rows_at])
        at = end
    if not found:
        return None
    pieces.append(raw[at:])
    outline = b"".join(pieces).decode("utf-8")
    data = json.loads(outline)
    if not isinstance(data, dict) or list(data)[-1:] != ["tables"] or not isinstance(data["tables"], dict):
        return None
    tables = data["tables"]
    head = {k: v for k, v in data.items() if k != "tables"}
    if outline != skeleton(head, tables, set(found)) or any(tables.get(name) != [] for name in found):
        return None
    for name, rows in found.items():
        tables[name] = rows
    return data
