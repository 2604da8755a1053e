"""A cache of the validated knowledge base, so everyday commands skip YAML parsing and validation.

The cache is keyed by the package version, the Python version and every knowledge-base file's
path, size and modification time: editing a file, or pointing BACKSPASM_KB elsewhere, misses
the cache and validates afresh. It lives in the user's own cache directory (0700); a cache that
cannot be read or written is ignored.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from backspasm import __version__

if TYPE_CHECKING:
    from backspasm.kb.loader import KnowledgeBase


def cache_dir() -> Path:
    """BACKSPASM_HOME/cache when set (tests), else the platform's user cache directory."""
    home = os.environ.get("BACKSPASM_HOME")
    if home:
        return Path(home).expanduser() / "cache"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("backspasm", appauthor=False))


def fingerprint(directory: Path, names: list[str]) -> str | None:
    """A key that changes whenever any knowledge-base file changes; None when one is missing."""
    digest = hashlib.sha256(f"{__version__}|{sys.version}|{directory.resolve()}".encode())
    # The models' own source too: a changed model must not read back entries pickled by the old one.
    here = Path(__file__).resolve().parent
    for code in ("models.py", "files.py", "check.py", "loader.py"):
        try:
            stat = (here / code).stat()
        except OSError:  # a zipped install has no files to stat; the version covers it
            continue
        digest.update(f"|{code}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    for name in names:
        try:
            stat = (directory / name).stat()
        except OSError:
            return None
        digest.update(f"|{name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:32]


def load_cached(directory: Path, load: Callable[[Path], KnowledgeBase]) -> KnowledgeBase:
    """The knowledge base from the cache when it is current, else loaded, validated and cached."""
    from backspasm.kb.loader import KnowledgeBase

    key = _key(directory)
    if key is None:
        return load(directory)  # a missing file: let validation say so
    path = cache_dir() / f"kb-{key}.pickle"
    try:
        with path.open("rb") as handle:
            cached = pickle.load(handle)
        if isinstance(cached, KnowledgeBase):
            return cached
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        pass
    kb = load(directory)
    _store(key, kb)
    return kb


def load_data_cached(directory: Path, load: Callable[[Path], KnowledgeBase]) -> dict[str, Any]:
    """The validated knowledge base as plain JSON data (what --json prints), without pydantic.

    Browsing commands only show entries, so on a cache hit they skip importing pydantic and the
    models altogether (about 80 ms); a miss validates everything exactly as `load` does.
    """
    key = _key(directory)
    if key is not None:
        try:
            with (cache_dir() / f"kb-{key}.json").open("rb") as handle:
                data = json.load(handle)
            if isinstance(data, dict):
                return data
        except (OSError, ValueError):
            pass
    return as_data(load_cached(directory, load))


def as_data(kb: KnowledgeBase) -> dict[str, Any]:
    """Every section of a knowledge base as JSON-ready data, in the shape of each model's dump."""
    from dataclasses import fields

    data: dict[str, Any] = {}
    for field in fields(kb):
        value = getattr(kb, field.name)
        if field.name == "directory":
            continue
        if isinstance(value, list):
            data[field.name] = [entry.model_dump(mode="json") for entry in value]
        else:
            data[field.name] = value.model_dump(mode="json")
    return data


def _key(directory: Path) -> str | None:
    from backspasm.kb.loader import FILE_NAMES

    return fingerprint(directory, list(FILE_NAMES))


def _store(key: str, kb: KnowledgeBase) -> None:
    folder = cache_dir()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        for old in folder.glob("kb-*"):
            if not old.name.startswith(f"kb-{key}."):
                old.unlink(missing_ok=True)
        _write(folder / f"kb-{key}.pickle", pickle.dumps(kb, protocol=pickle.HIGHEST_PROTOCOL))
        _write(folder / f"kb-{key}.json", json.dumps(as_data(kb), ensure_ascii=False).encode())
    except OSError:
        pass  # a read-only or full disk only costs speed


def _write(path: Path, payload: bytes) -> None:
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(payload)
    os.replace(temporary, path)
