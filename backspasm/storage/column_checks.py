"""A whole column of an import checked at once: a few passes in C (sets, min and max), not a call a value.

`data import` reads 100,000 rows in about the time Python takes to call a function 100,000
times. These checks accept only values that the import's quick reader (storage.columns.quick_reader,
strict) accepts as they are; a column they do not vouch for as a whole is read value by value
as before (storage.restore.check_table), which finds and words each problem. So a check here
may say "not sure" of a sound column, never "sound" of a bad one.
"""

from __future__ import annotations

import json
import math
import operator
from datetime import datetime
from typing import Any

from backspasm.storage.columns import FIRST_YEAR, LAST_YEAR, MAX_OFFSET, Column

NONE = type(None)
_YEAR = operator.attrgetter("year")
_ZONE = operator.attrgetter("tzinfo")


def _present(column: Column, values: list[Any]) -> tuple[set[type], list[Any]] | None:
    """The classes of the values other than null, and those values; None when a null is not allowed."""
    classes = set(map(type, values))
    if NONE not in classes:
        return classes, values
    if not column.optional:
        return None
    classes.discard(NONE)
    return classes, [value for value in values if value is not None]


def sound(column: Column, values: list[Any]) -> bool:
    """True when the quick reader accepts every value as it is; False when some value may need a closer look."""
    found = _present(column, values)
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
            return names_texts(values) is not None
        if kind == "time":
            return times(column, values) is not None
    except (OverflowError, TypeError):  # an int too large for a float, a list holding a list
        return False
    return False  # objects (triage answers, plans): a few rows, read one by one


def times(column: Column, values: list[Any]) -> list[datetime | None] | None:
    """Each time read (None for null) when the quick reader reads every value as it is; else None."""
    found = _present(column, values)
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


# Values read at a time into keys (a tuple each): made and freed in the same memory, not all at once.
VALUES_AT_A_TIME = 4096


def names_texts(values: list[Any]) -> list[str] | None:
    """Each list of names as the store keeps it (JSON text), when every value is a list of names; else None.

    Each distinct list is written once: a journal repeats a handful (the remedies tried).
    """
    if set(map(type, values)) != {list}:
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
