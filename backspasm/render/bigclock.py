"""Big digits for the countdown, readable from a couch or the floor: five rows, plain characters.

Drawn only where the terminal has room (`fits`); a small or plain terminal gets the one-line time.
"""

from __future__ import annotations

# Five rows per glyph, each glyph four columns wide (the colon two), in characters every
# terminal font has.
GLYPHS: dict[str, tuple[str, ...]] = {
    "0": ("████", "█  █", "█  █", "█  █", "████"),
    "1": ("  █ ", " ██ ", "  █ ", "  █ ", " ███"),
    "2": ("████", "   █", "████", "█   ", "████"),
    "3": ("████", "   █", " ███", "   █", "████"),
    "4": ("█  █", "█  █", "████", "   █", "   █"),
    "5": ("████", "█   ", "████", "   █", "████"),
    "6": ("████", "█   ", "████", "█  █", "████"),
    "7": ("████", "   █", "  █ ", " █  ", " █  "),
    "8": ("████", "█  █", "████", "█  █", "████"),
    "9": ("████", "█  █", "████", "   █", "████"),
    ":": ("  ", "██", "  ", "██", "  "),
}
ROWS = 5
# The panel around the digits needs this much of the terminal, besides the digits' own size.
MIN_HEIGHT = 16
MIN_WIDTH = 40


def big(text: str) -> list[str]:
    """The text ("12:34") as five rows of big digits, one space between glyphs."""
    rows = []
    for row in range(ROWS):
        rows.append(" ".join(GLYPHS[char][row] for char in text if char in GLYPHS))
    return rows


def width_of(text: str) -> int:
    """How many columns the big form of the text takes."""
    return len(big(text)[0])


def fits(text: str, columns: int, lines: int) -> bool:
    """Whether big digits fit a terminal of this size (with room for the panel and the lines above)."""
    return lines >= MIN_HEIGHT and columns >= max(MIN_WIDTH, width_of(text) + 4)
