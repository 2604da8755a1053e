"""`backspasm data import`: read an export back, into an empty journal or merged into one.

The import is generic over tables, so a table added by a later migration is restored too. The
rule for duplicates: a row is already there when a row that existed before the import has the
same value in every column the export gives, its id aside (ids differ between journals). A row
keeps its id when that id is free, else it gets a new one. Everything happens in one
transaction: a bad row leaves the journal exactly as it was.
"""

import contextlib
import itertools
import json
import operator
import re
import sqlite3
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from backspasm.errors import UsageError
from backspasm.storage import pain_sums
from backspasm.storage.column_checks import names_texts, sound, time_numbers
from backspasm.storage.column_checks import times as whole_times
from backspasm.storage.columns import (
    COLUMNS,
    ID,
    MISSING,
    PLACED,
    answers_in_range,
    peg_problem,
    problems,
    quick_reader,
)
from backspasm.storage.export import EXPORT_FORMAT, JSON_COLUMNS, tables
from backspasm.storage.export_parts import TableColumns, read_in_parts
from backspasm.storage.times import EPOCH, MICROSECOND, micros, placed_us

# An export of years of entries is a few megabytes; anything far larger is not one.
MAX_BYTES = 100 * 1024 * 1024
# At most this many problems are listed when a file is refused.
MAX_PROBLEMS = 20
# How the summary names the tables people know; any other table by its own name.
TABLE_WORDS = {
    "pain_entries": ("pain entry", "pain entries"),
    "triage_runs": ("triage run", "triage runs"),
    "sessions": ("ice or heat session", "ice or heat sessions"),
    "stretch_runs": ("stretch routine", "stretch routines"),
    "doctor_visits": ("doctor visit", "doctor visits"),
    "check_ins": ("weekly check-in", "weekly check-ins"),
    "flare_plans": ("flare-up plan version", "flare-up plan versions"),
}


def _count(table: str, n: int) -> str:
    one, many = TABLE_WORDS.get(table, (f"row of {table}", f"rows of {table}"))
    return f"{n} {one if n == 1 else many}"


@dataclass
class Imported:
    """What an import did, table by table."""

    added: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        """One or two lines: what was added, and what was already there."""
        added = sum(self.added.values())
        skipped = sum(self.skipped.values())
        parts = [_count(t, n) for t, n in sorted(self.added.items()) if n]
        line = f"Imported {added} row{'s' if added != 1 else ''}" + (f": {', '.join(parts)}." if parts else ".")
        if skipped:
            line += f"\n{skipped} row{'s were' if skipped != 1 else ' was'} already in your journal and left as is."
        return line


# A row of an export holds an object and an array or two in some dozens of bytes (a time alone
# takes 25); a file with more than one per this many bytes is junk, and parsing it whole would
# take gigabytes (each empty array costs Python about 60 bytes), so it is refused before parsing.
BYTES_PER_CONTAINER = 8
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')


def _few_enough_containers(raw: bytes) -> bool:
    """True when the file has no more arrays and objects than an export of its size could."""
    budget = len(raw) // BYTES_PER_CONTAINER + 1000
    if raw.count(b"[") + raw.count(b"{") <= budget:
        return True
    bare = _STRING.sub(b'""', raw)  # brackets inside text (a note) are not arrays
    return bare.count(b"[") + bare.count(b"{") <= budget


