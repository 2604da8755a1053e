"""`backspasm data export` and `backspasm data forget`: the person's own data, out or gone."""

from __future__ import annotations

import json
import stat
from collections.abc import Iterator
from pathlib import Path

import journal_rows as rows
import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.storage.db import DB_NAME, MIGRATIONS


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """The export is stamped with a fixed time."""
    monkeypatch.setenv("BACKSPASM_NOW", rows.NOW_TEXT)


@pytest.fixture
def stored() -> None:
    """One row in each table."""
    rows.pain(rows.ago(1), 5, "after gardening", ["walking"])
    rows.triage(rows.ago(1), {"pain_score": 5}, onset_at=rows.ago(2))
    rows.session("ice", rows.ago(1), 900, 600, "stopped")
    rows.stretch("lower-back", rows.ago(0.5), "completed", ["pelvic-tilt"])


@pytest.fixture
def keyboard() -> Iterator[PipeInput]:
    """A person at a terminal answering the confirmation."""
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe


def test_export_writes_every_table_as_private_json(runner: CliRunner, stored: None, tmp_path: Path) -> None:
    """`data export FILE` writes all tables and rows as JSON, 0600, and names the file on stderr."""
    target = tmp_path / "mine.json"
    result = runner.invoke(app, ["data", "export", str(target)])
    assert result.exit_code == 0, result.stderr
    assert str(target) in result.stderr and result.stdout == ""
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    content = json.loads(target.read_text(encoding="utf-8"))
    assert content["format"] == "backspasm-export"
    assert content["schema_version"] == len(MIGRATIONS)
    assert content["exported_at"] == rows.NOW_TEXT
    assert {"pain_entries", "triage_runs", "sessions", "stretch_runs"} <= set(content["tables"])
    [entry] = content["tables"]["pain_entries"]
    assert (entry["pain"], entry["note"], entry["tried"]) == (5, "after gardening", ["walking"])
    assert content["tables"]["sessions"][0]["applied_seconds"] == 600
    assert content["tables"]["triage_runs"][0]["answers"] == {"pain_score": 5}


def test_export_keeps_nested_json_nested(runner: CliRunner, stored: None) -> None:
    """Remedies tried, triage answers and results, and stretches done are JSON arrays and objects, not text."""
    result = runner.invoke(app, ["data", "export", "-"])
    assert result.exit_code == 0, result.output
    tables = json.loads(result.stdout)["tables"]
    assert tables["pain_entries"][0]["tried"] == ["walking"]
    [run] = tables["triage_runs"]
    assert run["answers"] == {"pain_score": 5}
    assert isinstance(run["result"], dict) and run["result"]["disposition"] == run["disposition"]
    assert tables["stretch_runs"][0]["done"] == ["pelvic-tilt"]
    assert '"tried": [' in result.stdout and '\\"' not in result.stdout


def test_export_keeps_damaged_json_text_as_stored(runner: CliRunner) -> None:
    """A JSON column whose text is damaged is exported as that text, so nothing is lost."""
    rows.pain(rows.ago(1), 4)
    rows.with_conn("UPDATE pain_entries SET tried = '[oops'")
    result = runner.invoke(app, ["data", "export", "-"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["tables"]["pain_entries"][0]["tried"] == "[oops"


def test_export_to_stdout(runner: CliRunner, stored: None) -> None:
    """`data export -` prints the JSON on stdout and nothing on stderr."""
    result = runner.invoke(app, ["data", "export", "-"])
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)["tables"]["stretch_runs"]) == 1
    assert result.stderr == ""


def test_export_tightens_an_existing_file(runner: CliRunner, tmp_path: Path) -> None:
    """With --force an existing world-readable file is replaced by a 0600 one."""
    target = tmp_path / "mine.json"
    target.write_text("x" * 100_000)
    target.chmod(0o644)
    assert runner.invoke(app, ["data", "export", str(target), "--force"]).exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert json.loads(target.read_text(encoding="utf-8"))["tables"]["pain_entries"] == []


def test_export_to_a_missing_directory_fails_cleanly(runner: CliRunner, tmp_path: Path) -> None:
    """An unwritable path: exit 1, one line naming it, no traceback."""
    result = runner.invoke(app, ["data", "export", str(tmp_path / "nope" / "mine.json")])
    assert result.exit_code == 1
    assert result.stderr.startswith("backspasm: cannot write ")
    assert "Traceback" not in result.stderr


