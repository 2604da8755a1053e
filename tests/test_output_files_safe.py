"""--output and `data export FILE` never follow symlinks, never clobber by surprise, never touch the journal."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.storage.db import DB_NAME

COMMANDS = [["report", "--output"], ["report", "--format", "csv", "-o"], ["data", "export"]]


@pytest.fixture(autouse=True)
def journal(runner: CliRunner) -> None:
    """A journal with one entry."""
    assert runner.invoke(app, ["log", "-p", "4", "--note", "secret"]).exit_code == 0


@pytest.mark.parametrize("command", COMMANDS)
def test_planted_symlink_is_refused(runner: CliRunner, tmp_path: Path, command: list[str]) -> None:
    """A symlink at the output path is refused: its target keeps its content and mode."""
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    victim.chmod(0o644)
    link = tmp_path / "shared-report.md"
    link.symlink_to(victim)
    for force in ([], ["--force"]):
        result = runner.invoke(app, [*command, str(link), *force])
        assert result.exit_code == 2
        assert "symbolic link" in result.stderr
    assert victim.read_text() == "precious"
    assert stat.S_IMODE(victim.stat().st_mode) == 0o644


@pytest.mark.parametrize("command", COMMANDS)
def test_dangling_symlink_is_refused(runner: CliRunner, tmp_path: Path, command: list[str]) -> None:
    """A symlink to a file that does not exist yet is refused, and nothing is created at its target."""
    target = tmp_path / "created-elsewhere"
    link = tmp_path / "out"
    link.symlink_to(target)
    result = runner.invoke(app, [*command, str(link), "--force"])
    assert result.exit_code == 2
    assert not target.exists()


@pytest.mark.parametrize("command", COMMANDS)
def test_device_is_refused(runner: CliRunner, command: list[str]) -> None:
    """/dev/null (or any device) is not a regular file: refused, its mode untouched."""
    before = os.stat("/dev/null").st_mode
    result = runner.invoke(app, [*command, "/dev/null", "--force"])
    assert result.exit_code == 2
    assert "not a regular file" in result.stderr
    assert os.stat("/dev/null").st_mode == before


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_journal_files_are_never_written(
    runner: CliRunner, isolated_home: Path, command: list[str], suffix: str
) -> None:
    """The journal's own files are refused as outputs, even with --force; the journal keeps its rows."""
    result = runner.invoke(app, [*command, str(isolated_home / f"{DB_NAME}{suffix}"), "--force"])
    assert result.exit_code == 2
    assert "journal" in result.stderr
    exported = runner.invoke(app, ["data", "export", "-"])
    assert json.loads(exported.stdout)["tables"]["pain_entries"][0]["note"] == "secret"


def test_journal_reached_through_a_hard_link_is_refused(runner: CliRunner, isolated_home: Path, tmp_path: Path) -> None:
    """A hard link to the journal elsewhere is recognised by its inode and refused."""
    alias = isolated_home.parent / "alias.sqlite3"
    os.link(isolated_home / DB_NAME, alias)
    result = runner.invoke(app, ["report", "-o", str(alias), "--force"])
    assert result.exit_code == 2
    assert "journal" in result.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_existing_file_needs_force(runner: CliRunner, tmp_path: Path, command: list[str]) -> None:
    """An existing file is kept and the command exits 2 naming --force; with --force it is replaced 0600."""
    target = tmp_path / "out.txt"
    target.write_text("keep me")
    target.chmod(0o644)
    result = runner.invoke(app, [*command, str(target)])
    assert result.exit_code == 2
    assert "--force" in result.stderr
    assert target.read_text() == "keep me"
    result = runner.invoke(app, [*command, str(target), "--force"])
    assert result.exit_code == 0, result.stderr
    assert "keep me" not in target.read_text()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_force_replaces_atomically(runner: CliRunner, tmp_path: Path) -> None:
    """--force writes a new file and renames it over the old name: a hard link to the old file keeps the old data."""
    target = tmp_path / "out.json"
    target.write_text("old")
    other_name = tmp_path / "other-name"
    os.link(target, other_name)
    assert runner.invoke(app, ["data", "export", str(target), "--force"]).exit_code == 0
    assert other_name.read_text() == "old"
    assert json.loads(target.read_text())["format"] == "backspasm-export"


def test_new_file_is_private(runner: CliRunner, tmp_path: Path) -> None:
    """A new output file is created 0600 and holds the whole report."""
    target = tmp_path / "new.html"
    result = runner.invoke(app, ["report", "-o", str(target)])
    assert result.exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text().rstrip().endswith("</html>")
