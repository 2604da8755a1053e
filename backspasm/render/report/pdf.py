"""The report as a printable PDF (A4 or US Letter): reportlab, imported by `report --format pdf` alone.

The bundled DejaVu Sans (backspasm/fonts/) prints any name or note, Greek, Cyrillic and the
rest; a title block, the escalation boxed in red, each section's tables, the pain chart drawn,
and "Page 1 of 2" at the foot of each page.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from importlib import resources
from typing import Any, Literal
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import STATE_DEFAULTS, Circle, Drawing, Line, PolyLine, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BalancedColumns,
    Flowable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from backspasm.render.report import document as doc
from backspasm.render.report.svg import label_days
from backspasm.text_safety import visible

PAPERS = {"a4": A4, "letter": LETTER}
# Parts set side by side stay on one page: taller than this (half a page), they are one column.
TALLEST_COLUMNS = 380.0
_SPACES = re.compile(r"\s+")
FONT, BOLD = "DejaVuSans", "DejaVuSans-Bold"
MARGIN = 12 * mm
# The body's type and line: 8 pt is the least a printed page uses (a package leaflet's size).
BODY, LEADING = 8.0, 9.4
INK, GREY, RULE, ALERT, BLUE, RANGE = (
    colors.HexColor("#1b1b1b"),
    colors.HexColor("#555555"),
    colors.HexColor("#c8c8c8"),
    colors.HexColor("#b00020"),
    colors.HexColor("#1f5fa8"),
    colors.HexColor("#9ab0c0"),
)


def _fonts() -> None:
    """Register DejaVu Sans once, as a family so that <b> in a paragraph picks the bold face."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder = resources.files("backspasm") / "fonts"
    for name, file in ((FONT, "DejaVuSans.ttf"), (BOLD, "DejaVuSans-Bold.ttf")):
        with resources.as_file(folder / file) as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)
    # A drawing starts in the graphics' default font (Helvetica), which would land in the file unused.
    STATE_DEFAULTS["fontName"] = FONT


def _styles() -> dict[str, ParagraphStyle]:
    # A printed page's type: 8 pt on 9.6 pt, the size of a package leaflet, so that an episode of
    # three weeks takes one page; never smaller (the grey lines of sources and origins are 8 pt too).
    base = ParagraphStyle(
        "body", fontName=FONT, bulletFontName=FONT, fontSize=BODY, leading=LEADING, textColor=INK, spaceAfter=1.5
    )
    return {
        "body": base,
        "title": ParagraphStyle("title", base, fontName=BOLD, fontSize=14, leading=17, spaceAfter=1),
        "meta": ParagraphStyle("meta", base, textColor=GREY, leading=12),  # the name is set larger
        "caption": ParagraphStyle("caption", base, textColor=GREY, keepWithNext=1, spaceAfter=0),
        "disclaimer": ParagraphStyle(
            "disclaimer", base, textColor=GREY, borderColor=RULE, borderWidth=0.6,
            borderPadding=3, backColor=colors.HexColor("#f4f4f4"), spaceBefore=3, spaceAfter=4,
        ),
        "h2": ParagraphStyle(
            "h2", base, fontName=BOLD, fontSize=10.5, leading=12.5, spaceBefore=3, spaceAfter=1, keepWithNext=1
        ),
        "h3": ParagraphStyle(
            "h3", base, fontName=BOLD, spaceBefore=2, spaceAfter=0.5, keepWithNext=1
        ),
        "alert": ParagraphStyle("alert", base, fontName=BOLD, fontSize=11, leading=14, textColor=ALERT),
        "bullet": ParagraphStyle("bullet", base, leftIndent=9, bulletIndent=1, spaceAfter=0.5),
        "detail": ParagraphStyle("detail", base, leftIndent=9, textColor=GREY, spaceAfter=0.5),
        "cell": ParagraphStyle("cell", base, spaceAfter=0),
        "head": ParagraphStyle("head", base, fontName=BOLD, spaceAfter=0),
        "head_number": ParagraphStyle("head_number", base, fontName=BOLD, spaceAfter=0, alignment=TA_RIGHT),
        "number": ParagraphStyle("number", base, spaceAfter=0, alignment=TA_RIGHT),
    }


