"""The edit loop's shortcuts (tests/conftest.py) leave the data directory as the real commands do."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.kb import cache


def test_reused_views_still_leave_the_cache_file(
    runner: CliRunner, isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A command given the views from memory leaves the cache file a real read writes (0600, 0700, read whole)."""
    monkeypatch.setenv("BACKSPASM_HOME", str(tmp_path / "earlier"))
    assert runner.invoke(app, ["log", "-p", "3"]).exit_code == 0  # an earlier test's command, as it were
    monkeypatch.setenv("BACKSPASM_HOME", str(isolated_home))
    assert runner.invoke(app, ["log", "-p", "3"]).exit_code == 0
    (path,) = (isolated_home / "cache").glob("kb-*.json")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    key = json.loads(path.read_bytes().partition(b"\n")[0])["fingerprint"]
    assert cache._read(path, key) is not None
    assert path.name == next((tmp_path / "earlier" / "cache").glob("kb-*.json")).name
