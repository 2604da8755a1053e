"""The quick readers give exactly what the careful ones give: every value, every row left out, every word said."""

from __future__ import annotations

import json
import random
from typing import Any

import journal_rows as rows
import pytest

from backspasm import unreadable
from backspasm.storage.columns import TABLES, readable, row_reader

# Values a stored column may hold: what the program writes, and what other programs leave.
SOME_VALUES: list[Any] = [
    None,
    0,
    1,
    7,
    10,
    11,
    -1,
    3.5,
    1e300,
    float("nan"),
    True,
    "",
    "x",
    "ice",
    "completed",
    "self_care",
    "garbage",
    "[]",
    '["walking"]',
    "[1, null]",
    '{"pain_score": 5}',
    '{"days_since_onset": 800000}',
    "{",
    b"\xff",
    "2024-03-10T18:00:00+01:00",
    "2024-03-10 18:00:00+01:00",
    "2024-03-10T18:00:00",
    "2024-03-10T18:00:00Z",
    "2024-03-10T18:00:00.250000+01:00",
    "2024-03-10T18:00:00+15:00",
    "0001-01-01T00:00:00+14:00",
    "2024-02-30T10:00:00+01:00",
]


@pytest.mark.parametrize("table", sorted(TABLES))
def test_the_quick_reader_is_the_careful_one(table: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Random rows of every table: row_reader reads each as readable does, and notes the same problems."""
    monkeypatch.setenv("BACKSPASM_NOW", rows.NOW_TEXT)
    names = tuple(column.name for column in TABLES[table])
    reader = row_reader(table, names)
    rng = random.Random(table)
    good = {column.name: _good(table, column.name) for column in TABLES[table]}
    for number in range(3000):
        row = dict(good, id=number + 1)
        for name in rng.sample(names[1:], rng.choice([0, 1, 1, 2])):
            row[name] = rng.choice(SOME_VALUES)
        unreadable.lines()
        careful = readable(table, row, names)
        said = unreadable.lines()
        quick = reader(tuple(row[name] for name in names))
        assert quick == careful, row
        assert unreadable.lines() == said, row


def _good(table: str, name: str) -> Any:
    """A value the program itself would write in this column."""
    usual: dict[str, Any] = {
        "id": 1,
        "at": "2024-03-10T18:00:00+01:00",
        "started_at": "2024-03-10T18:00:00+01:00",
        "ended_at": "2024-03-10T18:15:00+01:00",
        "onset_at": None,
        "pain": 5,
        "note": "fine",
        "tried": '["walking"]',
        "answers": json.dumps({"pain_score": 5, "days_since_onset": 2}),
        "result": "{}",
        "disposition": "self_care",
        "protocol": "ice",
        "planned_seconds": 900,
        "applied_seconds": 300.5,
        "rounds_planned": 1,
        "rounds_done": 1,
        "status": "completed",
        "pid": 123,
        "routine": "lower-back",
        "done": '["pelvic-tilt"]',
        "stopped_at_stretch": None,
        "new_symptoms": "unsure",
        "enjoyment": 4,
        "activity": 6,
        "peg": 5.0,
        "written_at": "2024-03-10T18:00:00+01:00",
        "plan": json.dumps({"first": ["Heat"]}),
    }
    return usual[name]


def test_a_pain_row_is_written_as_its_dict_would_be(monkeypatch: pytest.MonkeyPatch) -> None:
    """history --json writes each pain entry straight from what was read: the same text as encoding its row."""
    from backspasm.journal.timeline import Rows
    from backspasm.journal.timeline_words import pain_json, row_json
    from backspasm.storage.db import connect

    monkeypatch.setenv("BACKSPASM_NOW", rows.NOW_TEXT)
    notes = [None, "", "plain", 'quotes " and \\ and \n', "snow ☃ \u0085", "\x1b[2J"]
    tried = [[], ["walking"], ["ice-pack", "ice-pack", "walking"]]
    for number in range(36):
        rows.pain(rows.ago(hours=number), number % 11, notes[number % 6], tried[number % 3])
    rows.with_conn("INSERT INTO pain_entries (at, pain, tried) VALUES ('2024-03-09 10:00:00+01:00', 4, 'zz')")
    rows.with_conn("INSERT INTO pain_entries (at, pain) VALUES ('2024-03-09T11:00:00-00:00', 3.5)")
    conn = connect()
    try:
        every = Rows(conn, None, rows.NOW)
        written = [pain_json(found) for found in every.each() if not hasattr(found, "kind")]
        encoded = [json.JSONEncoder(ensure_ascii=False).encode(row_json(row)) for row in every]
    finally:
        conn.close()
    assert len(written) == 38 and written == encoded
