"""The quick readers give exactly what the careful ones give: every value, every row left out, every word said."""

from __future__ import annotations

import json
import random
from typing import Any

import journal_rows as rows
import pytest
from typer.testing import CliRunner

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


def _odd_journal() -> None:
    """Pain entries in the usual form and in every odd one, with other rows at the same moments."""
    notes = [None, "", "plain", 'quotes " and \\ and \n', "snow \u2603 \u0085", "\x1b[2J", "del \x7f", "nul \x00 end"]
    tried = [[], ["walking"], ["ice-pack", "ice-pack", "walking"], ["caf\u00e9"]]
    for number in range(40):
        rows.pain(rows.ago(hours=number), number % 11, notes[number % 8], tried[number % 4])
    odd = [
        ("'2024-03-09 10:00:00+01:00'", "4", "NULL", "'[]'"),  # a time in another form
        ("?", "2", "'ok'", "'zz'"),  # a damaged list
        ("'2024-03-09T11:00:00-00:00'", "3", "NULL", "'[]'"),  # -00:00 (read as +00:00)
        ("'2024-03-09T05:00:00-05:00'", "3", "'west'", "'[]'"),  # an offset west of UTC, as written
        ("?", "3.5", "NULL", "'[]'"),  # a pain that is not whole
        ("'2024-03-09T12:00:00.1234Z'", "3", "NULL", "'[]'"),  # 25 characters, without an offset
        ("'2024-03-09T13:00:00+01:00:00'", "3", "NULL", "'[]'"),  # an offset with its seconds
        ("?", "2", "CAST(X'61FF62' AS TEXT)", "'[]'"),  # a note that is not UTF-8
        ("?", "2", "X'FF'", "'[]'"),  # a note that is not text
        ("?", "2", "'ok'", '\'["walking","ice-pack"]\''),  # a list written without spaces
        ("?", "2", "'ok'", "'[\"caf\\u00e9\"]'"),  # a list with an escape
        ("?", "2", "'ok'", "'[1, null]'"),  # a list that is not of names
        ("?", "2", "'ok'", "CAST(X'5B22FF225D' AS TEXT)"),  # a list that is not UTF-8
        ("?", "'7'", "'ok'", "'[]'"),  # a pain stored as text
    ]
    for hours, (at, pain, note, tried_list) in enumerate(odd):
        stamp = (rows.ago(hours=hours + 0.5),) if at == "?" else ()
        values = f"{at}, {pain}, {note}, {tried_list}"
        rows.with_conn(f"INSERT INTO pain_entries (at, pain, note, tried) VALUES ({values})", *stamp)
    for hours in range(0, 48, 5):  # other kinds of row, some at the very moment of a pain entry
        rows.session("ice", rows.ago(hours=hours), 900, 600)
        rows.with_conn("INSERT INTO doctor_visits (at, note) VALUES (?, ?)", rows.ago(hours=hours + 0.25), "C1 \u0085")
    rows.triage(rows.ago(hours=3), {"pain_score": 5})


@pytest.mark.parametrize("part_rows", [500, 3, 1])
def test_every_row_is_written_as_its_dict_would_be(
    part_rows: int, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """history --json writes each row as read: byte for byte the text of encoding each row, and the same notes."""
    from backspasm.cli import app
    from backspasm.journal.timeline import Rows
    from backspasm.journal.timeline_words import row_json
    from backspasm.storage import pain_rows
    from backspasm.storage.db import connect
    from backspasm.text_safety import json_safe

    monkeypatch.setenv("BACKSPASM_NOW", rows.NOW_TEXT)
    monkeypatch.setattr(pain_rows, "PART_ROWS", part_rows)  # parts that end anywhere, the bad text among them
    _odd_journal()
    conn = connect()
    try:
        every = [json.JSONEncoder(ensure_ascii=False).encode(row_json(row)) for row in Rows(conn, None, rows.NOW)]
    finally:
        conn.close()
    unreadable.lines()
    careful = runner.invoke(app, ["history", "--all", "--limit", "0"])
    written = runner.invoke(app, ["history", "--all", "--json"])
    assert written.exit_code == 0 and careful.exit_code == 0
    entries = "[\n    " + json_safe(",\n    ".join(every)) + "\n  ]"
    assert len(every) == 75 and f'\n  "entries": {entries},\n' in written.stdout
    assert "not valid UTF-8" in written.stderr and written.stderr == careful.stderr


def test_text_that_is_not_utf8_is_read_by_the_journals_reader_from_there_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pain entries read in parts: text that is not UTF-8 reads as U+FFFD, and the connection's reader is put back."""
    from backspasm.storage import pain_rows
    from backspasm.storage.db import connect

    monkeypatch.setattr(pain_rows, "PART_ROWS", 2)
    for number in range(5):
        note = "CAST(X'61FF' AS TEXT)" if number == 2 else "'n'"
        rows.with_conn(f"INSERT INTO pain_entries (at, pain, note) VALUES (?, 1, {note})", rows.ago(hours=5 - number))
    conn = connect()
    try:
        reader = conn.text_factory
        parts = list(pain_rows.stored_parts(conn, None, rows.NOW))
        assert conn.text_factory is reader
    finally:
        conn.close()
    assert [[row[4] for row in part] for part in parts] == [["n", "n"], ["a\ufffd", "n"], ["n"]]
