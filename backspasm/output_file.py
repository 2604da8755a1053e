"""Write a report or an export to a file the person named, without ever clobbering by surprise.

The file is created 0600 with O_NOFOLLOW and O_EXCL, so a symlink planted in a shared directory
cannot redirect the write and no one can read the health data in between. Only a regular file is
ever written; an existing one is replaced only with --force, and then atomically (a new file
beside it, renamed over it) so a failure never leaves half a file. The journal's own files are
never written, whatever path names them.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from backspasm.errors import BackspasmError, UsageError

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


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
    if info is None:
        return
    if stat.S_ISLNK(info.st_mode):
        raise UsageError(f"{path} is a symbolic link; give the path of a regular file instead")
    if not stat.S_ISREG(info.st_mode):
        raise UsageError(f"{path} is not a regular file; give the path of a file to write")
    if not force:
        raise UsageError(f"{path} already exists; add --force to replace it")


def _write_fd(fd: int, text: str) -> None:
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def write_output(path: Path, text: str, *, force: bool) -> None:
    """Write text to a new 0600 file at path (with force, atomically replace an existing regular file)."""
    check_target(path, force=force)
    try:
        if not path.exists():
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
            except FileExistsError:  # appeared since the check: check again, as for any existing file
                check_target(path, force=force)
            else:
                try:
                    _write_fd(fd, text)
                except BaseException:
                    path.unlink(missing_ok=True)
                    raise
                return
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
        try:
            _write_fd(fd, text)
            os.replace(temporary, path)  # rename replaces the name itself, never a symlink's target
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise BackspasmError(f"cannot write {path}: {exc.strerror or exc}") from None
