"""Any rows at all, stored or imported, into every table: history, today, report and export still run, no traceback."""

from __future__ import annotations

import json
import math
import sqlite3
from pathlib import Path
from typing import Any

import journal_rows as rows
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.storage.columns import TABLES
from backspasm.storage.db import DB_NAME, MIGRATIONS, connect

READERS = [
    ["history"],
    ["history", "--all", "--limit", "0"],
    ["history", "--all", "--json"],
    ["today"],
    ["today", "--json"],
    ["report"],
    ["report", "--format", "csv"],
    ["data", "export", "-"],
    ["remedies", "--mine", "--json"],
]

TIMES = st.one_of(
    st.sampled_from(
        [
            rows.ago(1),
            rows.ago(0.1),
            "2024-03-09T10:00:00",  # no offset
            "2024-03-09 10:00",
            "garbage",
            "",
            "0001-01-01T00:00:00+14:00",
            "9999-12-31T23:59:59-12:00",
            "2024-03-09T10:00:00+23:59",
            "2024-02-30T10:00:00+01:00",
            "2024-03-09T24:00:00+01:00",
        ]
    ),
    st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat()),
    st.text(max_size=30),
)
NUMBERS = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False),
    st.sampled_from([0, 1, 5, 10, 11, -1, 1e300, math.inf, -math.inf, 36_500, 800_000, 2**31]),
)
TEXTS = st.one_of(st.none(), st.text(max_size=20), st.sampled_from(["abc", "\x1b[2J", "ice", "lower-back"]))
JSONS = st.one_of(
    st.recursive(
        st.one_of(st.none(), st.booleans(), NUMBERS, st.text(max_size=8)),
        lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
        max_leaves=8,
    ).map(json.dumps),
    st.sampled_from(['{"days_since_onset": 800000}', '{"days_since_onset": 1e300}', '["ice-pack"]', "zz", "[1, 2]"]),
)
BLOBS = st.binary(max_size=8)
ANY = st.one_of(TIMES, NUMBERS, TEXTS, JSONS, BLOBS)


def value_for(column: str, kind: str) -> st.SearchStrategy[Any]:
    """Values for a column: mostly its own kind, anything at all sometimes."""
    own = {
        "time": TIMES,
        "whole": NUMBERS,
        "seconds": NUMBERS,
        "number": NUMBERS,
        "names": JSONS,
        "object": JSONS,
        "text": TEXTS,
        "choice": st.sampled_from(["running", "completed", "stopped", "worse", "interrupted", "self_care", "urgent"]),
    }[kind]
    return st.one_of(own, own, own, ANY)


ROWS = st.fixed_dictionaries(
    {
        table: st.lists(
            st.fixed_dictionaries({c.name: value_for(c.name, c.kind) for c in columns if c.name != "id"}),
            max_size=3,
        )
        for table, columns in TABLES.items()
    }
)


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fixed time, so the rows near it fall in every window."""
    monkeypatch.setenv("BACKSPASM_NOW", rows.NOW_TEXT)


def store_directly(tables: dict[str, list[dict[str, Any]]]) -> None:
    """Write the rows as another program would, each that the table's own constraints let in."""
    conn = connect()
    try:
        for table, found in tables.items():
            for row in found:
                names = ", ".join(row)
                marks = ", ".join("?" for _ in row)
                try:
                    conn.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", tuple(row.values()))
                except (sqlite3.IntegrityError, OverflowError):
                    continue
    finally:
        conn.close()


def readers_run_cleanly(runner: CliRunner) -> None:
    """Every reading command exits 0 with no traceback, and names each bad row at most once."""
    for command in READERS:
        result = runner.invoke(app, command)
        assert result.exit_code == 0, (command, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), (command, result.exception)
        noted = [line for line in result.stderr.splitlines() if "could not be read" in line]
        assert len(noted) == len(set(noted)), command


def clear(home: Path) -> None:
    """Start the next example with no journal."""
    for path in home.glob(f"{DB_NAME}*"):
        path.unlink()


def check_stored(runner: CliRunner, home: Path, tables: dict[str, Any]) -> None:
    """Store the rows as another program would; every reader still runs cleanly."""
    clear(home)
    store_directly(tables)
    readers_run_cleanly(runner)


def check_imported(runner: CliRunner, home: Path, tmp_path: Path, tables: dict[str, Any]) -> None:
    """Import an export of the rows: whole, or refused in at most 20 lines; then every reader runs cleanly."""
    clear(home)
    blobless = {t: [{c: v for c, v in r.items() if not isinstance(v, bytes)} for r in rs] for t, rs in tables.items()}
    export = {"format": "backspasm-export", "schema_version": len(MIGRATIONS), "tables": blobless}
    path = tmp_path / "any.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    result = runner.invoke(app, ["data", "import", str(path)])
    assert result.exit_code in (0, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert len(result.stderr.splitlines()) <= 20
    readers_run_cleanly(runner)
    if result.exit_code == 0:
        later = runner.invoke(app, READERS[2])
        assert "could not be read" not in later.stderr, later.stderr  # what the import let in, every reader reads


# Each example runs nine commands (about 0.1 s): five examples in the edit loop, the slow twins draw 25.
FEW = settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
MANY = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FEW
@given(tables=ROWS)
def test_any_stored_rows_are_read_or_named(runner: CliRunner, isolated_home: Path, tables: dict[str, Any]) -> None:
    """Rows another program wrote, of any values the tables let in: every reader still shows what it can."""
    check_stored(runner, isolated_home, tables)


@pytest.mark.slow
@MANY
@given(tables=ROWS)
def test_any_stored_rows_are_read_or_named_many_times(
    runner: CliRunner, isolated_home: Path, tables: dict[str, Any]
) -> None:
    """The same over many more sets of rows (slow)."""
    check_stored(runner, isolated_home, tables)


@FEW
@given(tables=ROWS)
def test_any_imported_rows_are_refused_or_read(
    runner: CliRunner, isolated_home: Path, tmp_path: Path, tables: dict[str, Any]
) -> None:
    """An export of any rows is imported whole or refused (exit 2, at most 20 lines), and then everything reads."""
    check_imported(runner, isolated_home, tmp_path, tables)


@pytest.mark.slow
@MANY
@given(tables=ROWS)
def test_any_imported_rows_are_refused_or_read_many_times(
    runner: CliRunner, isolated_home: Path, tmp_path: Path, tables: dict[str, Any]
) -> None:
    """The same over many more exports (slow)."""
    check_imported(runner, isolated_home, tmp_path, tables)