def parse(raw: bytes, name: str, newest: int) -> dict[str, Sequence[dict[str, Any]]]:
    """The tables of an export file, checked; a file that is not a readable export is a UsageError.

    A file laid out as `data export` writes it is read a part at a time (storage.export_parts,
    each table's rows as columns); any other is read whole. Both give the same.
    """
    if len(raw) > MAX_BYTES:
        raise UsageError(f"{name}: larger than {MAX_BYTES // (1024 * 1024)} MB; not a backspasm export")
    if not _few_enough_containers(raw):
        raise UsageError(f"{name}: not a backspasm export (far more arrays and objects than an export holds)")
    try:
        data = read_in_parts(raw)
        if data is None:
            data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise UsageError(f"{name}: not a backspasm export (not UTF-8 text)") from None
    except RecursionError:
        raise UsageError(f"{name}: not a backspasm export (JSON nested too deeply)") from None
    except ValueError as exc:
        raise UsageError(f"{name}: not a backspasm export (not valid JSON: {exc})") from None
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise UsageError(f"{name}: not a backspasm export (made by `backspasm data export`)")
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise UsageError(f"{name}: schema_version must be a whole number of at least 1")
    if version > newest:
        raise UsageError(
            f"{name}: made by a newer version of backspasm (schema {version}; this version reads up to"
            f" {newest}); upgrade backspasm to import it"
        )
    content = data.get("tables")
    if not isinstance(content, dict):
        raise UsageError(f"{name}: 'tables' must map each table's name to its rows")
    for table, rows in content.items():
        if isinstance(rows, TableColumns):  # every row an object of the same keys
            continue
        if not isinstance(rows, list) or not set(map(type, rows)) <= {dict}:  # JSON makes no subclass
            raise UsageError(f"{name}: table '{table}' must be a list of rows")
    return content


def _value_problem(table: str, column: str, value: Any) -> str | None:
    """A value JSON gives that no column can hold (an array or object outside the JSON columns)."""
    if column in JSON_COLUMNS.get(table, ()) and isinstance(value, (list, dict)):
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float, type(None))):
        return f"'{column}' must be text, a number or null"
    return None


def row_problems(table: str, row: dict[str, Any], columns: list[str]) -> list[str]:
    """What is wrong with one imported row: unknown columns, values no column holds, then the table's rules."""
    found = [f"unknown column '{c}'" for c in row if c not in columns]
    found += [p for c, v in row.items() if c in columns and (p := _value_problem(table, c, v)) is not None]
    return found or problems(table, row, imported=True)


def stored_json(value: Any) -> Any:
    """How the store keeps a JSON column: an exported array or object back as JSON text.

    Text (the form older exports wrote) stays as it is.
    """
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


def same_json(value: Any) -> Any:
    """A JSON column's value in one spelling, so the same data written two ways counts as the same row."""
    if not isinstance(value, str):
        return value
    try:
        decoded = json.loads(value)
    except ValueError:
        return value
    return json.dumps(decoded, ensure_ascii=False, sort_keys=True) if isinstance(decoded, (list, dict)) else value


def _compared(columns: tuple[str, ...], values: tuple[Any, ...], json_columns: tuple[str, ...]) -> tuple[Any, ...]:
    if not json_columns:
        return values
    return tuple(same_json(v) if c in json_columns else v for c, v in zip(columns, values, strict=True))


def _columns(conn: sqlite3.Connection, table: str) -> tuple[list[str], str | None]:
    """The table's columns, and its INTEGER PRIMARY KEY column (its rowid) if it has one."""
    info = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
    names = [str(row[1]) for row in info]
    keys = [row for row in info if int(row[5]) > 0]
    rowid = str(keys[0][1]) if len(keys) == 1 and str(keys[0][2]).upper() == "INTEGER" else None
    return names, rowid


# Ids asked about at a time when an import checks which of its ids a journal already has.
IDS_PER_QUERY = 500


def _taken_ids(conn: sqlite3.Connection, table: str, rowid: str, ids: list[Any]) -> set[Any]:
    """Which of these ids the table already holds."""
    taken: set[Any] = set()
    for start in range(0, len(ids), IDS_PER_QUERY):
        chunk = ids[start : start + IDS_PER_QUERY]
        marks = ", ".join("?" for _ in chunk)
        found = conn.execute(f'SELECT "{rowid}" FROM "{table}" WHERE "{rowid}" IN ({marks})', chunk)
        taken.update(row[0] for row in found)
    return taken


@dataclass
class Batch:
    """Rows of one table that give the same columns, read column by column, ready to insert."""

    names: tuple[str, ...]  # the columns given (an id aside), then the time's number if the table has one
    positions: Sequence[int]  # each row's number in the file, from 1
    columns: list[list[Any]]  # the values of each of `names`, as the store keeps them
    ids: list[Any] | None  # each row's id when the file gives ids
    classes: list[set[type]] | None = None  # the classes of each column's values, when known


