"""storage.column_checks: a column is vouched for whole only when the import's reader accepts each of its values."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

from backspasm.storage.column_checks import names_texts, sound, times
from backspasm.storage.columns import COLUMNS, MISSING, quick_reader

# Values that look close to right, for every kind of column: each is mixed into a good column.
TRICKY: list[Any] = [
    None,
    True,
    False,
    0,
    1,
    -1,
    10,
    11,
    2**63,
    10**400,
    1.0,
    1.5,
    -0.0,
    math.inf,
    -math.inf,
    math.nan,
    1e308,
    "",
    "x",
    "yes",
    "maybe",
    "completed",
    "\ud800",
    "é",
    "1",
    "2024-03-10T18:00:00+01:00",
    "2024-02-30T10:00:00+01:00",
    "2024-03-10T18:00:00",
    "2024-03-10T24:00:00+01:00",
    "2024-03-10T18:00:00+14:00",
    "2024-03-10T18:00:00+14:01",
    "2024-03-10T18:00:00-15:00",
    "1899-12-31T23:00:00+00:00",
    "9001-01-01T00:00:00+00:00",
    "2024-03-10T18:00:00.5+01:00",
    "2024-03-10 18:00:00+01:00",
    "2024-03-10T18:00:00Z",
    "2024-03-10T18:00:00+01:00\n2024-03-10T18:00:00+01:00",
    "0000-01-01T00:00:00+00:00",
    [],
    ["walking"],
    ["walking", 3],
    [["walking"]],
    [True],
    [1],
    {},
    {"a": 1},
    "[]",
    '["walking"]',
]
GOOD: dict[str, list[Any]] = {
    "time": ["2024-03-10T18:00:00+01:00", "2023-11-01T08:30:00-05:00"],
    "whole": [0, 5],
    "seconds": [600, 900.0],
    "number": [5.0, 3],
    "choice": [],  # filled from the column's choices
    "text": ["stiff after sitting", "ice"],
    "names": [["walking"], []],
    "object": [{"pain_score": 5}],
}
DESCRIBED = [(table, column) for table, columns in COLUMNS.items() for column in columns.values()]


def good_values(column: Any) -> list[Any]:
    """A few values the column holds."""
    if column.kind == "choice":
        return list(column.choices[:2])
    if column.kind == "whole":
        return [int(column.low), int(min(column.high, column.low + 5))]
    return GOOD[column.kind]


@pytest.mark.parametrize(("table", "column"), DESCRIBED, ids=[f"{t}.{c.name}" for t, c in DESCRIBED])
def test_a_column_is_vouched_for_only_when_every_value_reads(table: str, column: Any) -> None:
    """Each tricky value among good ones: the column is sound only if the strict quick reader reads that value."""
    reading = quick_reader(column, strict=True)
    good = good_values(column)
    for value in TRICKY:
        values = [*good, value, *good]
        if sound(column, values):
            assert reading(value) is not MISSING, (column.name, value)
        moments = times(column, values)
        if moments is not None:
            assert moments == [reading(v) for v in values], (column.name, value)


@pytest.mark.parametrize(("table", "column"), DESCRIBED, ids=[f"{t}.{c.name}" for t, c in DESCRIBED])
def test_a_sound_column_is_vouched_for(table: str, column: Any) -> None:
    """A column of good values (nulls where allowed) passes whole, so the import takes its quick way."""
    values = good_values(column) * 50 + ([None] if column.optional else [])
    assert sound(column, values) is (column.kind != "object")


def test_names_are_written_as_the_store_writes_them() -> None:
    """Each list of names becomes its JSON text; a list holding anything but names is left to the careful reading."""
    values = [["walking", "ice-pack"], [], ["walking", "ice-pack"], ["chaleur é"]]
    assert names_texts(values) == [json.dumps(v, ensure_ascii=False) for v in values]
    assert names_texts([["walking"], [1]]) is None
    assert names_texts([["walking"], [True]]) is None
    assert names_texts([["walking"], "[]"]) is None


@pytest.mark.parametrize("odd", [[1], [True], ["walking", {"a": 1}], [["walking"]], ["walking", None]])
def test_a_list_not_of_names_far_down_a_long_column_is_not_vouched_for(odd: list[Any]) -> None:
    """A list that is not all names after thousands of sound ones (read a part at a time) is not vouched for."""
    values: list[Any] = [["walking"], ["ice-pack", "walking"]] * 5000
    assert names_texts(values) is not None
    for at in (4095, 4096, 9999):
        changed = list(values)
        changed[at] = odd
        assert names_texts(changed) is None


# Times of the store's form (25 characters) that a cut into date, minute and second could misread.
ODD_TIMES: list[Any] = [
    "2024-W10-7T18:00:00+01:00",
    "2024-070T18:00:00.0+01:00",
    "２024-03-10T18:00:00+01:00",
    "2024-03-10T18:00:00+0１:00",
    "2024-03-10x18:00:00+01:00",
    "2024-03-10T18:00:60+01:00",
    "2024-03-10T18:60:00+01:00",
    "2024-03-10T25:00:00+01:00",
    "2024-03-10T18:00:00+01:60",
    "2024-03-10T18:00:00+14:30",
    "2024-03-10T18:00:00-14:00",
    "2024-03-10T18:00:00-00:00",
    "2024-13-10T18:00:00+01:00",
    "2023-02-29T18:00:00+01:00",
    "2024-02-29T18:00:00+01:00",
    "1900-01-01T00:00:00+14:00",
    "9000-12-31T23:59:59-14:00",
    "2024-03-10T18:00:00+01:0-",
    "2024-03-10T18:0-:00+01:00",
    "2024-03-10T18:00:00*01:00",
]


@pytest.mark.parametrize(("table", "column"), DESCRIBED, ids=[f"{t}.{c.name}" for t, c in DESCRIBED])
def test_times_worked_out_in_pieces_are_the_readers_numbers(table: str, column: Any) -> None:
    """A time column vouched for in pieces: each value reads strictly, and each number is micros of what it reads."""
    from backspasm.storage.column_checks import time_numbers
    from backspasm.storage.times import micros

    if column.kind != "time":
        return
    reading = quick_reader(column, strict=True)
    for value in [*TRICKY, *ODD_TIMES]:
        values = [*GOOD["time"], value, *GOOD["time"]]
        numbers = time_numbers(column, values)
        if numbers is not None:
            read = [reading(v) for v in values]
            assert MISSING not in read, (column.name, value)
            assert numbers == [None if m is None else micros(m) for m in read], (column.name, value)


def test_times_of_every_offset_and_era_give_the_readers_numbers() -> None:
    """Times across four centuries and every quarter-hour offset: the pieces add up to micros of the time read."""
    import random

    from backspasm.storage.column_checks import time_numbers
    from backspasm.storage.columns import COLUMNS
    from backspasm.storage.times import micros

    column = COLUMNS["pain_entries"]["at"]
    chance = random.Random(26)
    values = []
    for _ in range(5000):
        hours, quarter = chance.randint(0, 14), chance.choice([0, 15, 30, 45])
        sign = chance.choice("+-")
        offset = "+14:00" if hours == 14 else f"{sign}{hours:02}:{quarter:02}"
        values.append(
            f"{chance.randint(1900, 9000):04}-{chance.randint(1, 12):02}-{chance.randint(1, 28):02}"
            f"{chance.choice('T ')}{chance.randint(0, 23):02}:{chance.randint(0, 59):02}:{chance.randint(0, 59):02}"
            f"{offset}"
        )
    from datetime import datetime

    assert time_numbers(column, values) == [micros(datetime.fromisoformat(v)) for v in values]
