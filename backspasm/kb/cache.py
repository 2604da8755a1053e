"""A cache of the validated knowledge base, so everyday commands skip YAML parsing and cross-checks.

The cache is keyed by the package version, the Python version and every knowledge-base file's
path, size and modification time: editing a file, or pointing BACKSPASM_KB elsewhere, misses
the cache and validates afresh.

The cache is plain JSON, never pickle: a file that another user managed to plant can at worst
show wrong text, never run code. Even so it is only read from a directory that belongs to the
user and that no one else can write to, from a file that is the user's own and not writable by
others, and only when it was written for exactly these files and its checksum matches. Anything
else (a truncated, foreign or hand-edited file) is ignored and rebuilt; a cache that cannot be
read or written only costs speed.

The file's first line records the whole fingerprint and a CRC-32 of the rest: the checksum
catches damage, not an attacker (a file others could have written is never read at all), and
zlib is already loaded where hashlib's OpenSSL would cost a few milliseconds on every run.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from backspasm import __version__
from backspasm.kb.file_names import FILE_NAMES
from backspasm.kb.knowledge_base import KnowledgeBase, from_data
from backspasm.kb.views import SECTIONS
from backspasm.user_dirs import cache_dir as cache_dir

CACHE_FORMAT = "backspasm-kb-cache-3"
# A cache file far larger than any knowledge base's (the built-in one is about 300 KB) is not read.
MAX_BYTES = 32 * 1024 * 1024


def fingerprint(directory: Path, names: list[str]) -> str | None:
    """A text that changes whenever any knowledge-base file changes; None when one is missing."""
    try:
        where = directory.resolve()
    except (OSError, RuntimeError):  # a symlink loop: let validation say what is wrong
        return None
    parts = [f"{__version__}|{sys.version}|{where}"]
    # The models' own source too: a changed model must not read back entries cached by the old one.
    here = Path(__file__).resolve().parent
    for code in ("models.py", "files.py", "check.py", "views.py"):
        try:
            info = (here / code).stat()
        except OSError:  # a zipped install has no files to stat; the version covers it
            continue
        parts.append(f"{code}:{info.st_size}:{info.st_mtime_ns}")
    for name in names:
        try:
            info = (directory / name).stat()
        except OSError:
            return None
        parts.append(f"{name}:{info.st_size}:{info.st_mtime_ns}")
    return "|".join(parts)


def file_name(print_: str) -> str:
    """The cache file of one fingerprint (its header holds the whole fingerprint)."""
    return f"kb-{zlib.crc32(print_.encode()):08x}.json"


def seal(print_: str, body: bytes) -> bytes:
    """A cache file's bytes: a header line naming the format, the fingerprint and the body's CRC-32, then the body."""
    head = {"format": CACHE_FORMAT, "fingerprint": print_, "crc32": zlib.crc32(body)}
    return json.dumps(head, ensure_ascii=False).encode() + b"\n" + body


def trusted(info: os.stat_result) -> bool:
    """True for a file or directory that is the user's own and that nobody else can write to."""
    getuid = getattr(os, "getuid", None)
    owner_ok = getuid is None or info.st_uid == getuid()
    return owner_ok and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _usable_dir(create: bool) -> Path | None:
    """The cache directory when it can be trusted (created 0700 when asked), else None."""
    folder = cache_dir()
    try:
        if create:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.lstat(folder)
    except OSError:
        return None
    getuid = getattr(os, "getuid", None)
    if not stat.S_ISDIR(info.st_mode) or (getuid is not None and info.st_uid != getuid()):
        return None  # a symlink, or a directory someone else owns: never used
    if stat.S_IMODE(info.st_mode) & 0o077:
        # The user's own but open to others: tighten it, and distrust whatever is already in it.
        try:
            os.chmod(folder, 0o700)
            for old in folder.glob("kb-*"):
                old.unlink(missing_ok=True)
        except OSError:
            return None
    return folder


