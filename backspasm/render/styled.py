"""Lines that carry their styles: the same words piped and on a terminal, with bold, colour and dim.

A `Styled` line is a str (its plain words), so the piped writer (render.text.write_lines) prints
it as it is; the terminal writer (render.screen) reads its spans and adds the styles. No rich here.
"""

from __future__ import annotations

# The style of each part is a rich-like name ("bold", "dim", "bold red", "bold white on red").
Part = tuple[str, str]


class Styled(str):
    """A line's words, with the style of each part kept in `spans`."""

    spans: tuple[Part, ...]

    def __new__(cls, *parts: str | Part) -> Styled:
        spans = tuple((part, "") if isinstance(part, str) else part for part in parts)
        line = super().__new__(cls, "".join(text for text, _ in spans))
        line.spans = spans
        return line


def styled(*parts: str | Part) -> Styled:
    """A line of parts, each a plain str or (text, style)."""
    return Styled(*parts)


def bold(text: str) -> Styled:
    """A heading."""
    return Styled((text, "bold"))


def dim(text: str) -> Styled:
    """Small print: the disclaimer, sources, hints."""
    return Styled((text, "dim"))


def spans_of(line: str) -> tuple[Part, ...]:
    """A line's parts and their styles (a plain str is one unstyled part)."""
    return line.spans if isinstance(line, Styled) else ((line, ""),)
