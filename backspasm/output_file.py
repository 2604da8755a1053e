"""Write a report or an export to a file the person named, without ever clobbering by surprise.

The bytes go to a 0600 file beside the target and take its name only when whole
(backspasm.atomic_file), so a symlink planted in a shared directory cannot redirect the write, no
one can read the health data in between, and a failure or a kill never leaves half a file at the
name. Only a regular file is ever written; an existing one is replaced only with --force. The
journal's own files are never written, whatever path names them.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from backspasm.errors import BackspasmError, UsageError


def _journal_files(home: Path) -> list[Path]:
    from backspasm.storage.db import DB_NAME

    return [home / DB_NAME, *(home / f"{DB_NAME}{s}" for s in ("-wal", "-shm", "-journal"))]


def _is_journal(path: Path, info: os.stat_result | None) -> bool:
    """True when the path is (or would become) one of the journal's files, by name or by inode."""
    from backspasm.storage.db import DB_NAME, home_dir

    home = home_dir()
    try:
        same_dir = path.parent.resolve() == home.resolve()
    except (OSError, RuntimeError):
        same_dir = False
    if same_dir and path.name.startswith(DB_NAME):
        return True
    if info is None:
        return False
    for journal in _journal_files(home):
        try:
            other = journal.stat()
        except OSError:
            continue
        if (other.st_dev, other.st_ino) == (info.st_dev, info.st_ino):
            return True
    return False


def check_target(path: Path, *, force: bool) -> None:
    """Refuse a path that is not safe to write: a symlink, not a regular file, the journal, or existing."""
    try:
        info: os.stat_result | None = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise BackspasmError(f"cannot write {path}: {exc.strerror or exc}") from None
    if _is_journal(path, info):
        raise UsageError(f"{path} is one of backspasm's own journal files; choose another file")
    from backspasm.atomic_file import remove_stale

    remove_stale(path)  # what an earlier run killed while writing this file left beside it
    if info is None:
        return
    if stat.S_ISLNK(info.st_mode):
        raise UsageError(f"{path} is a symbolic link; give the path of a regular file instead")
    if not stat.S_ISREG(info.st_mode):
        raise UsageError(f"{path} is not a regular file; give the path of a file to write")
    if not force:
        raise UsageError(f"{path} already exists; add --force to replace it")


def write_output(path: Path, data: bytes, *, force: bool) -> None:
    """Write a new 0600 file at path (with force, replace an existing regular file), whole or not at all.

    The caller encodes: a report's text as UTF-8, a PDF as it is.
    """
    with output_stream(path, force=force) as handle:
        handle.write(data)


@contextlib.contextmanager
def output_stream(path: Path, *, force: bool) -> Iterator[BinaryIO]:
    """A binary handle for writing a file as write_output does, a piece at a time: whole at the end, or absent."""
    from backspasm.atomic_file import atomic_file, remove_stale

    check_target(path, force=force)
    try:
        with atomic_file(path, replace=force) as handle:
            yield handle
        remove_stale(path)
    except FileExistsError:  # appeared since the check: check again, as for any existing file
        check_target(path, force=force)
        raise BackspasmError(f"cannot write {path}: it appeared while the report was being written") from None
    except OSError as exc:
        raise BackspasmError(f"cannot write {path}: {exc.strerror or exc}") from None
