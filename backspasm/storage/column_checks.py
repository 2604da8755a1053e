"""A whole column of an import checked at once: a few passes in C (sets, min and max), not a call a value.

`data import` reads 100,000 rows in about the time Python takes to call a function 100,000
times. These checks accept only values that the import's quick reader (storage.columns.quick_reader,
strict) accepts as they are; a column they do not vouch for as a whole is read value by value
as before (storage.restore.check_table), which finds and words each problem. So a check here
may say "not sure" of a sound column, never "sound" of a bad one.
"""

from __future__ import annotations

import itertools
import json
import math
import operator
import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from backspasm.storage.columns import FIRST_YEAR, LAST_YEAR, MAX_OFFSET, Column

NONE = type(None)
_YEAR = operator.attrgetter("year")
_ZONE = operator.attrgetter("tzinfo")


def _present(column: Column, values: list[Any], known: set[type] | None = None) -> tuple[set[type], list[Any]] | None:
    """The classes of the values other than null, and those values; None when a null is not allowed.

    `known`: the classes of the values when the caller has them (a pass less).
    """
    classes = set(map(type, values)) if known is None else set(known)
    if NONE not in classes:
        return classes, values
    if not column.optional:
        return None
    classes.discard(NONE)
    return classes, [value for value in values if value is not None] if classes else []


def sound(column: Column, values: list[Any], classes: set[type] | None = None) -> bool:
    """True when the quick reader accepts every value as it is; False when some value may need a closer look.

    `classes`: the values' classes when the caller has them.
    """
    given = classes
    found = _present(column, values, given)
    if found is None:
        return False
    classes, present = found
    if not present:
        return True
    kind = column.kind
    try:
        if kind == "whole":  # bool is a class of its own here: True is not a score
            return classes == {int} and column.low <= min(present) and max(present) <= column.high
        if kind in ("seconds", "number"):
            # A sum that is not finite means some value is not (inf, nan), or values so large
            # that they are better looked at one by one.
            return (
                classes <= {int, float}
                and math.isfinite(sum(present))
                and column.low <= min(present)
                and max(present) <= column.high
            )
        if kind == "choice":
            return classes == {str} and set(present) <= set(column.choices)
        if kind == "text":
            return classes == {str} and _encodable("".join(present))
        if kind == "names":
            return names_texts(values, given) is not None
        if kind == "time":
            return time_numbers(column, values, given) is not None or times(column, values, given) is not None
    except (OverflowError, TypeError):  # an int too large for a float, a list holding a list
        return False
    return False  # objects (triage answers, plans): a few rows, read one by one


# Values read at a time into keys (a tuple each, or pieces of a time): made and freed in the same
# memory, not all at once.
VALUES_AT_A_TIME = 4096
# The store's own form of a time, cut in three: the date, the hour and minute, the second and
# the offset ("2024-03-10", "T18:00", ":00+01:00"). ASCII digits only (\\d would take others).
STORE_TIME_LENGTH = 25
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_HOUR_MINUTE = re.compile(r"[T ]([0-9]{2}):([0-9]{2})")
_SECOND_OFFSET = re.compile(r":([0-9]{2})([+-])([0-9]{2}):([0-9]{2})")
_CUTS = (slice(0, 10), slice(10, 16), slice(16, STORE_TIME_LENGTH))
_UNIX_DAY = date(1970, 1, 1).toordinal()
_SECOND = 1_000_000
_MAX_OFFSET_US = int(MAX_OFFSET.total_seconds()) * _SECOND


def _date_us(piece: str) -> int | None:
    if not _DATE.fullmatch(piece):
        return None
    try:
        day = date.fromisoformat(piece)
    except ValueError:
        return None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        return None
    return (day.toordinal() - _UNIX_DAY) * 86_400 * _SECOND


def _hour_minute_us(piece: str) -> int | None:
    found = _HOUR_MINUTE.fullmatch(piece)
    if found is None or int(found[1]) > 23 or int(found[2]) > 59:
        return None
    return (int(found[1]) * 3_600 + int(found[2]) * 60) * _SECOND


