"""The report as Markdown: plain enough to print, paste into a message, or read as text."""

from __future__ import annotations

import re

from backspasm.render.report.document import (
    Block,
    BulletList,
    Document,
    PainChart,
    Paragraph,
    Run,
    Section,
    Table,
    safe_url,
    shown,
)
from backspasm.text_safety import visible

_LINK_ESCAPES = str.maketrans({"(": "%28", ")": "%29", "[": "%5B", "]": "%5D", " ": "%20", "<": "%3C", ">": "%3E"})
_SPECIAL = re.compile(r"([\\`*_{}\[\]|<>~])")
_SPACES = re.compile(r"\s+")


def esc(text: str) -> str:
    """User or data text made inert in Markdown: one line, markup and control characters escaped."""
    return _SPECIAL.sub(r"\\\1", " ".join(visible(text).split()))


def _flow(text: str) -> str:
    # Like esc, but a run's edge spaces stay: they separate it from the next run.
    return _SPECIAL.sub(r"\\\1", _SPACES.sub(" ", visible(text)))


def link(url: str | None) -> str | None:
    """A link destination that cannot break out of the Markdown link: a web address, (, ), [, ] encoded."""
    target = safe_url(url)
    return target.translate(_LINK_ESCAPES) if target else None


def _run(run: Run) -> str:
    if run.style == "strong":
        return f"**{esc(run.text)}**"
    if run.style == "absent":
        return f"_{esc(run.text)}_"
    if run.style == "code":
        code = " ".join(visible(run.text).split())
        return f"`{code}`" if "`" not in code else esc(code)
    if run.style == "link":
        target = link(run.url)
        return f"[{esc(run.text)}]({target})" if target else esc(run.text)
    return _flow(run.text)


def inline(runs: tuple[Run, ...]) -> str:
    """Runs as one line of Markdown, every piece of text escaped."""
    return "".join(_run(r) for r in runs).strip()


def _list(block: BulletList) -> list[str]:
    lines = []
    for item in block.items:
        lines.append(f"- {inline(item.runs)}")
        lines += [f"  - {inline(detail.runs)}" for detail in item.details]
    return lines


def _table(block: Table) -> list[str]:
    lines = ["| " + " | ".join(esc(h) for h in block.head) + " |", "|" + "---|" * len(block.head)]
    return lines + ["| " + " | ".join(esc(cell) for cell in row) + " |" for row in block.rows]


def _chart(block: PainChart) -> list[str]:
    return [esc(block.text_caption), "", "```", " ".join(visible(block.text_line).split()), "```"]


def _block(block: Block, depth: int) -> list[str]:
    if isinstance(block, Section):
        return _section(block, depth + 1)
    if isinstance(block, Paragraph):
        lines = [inline(block.runs)]
    elif isinstance(block, BulletList):
        lines = _list(block)
    elif isinstance(block, Table):
        lines = _table(block)
    else:
        lines = _chart(block)
    return [*lines, ""]


def _section(section: Section, depth: int) -> list[str]:
    lines = [f"{'#' * depth} {esc(section.title)}", ""]
    for block in section.blocks:
        lines += _block(block, depth)
    return lines


def render_markdown(document: Document) -> str:
    """The whole report as Markdown text, ending in a newline."""
    lines = [f"# {esc(document.title)}", ""]
    if document.name:
        lines += [f"Patient: **{esc(document.name)}**", ""]
    lines += [esc(document.covering), "", f"> {esc(document.disclaimer)}", ""]
    for section in shown(document.sections, "screen"):
        lines += _section(section, 2)
    return "\n".join(lines).rstrip("\n") + "\n"
