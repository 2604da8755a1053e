"""An inline SVG chart of daily pain: average as a line, lowest to highest as a bar, no assets."""

from __future__ import annotations

from html import escape

from backspasm.render.report.document import PainChart
from backspasm.text_safety import visible

WIDTH, HEIGHT = 720, 240
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 24, 40
# A printed page's chart (PainChart.printed): as wide, a third as high (about 24 mm across A4), its
# labels set smaller by the print style.
PRINTED_HEIGHT, PRINTED_TOP, PRINTED_BOTTOM = 93, 15, 16
DATE_LABELS = 7  # at most this many dates under the axis, evenly spaced


def _x(index: int, count: int) -> float:
    span = WIDTH - LEFT - RIGHT
    return LEFT + (span / 2 if count == 1 else span * index / (count - 1))


def _frame(chart: PainChart) -> tuple[int, int, int]:
    """The chart's height and the room above and below its plot."""
    return (PRINTED_HEIGHT, PRINTED_TOP, PRINTED_BOTTOM) if chart.printed else (HEIGHT, TOP, BOTTOM)


def _y(value: float, frame: tuple[int, int, int] = (HEIGHT, TOP, BOTTOM)) -> float:
    height, top, bottom = frame
    return top + (height - top - bottom) * (10 - value) / 10


def _segments(chart: PainChart, count: int) -> list[list[tuple[float, float]]]:
    # A day without entries breaks the line: no entry is not the same as no pain.
    segments: list[list[tuple[float, float]]] = []
    previous = None
    for index, d in enumerate(chart.days):
        if not d.count:
            continue
        point = (_x(index, count), _y(d.mean, _frame(chart)))
        if previous is not None and index == previous + 1:
            segments[-1].append(point)
        else:
            segments.append([point])
        previous = index
    return segments


def label_days(count: int, most: int = DATE_LABELS) -> list[int]:
    """The day indexes that get a date under the axis (at most `most`): first, last, and evenly between."""
    if count <= 1:
        return [0]
    step = max(1, -(-(count - 1) // (most - 1)))  # ceiling division
    chosen = list(range(0, count, step))
    if count - 1 - chosen[-1] <= step / 2 and len(chosen) > 1:
        chosen[-1] = count - 1  # the last date replaces one that would crowd it
    elif chosen[-1] != count - 1:
        chosen.append(count - 1)
    return chosen


def minor_labels(chosen: list[int]) -> set[int]:
    """The dates a narrow screen leaves out: every other one between the first and the last.

    The one before the last goes too when it is nearer the last than the others are to each other.
    """
    minor = {index for i, index in enumerate(chosen[1:-1], start=1) if i % 2}
    if len(chosen) > 2 and chosen[-1] - chosen[-2] < chosen[1] - chosen[0]:
        minor.add(chosen[-2])
    return minor


def pain_chart(chart: PainChart) -> str:
    """The chart as an <svg> element for pasting into HTML.

    The axis spans the days that have entries (not the whole window, where four days of data
    would sit squeezed into a corner), with a date every few days and the pain scale named.
    """
    count = max(1, len(chart.days))
    frame = _frame(chart)
    height, top, _ = frame
    kind = "chart printed" if chart.printed else "chart"
    out = [
        f'<svg class="{kind}" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'role="img" aria-label="{escape(visible(chart.title))}">',
        f"<title>{escape(visible(chart.title))}</title>",
    ]
    for level in range(0, 11, 2):
        y = _y(level, frame)
        out.append(f'<line class="grid" x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}"/>')
        below = 3 if chart.printed else 4  # the number's middle on its line
        out.append(f'<text class="axis" x="{LEFT - 8}" y="{y + below:.1f}" text-anchor="end">{level}</text>')
    # The scale's name starts where the plot does, clear of the numbers beside it at any type size.
    name_y = top - 4 if chart.printed else top - 10
    out.append(f'<text class="axis" x="{LEFT}" y="{name_y}" text-anchor="start">Pain (0–10)</text>')
    chosen = label_days(count)
    minor = minor_labels(chosen)
    for index in chosen:
        anchor = "middle" if count == 1 else ("start" if index == 0 else "end" if index == count - 1 else "middle")
        x = _x(index, count)
        label_kind = "axis date minor" if index in minor else "axis date"
        label = escape(visible(chart.days[index].label))
        date_y = height - 3 if chart.printed else height - 12
        out.append(f'<text class="{label_kind}" x="{x:.1f}" y="{date_y}" text-anchor="{anchor}">{label}</text>')
    days = [(index, d) for index, d in enumerate(chart.days) if d.count]
    for index, d in days:
        x = _x(index, count)
        low, high = _y(d.low, frame), _y(d.high, frame)
        out.append(f'<line class="range" x1="{x:.1f}" y1="{low:.1f}" x2="{x:.1f}" y2="{high:.1f}"/>')
    for segment in [s for s in _segments(chart, count) if len(s) > 1]:
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in segment)
        out.append(f'<polyline class="mean" points="{points}"/>')
    for index, d in days:
        x, y = _x(index, count), _y(d.mean, frame)
        tip = escape(visible(d.summary))
        out.append(f'<circle class="day" cx="{x:.1f}" cy="{y:.1f}" r="3.5"><title>{tip}</title></circle>')
    out.append("</svg>")
    return "\n".join(out)
