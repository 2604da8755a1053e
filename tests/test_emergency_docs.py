"""docs/emergency-numbers.md: its table of countries is generated from data/regions.yaml, never copied."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from conftest import DATA, REPO

DOC = REPO / "docs" / "emergency-numbers.md"
START = "<!-- regions table: generated from data/regions.yaml by tests/test_emergency_docs.py -->"
END = "<!-- regions table end -->"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def table(data: Path = DATA) -> str:
    """The table of countries as Markdown: code, name, numbers, helpline, notes, sources with their links."""
    regions = yaml.safe_load((data / "regions.yaml").read_text(encoding="utf-8"))["regions"]
    sources = {s["id"]: s for s in yaml.safe_load((data / "sources.yaml").read_text(encoding="utf-8"))["sources"]}
    lines = [
        "| Code | Country | Emergency | Urgent helpline | Notes | Sources |",
        "|---|---|---|---|---|---|",
    ]
    for row in sorted(regions, key=lambda row: row["name"]):
        numbers = " or ".join([row["emergency"], *row.get("also", [])])
        helpline: Any = row.get("helpline")
        line = "—"
        if helpline:
            name, number = helpline["name"], helpline["number"]
            line = name if number in name else f"{name} ({number})"
            if helpline.get("where"):
                line += f": {helpline['where']}"
        cited = "; ".join(f"[{_cell(sources[key]['publisher'])}]({sources[key]['url']})" for key in row["sources"])
        note = _cell(row.get("note") or "")
        lines.append(f"| {row['code']} | {row['name']} | {numbers} | {_cell(line)} | {note} | {cited} |")
    return "\n".join(lines)


def test_the_table_of_countries_is_the_data() -> None:
    """The table in docs/emergency-numbers.md is what data/regions.yaml says (UPDATE_DOCS=1 rewrites it)."""
    text = DOC.read_text(encoding="utf-8")
    before, _, rest = text.partition(START + "\n")
    _, _, after = rest.partition(END)
    wanted = f"{before}{START}\n{table()}\n{END}{after}"
    if os.environ.get("UPDATE_DOCS"):
        DOC.write_text(wanted, encoding="utf-8")
    assert text == wanted, "docs/emergency-numbers.md is stale: run UPDATE_DOCS=1 pytest tests/test_emergency_docs.py"
