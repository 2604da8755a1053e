"""Screens drawn on a terminal without rich: styled lines wrapped in whole words to the terminal's
width, with ANSI styles, and through the pager when taller than the screen.

Importing rich costs about 20 ms of a 130 ms run; the list screens need no more than this. Colour
follows NO_COLOR (bold and dim stay, as rich keeps them) and FORCE_COLOR; TERM=dumb gets plain
lines and no pager.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable

from backspasm.render.styled import spans_of

_CODES = {"bold": "1", "dim": "2", "italic": "3", "underline": "4"}
_COLOURS = {"black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7}


def sgr(style: str, colour: bool = True) -> str:
    """The ANSI code that starts a style ("bold red", "bold white on red"); "" for none."""
    codes: list[str] = []
    words = style.split()
    background = False
    for word in words:
        if word == "on":
            background = True
        elif word in _CODES:
            codes.append(_CODES[word])
        elif word in _COLOURS and colour:
            codes.append(str((40 if background else 30) + _COLOURS[word]))
    return f"\x1b[{';'.join(codes)}m" if codes else ""


def screen_size() -> tuple[int, int]:
    """The width lines wrap to (one column short of the terminal, BACKSPASM_WIDTH when set) and its height."""
    import shutil

    size = shutil.get_terminal_size()
    fixed = os.environ.get("BACKSPASM_WIDTH", "")
    width = int(fixed) if fixed.isdigit() and int(fixed) > 0 else size.columns
    return max(width - 1, 20), size.lines


def drawn_lines(lines: Iterable[str], width: int, *, styles: bool = True, colour: bool = True) -> list[str]:
    """Each line wrapped in whole words to `width` (items hanging under their text, as piped), styled."""
    from backspasm.render.long_text import wrapped_lines
    from backspasm.text_safety import visible

    out: list[str] = []
    for line in lines:
        spans = [(visible(text), style) for text, style in spans_of(line)]
        plain = "".join(text for text, _ in spans)
        wrapped = wrapped_lines(plain, width) or [""]
        if not styles or all(not style for _, style in spans):
            out += wrapped
            continue
        out += _restyled(wrapped, spans, colour)
    return out


def _restyled(wrapped: list[str], spans: list[tuple[str, str]], colour: bool) -> list[str]:
    """The wrapped lines with each character in its part's style: wrapping only drops spaces and adds
    indents, so the words are matched to the original in order."""
    source = "".join(text for text, _ in spans)
    style_at = [style for text, style in spans for _ in text]
    at = 0
    out: list[str] = []
    for number, line in enumerate(wrapped):
        pieces: list[str] = []
        current = ""
        if number:  # the spaces the wrap broke the line at; the indent that follows is unstyled
            while at < len(source) and source[at].isspace():
                at += 1
        for char in line:
            style = ""
            if char != " " or (at < len(source) and source[at] == " "):
                while at < len(source) and source[at] != char and source[at].isspace():
                    at += 1  # a space the wrap turned into a line break
                if at < len(source) and source[at] == char:
                    style = style_at[at]
                    at += 1
            if style != current:
                pieces.append("\x1b[0m" if current else "")
                pieces.append(sgr(style, colour))
                current = style
            pieces.append(char)
        if current:
            pieces.append("\x1b[0m")
        out.append("".join(pieces).rstrip(" "))
    return out


def write_screen(lines: Iterable[str], room: int = 2, *, paged: bool = True) -> None:
    """Draw the lines on the terminal: styled, wrapped to its width, paged when taller than the screen
    less `room` lines (the shell's command above and prompt after), unless not `paged`."""
    from backspasm.plain_output import dumb_terminal, pager_off

    width, height = screen_size()
    # Styles only where a terminal shows them (or FORCE_COLOR asks, as for rich): a test drawing
    # "as on a terminal" into a pipe gets the layout without codes, as rich's screens gave it.
    styles = not dumb_terminal() and (sys.stdout.isatty() or bool(os.environ.get("FORCE_COLOR")))
    drawn = drawn_lines(lines, width, styles=styles, colour=not os.environ.get("NO_COLOR"))
    text = "".join(f"{line}\n" for line in drawn)
    # Two lines for the shell's (the command above, the prompt after); taller goes to the pager,
    # which opens at the top (less -FRX quits at once when it fits).
    if paged and len(drawn) > height - room and sys.stdin.isatty() and not pager_off():
        from backspasm.render.pager import run_pager

        if run_pager(text):
            return
    sys.stdout.write(text)
    sys.stdout.flush()


def show_lines(lines: Iterable[str]) -> None:
    """A list screen: drawn with its styles on a terminal, plain lines when piped or redirected."""
    from backspasm.render.text import to_terminal, write_lines

    if to_terminal():
        write_screen(lines)
    else:
        write_lines(lines)
