"""Knowledge-base text that could attack a reader: control characters anywhere, and unsafe source URLs.

Text from BACKSPASM_KB reaches terminals, HTML and Markdown. A control character (ESC, BEL, a
C1 code) could drive the terminal, and a URL such as javascript:... would become a live link in
the HTML report, so both are refused when a knowledge base is loaded or checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from backspasm.text_safety import CONTROL

_DOI = re.compile(r"10\.\d{4,9}/[^\s<>\"'()\[\]]+")
URL_RULE = "must be an https:// or http:// address, or a DOI like 10.1234/abcd"


def _strings(value: Any, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{where}[{index}]")


def control_problems(label: str, data: Any) -> list[str]:
    """Every string of one file that holds a control character (tab and newline are fine)."""
    problems = []
    for where, text in _strings(data, ""):
        found = CONTROL.search(text)
        if found:
            code = f"U+{ord(found.group()):04X}"
            problems.append(f"{label}: {where}: contains a control character ({code}); remove it")
    return problems


def is_doi(url: str) -> bool:
    """True for a bare DOI such as 10.1136/bmj.m2856."""
    return _DOI.fullmatch(url) is not None


def url_problem(url: str) -> str | None:
    """Why a source URL is refused, or None when it is a plain web address or a DOI."""
    if is_doi(url):
        return None
    if CONTROL.search(url) or any(c.isspace() for c in url) or any(c in url for c in "<>\"'`"):
        return URL_RULE
    try:
        parts = urlsplit(url)
    except ValueError:
        return URL_RULE
    if parts.scheme not in ("https", "http") or not parts.netloc or not url.startswith(f"{parts.scheme}://"):
        return URL_RULE
    return None


def link_target(url: str | None) -> str | None:
    """Where a link to a source may point: the URL itself, doi.org for a DOI, None when unsafe."""
    if not url or url_problem(url) is not None:
        return None
    return f"https://doi.org/{url}" if is_doi(url) else url


def url_problems(label: str, data: Any) -> list[str]:
    """Each source in sources.yaml whose url is not a web address or DOI."""
    if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
        return []
    problems = []
    for index, source in enumerate(data["sources"]):
        url = source.get("url") if isinstance(source, dict) else None
        if isinstance(url, str) and url_problem(url):
            problems.append(f"{label}: sources[{index}].url: {URL_RULE} (got {url!r})")
    return problems
