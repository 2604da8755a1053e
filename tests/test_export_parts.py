"""storage.export_parts: an export read a part at a time gives what json.loads of the whole file gives, or nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import journal_rows as rows
import pytest
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.storage import export_parts
from backspasm.storage.export_parts import TableColumns, read_in_parts
from backspasm.storage.restore import parse

# Notes that look like the layout's own seams: a comma at a line's end, a closing bracket line,
# a table's opening, quotes, backslashes, brackets, text beyond ASCII.
SEAMS = [
    'ends with a comma,\n      {"id": 99}',
    "\n    ]",
    '"pain_entries": [\n      {',
    'quote " and backslash \\ and ,\\n',
    "[{]}",
    "chaleur é ✓ \u2028",
]


def plain(data: Any) -> Any:
    """The data with each table's TableColumns as the list of rows it stands for."""
    if isinstance(data, dict):
        return {k: plain(v) for k, v in data.items()}
    if isinstance(data, TableColumns):
        return [dict(row) for row in data]
    return data


@pytest.fixture
def exported(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> str:
    """A real export of rows in several tables, notes among them that look like the layout's seams."""
    monkeypatch.setenv("BACKSPASM_NOW", rows.NOW_TEXT)
    for n, note in enumerate(SEAMS * 5):
        rows.pain(rows.ago(hours=n + 1), n % 11, note, ["walking"] if n % 2 else [])
    rows.triage(rows.ago(1), {"pain_score": 5}, onset_at=rows.ago(2))
    rows.session("ice", rows.ago(1), 900, 600, "stopped")
    result = runner.invoke(app, ["data", "export", "-"])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("part_chars", [1, 40, 1 << 18])
def test_an_export_read_in_parts_is_the_whole_file_read(
    exported: str, monkeypatch: pytest.MonkeyPatch, part_chars: int
) -> None:
    """The exporter's own output is read in parts (each table as columns), and gives exactly what json.loads gives."""
    monkeypatch.setattr(export_parts, "PART_CHARS", part_chars)
    data = read_in_parts(exported.encode())
    assert data is not None
    assert isinstance(data["tables"]["pain_entries"], TableColumns)
    assert plain(data) == json.loads(exported)
    assert list(plain(data)["tables"]) == list(json.loads(exported)["tables"])


def _variants(text: str) -> list[str]:
    """The export changed in ways that keep it JSON or break it, each near one of the layout's seams."""
    first_row = text.index('\n      {"id": 1,')
    first_end = text.index("\n", first_row + 1)
    closing = text.index("\n    ]")
    return [
        json.dumps(json.loads(text)),  # compact
        json.dumps(json.loads(text), indent=2),  # another layout
        text[:closing] + ",\n    ]" + text[closing + 6 :],  # a trailing comma after the last row
        text[:first_end] + "\n," + text[first_end:],  # an empty element between rows
        text[:first_end] + text[first_end + 1 :],  # two rows on one line (still JSON: no comma lost)
        text[:first_end].rstrip(",") + "\n" + text[first_end + 1 :],  # a comma missing between rows
        text[: len(text) // 2],  # cut short mid-table
        text + "junk",
        text.replace('"format"', '"tables": {"x": []}, "format"', 1),  # a second "tables" (the last wins)
        text.replace('"pain_entries": [', '"pain_entries": [\n      {"id": 0},', 1),  # a row with other keys
        text.replace("\n  }\n}\n", ',\n    "pain_entries": []\n  }\n}\n'),  # the table again, empty
        text.replace('"exported_by"', '"exported_by_too": 1,\n  "exported_by"', 1),
        text.replace("\n    ]", "]", 1),  # the closing on the row's line
    ]


@pytest.mark.parametrize("part_chars", [1, 40, 1 << 18])
def test_any_other_text_is_left_to_json_or_read_the_same(
    exported: str, monkeypatch: pytest.MonkeyPatch, part_chars: int
) -> None:
    """Each change to the layout: read in parts only when that gives what json.loads gives; JSON errors stay errors."""
    monkeypatch.setattr(export_parts, "PART_CHARS", part_chars)
    for number, text in enumerate(_variants(exported)):
        try:
            whole = json.loads(text)
        except ValueError:
            assert read_in_parts(text.encode()) is None, number
            continue
        data = read_in_parts(text.encode())
        assert data is None or plain(data) == whole, number


def test_a_damaged_export_is_refused_with_the_same_message(exported: str, tmp_path: Path) -> None:
    """A row missing its comma: the import names the JSON error as it did when reading the file whole."""
    first_row = exported.index('\n      {"id": 1,')
    first_end = exported.index("\n", first_row + 1)
    broken = exported[:first_end].rstrip(",") + "\n" + exported[first_end + 1 :]
    with pytest.raises(Exception) as caught:
        parse(broken.encode(), "in.json", 99)
    try:
        json.loads(broken)
    except ValueError as exc:
        assert str(exc) in str(caught.value)


def _laid_out(tables: dict[str, list[dict[str, Any]]]) -> str:
    """These tables written in the exporter's layout (one row a line)."""
    head = {"format": "backspasm-export", "schema_version": 1, "exported_at": rows.NOW_TEXT, "exported_by": "test"}
    text = "{\n" + "".join(f"  {json.dumps(k)}: {json.dumps(v)},\n" for k, v in head.items()) + '  "tables": {'
    for number, (name, given) in enumerate(tables.items()):
        text += ("\n    " if number == 0 else ",\n    ") + json.dumps(name) + ": ["
        text += "".join(
            ("\n      " if i == 0 else ",\n      ") + json.dumps(r, ensure_ascii=False) for i, r in enumerate(given)
        )
        text += "\n    ]" if given else "]"
    return text + "\n  }\n}\n"


@pytest.mark.parametrize("part_chars", [1, 40])
def test_rows_of_one_key_or_keys_in_another_order_read_the_same(
    monkeypatch: pytest.MonkeyPatch, part_chars: int
) -> None:
    """Rows giving one column, rows giving theirs in another order, a table of rows of other keys: as json.loads."""
    monkeypatch.setattr(export_parts, "PART_CHARS", part_chars)
    visits = [{"at": rows.ago(hours=n)} for n in range(5)]
    shuffled = [{"id": 1, "at": rows.ago(1)}, {"at": rows.ago(2), "id": 2}]
    text = _laid_out({"doctor_visits": visits, "flare_plans": [], "sessions": shuffled})
    data = read_in_parts(text.encode())
    assert data is not None and plain(data) == json.loads(text)
    mixed = _laid_out({"doctor_visits": [{"at": rows.ago(1)}, {"note": "x"}]})
    assert read_in_parts(mixed.encode()) is None
    assert read_in_parts(mixed.replace('"note"', '"at"').encode()) is not None