def _second_offset_us(piece: str) -> int | None:
    found = _SECOND_OFFSET.fullmatch(piece)
    if found is None or int(found[1]) > 59 or int(found[4]) > 59:
        return None
    offset = (int(found[3]) * 3_600 + int(found[4]) * 60) * _SECOND
    if offset > _MAX_OFFSET_US:
        return None
    return int(found[1]) * _SECOND + (offset if found[2] == "-" else -offset)


_PIECES: tuple[Callable[[str], int | None], ...] = (_date_us, _hour_minute_us, _second_offset_us)


def time_numbers(column: Column, values: list[Any], classes: set[type] | None = None) -> list[int | None] | None:
    """Each time's microseconds since 1970 (None for null) when every value is a time in the store's
    own form that the quick reader accepts; else None (read them the long way: times()).

    Without a datetime a value: each value is cut in three pieces (the date, the hour and minute,
    the second and the offset), each distinct piece checked and worked out once (a journal's
    times share a few hundred dates, 1,440 minutes and a few offsets), and the three numbers
    added, in passes in C. The same number as storage.times.micros of the time read.
    """
    found = _present(column, values, classes)
    if found is None:
        return None
    kinds, present = found
    if not present:
        return [None] * len(values)
    if kinds != {str} or set(map(len, present)) != {STORE_TIME_LENGTH}:
        return None
    tables: list[dict[str, int | None]] = [{} for _ in _CUTS]
    numbers: list[int | None] = []
    # A slice at a time: the pieces (three strings a time) are made and freed in the same memory.
    for start in range(0, len(present), VALUES_AT_A_TIME):
        some = present[start : start + VALUES_AT_A_TIME]
        parts = []
        for cut, worked_out, table in zip(_CUTS, _PIECES, tables, strict=True):
            pieces: list[str] = list(map(operator.getitem, some, itertools.repeat(cut)))
            new = {piece: worked_out(piece) for piece in set(pieces).difference(table)}
            if None in new.values():
                return None
            table.update(new)
            parts.append(map(table.__getitem__, pieces))
        numbers.extend(map(operator.add, map(operator.add, parts[0], parts[1]), parts[2]))
    if len(present) == len(values):
        return numbers
    given = iter(numbers)
    return [None if value is None else next(given) for value in values]


def times(column: Column, values: list[Any], classes: set[type] | None = None) -> list[datetime | None] | None:
    """Each time read (None for null) when the quick reader reads every value as it is; else None."""
    found = _present(column, values, classes)
    if found is None:
        return None
    classes, present = found
    if not present:
        return [None] * len(values)
    if classes != {str}:
        return None
    try:
        read = list(map(datetime.fromisoformat, present))
        zones = set(map(_ZONE, read))  # a handful of fixed offsets (None: a time without one)
        years = set(map(_YEAR, read))
    except ValueError:
        return None
    if None in zones or any(abs(zone.utcoffset(None)) > MAX_OFFSET for zone in zones):
        return None
    if min(years) < FIRST_YEAR or max(years) > LAST_YEAR:
        return None
    if len(present) == len(values):
        return list(read)
    moments = iter(read)
    return [None if value is None else next(moments) for value in values]


def names_texts(values: list[Any], classes: set[type] | None = None) -> list[str] | None:
    """Each list of names as the store keeps it (JSON text), when every value is a list of names; else None.

    Each distinct list is written once: a journal repeats a handful (the remedies tried).
    `classes`: the values' classes when the caller has them.
    """
    if (set(map(type, values)) if classes is None else classes) != {list}:
        return None
    texts: dict[tuple[Any, ...], str] = {}
    out: list[str] = []
    for start in range(0, len(values), VALUES_AT_A_TIME):
        keys = list(map(tuple, values[start : start + VALUES_AT_A_TIME]))
        try:
            new = set(keys).difference(texts)
        except TypeError:  # lists holding lists or objects
            return None
        # Names alone: equal keys are then the same text (a list holding 1 and one holding true would not be).
        if not all(item.__class__ is str for key in new for item in key):
            return None
        texts.update((key, json.dumps(list(key), ensure_ascii=False)) for key in new)
        out.extend(map(texts.__getitem__, keys))
    return out


def _encodable(text: str) -> bool:
    """Text that can be written as UTF-8 (no lone surrogates)."""
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