def _read(path: Path, print_: str) -> dict[str, Any] | None:
    """The cached sections when the file is trusted, whole and of the right shape, else None."""
    # Never blocks on a FIFO nor reads a device or a huge file: anything but a regular file of
    # sensible size is a miss, and the cache is written afresh.
    fd = None
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or not trusted(info) or info.st_size > MAX_BYTES:
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            header, _, body = handle.read(MAX_BYTES + 1).partition(b"\n")
    except OSError:
        return None
    finally:
        if fd is not None:
            os.close(fd)
    try:
        head = json.loads(header)
        if not isinstance(head, dict) or head.get("format") != CACHE_FORMAT or head.get("fingerprint") != print_:
            return None
        if head.get("crc32") != zlib.crc32(body):
            return None  # truncated or edited
        data = json.loads(body)
    except (ValueError, RecursionError):
        return None
    if not _well_shaped(data):
        return None
    from backspasm.kb.cache_types import well_typed_sections

    return data if well_typed_sections(data) else None  # a wrong type anywhere: rebuilt


def _well_shaped(data: Any) -> bool:
    """The cached data has every section, each a list of mappings (one mapping for a single entry)."""
    if not isinstance(data, dict) or len(data) != len(SECTIONS):
        return False
    for name in SECTIONS:
        value = data.get(name)
        if isinstance(value, list):
            if not all(isinstance(item, dict) for item in value):
                return False
        elif not isinstance(value, dict):
            return False
    return True


def _views(directory: Path, data: dict[str, Any]) -> KnowledgeBase | None:
    """The light views of cached data; None when it is not the models' dump (never from this program)."""
    try:
        return from_data(directory, data)
    except (TypeError, KeyError, AttributeError):
        return None


Ahead = Callable[[Path], "dict[str, Any] | None"]  # data validated ahead of time, or None


def load_cached(directory: Path, load: Callable[[Path], KnowledgeBase], ahead: Ahead | None = None) -> KnowledgeBase:
    """The knowledge base from the cache when it is current, else loaded, validated and cached.

    A hit builds light views of the cached data, importing no pydantic: the data was validated
    by the models when it was written, and only a trusted, whole file is read. On a miss,
    `ahead` may offer data validated ahead of time (the built-in snapshot) before `load` does.
    """
    key = _key(directory)
    if key is None:
        return load(directory)  # a missing file: let validation say so
    folder = _usable_dir(create=False)
    data = _read(folder / file_name(key), key) if folder is not None else None
    if data is not None:
        kb = _views(directory, data)
        if kb is not None:
            return kb
    ready = ahead(directory) if ahead is not None else None
    kb = _views(directory, ready) if ready is not None and _well_shaped(ready) else None
    if ready is None or kb is None:
        kb = load(directory)
        ready = kb.as_data()
    _store(key, ready)
    return kb


def load_data_cached(
    directory: Path, load: Callable[[Path], KnowledgeBase], ahead: Ahead | None = None
) -> dict[str, Any]:
    """The validated knowledge base as plain JSON data (what --json prints), without pydantic on a hit."""
    key = _key(directory)
    if key is not None:
        folder = _usable_dir(create=False)
        data = _read(folder / file_name(key), key) if folder is not None else None
        if data is not None and _views(directory, data) is not None:
            return data
    return load_cached(directory, load, ahead).as_data()


def _key(directory: Path) -> str | None:
    return fingerprint(directory, list(FILE_NAMES))


def _store(key: str, data: dict[str, Any]) -> None:
    folder = _usable_dir(create=True)
    if folder is None:
        return
    name = file_name(key)
    try:
        for old in folder.glob("kb-*"):
            if not old.name.startswith(name):
                old.unlink(missing_ok=True)
        _write(folder / name, seal(key, json.dumps(data, ensure_ascii=False).encode()))
    except OSError:
        pass  # a read-only or full disk only costs speed


def _write(path: Path, payload: bytes) -> None:
    """Write atomically: a new 0600 file beside the target, then renamed over it."""
    from backspasm.atomic_file import atomic_write

    atomic_write(path, payload)