def store_files(home: Path) -> list[str]:
    """Names of the files in the data directory."""
    return sorted(p.name for p in home.iterdir()) if home.exists() else []


def test_forget_with_yes_deletes_the_database_and_side_files(
    runner: CliRunner, stored: None, isolated_home: Path
) -> None:
    """`data forget --yes` removes the database, its -wal/-shm and damaged copies set aside."""
    (isolated_home / f"{DB_NAME}.corrupt-20240101-000000").write_bytes(b"old")
    (isolated_home / "unrelated.txt").write_text("keep me")
    assert DB_NAME in store_files(isolated_home)
    result = runner.invoke(app, ["data", "forget", "--yes"])
    assert result.exit_code == 0, result.stderr
    assert "Deleted your backspasm data" in result.stderr
    assert store_files(isolated_home) == ["unrelated.txt"]


def test_forget_without_terminal_or_yes_exits_2(runner: CliRunner, stored: None, isolated_home: Path) -> None:
    """No terminal and no --yes: exit 2 naming --yes, nothing deleted."""
    result = runner.invoke(app, ["data", "forget"])
    assert result.exit_code == 2
    assert "--yes" in result.stderr
    assert DB_NAME in store_files(isolated_home)


def test_forget_names_the_files_and_deletes_on_the_typed_word(
    runner: CliRunner, stored: None, isolated_home: Path, keyboard: PipeInput
) -> None:
    """In a terminal, `data forget` names what goes, suggests `data export`, and deletes when `forget` is typed."""
    keyboard.send_text("forget\r")
    result = runner.invoke(app, ["data", "forget"])
    assert result.exit_code == 0, result.stderr
    said = " ".join(result.stderr.split())  # the plan is wrapped to the terminal
    assert f"{DB_NAME}: your journal (pain, triage, sessions, stretches, doctor visits, flare-up plan)" in said
    assert str(isolated_home) in result.stderr
    assert "backspasm data export" in result.stderr
    assert "Deleted your backspasm data" in result.stderr
    assert DB_NAME not in store_files(isolated_home)


@pytest.mark.parametrize("answer", ["y\r", "yes\r", "\r", "forge\r"])
def test_forget_keeps_everything_unless_the_word_is_typed(
    runner: CliRunner, stored: None, isolated_home: Path, keyboard: PipeInput, answer: str
) -> None:
    """A `y`, `yes`, Enter alone or a near miss deletes nothing: only the word `forget` does."""
    keyboard.send_text(answer)
    result = runner.invoke(app, ["data", "forget"])
    assert result.exit_code == 0
    assert "Nothing was deleted" in result.stderr
    assert rows.count("pain_entries") == 1


def test_forget_keeps_the_settings(runner: CliRunner, stored: None, isolated_home: Path) -> None:
    """`data forget --yes` deletes the journal but keeps the saved emergency number."""
    assert runner.invoke(app, ["config", "set", "emergency-number", "999"]).exit_code == 0
    assert runner.invoke(app, ["data", "forget", "--yes"]).exit_code == 0
    assert store_files(isolated_home) == ["config.json"]
    assert runner.invoke(app, ["config", "get", "emergency-number"]).stdout == "999\n"


def test_forget_ctrl_c_deletes_nothing(runner: CliRunner, stored: None, keyboard: PipeInput) -> None:
    """Ctrl-C at the confirmation: exit 130, nothing deleted."""
    keyboard.send_text("\x03")
    result = runner.invoke(app, ["data", "forget"])
    assert result.exit_code == 130
    assert rows.count("pain_entries") == 1


def test_forget_with_nothing_stored(runner: CliRunner, isolated_home: Path) -> None:
    """No database yet: says there is nothing to delete, exit 0, creates nothing."""
    result = runner.invoke(app, ["data", "forget", "--yes"])
    assert result.exit_code == 0
    assert "Nothing to delete" in result.stderr
    assert not isolated_home.exists()


def test_data_alone_shows_its_commands(runner: CliRunner) -> None:
    """`backspasm data` lists export and forget."""
    result = runner.invoke(app, ["data"])
    assert "export" in result.output and "forget" in result.output
