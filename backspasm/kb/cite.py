"""How a source is named to people: "publisher: title", never its internal id.

Source ids are internal (the seed articles' ids are their file names), so every renderer names a
source through `source_name`; an id the knowledge base does not know is shown as "unknown source"
rather than as itself. Works on models and on plain data alike (the browse commands use the JSON
dump), and imports nothing heavy.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

UNKNOWN = "unknown source"


def _field(source: Any, name: str) -> Any:
    return source.get(name) if isinstance(source, Mapping) else getattr(source, name, None)


def source_name(source: Any) -> str:
    """ "NHS: Back pain", "Web article: How To Fix Lower Back Spasms"; "unknown source" for None."""
    if source is None:
        return UNKNOWN
    return f"{_field(source, 'publisher')}: {_field(source, 'title')}"


def source_line(source: Any) -> str:
    """The name, the year and the address when there is one (a few web articles have none on record)."""
    if source is None:
        return UNKNOWN
    year = f" ({_field(source, 'year')})" if _field(source, "year") else ""
    url = _field(source, "url")
    return f"{source_name(source)}{year}{f' {url}' if url else ''}"


def source_names(index: Mapping[str, Any], keys: Iterable[str]) -> str:
    """Several sources by name, in order, joined with semicolons."""
    return "; ".join(source_name(index.get(key)) for key in keys)
