"""One way to write a file whole or not at all: reports, exports, settings and the knowledge-base cache.

The bytes go to `.NAME.<pid>.tmp` beside the target (same directory, so same disk), created 0600
with O_EXCL and O_NOFOLLOW, are fsynced, and only then take the target's name. A new file takes
it with link(), which never replaces a file that appeared meanwhile; a replaced one with
rename(). Ctrl-C, SIGTERM and SIGHUP while writing remove the temporary file (the command then
ends with 128 + the signal's number); SIGKILL cannot be caught, so the next write to the same
name removes the temporary files of ours that no live process is writing.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from backspasm.errors import Signalled

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_SUFFIX = ".tmp"


def temporary_name(path: Path, pid: int | None = None) -> Path:
    """Where the bytes for `path` are written first: `.NAME.<pid>.tmp` beside it."""
    return path.with_name(f".{path.name}.{os.getpid() if pid is None else pid}{_SUFFIX}")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process: not ours to judge
    return True


def remove_stale(path: Path) -> list[Path]:
    """Remove the temporary files of `path` that this user's programs left (killed while writing)."""
    removed = []
    prefix = f".{path.name}."
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return []
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(_SUFFIX)):
            continue
        pid_text = name[len(prefix) : -len(_SUFFIX)]
        if not pid_text.isdigit() or (int(pid_text) != os.getpid() and _alive(int(pid_text))):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            getuid = getattr(os, "getuid", None)
            if not stat.S_ISREG(info.st_mode) or (getuid is not None and info.st_uid != getuid()):
                continue  # not a file of ours
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


@contextlib.contextmanager
def _signals_stop_the_write(path: Path) -> Iterator[None]:
    """While writing, SIGTERM and SIGHUP raise Signalled (so the temporary file is removed) instead of killing."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    wanted = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous = {}

    def stop(number: int, _frame: object) -> None:
        name = signal.Signals(number).name
        raise Signalled(number, f"stopped by {name}: {path} was not written")

    for number in wanted:
        current = signal.getsignal(number)
        if current is signal.SIG_DFL:  # a handler someone set on purpose is left alone
            previous[number] = current
            signal.signal(number, stop)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _sync_directory(directory: Path) -> None:
    """Make the new name itself durable (not every system lets a directory be opened: then skip)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_file(path: Path, *, replace: bool = True, mode: int = 0o600) -> Iterator[BinaryIO]:
    """A binary handle whose bytes appear at `path` whole when the block ends, or not at all.

    With `replace` False an existing file is never replaced (FileExistsError). Stale temporary
    files of `path` are removed first.
    """
    remove_stale(path)
    temporary = temporary_name(path)
    with _signals_stop_the_write(path):
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, mode)
        try:
            with os.fdopen(fd, "wb") as handle:
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
            if replace:
                os.replace(temporary, path)  # rename replaces the name itself, never a symlink's target
            else:
                _link_new(temporary, path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    _sync_directory(path.parent)


def _link_new(temporary: Path, path: Path) -> None:
    """Give the written file the name `path`, which must still be free."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise
    except OSError:
        # A file system without hard links: the name is checked, then taken (a small window).
        if os.path.lexists(path):
            raise FileExistsError(path) from None
        os.replace(temporary, path)
        return
    temporary.unlink()


def atomic_write(path: Path, data: bytes | str, *, replace: bool = True, mode: int = 0o600) -> None:
    """Write `data` (text as UTF-8) to `path` whole or not at all; see atomic_file."""
    with atomic_file(path, replace=replace, mode=mode) as handle:
        handle.write(data.encode("utf-8") if isinstance(data, str) else data)
