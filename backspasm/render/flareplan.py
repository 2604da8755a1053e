"""The flare-up plan on screen: on its own (`backspasm plan`), or first on `today`, `log` and the welcome.

A plan arrives as plain values (its title, its first line, and headed lists of lines), so this
module knows nothing of how a plan is kept. On a screen each part is one paragraph ("What to do
first: heat • a short walk"), so that a whole plan fits 80x24; the plain form gives one line per
item under its heading, for screen readers and scripts. rich is imported only to draw.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from backspasm.text_safety import visible
from backspasm.wrapping import wrap_words

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

# A part: its heading and its lines.
Section = tuple[str, Sequence[str]]


class Flare(Protocol):
    """The plan as another screen shows it first: title, first line, headed lists, and why now."""

    @property
    def title(self) -> str: ...
    @property
    def lead(self) -> str: ...
    @property
    def sections(self) -> Sequence[Section]: ...
    @property
    def reason(self) -> str: ...


def flare_data(flare: Flare | None) -> dict[str, Any] | None:
    """The plan shown first, as JSON-ready data (None when it is not shown)."""
    if flare is None:
        return None
    return {
        "title": flare.title,
        "first_line": flare.lead,
        "why": flare.reason,
        "sections": [{"heading": heading, "lines": list(items)} for heading, items in flare.sections],
    }


def flare_plain(flare: Flare) -> list[str]:
    """The plan shown first, as plain lines (with why it is shown, under its title), each carrying
    the style a terminal draws it in (the title and headings bold, the first line as on `plan`)."""
    from backspasm.render.styled import Styled, bold

    lines: list[str] = [bold(visible(flare.title)), visible(f"Shown first because {flare.reason}.")]
    lines.append(Styled((visible(flare.lead), LEAD_STYLE)))
    for heading, items in flare.sections:
        lines += ["", bold(visible(f"{heading}:")), *(visible(f"- {item}") for item in items)]
    return lines


# What ends a plan cut short to fit a screen.
MORE = "The whole plan: backspasm plan"


def flare_block(flare: Flare, width: int, most: int | None = None) -> Text:
    """The plan shown first, as styled text for another screen; within `most` lines when given.

    To fit, whole parts go from the end (the warning signs first), and a last line says where
    the whole plan is.
    """
    sections = list(flare.sections)
    shown = block(flare.title, flare.lead, sections, width)
    if most is None or len(shown.plain.splitlines()) <= most:
        return shown
    while sections and len(block(flare.title, flare.lead, sections, width).plain.splitlines()) > most - 1:
        sections.pop()
    shown = block(flare.title, flare.lead, sections, width)
    shown.append(f"{MORE}\n", style="dim")
    return shown


# Between the lines of a part on a screen (a person's own line may hold a ';').
SEPARATOR = " • "
# How far a paragraph's later lines hang under its first.
HANG = "  "
# The lead line's style: it sends anything unusual to triage.
LEAD_STYLE = "bold yellow"


def plain_lines(title: str, lead: str, sections: Sequence[Section]) -> list[str]:
    """One line per item: the title, the first line, then each heading with a colon and its items after '- '."""
    lines = [title, lead]
    for heading, items in sections:
        lines += ["", f"{heading}:", *(f"- {item}" for item in items)]
    return [visible(line) for line in lines]


def paragraphs(title: str, lead: str, sections: Sequence[Section], width: int) -> list[tuple[str, int, str]]:
    """The screen's lines: (text, how many first characters are bold, the line's style)."""
    lines: list[tuple[str, int, str]] = [(visible(title), len(title), "")]
    lines += [(line, 0, LEAD_STYLE) for line in wrap_words(visible(lead), width)]
    for heading, items in sections:
        said = f"{visible(heading)}: {SEPARATOR.join(visible(item) for item in items)}"
        wrapped = wrap_words(said, width, hang=HANG)
        lines.append((wrapped[0], len(visible(heading)) + 1, ""))
        lines += [(line, 0, "") for line in wrapped[1:]]
    return lines


def block(title: str, lead: str, sections: Sequence[Section], width: int) -> Text:
    """The plan as styled text, to go first on another screen (today, log)."""
    from rich.text import Text

    out = Text()
    for line, bold, style in paragraphs(title, lead, sections, width):
        part = Text(line, style=style)
        if bold:
            part.stylize("bold", 0, bold)
        out.append_text(part)
        out.append("\n")
    return out


def show(title: str, lead: str, sections: Sequence[Section], footer: Sequence[str], *, plain: bool) -> None:
    """`backspasm plan`: the plan and a line or two after it; through the pager when taller than the terminal."""
    if plain or not sys.stdout.isatty():
        lines = plain_lines(title, lead, sections)
        if footer:
            lines += ["", *(visible(line) for line in footer)]
        sys.stdout.write("\n".join(lines) + "\n")
        return
    from backspasm.render.console import make_console, paged, table_width

    console = make_console()

    def draw(target: Console) -> None:
        width = table_width(target)
        target.print(block(title, lead, sections, width), end="", soft_wrap=True)
        for line in footer:
            target.print()
            for part in wrap_words(visible(line), width):
                target.print(part, style="dim", soft_wrap=True)

    with console.capture() as captured:
        draw(console)
    screen = captured.get()
    if screen.count("\n") < console.height or not console.is_terminal:
        console.file.write(screen)
        return
    with paged(console) as pager:
        draw(pager)


def short_lines(title: str, lead: str, sections: Sequence[Section], width: int) -> list[str]:
    """The plan as plain wrapped lines for the welcome screen (no styles: it is printed with echo)."""
    return [line for line, _, _ in paragraphs(title, lead, sections, width)] + [""]


def history_lines(
    title: str, versions: Sequence[tuple[str, Sequence[Section]]], lead: str, always: Sequence[Section]
) -> list[str]:
    """Every version, newest first, under its own line; then the first line and the warning signs, once."""
    count = len(versions)
    lines = [f"{title}: {count} version{'s' if count != 1 else ''}, newest first"]
    for head, sections in versions:
        lines += ["", head]
        for heading, items in sections:
            lines += [f"  {heading}:", *(f"  - {item}" for item in items)]
    lines += ["", "Shown with every version:", lead]
    for heading, items in always:
        lines += [f"{heading}:", *(f"- {item}" for item in items)]
    return [visible(line) for line in lines]


def show_history(
    title: str, versions: Sequence[tuple[str, Sequence[Section]]], lead: str, always: Sequence[Section], *, plain: bool
) -> None:
    """`backspasm plan --history`: every version; on a terminal through the pager, words wrapped whole."""
    text = "\n".join(history_lines(title, versions, lead, always)) + "\n"
    if plain or not sys.stdout.isatty():
        sys.stdout.write(text)
        return
    from backspasm.render.long_text import page_text

    page_text(text)
