"""Shared fixtures: every test gets its own BACKSPASM_HOME and never touches the real home."""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pexpect
import pytest
from fakes import FakeClock, instant_time
from typer.testing import CliRunner

if TYPE_CHECKING:
    from backspasm.kb.loader import KnowledgeBase

REPO = Path(__file__).resolve().parent.parent


def _build_once() -> None:
    """CliRunner builds the click command from the Typer app on every invoke (about 25 ms of reading
    every command's signature); the app does not change between tests, so build it once per app."""
    import typer.main
    import typer.testing

    built: dict[int, tuple[object, object]] = {}

    def command(app: typer.Typer) -> object:
        if id(app) not in built:
            built[id(app)] = (app, typer.main.get_command(app))  # the app is kept, so its id stays its own
        return built[id(app)][1]

    typer.testing._get_command = command  # type: ignore[attr-defined]


_build_once()
DATA = REPO / "data"


@functools.cache
def built_in_kb() -> KnowledgeBase:
    """The built-in knowledge base, loaded and checked once for every test module (its views are read-only)."""
    from backspasm.kb.loader import load

    return load(DATA)


def load_yaml(text: str) -> Any:
    """YAML text as data, through libyaml when it is there: yaml.safe_load's rules, eight times faster."""
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def dump_yaml(data: Any, **options: Any) -> str:
    """Data as YAML text, through libyaml when it is there (yaml.safe_dump's rules, seven times faster)."""
    import yaml

    text: str = yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), **options)
    return text


def pytest_configure(config: pytest.Config) -> None:
    """Bytecode kept between runs (below); temporary directories in memory (/dev/shm) where there is one,
    unless TMPDIR says otherwise.

    Under PYTHONDONTWRITEBYTECODE every run, and every -n worker, compiled and assert-rewrote each
    test and package module again: 2 s of CPU per process. The compiled modules go to the git-ignored
    .pycache/ at the root (or where PYTHONPYCACHEPREFIX says), so the tree stays clean.

    Every test opens its own journal, and SQLite and the atomic writers wait for the disk at each
    sync: on a disk that is a quarter of the edit loop (docs/contributing.md). The programs the
    tests start inherit TMPDIR.
    """
    if sys.dont_write_bytecode and sys.pycache_prefix is None:
        sys.pycache_prefix = str(REPO / ".pycache")
        sys.dont_write_bytecode = False
    memory = Path("/dev/shm")
    if "TMPDIR" not in os.environ and memory.is_dir() and os.access(memory, os.W_OK | os.X_OK):
        os.environ["TMPDIR"] = str(memory)
        tempfile.tempdir = None  # read TMPDIR again


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point BACKSPASM_HOME at a fresh directory and drop settings that change output."""
    home = tmp_path / "home"
    monkeypatch.setenv("BACKSPASM_HOME", str(home))
    monkeypatch.setenv("BACKSPASM_WIDTH", "100")
    for name in ("BACKSPASM_KB", "BACKSPASM_EMERGENCY_NUMBER", "BACKSPASM_REGION", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    # The locale names the country whose emergency number is shown: none, unless a test sets one.
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    return home


@pytest.fixture(autouse=True)
def interactive_prompts_again() -> Iterator[None]:
    """Each test starts with the interactive prompts: plain mode, set by a command, never leaks into the next."""
    from backspasm.prompts import mode

    mode.use_plain(False)
    yield
    mode.use_plain(False)


_VIEWS_READ: list[tuple[KnowledgeBase, str, bytes]] = []  # the built-in views, and the cache file they were read with


@pytest.fixture(autouse=True)
def built_in_views_read_once(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands reuse the built-in knowledge base's views once one command has read them through the cache.

    Each test has its own empty data directory, so each command would otherwise read the snapshot or
    its cache afresh: 5 to 10 ms, half of a typical CLI test. The cache file is still left where the
    command would write it (same name and bytes), so the data directory looks the same afterwards.
    A test marked `kb_cache` (the cache's own tests, and those that fill it for a fresh interpreter)
    reads the cache as every user's command does; so does any command run with BACKSPASM_KB.
    """
    if request.node.get_closest_marker("kb_cache") is not None:
        return
    from backspasm.kb import cache, loader
    from backspasm.kb.location import active_dir, builtin_dir

    read_through_the_cache = loader.load_active

    def load_active() -> KnowledgeBase:
        if active_dir() != builtin_dir():
            return read_through_the_cache()
        if not _VIEWS_READ:
            views = read_through_the_cache()
            written = sorted(cache.cache_dir().glob("kb-*.json"))
            if len(written) == 1:  # else (a read-only directory, say) the next command tries again
                _VIEWS_READ.append((views, written[0].name, written[0].read_bytes()))
            return views
        views, name, payload = _VIEWS_READ[0]
        folder = cache._usable_dir(create=True)
        if folder is not None and not (folder / name).exists():
            with contextlib.suppress(OSError):  # as the cache does: a read-only or full disk only costs speed
                cache._write(folder / name, payload)
        return views

    monkeypatch.setattr(loader, "load_active", load_active)


@pytest.fixture
def runner() -> CliRunner:
    """A CliRunner for the Typer app."""
    return CliRunner()


@pytest.fixture
def children() -> Iterator[list[pexpect.spawn]]:
    """Children to clean up even when a test fails."""
    spawned: list[pexpect.spawn] = []
    yield spawned
    for child in spawned:
        if child.isalive():
            child.terminate(force=True)


@pytest.fixture
def instant(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    """Timed commands (holds, sessions) run at once on a fake clock instead of in real time."""
    return instant_time(monkeypatch)


@pytest.fixture(autouse=True)
def nothing_unreadable_left() -> Iterator[None]:
    """Rows a test read straight from the store (not through the CLI, which says them) are forgotten after it."""
    from backspasm import unreadable

    unreadable.lines()
    yield
    unreadable.lines()