def _x(text: str) -> str:
    """Text made inert for reportlab's paragraph markup: &, < and > escaped, control characters shown."""
    return escape(_SPACES.sub(" ", visible(text)))


def _run(run: doc.Run) -> str:
    text = _x(run.text)
    if run.style == "strong":
        return f"<b>{text}</b>"
    if run.style == "code":
        return f'<font color="#1f3f6f">{text}</font>'
    if run.style == "absent":
        return f'<font color="#666666">{text}</font>'
    if run.style == "muted":
        return f'<font color="#555555" size="8">{text}</font>'
    if run.style == "link":
        target = doc.safe_url(run.url)  # never javascript: or data:
        return f'<a href="{escape(target, {chr(34): "&quot;"})}" color="#1f5fa8">{text}</a>' if target else text
    return text


def _inline(runs: tuple[doc.Run, ...]) -> str:
    return "".join(_run(r) for r in runs).strip()


class _Chart(Flowable):
    """Daily pain as a chart: lowest to highest as a bar, the average as a line broken by days without entries.

    With `figures`, each day's numbers (highest, average, lowest, entries) are printed under its
    bar, in place of the day table: four lines of the page instead of a table of every day.
    """

    PLOT = 22 * mm
    FIGURE_SIZE = 7.5  # the figures' type: the chart's labels, a little larger
    FIGURE_LINE = 9.0
    ROWS = ("Day", "Highest", "Average", "Lowest", "Entries")
    LEFT, RIGHT = 50.0, 8.0

    def __init__(self, chart: doc.PainChart, figures: bool = False) -> None:
        super().__init__()
        self.chart = chart
        self.figures = figures

    @classmethod
    def fits_figures(cls, chart: doc.PainChart, width: float) -> bool:
        """Whether each day's widest figure fits its share of the axis, a little apart from the next."""
        count = max(1, len(chart.days))
        texts = ("10", "10.0", *(d.average for d in chart.days))
        widest = max(pdfmetrics.stringWidth(text, FONT, cls.FIGURE_SIZE) for text in texts)
        return (width - cls.LEFT - cls.RIGHT) / count >= widest + 3

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = self.PLOT + (len(self.ROWS) * self.FIGURE_LINE + 2 if self.figures else 0)
        return self.width, self.height

    def draw(self) -> None:
        self._drawing(self.width).drawOn(self.canv, 0, 0)

    def _drawing(self, width: float) -> Drawing:
        left, right, top = self.LEFT, self.RIGHT, 12.0  # room for "Pain (0–10)" above the scale
        below = len(self.ROWS) * self.FIGURE_LINE + 2 if self.figures else 0.0
        bottom = below + 13.0  # room for the dates under the axis
        height = self.height
        days = self.chart.days
        count = max(1, len(days))
        span = width - left - right

        def x(index: int) -> float:
            return left + (span / 2 if count == 1 else span * index / (count - 1))

        def y(value: float) -> float:
            return bottom + (height - top - bottom) * value / 10

        drawing = Drawing(width, height)
        for level in range(0, 11, 2):
            drawing.add(Line(left, y(level), width - right, y(level), strokeColor=RULE, strokeWidth=0.4))
            drawing.add(String(left - 5, y(level) - 2.5, str(level), fontName=FONT, fontSize=7, fillColor=GREY,
                               textAnchor="end"))
        drawing.add(String(left, height - 8, "Pain (0–10)", fontName=FONT, fontSize=7, fillColor=GREY))
        label_width = max((pdfmetrics.stringWidth(_plain(d.label), FONT, 7) for d in days), default=40.0)
        for index in label_days(len(days), max(2, int(span // (label_width * 1.5)))):
            anchor: Literal["start", "middle", "end"] = "middle"
            if count > 1 and index in (0, count - 1):
                anchor = "start" if index == 0 else "end"
            drawing.add(String(x(index), below + 3, _plain(days[index].label), fontName=FONT, fontSize=7,
                               fillColor=GREY, textAnchor=anchor))
        bar = max(1.5, min(5.0, span / count * 0.5))
        segment: list[float] = []
        for index, day in enumerate(days):
            if not day.count:
                segment = self._line(drawing, segment)
                continue
            drawing.add(Line(x(index), y(day.low), x(index), y(day.high), strokeColor=RANGE, strokeWidth=bar,
                             strokeLineCap=1))
            segment += [x(index), y(day.mean)]
        self._line(drawing, segment)
        for index, day in enumerate(days):
            if day.count:
                drawing.add(Circle(x(index), y(day.mean), 1.8, fillColor=BLUE, strokeColor=BLUE))
        if self.figures:
            self._figures(drawing, x, below)
        return drawing

    def _figures(self, drawing: Drawing, x: Callable[[int], float], below: float) -> None:
        """The table of days turned on its side: a column of figures under each day's bar."""
        size, line = self.FIGURE_SIZE, self.FIGURE_LINE
        for row, name in enumerate(self.ROWS):
            base = below - (row + 1) * line + 2
            if row == 1:
                rule = base + line - 1.5  # under the days' numbers
                drawing.add(Line(0, rule, self.width, rule, strokeColor=RULE, strokeWidth=0.4))
            font = BOLD if name == "Average" else FONT
            drawing.add(String(0, base, name, fontName=font, fontSize=size, fillColor=INK if row else GREY))
            for index, day in enumerate(self.chart.days):
                if row == 0:
                    text = day.label.split()[0]  # the day of the month: the axis above names the months
                elif not day.count:
                    continue
                else:
                    text = (str(day.high), day.average, str(day.low), str(day.count))[row - 1]
                drawing.add(String(x(index), base, text, fontName=font, fontSize=size,
                                   fillColor=INK if row else GREY, textAnchor="middle"))

    @staticmethod
    def _line(drawing: Drawing, points: list[float]) -> list[float]:
        if len(points) >= 4:  # two days or more in a row: a day without entries breaks the line
            drawing.add(PolyLine(points, strokeColor=BLUE, strokeWidth=1.2))
        return []


def _plain(text: str) -> str:
    return " ".join(visible(text).split())


class _Writer:
    """Turns the document's blocks into flowables for one page width."""

    def __init__(self, width: float, with_figures: bool = True) -> None:
        self.width = width
        self.styles = _styles()
        # False when the page has no room for the days' figures under the chart: they are left
        # out, with the day table they stand for (the report names the command that shows them).
        self.with_figures = with_figures

    def paragraph(self, block: doc.Paragraph) -> list[Flowable]:
        style = self.styles["detail" if block.role == "sources" else "body"]
        return [Paragraph(_inline(block.runs), style)]

    def bullets(self, block: doc.BulletList) -> list[Flowable]:
        out: list[Flowable] = []
        for item in block.items:
            out.append(Paragraph(_inline(item.runs), self.styles["bullet"], bulletText="•"))
            out += [Paragraph(_inline(d.runs), self.styles["detail"]) for d in item.details]
        return out

    def widths(self, block: doc.Table, width: float) -> list[float] | None:
        """Column widths that break no word: numbers and dates whole, text columns sharing the rest."""
        size, pad = self.styles["cell"].fontSize, 5.0

        def measure(text: str, font: str) -> tuple[float, float]:
            words = _plain(text).split() or [""]
            whole = pdfmetrics.stringWidth(" ".join(words), font, size)
            return whole + pad, max(pdfmetrics.stringWidth(w, font, size) for w in words) + pad

        columns = range(len(block.head))
        sizes = [
            [measure(block.head[c], BOLD), *(measure(row[c], FONT) for row in block.rows)] for c in columns
        ]
        full = [max(whole for whole, _ in sizes[c]) for c in columns]
        least = [max(word for _, word in sizes[c]) for c in columns]
        if sum(full) <= width:
            return full
        # Columns that hold short values (numbers, dates) keep their width; the longest share what is left.
        keep = [c for c in columns if c in block.numeric or full[c] <= width / 4]
        # Then the narrower text columns whole too, one by one, while the rest can still hold their
        # longest words: one long remedy name wraps, not every row's "median down 1; ...".
        for c in sorted((c for c in columns if c not in keep), key=lambda c: full[c]):
            others = [o for o in columns if o not in keep and o != c]
            left = width - sum(full[k] for k in keep) - full[c]  # for the others, at least half their length
            if others and left >= max(sum(least[o] for o in others), sum(full[o] for o in others) / 2):
                keep.append(c)
        rest = width - sum(full[c] for c in keep)
        share = [c for c in columns if c not in keep]
        total = sum(full[c] for c in share) or 1.0
        out = [full[c] if c in keep else max(least[c], rest * full[c] / total) for c in columns]
        return out if sum(out) <= width + 0.5 else None  # None: reportlab's own split, words may break

    def table(self, block: doc.Table) -> list[Flowable]:
        widths = self.widths(block, self.width)
        gap = 3 * mm
        # A long table of a label and numbers (the days) is set in two columns side by side, the first
        # half down the left; one with text in it (notes) reads line by line, so it stays whole.
        figures = set(block.numeric) >= set(range(1, len(block.head)))
        if widths and figures and len(block.rows) > 8 and 2 * sum(widths) + gap <= self.width:
            grid = self._grid(block.head, block.rows, block.numeric, widths)
            columns = BalancedColumns([grid], nCols=2, innerPadding=gap, leftPadding=0, endSlack=0.2)
            return [columns, Spacer(0, 2)]
        return [self._grid(block.head, block.rows, block.numeric, widths), Spacer(0, 2)]

    def _grid(
        self,
        head: tuple[str, ...],
        rows: tuple[tuple[str, ...], ...],
        numeric: tuple[int, ...],
        widths: list[float] | None,
    ) -> Table:
        cells = [[Paragraph(_x(h), self.styles["head_number" if c in numeric else "head"]) for c, h in enumerate(head)]]
        cells += [
            [Paragraph(_x(cell), self.styles["number" if c in numeric else "cell"]) for c, cell in enumerate(row)]
            for row in rows
        ]
        table = Table(cells, colWidths=widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), FONT),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
                    ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 0.8),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2),
                    ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
                ]
            )
        )
        return table

    def block(self, block: doc.Block, depth: int) -> list[Flowable]:
        if isinstance(block, doc.Section):
            return self.section(block, depth + 1)
        if isinstance(block, doc.Paragraph):
            return self.paragraph(block)
        if isinstance(block, doc.BulletList):
            return self.bullets(block)
        if isinstance(block, doc.Table):
            return self.table(block)
        caption = [Paragraph(_x(block.title), self.styles["caption"])] if block.caption else []
        return [*caption, _Chart(block, self.figures(block) and self.with_figures), Spacer(0, 2)]

    def figures(self, chart: doc.PainChart) -> bool:
        """Whether the chart's days have room for their figures (then the day table after it is left out)."""
        return chart.day_table and _Chart.fits_figures(chart, self.width)

    def section(self, section: doc.Section, depth: int) -> list[Flowable]:
        if section.alert:
            return self.alert(section)
        # A part without a title (a doctor's question said in one paragraph on paper) has no heading.
        heading = Paragraph(_x(section.title), self.styles["h2" if depth <= 2 else "h3"])
        if not section.title:
            return [f for b in section.blocks for f in self.block(b, depth)]
        parts = [b for b in section.blocks if isinstance(b, doc.Section)]
        if section.columns > 1 and len(parts) > 1:
            # Short parts (the doctor's questions) side by side, each whole in one column, filled down
            # the first column first; what comes before them (an intro) spans the page.
            intro = [f for b in section.blocks if not isinstance(b, doc.Section) for f in self.block(b, depth)]
            return [heading, *intro, *self.side_by_side([self.block(part, depth) for part in parts])]
        blocks = list(section.blocks)
        for index, block in enumerate(blocks[:-1]):
            if isinstance(block, doc.PainChart) and isinstance(blocks[index + 1], doc.Table) and self.figures(block):
                del blocks[index + 1]  # its figures are under the chart's days, or left out for room
                break
        body = [f for b in blocks for f in self.block(b, depth)]
        if not body:
            return [heading]
        return [heading, *body]  # a heading's style keeps it with what follows: it never ends a page

    def side_by_side(self, parts: list[list[Flowable]]) -> list[Flowable]:
        """Parts in two columns, in order down the first then the second, split where the two come out most even.

        Each part stays whole in its column. A table's row never breaks across pages, so a list
        of parts that will not fit what is left of a page starts the next one; one whose columns
        would be taller than half a page stays one column, which pages break anywhere.
        """
        gap = 5 * mm
        column = (self.width - gap) / 2
        heights = []
        for part in parts:
            height = 0.0
            for flowable in part:
                height += flowable.wrap(column, 10_000)[1] + flowable.getSpaceBefore() + flowable.getSpaceAfter()
            heights.append(height)
        total = sum(heights)
        split = min(range(1, len(parts)), key=lambda at: max(sum(heights[:at]), total - sum(heights[:at])))
        if max(sum(heights[:split]), total - sum(heights[:split])) > TALLEST_COLUMNS:
            return [f for part in parts for f in part]
        left = [f for part in parts[:split] for f in part]
        right = [f for part in parts[split:] for f in part]
        grid = Table([[left, right]], colWidths=[column + gap, column], hAlign="LEFT")
        grid.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), FONT),  # else Helvetica, unused, lands in the file
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (0, 0), gap),
                    ("RIGHTPADDING", (1, 0), (1, 0), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return [grid]

    def alert(self, section: doc.Section) -> list[Flowable]:
        inner: list[Flowable] = [Paragraph(_x(section.title), self.styles["alert"])]
        inner += [f for b in section.blocks for f in self.block(b, 3)]
        box = Table([[inner]], colWidths=[self.width])
        box.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), FONT),
                    ("BOX", (0, 0), (-1, -1), 1.6, ALERT),
                    ("LEFTPADDING", (0, 0), (-1, -1), 8),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        return [Spacer(0, 3), box, Spacer(0, 3)]


