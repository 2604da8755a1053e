"""Read a file the program did not make itself without hanging or filling memory.

Settings, the knowledge-base cache, knowledge-base files and answers files are opened with
O_NONBLOCK (a FIFO would otherwise wait for a writer forever), checked with fstat (a regular
file only: not a FIFO, a device such as /dev/zero, a socket or a directory), and read up to a
size cap. Standard library only: the welcome screen reads the settings on every run.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class NotReadable(OSError):
    """A file that is not a regular file, or is larger than its cap; the text says which ("it is a device, ...")."""


class TooLarge(NotReadable):
    """A regular file larger than the cap."""


def kind_of(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_regular(path: Path, limit: int, *, follow: bool = True) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them (`path` is never blocked on).

    NotReadable for anything but a regular file, or a file larger than `limit`; any other
    OSError (missing, no permission) as the system gave it. With `follow` False a symlink is
    not followed (ELOOP).
    """
    fd = os.open(path, os.O_RDONLY | _NONBLOCK | (0 if follow else _NOFOLLOW))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotReadable(f"it is {kind_of(info.st_mode)}, not a regular file")
        if info.st_size > limit:
            raise TooLarge(f"it is larger than {limit:,} bytes")
        chunks = []
        left = limit + 1  # one byte past the cap tells a file that grew while being read
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
    finally:
        os.close(fd)
    if len(data) > limit:
        raise TooLarge(f"it is larger than {limit:,} bytes")
    return data
