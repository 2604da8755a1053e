"""The report as one format-neutral document: the writers (Markdown, HTML, PDF) only lay it out.

Everything here is already worded: `journal/report_document.py` builds it from the report, and a
writer escapes text for its format and draws it, deciding nothing about what is said.
"""

from typing import Literal, NamedTuple

# How a run of text reads: plain; strong (a value, a lead); code (a command to type); absent
# (why there is no value: "not asked", in italics); muted (where a value came from, smaller);
# link (its url already checked by the builder, never javascript: or data:).
Style = Literal["text", "strong", "code", "absent", "muted", "link"]
# Where a section shows: everywhere; on screen only (the Markdown report, HTML on screen); or on
# paper only (the PDF, HTML printed). The printed report is a one-page summary: a section it
# shortens comes twice, the whole one for the screen and the short one for paper.
Media = Literal["all", "screen", "print"]


class Run(NamedTuple):
    """A piece of a paragraph in one style."""

    text: str
    style: Style = "text"
    url: str | None = None


class Paragraph(NamedTuple):
    """Runs of text read as one paragraph; `role` names a detail line's kind ("sources")."""

    runs: tuple[Run, ...]
    role: str = ""


class Item(NamedTuple):
    """A bullet, with detail lines under it (what the journal showed, the sources)."""

    runs: tuple[Run, ...]
    details: tuple[Paragraph, ...] = ()


class BulletList(NamedTuple):
    """Bullets, in order."""

    items: tuple[Item, ...]


class Table(NamedTuple):
    """A table of text cells; `numeric` marks the columns that hold numbers."""

    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[int, ...] = ()


class ChartDay(NamedTuple):
    """One day on the chart's axis: its label, and its pain when it has entries."""

    label: str
    count: int = 0  # type: ignore[assignment]  # the field shadows tuple.count, which nothing here calls
    low: int = 0
    high: int = 0
    mean: float = 0.0
    # The day in words for a tooltip or a caption ("Fri 8 Mar 2024: average 6/10 (1 entry, 6 to 6)").
    summary: str = ""
    # The average as the day table prints it ("6.5").
    average: str = ""


class PainChart(NamedTuple):
    """Daily pain: every day from the first with entries to the last, lowest to highest and the average.

    `text_caption` and `text_line` say the same in one line of text (a sparkline), for formats
    that cannot draw.
    """

    title: str
    days: tuple[ChartDay, ...]
    text_caption: str
    text_line: str
    # True when the table that follows lists these days' figures: a printed page short of room may
    # print them under the chart's days instead.
    day_table: bool = False
    # False when the section's heading already says what the chart's title would (a printed page).
    caption: bool = True
    # Drawn for a printed page: lower, to leave room for the rest of the one-page summary.
    printed: bool = False


class Section(NamedTuple):
    """A titled part of the report; a Section among another's blocks is a subsection.

    `alert` marks the escalation (an emergency, urgent or "see a doctor soon" reminder), which
    writers set apart (a red box) and which the builder puts first. `columns` (2) marks a section
    of short parts (the doctor's questions) that a printed page may set side by side. `media`
    says where a top-level section shows (writers read it through `shown`).
    """

    title: str
    blocks: "tuple[Block, ...]"
    alert: bool = False
    columns: int = 1
    media: Media = "all"


Block = Paragraph | BulletList | Table | PainChart | Section


class Document(NamedTuple):
    """The whole report: a title block, a disclaimer, then the sections in order."""

    title: str
    covering: str
    disclaimer: str
    sections: tuple[Section, ...]
    # The person's name for the title block, when given (`report --name`).
    name: str | None = None


def shown(sections: tuple[Section, ...], medium: Literal["screen", "print"]) -> tuple[Section, ...]:
    """The sections a writer lays out for the screen or for paper."""
    return tuple(s for s in sections if s.media in ("all", medium))


def paragraph(*runs: Run | str, role: str = "") -> Paragraph:
    """A paragraph of runs; a plain string is a plain run."""
    return Paragraph(tuple(Run(r) if isinstance(r, str) else r for r in runs), role)


SAFE_SCHEMES = ("https://", "http://")


def safe_url(url: str | None) -> str | None:
    """The link's URL when it is a web address; anything else (javascript:, data:) is never a link.

    The builder already checked it with the knowledge base's rule; writers check again so that
    no document, however made, can put a script in an href.
    """
    if url and url.lower().startswith(SAFE_SCHEMES):
        return url
    return None