@dataclass
class Checked:
    """A table's rows, checked and read: the batches to insert, and what was wrong."""

    batches: list[Batch] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)


def _read_column(reading: Any, values: list[Any]) -> list[Any]:
    """Each value read by `reading` (a quick reader), each distinct one once when they repeat."""
    # Keyed by type too: 1, 1.0 and True are equal in a set, and a column may take one and not
    # another. A list is keyed by its items (the lists of remedies and stretches repeat).
    try:
        keys = [(value.__class__, tuple(value) if value.__class__ is list else value) for value in values]
        distinct = dict(zip(keys, values, strict=True))  # each key with a value it stands for
    except TypeError:  # objects, or lists of them: read one by one
        return [reading(value) for value in values]
    if len(distinct) * 2 > len(values):
        return [reading(value) for value in values]
    read = {key: reading(value) for key, value in distinct.items()}
    return [read[key] for key in keys]


def _micros(moment: Any) -> int:
    # A whole second (as the store writes times) from its timestamp, exact; any other the long way.
    return int(moment.timestamp()) * 1_000_000 if moment.microsecond == 0 else micros(moment)


def _json_texts(values: list[Any]) -> list[Any]:
    """A JSON column's values as the store keeps them: arrays and objects as JSON text (text stays text)."""
    texts = names_texts(values)
    if texts is not None:
        return texts
    known: dict[tuple[str, ...], str] = {}  # each list of names once: a journal repeats a handful
    out = []
    for value in values:
        if value.__class__ is list and all(item.__class__ is str for item in value):
            key = tuple(value)
            text = known.get(key)
            if text is None:
                text = known[key] = json.dumps(value, ensure_ascii=False)
            out.append(text)
        elif value.__class__ in (list, dict):
            out.append(json.dumps(value, ensure_ascii=False))
        else:
            out.append(value)
    return out


class Shape(NamedTuple):
    """Rows that give the same columns: the columns, the rows' positions (from 0), the rows, each column's values."""

    keys: tuple[str, ...]
    positions: Sequence[int]
    rows: Sequence[dict[str, Any]]
    values: dict[str, list[Any]]


# Rows turned into columns at a time: their tuples (a few hundred kilobytes) are made and freed
# again and again in the same memory.
ROWS_AT_A_TIME = 4096


