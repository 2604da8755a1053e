"""The built-in knowledge base validated ahead of time (data/validated.json), for the first run.

Everyday commands read the knowledge base through the user's cache (kb/cache.py); the first
run after installing, or after the cache is cleared, would otherwise import pydantic and the
models and validate every YAML file, which takes longer than the command itself. The built-in
knowledge base ships this snapshot instead: the models' JSON dump of its files, stamped with a
CRC-32 of each file's bytes and with the light views' fields. It is used only for the built-in
directory, only when every file is byte for byte the one it was made from and the views still
have the same fields; otherwise the files are validated as usual. It holds nothing that the
YAML beside it does not.

After editing data/*.yaml or a model in kb/models.py, make it again (tests/test_kb_views.py says
so when it is stale); the same command first writes the light views (kb/views.py) from the models:

    python -m backspasm.kb.snapshot
"""

from __future__ import annotations

import json
import os
import sys
import zlib
from pathlib import Path
from typing import Any

from backspasm.kb.file_names import FILE_NAMES

SNAPSHOT = "validated.json"
SNAPSHOT_FORMAT = "backspasm-kb-snapshot-1"


def stamp(directory: Path) -> str | None:
    """What the snapshot was made from: each file's CRC-32 and the views' fields; None when a file is missing."""
    # Imported here, not above: `main` must run even when kb/views.py is stale or half-merged.
    from backspasm.kb.views import SECTIONS

    parts = [SNAPSHOT_FORMAT]
    for name, kind in SECTIONS.items():
        parts.append(f"{name}({','.join(kind._fields)})")
    for name in FILE_NAMES:
        try:
            parts.append(f"{name}:{zlib.crc32((directory / name).read_bytes()):08x}")
        except OSError:
            return None
    return "|".join(parts)


def read(directory: Path) -> dict[str, Any] | None:
    """The snapshot's data when it matches the files beside it exactly, else None."""
    try:
        header, _, body = (directory / SNAPSHOT).read_bytes().partition(b"\n")
        body = body.removesuffix(b"\n")
        head = json.loads(header)
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(head, dict) or head.get("crc32") != zlib.crc32(body):
        return None
    if head.get("stamp") != stamp(directory):
        return None
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def render(directory: Path, data: dict[str, Any]) -> bytes:
    """The snapshot file's bytes for validated data: a header line, then the data (one line)."""
    body = json.dumps(data, ensure_ascii=False, sort_keys=False).encode()
    head = {"format": SNAPSHOT_FORMAT, "stamp": stamp(directory), "crc32": zlib.crc32(body)}
    return json.dumps(head, ensure_ascii=False).encode() + b"\n" + body + b"\n"


def main() -> None:
    """Write the light views from the models, then validate the built-in knowledge base and write its snapshot."""
    from backspasm.kb.generate import VIEWS_FILE, write_views

    if write_views():
        print(f"wrote {VIEWS_FILE}")
        # The views this process would use are the old ones: validate in a fresh one that reads the new file.
        sys.stdout.flush()
        os.execv(sys.executable, [sys.executable, "-m", "backspasm.kb.snapshot"])
    from backspasm.kb.check import load
    from backspasm.kb.location import builtin_dir

    directory = builtin_dir()
    (directory / SNAPSHOT).write_bytes(render(directory, load(directory).as_data()))
    print(f"wrote {directory / SNAPSHOT}")


if __name__ == "__main__":
    main()