class _Canvas(Canvas):
    """A canvas whose first font is DejaVu Sans, so that no other font lands in the file."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **{**kwargs, "initialFontName": FONT, "initialFontSize": 9})


def _story(document: doc.Document, width: float, with_figures: bool = True) -> list[Flowable]:
    writer = _Writer(width, with_figures)
    styles = writer.styles
    story: list[Flowable] = [Paragraph(_x(document.title), styles["title"])]
    # The name leads the line that says when the report was made: one line of the page, not two.
    named = f'<font color="#1b1b1b" size="10"><b>{_x(document.name)}</b></font>   ' if document.name else ""
    story.append(Paragraph(named + _x(document.covering), styles["meta"]))
    story.append(Paragraph(_x(document.disclaimer), styles["disclaimer"]))
    for section in doc.shown(document.sections, "print"):  # the one-page summary
        story += writer.section(section, 2)
    return story


def render_pdf(document: doc.Document, paper: str = "a4") -> bytes:
    """The whole report as PDF bytes on A4 or US Letter, "Page n of N" at each page's foot.

    Laid out twice: the first pass counts the pages that the second one numbers. The days'
    figures under the chart print where they fit: when the page runs over with them, it is laid
    out without them (once more), and the shorter wins.
    """
    _fonts()
    size = PAPERS[paper]
    footer = _plain(f"{document.title} — {document.name}" if document.name else document.title)
    counted = 0
    pages = 0

    def foot(canvas: Canvas, template: SimpleDocTemplate) -> None:
        nonlocal pages
        pages = max(pages, canvas.getPageNumber())
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(GREY)
        canvas.drawString(MARGIN, 8 * mm, footer)
        total = f" of {counted}" if counted else ""
        canvas.drawRightString(size[0] - MARGIN, 8 * mm, f"Page {canvas.getPageNumber()}{total}")
        canvas.restoreState()

    def layout(with_figures: bool) -> tuple[bytes, int]:
        nonlocal pages
        pages = 0
        out = io.BytesIO()
        pdf = SimpleDocTemplate(
            out,
            pagesize=size,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=10 * mm,
            bottomMargin=10 * mm + 4 * mm,
            title=_plain(document.title),
            subject=_plain(document.covering),
            creator="backspasm",
            author="",
        )
        story = _story(document, pdf.width, with_figures)
        pdf.build(story, onFirstPage=foot, onLaterPages=foot, canvasmaker=_Canvas)
        return out.getvalue(), pages

    with_figures = True
    _, counted = layout(with_figures)
    if counted > 1 and _has_figures(document, size[0] - 2 * MARGIN):
        _, fewer = layout(False)
        if fewer < counted:
            with_figures, counted = False, fewer
    data, _ = layout(with_figures)
    return data


def _has_figures(document: doc.Document, width: float) -> bool:
    """Whether a chart of the printed report has room for its days' figures under it."""
    writer = _Writer(width)
    charts = [
        b for s in doc.shown(document.sections, "print") for b in s.blocks if isinstance(b, doc.PainChart)
    ]
    return any(writer.figures(chart) for chart in charts)
