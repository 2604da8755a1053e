"""Without BACKSPASM_HOME, the data and cache directories are where platformdirs puts them, without importing it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from backspasm.user_dirs import user_dir


@pytest.mark.parametrize(
    "environment",
    [
        {},
        {"XDG_DATA_HOME": "/srv/data", "XDG_CACHE_HOME": "/srv/cache"},
        {"XDG_DATA_HOME": "", "XDG_CACHE_HOME": ""},
        {"XDG_DATA_HOME": "relative/data", "XDG_CACHE_HOME": "relative/cache"},
        {"HOME": "/home/someone"},
    ],
    ids=["defaults", "absolute", "empty", "relative", "another home"],
)
def test_the_short_lookup_agrees_with_platformdirs(
    environment: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each XDG setting gives the directories platformdirs gives on this system."""
    import platformdirs

    for name in ("XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert user_dir("data") == platformdirs.user_data_dir("backspasm", appauthor=False)
    assert user_dir("cache") == platformdirs.user_cache_dir("backspasm", appauthor=False)


def test_a_journal_command_does_not_import_platformdirs(tmp_path: object) -> None:
    """Finding the journal without BACKSPASM_HOME leaves platformdirs unimported on Linux."""
    code = (
        "import sys; from backspasm.storage.paths import journal_file; from backspasm.kb.cache import cache_dir;"
        " journal_file(); cache_dir(); print('platformdirs' in sys.modules)"
    )
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ("True" if sys.platform in ("darwin", "win32") else "False")