def _by_column(names: tuple[str, ...], rows: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """Each named column's values (KeyError when a row lacks one)."""
    if len(names) < 2:  # itemgetter of one name gives the value, not a tuple of one
        return {name: list(map(operator.itemgetter(name), rows)) for name in names}
    # Each row's values as one tuple, the tuples of some rows turned into columns: passes in C,
    # twice as fast as a pass a column.
    columns: list[list[Any]] = [[] for _ in names]
    get = operator.itemgetter(*names)
    for start in range(0, len(rows), ROWS_AT_A_TIME):
        some = zip(*map(get, rows[start : start + ROWS_AT_A_TIME]), strict=True)
        for column, values in zip(columns, some, strict=True):
            column.extend(values)
    return dict(zip(names, columns, strict=True))


def _shapes(rows: Sequence[dict[str, Any]]) -> Iterator[Shape]:
    """The rows grouped by the columns they give, in order, each group's values read column by column."""
    if not rows:
        return
    if isinstance(rows, TableColumns):  # read as columns already, every row with the same keys
        yield Shape(rows.keys, range(len(rows)), rows, dict(zip(rows.keys, rows.columns, strict=True)))
        return
    if not isinstance(rows, list):
        rows = list(rows)
    # An export gives every row of a table the same columns: when each row has as many as the
    # first and all of them (no KeyError), they are one group, read in one pass a column.
    first = tuple(rows[0])
    if set(map(len, rows)) == {len(first)}:
        try:
            values = _by_column(first, rows)
        except KeyError:
            pass
        else:
            yield Shape(first, range(len(rows)), rows, values)
            return
    shapes: dict[tuple[str, ...], list[int]] = {}
    for position, key in enumerate(map(tuple, rows)):
        shapes.setdefault(key, []).append(position)
    for key, positions in shapes.items():
        picked = [rows[p] for p in positions]
        yield Shape(key, positions, picked, _by_column(key, picked))


# An id as an export gives it: a whole number from 1, or null for "give it one".
ROW_ID = ID._replace(optional=True)


_PLAIN = {str, int, float, type(None)}


def _times_as_numbers(moments: list[Any]) -> list[int]:
    """Whole microseconds since 1970 of each time (storage.times.micros, a pass in C)."""
    since = map(operator.sub, moments, itertools.repeat(EPOCH))
    return list(map(operator.floordiv, since, itertools.repeat(MICROSECOND)))


def check_table(table: str, rows: Sequence[dict[str, Any]], columns: list[str], rowid: str | None) -> Checked:
    """A table's rows checked by the rules the program's own writes follow, and read for inserting.

    The rows are read column by column: a column column_checks vouches for as a whole is taken as
    it is; any other is read value by value, quickly by columns.quick_reader (a value repeated in
    many rows is read once), and a row any of whose values that cannot vouch for is checked the
    careful way (row_problems), which words each problem.
    """
    checked = Checked()
    known, described = set(columns), COLUMNS.get(table, {})
    text, number = PLACED.get(table, ("", ""))
    json_columns = JSON_COLUMNS.get(table, ())
    for keys, positions, picked, by_name in _shapes(rows):
        careful: set[int] = set()  # indexes into positions
        if not known.issuperset(keys) or any(not c.defaulted and c.name not in keys for c in described.values()):
            careful.update(range(len(positions)))
        names = tuple(k for k in keys if k != rowid and k != number)
        given = [by_name[name] for name in names]
        classes = [set(map(type, values)) for values in given]  # each column's, once
        moments: list[Any] | None = None
        whole_moments = False  # every time read as it is (no null, none left to the careful reading)
        numbers: list[Any] | None = None  # every time's number, worked out from its text
        ready: dict[str, list[Any]] = {}  # values already as the store keeps them
        for name, values, kinds in zip(names, given, classes, strict=True):
            column = described.get(name)
            if column is None:
                if not kinds <= _PLAIN:
                    careful.update(i for i, v in enumerate(values) if v.__class__ not in _PLAIN)
                continue
            is_answers = name == "answers" and table == "triage_runs"
            read: list[Any] | None = None
            if column.kind == "time":
                worked_out = time_numbers(column, values, kinds)
                if worked_out is not None:  # every value a time in the store's own form
                    read = values
                    if name == text and not column.optional:
                        numbers = worked_out
                else:
                    read = whole_times(column, values, kinds)
                    whole_moments = name == text and read is not None and not column.optional
            elif column.kind == "names" and name in json_columns:
                texts = names_texts(values, kinds)
                if texts is not None:
                    read, ready[name] = values, texts
                    classes[names.index(name)] = {str}
            elif not is_answers and sound(column, values, kinds):
                read = values
            if read is None:
                reading = quick_reader(column, strict=True)
                # Times are all different: read one by one; other columns repeat a handful of values.
                read = [reading(v) for v in values] if column.kind == "time" else _read_column(reading, values)
                careful.update(i for i, v in enumerate(read) if v is MISSING)
            if name == text and numbers is None:
                moments = read
            if is_answers:
                careful.update(i for i, v in enumerate(read) if v is not MISSING and not answers_in_range(v))
        if table == "check_ins":  # the score must be the answers' mean (SQLite's CHECK): worded here
            careful.update(i for i, row in enumerate(picked) if peg_problem(row) is not None)
        ids = by_name[rowid] if rowid is not None and rowid in keys else None
        if ids is not None and not sound(ROW_ID, ids):  # an id other than a whole number from 1 is worded
            careful.update(i for i, v in enumerate(ids) if v is not None and not sound(ROW_ID, [v]))
        for i in sorted(careful):
            row = picked[i]
            checked.problems += [(positions[i] + 1, p) for p in row_problems(table, row, columns)]
        if checked.problems:
            continue
        stored = [
            ready[name] if name in ready else _json_texts(values) if name in json_columns else values
            for name, values in zip(names, given, strict=True)
        ]
        for i, name in enumerate(names):
            if name in json_columns and name not in ready:
                classes[i] = set(map(type, stored[i]))
        if number:
            classes.append({int})
            if numbers is not None:
                stored.append(numbers)
            elif moments is None:
                stored.append([None] * len(positions))
                classes[-1] = {type(None)}
            elif whole_moments and not careful:
                stored.append(_times_as_numbers(moments))
            else:
                stored.append(
                    [
                        placed_us(row.get(text)) if (m is MISSING or m is None or i in careful) else _micros(m)
                        for i, (row, m) in enumerate(zip(picked, moments, strict=True))
                    ]
                )
                classes[-1] = set(map(type, stored[-1]))
            names = (*names, number)
        numbers_from_1 = range(1, len(positions) + 1) if isinstance(positions, range) else [p + 1 for p in positions]
        checked.batches.append(Batch(names, numbers_from_1, stored, ids, classes))
    return checked


def check_rows(
    conn: sqlite3.Connection, content: Mapping[str, Sequence[dict[str, Any]]], name: str
) -> dict[str, Checked]:
    """Every row of every table checked (check_table); UsageError lists the problems, nothing imported.

    At most MAX_PROBLEMS lines, the last one saying how many more there were.
    """
    found: list[str] = []
    checked: dict[str, Checked] = {}
    for table in sorted(content):
        columns, rowid = _columns(conn, table)
        checked[table] = check_table(table, content[table], columns, rowid)
        found += [f"{name}: table '{table}' row {number}: {p}" for number, p in sorted(checked[table].problems)]
    if len(found) > MAX_PROBLEMS:
        more = len(found) - (MAX_PROBLEMS - 1)
        found = [*found[: MAX_PROBLEMS - 1], f"{name}: {more} more problems; nothing was imported"]
    if found:
        raise UsageError(*found)
    return checked


@dataclass(frozen=True)
class Rows:
    """Rows to insert, given as their columns (no tuple a row); each column holds a value for every row."""

    columns: list[list[Any]]

    def count(self) -> int:
        """How many rows."""
        return len(self.columns[0]) if self.columns else 0

    def row(self, i: int) -> list[Any]:
        """The values of the i-th row (from 0)."""
        return [column[i] for column in self.columns]

    def flat(self, start: int, stop: int) -> list[Any]:
        """The values of rows start to stop, row after row, in one list: each column put in place by one
        slice assignment, in C."""
        width = len(self.columns)
        values: list[Any] = [None] * ((stop - start) * width)
        for i, column in enumerate(self.columns):
            values[i::width] = column[start:stop]
        return values


def _as_columns(rows: list[tuple[Any, ...]], width: int) -> Rows:
    """Rows of `width` values each, as their columns."""
    return Rows([list(column) for column in zip(*rows, strict=True)] if rows else [[] for _ in range(width)])


# Rows to insert: their positions in the file, and their values.
Placed = tuple[Sequence[int], Rows]


def _import_table(conn: sqlite3.Connection, name: str, table: str, checked: Checked, done: Imported) -> None:
    """Add a table's checked rows: those already there skipped, ids kept where free, a few executemany calls.

    A table that holds nothing yet has nothing to compare with: no duplicate check.
    """
    _, rowid = _columns(conn, table)
    empty = conn.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone() is None
    before = 0 if empty else int(conn.execute(f'SELECT COALESCE(MAX(rowid), 0) FROM "{table}"').fetchone()[0])
    added = skipped = 0
    fresh_table = empty  # no id to look for in the table yet
    for batch in checked.batches:
        ids = batch.ids
        names, bound = batch.names, ["?" for _ in batch.names]
        if fresh_table and ids is not None and None not in (every := set(ids)) and len(every) == len(ids):
            # Every row keeps its id (an export into an empty journal): the rows as they are, in one pass.
            names, bound, values = _nulls_bound_cheaply(batch, _null_by_default(conn, table))
            kept_ids: Placed = (batch.positions, Rows([ids, *values]))
            fresh: Placed = ([], Rows([]))
            kept = len(ids)
        else:
            kept_ids, fresh, kept = _placed(conn, table, batch, before if not empty else None, fresh_table)
        skipped += len(batch.positions) - kept
        columns = ", ".join(f'"{c}"' for c in names)
        marks = ", ".join(bound)
        if kept_ids[0]:
            _insert(conn, name, table, f'INSERT INTO "{table}" ("{rowid}", {columns}) VALUES (?, {marks})', *kept_ids)
        if fresh[0] and batch.names:
            _insert(conn, name, table, f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', *fresh)
        elif fresh[0]:
            for _ in fresh[0]:
                conn.execute(f'INSERT INTO "{table}" DEFAULT VALUES')
        fresh_table = False  # the next batch's ids may meet this one's
        added += kept
    done.added[table] = added
    done.skipped[table] = skipped


def _null_by_default(conn: sqlite3.Connection, table: str) -> set[str]:
    """The table's columns that hold NULL when an insert leaves them out (no default, not the key)."""
    info = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
    return {str(row[1]) for row in info if row[4] is None and not int(row[5])}


# Binding None costs Python's sqlite3 a failed lookup of an adapter each time (about half a
# microsecond: 50 ms for a column of 100,000 nulls), a whole number none: so a column of text
# and nulls goes in as text and 0, and SQLite turns the 0 back into NULL (NULLIF: a 0 bound as an
# integer never equals text, "0" included).
_NULL_AS_ZERO = {None: 0}
NULL_MARK = "NULLIF(?, 0)"


def _nulls_bound_cheaply(batch: Batch, null_by_default: set[str]) -> tuple[tuple[str, ...], list[str], list[list[Any]]]:
    """A batch's columns, marks and values with its nulls cheap to bind: a column of nulls alone is
    left out (where leaving it out stores NULL), a column of text and nulls gets NULL_MARK."""
    names: list[str] = []
    marks: list[str] = []
    values: list[list[Any]] = []
    known = batch.classes or [set(map(type, given)) for given in batch.columns]
    for column, given, classes in zip(batch.names, batch.columns, known, strict=True):
        mark = "?"
        if type(None) in classes and classes <= {str, type(None)}:
            if classes == {type(None)} and column in null_by_default:
                continue
            mark, given = NULL_MARK, list(map(_NULL_AS_ZERO.get, given, given))
        names.append(column)
        marks.append(mark)
        values.append(given)
    return tuple(names), marks, values


def _placed(
    conn: sqlite3.Connection, table: str, batch: Batch, before: int | None, fresh_table: bool
) -> tuple[Placed, Placed, int]:
    """A batch's rows not already in the table (those up to rowid `before`; None: it held nothing):
    those that keep their ids, those that get new ones, and how many in all."""
    _, rowid = _columns(conn, table)
    json_columns = JSON_COLUMNS.get(table, ())
    number = PLACED.get(table, ("", ""))[1]
    rows = list(zip(*batch.columns, strict=True)) if batch.columns else [() for _ in batch.positions]
    keep = list(range(len(rows)))
    if before is not None:
        # The rows already there, as tuples of the columns this batch gives, compared as JSON
        # is compared (one spelling), its number aside.
        given = tuple(n for n in batch.names if n != number)
        width = len(given)
        picked = ", ".join(f'"{c}"' for c in given) or "1"
        found = conn.execute(f'SELECT {picked} FROM "{table}" WHERE rowid <= ?', (before,)).fetchall()
        already = {_compared(given, tuple(r), json_columns) if given else () for r in found}
        keep = [i for i in keep if _compared(given, rows[i][:width], json_columns) not in already]
    ids = batch.ids
    taken: set[Any] = set()
    if ids is not None and not fresh_table:
        taken = _taken_ids(conn, table, str(rowid), [ids[i] for i in keep if ids[i] is not None])
    kept_ids: tuple[list[int], list[tuple[Any, ...]]] = ([], [])
    fresh: tuple[list[int], list[tuple[Any, ...]]] = ([], [])
    for i in keep:
        row_id = ids[i] if ids is not None else None
        if row_id is not None and row_id not in taken:
            taken.add(row_id)  # a second row of the file with the same id gets a new one
            kept_ids[0].append(batch.positions[i])
            kept_ids[1].append((row_id, *rows[i]))
        else:
            fresh[0].append(batch.positions[i])
            fresh[1].append(rows[i])
    width = len(batch.names)
    return (kept_ids[0], _as_columns(kept_ids[1], width + 1)), (fresh[0], _as_columns(fresh[1], width)), len(keep)


# Rows an INSERT statement of an import gives at a time. Python's sqlite3 spends more on each
# statement it runs than SQLite spends inserting the row: 100 rows a statement take a quarter
# less time than one. Never more parameters than SQLite before 3.32 allows (999).
ROWS_PER_STATEMENT = 100
MAX_PARAMETERS = 999


# Statements' worth of rows laid out flat at a time (a few hundred kilobytes, made again in the same memory).
STATEMENTS_AT_A_TIME = 40


def _insert_many(conn: sqlite3.Connection, sql: str, rows: Rows) -> None:
    """executemany of `sql` (an INSERT ... VALUES (?, ...)) over the rows, up to ROWS_PER_STATEMENT rows a statement."""
    width, count = len(rows.columns), rows.count()
    if not width:
        return
    per = min(ROWS_PER_STATEMENT, MAX_PARAMETERS // width)
    whole = count - count % per if per > 1 else 0
    if whole:
        head, marks = sql.rsplit(" VALUES ", 1)
        many = f"{head} VALUES {', '.join([marks] * per)}"
        step = per * width
        for start in range(0, whole, per * STATEMENTS_AT_A_TIME):
            flat = rows.flat(start, min(whole, start + per * STATEMENTS_AT_A_TIME))
            conn.executemany(many, (flat[i : i + step] for i in range(0, len(flat), step)))
    flat = rows.flat(whole, count)
    conn.executemany(sql, (flat[i : i + width] for i in range(0, len(flat), width)))


def _insert(conn: sqlite3.Connection, name: str, table: str, sql: str, positions: Sequence[int], rows: Rows) -> None:
    """executemany; when SQLite refuses a row, that row is found and named (UsageError), and the caller rolls back."""
    conn.execute("SAVEPOINT batch")
    try:
        _insert_many(conn, sql, rows)
    except sqlite3.IntegrityError:
        conn.execute("ROLLBACK TO batch")
        for i, position in enumerate(positions):
            try:
                conn.execute(sql, rows.row(i))
            except sqlite3.IntegrityError as exc:
                raise UsageError(f"{name}: table '{table}' row {position}: {exc}") from None
        raise
    finally:
        conn.execute("RELEASE batch")


# The page cache an import may use, in KB.
IMPORT_CACHE_KB = 32 * 1024
# An empty table given at least this many rows gets its indexes made after them, in one sort each.
BULK_ROWS = 10_000


def _indexes_made_after(conn: sqlite3.Connection, table: str, rows: int) -> list[str]:
    """Into an empty table given many rows, its indexes are dropped now and made after the rows (one sort
    each, faster than keeping each up to date row by row): the statements that make them again.

    Inside the import's transaction, so a failure (or Ctrl-C) undoes it all, the indexes back as they were.
    """
    if rows < BULK_ROWS or conn.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone() is not None:
        return []
    indexes = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", (table,)
    ).fetchall()
    for index_name, _ in indexes:
        conn.execute(f'DROP INDEX "{index_name}"')
    return [str(sql) for _, sql in indexes]


# Rows freed at a time by the thread that frees them: about a millisecond's work, after which the
# thread lets the import's own thread back in.
FREED_AT_A_TIME = 4096


def _free_aside(lists: list[list[Any]]) -> threading.Thread:
    """A thread that empties the lists (freeing what only they hold) while SQLite makes the indexes and
    commits: SQLite lets go of Python's lock while it works, so the freeing costs the import nothing."""

    def free() -> None:
        for values in lists:
            while values:
                del values[-FREED_AT_A_TIME:]
                time.sleep(0)  # hand Python's lock back at once when the import's thread wants it

    thread = threading.Thread(target=free, name="free-imported-rows", daemon=True)
    thread.start()
    return thread


def checks_mirrored(conn: sqlite3.Connection, table: str) -> bool:
    """True when storage.columns describes every column of the table (its time's number aside).

    The import's checks (check_table) then hold each of the table's CHECK constraints, worded;
    tests/test_data_import.py keeps the list of CHECKs and a row refused for each.
    """
    columns, _ = _columns(conn, table)
    described = COLUMNS.get(table, {})
    number = PLACED.get(table, ("", ""))[1]
    return bool(described) and all(c in described or c == number for c in columns)


@contextlib.contextmanager
def _checks_done_here(conn: sqlite3.Connection, table: str) -> Iterator[None]:
    """SQLite skips the CHECK constraints the import has already checked (they double its insert time)."""
    skip = checks_mirrored(conn, table)
    if skip:
        conn.execute("PRAGMA ignore_check_constraints = ON")
    try:
        yield
    finally:
        if skip:
            conn.execute("PRAGMA ignore_check_constraints = OFF")


@contextlib.contextmanager
def _written_directly(conn: sqlite3.Connection, rows: int) -> Iterator[None]:
    """A large import into an empty journal is written straight into the file, not through the WAL.

    In WAL mode every page is written twice (into the WAL at the commit, into the journal when the
    connection closes): for 100,000 rows that is about 8% of the import. With nothing in the
    journal to keep, a rollback journal is as safe (a crash or Ctrl-C still leaves it empty) and
    writes each page once. The switch needs the journal to itself; when another process has it
    open, the import goes through the WAL as usual. WAL comes back after it (and every open
    switches to it anyway, storage.db).
    """
    direct = False
    if rows >= BULK_ROWS and not conn.in_transaction and _empty(conn):
        try:
            direct = str(conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]).lower() == "delete"
        except sqlite3.OperationalError:
            direct = False
    try:
        yield
    finally:
        if direct:
            with contextlib.suppress(sqlite3.OperationalError):
                conn.execute("PRAGMA journal_mode = WAL")


def _empty(conn: sqlite3.Connection) -> bool:
    """True when no table of the journal has a row."""
    return all(conn.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone() is None for table in tables(conn))


def import_all(
    conn: sqlite3.Connection, content: Mapping[str, Sequence[dict[str, Any]]], name: str, *, free_rows: bool = False
) -> Imported:
    """Add every row not already there, in one transaction; any problem leaves the journal unchanged.

    `free_rows`: content's lists are emptied once their rows are in (while the indexes are made),
    for a caller done with them: freeing 100,000 rows costs a tenth of the import's time.
    """
    known = set(tables(conn))
    unknown = sorted(t for t in content if t not in known)
    if unknown:
        raise UsageError(f"{name}: table '{unknown[0]}' is not part of a backspasm journal")
    checked = check_rows(conn, content, name)
    done = Imported()
    # Room for the pages a large import touches (its indexes are made in one sort each): SQLite's
    # usual 2 MB would write some of them twice. Only what is used is taken.
    conn.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KB}")
    with _written_directly(conn, sum(len(rows) for rows in content.values())):
        return _import_checked(conn, content, name, checked, done, free_rows)


