"""The knowledge-base cache never runs code and never trusts a file or directory others could plant."""

from __future__ import annotations

import json
import os
import pickle
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.kb import cache

pytestmark = pytest.mark.kb_cache  # every command here reads its own cache


class Boom:
    """An object whose unpickling writes a marker file: proof that code ran."""

    marker = ""

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (Path(self.marker).write_text, ("pwned",))


def cache_files(home: Path) -> list[Path]:
    """The cache's files."""
    return sorted((home / "cache").glob("kb-*"))


def warm(runner: CliRunner) -> None:
    """One run that fills the cache."""
    assert runner.invoke(app, ["remedies", "--json"]).exit_code == 0


def resealed(path: Path, body: bytes) -> bytes:
    """A cache file with a new body and a correct header for it, as the program would write it."""
    head = json.loads(path.read_bytes().partition(b"\n")[0])
    return cache.seal(head["fingerprint"], body)


def test_planted_pickle_never_runs(runner: CliRunner, isolated_home: Path, tmp_path: Path) -> None:
    """A pickle planted under any cache file name is never loaded: no code runs, the command works."""
    warm(runner)
    marker = tmp_path / "marker"
    Boom.marker = str(marker)
    (json_file,) = cache_files(isolated_home)
    payload = pickle.dumps(Boom())
    json_file.with_suffix(".pickle").write_bytes(payload)
    json_file.write_bytes(payload)
    for command in (["remedies"], ["log", "-p", "3"], ["remedies", "--json"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 0, result.output
    assert not marker.exists()


def test_cache_is_private_and_json(runner: CliRunner, isolated_home: Path) -> None:
    """The cache directory is 0700, its one file is 0600 JSON, and no pickle is written."""
    warm(runner)
    folder = isolated_home / "cache"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    files = cache_files(isolated_home)
    assert [f.suffix for f in files] == [".json"]
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
    header = json.loads(files[0].read_bytes().partition(b"\n")[0])
    assert header["format"] == cache.CACHE_FORMAT


def test_open_cache_directory_is_tightened_and_its_files_distrusted(runner: CliRunner, isolated_home: Path) -> None:
    """A 0777 cache directory (others could have planted files) is made 0700 and its contents rebuilt."""
    warm(runner)
    folder = isolated_home / "cache"
    (planted,) = cache_files(isolated_home)
    body = planted.read_bytes().partition(b"\n")[2]
    data = json.loads(body)
    data["remedies"][0]["name"] = "PLANTED NAME"
    body = json.dumps(data).encode()
    planted.write_bytes(resealed(planted, body))
    os.chmod(folder, 0o777)
    result = runner.invoke(app, ["remedies"])
    assert result.exit_code == 0
    assert "PLANTED NAME" not in result.stdout
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_cache_file_writable_by_others_is_ignored(runner: CliRunner, isolated_home: Path) -> None:
    """A cache file that others can write to is not read, even with a valid checksum."""
    warm(runner)
    (planted,) = cache_files(isolated_home)
    body = planted.read_bytes().partition(b"\n")[2]
    data = json.loads(body)
    data["remedies"][0]["name"] = "PLANTED NAME"
    body = json.dumps(data).encode()
    planted.write_bytes(resealed(planted, body))
    os.chmod(planted, 0o666)
    result = runner.invoke(app, ["remedies"])
    assert result.exit_code == 0
    assert "PLANTED NAME" not in result.stdout


def test_cache_directory_of_another_owner_is_never_used(
    runner: CliRunner, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache directory owned by someone else is neither read nor written."""
    warm(runner)
    (planted,) = cache_files(isolated_home)
    body = planted.read_bytes().partition(b"\n")[2]
    data = json.loads(body)
    data["remedies"][0]["name"] = "PLANTED NAME"
    body = json.dumps(data).encode()
    planted.write_bytes(resealed(planted, body))
    real_uid = os.getuid()
    monkeypatch.setattr(os, "getuid", lambda: real_uid + 1)  # as if another user made it
    result = runner.invoke(app, ["remedies"])
    assert result.exit_code == 0
    assert "PLANTED NAME" not in result.stdout
    assert planted.read_bytes() == resealed(planted, body)  # not rewritten either


def test_cache_directory_symlink_is_never_used(runner: CliRunner, isolated_home: Path, tmp_path: Path) -> None:
    """A cache path that is a symlink to another directory is not followed."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    isolated_home.mkdir(mode=0o700)
    (isolated_home / "cache").symlink_to(elsewhere)
    warm(runner)
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize(
    "content",
    [b"", b"{", b"\x00\xff garbage", b"{}", b'{"remedies": 5}', b"[" * 100000, None],
    ids=["empty", "truncated", "garbage", "empty-object", "wrong-shape", "deep", "wrong-shape-signed"],
)
def test_broken_cache_is_rebuilt_silently(runner: CliRunner, isolated_home: Path, content: bytes | None) -> None:
    """A truncated, garbage or wrong-shape cache file is rebuilt with no message, for data and models."""
    warm(runner)
    (path,) = cache_files(isolated_home)
    if content is None:  # a correct checksum over data of the wrong shape
        content = resealed(path, b'{"remedies": 5}')
    for command in (["remedies"], ["log", "-p", "4"], ["causes"]):
        path.write_bytes(content)
        result = runner.invoke(app, command)
        assert result.exit_code == 0, (command, result.output)
        assert result.stderr == ""
    assert b"remedies" in path.read_bytes()


def test_cache_written_for_other_files_is_ignored(runner: CliRunner, isolated_home: Path) -> None:
    """A cache file whose header names another fingerprint (other files, another version) is not read."""
    warm(runner)
    (planted,) = cache_files(isolated_home)
    body = planted.read_bytes().partition(b"\n")[2]
    data = json.loads(body)
    data["remedies"][0]["name"] = "PLANTED NAME"
    planted.write_bytes(cache.seal("0.0.0|another knowledge base", json.dumps(data).encode()))
    result = runner.invoke(app, ["remedies"])
    assert result.exit_code == 0
    assert "PLANTED NAME" not in result.stdout