def _import_checked(
    conn: sqlite3.Connection,
    content: Mapping[str, Sequence[dict[str, Any]]],
    name: str,
    checked: dict[str, Checked],
    done: Imported,
    free_rows: bool,
) -> Imported:
    """import_all's transaction: the checked rows in, the indexes made, all or nothing."""
    conn.execute("BEGIN IMMEDIATE")
    freeing: threading.Thread | None = None
    try:
        conn.execute("PRAGMA defer_foreign_keys = ON")  # tables arrive in name order, not reference order
        indexes: list[str] = []  # made again after every table's rows
        for table in sorted(content):
            indexes += _indexes_made_after(conn, table, len(content[table]))
            with _checks_done_here(conn, table):
                _import_table(conn, name, table, checked[table], done)
        pain_sums.forget(conn)  # the entries' kept sums are made again when next needed
        if free_rows:  # every row is in: what was read, and its columns, are freed while SQLite works
            read = [rows.columns if isinstance(rows, TableColumns) else [rows] for rows in content.values()]
            lists = [values for some in read for values in some if isinstance(values, list)]
            lists += [column for one in checked.values() for batch in one.batches for column in batch.columns]
            freeing = _free_aside(lists)
        for sql in indexes:
            conn.execute(sql)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    finally:
        if freeing is not None:
            freeing.join()
    return done
