"""The HTML report in a real browser (headless Chromium): the chart is drawn, nothing overflows, it prints short."""

from __future__ import annotations

import statistics
from pathlib import Path
from typing import Any

import browser
import journal_rows as rows
import pytest
import report_journals
from png import count_bluish, read_png
from pypdf import PdfReader
from typer.testing import CliRunner

from backspasm.cli import app

pytestmark = pytest.mark.slow  # each test starts Chromium

WIDTHS = [1024, 375, 320]  # a laptop's window, a phone, the narrowest phones (WCAG's reflow width)
LAYOUT_WIDTHS = [1024, 375, 360, 320]  # and the commonest Android phone's
PAPERS = ["A4", "letter"]
DAYS = report_journals.EPISODE_DAYS  # each a point on the chart's line


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """The report is made at a fixed local time."""
    monkeypatch.setenv("BACKSPASM_NOW", rows.NOW_TEXT)


@pytest.fixture
def page(runner: CliRunner, tmp_path: Path) -> str:
    """The HTML report of a three-week episode, written by `backspasm report --format html -o FILE`."""
    report_journals.three_weeks()
    path = tmp_path / "report.html"
    result = runner.invoke(app, ["report", "--format", "html", "-o", str(path)])
    assert result.exit_code == 0, result.stderr
    return path.read_text(encoding="utf-8")


def the_chart(measured: dict[str, Any]) -> dict[str, Any]:
    """The one chart of the measured page."""
    (chart,) = measured["charts"]
    return dict(chart)


@pytest.mark.parametrize("width", LAYOUT_WIDTHS)
def test_nothing_overflows_the_page_width(page: str, width: int, tmp_path: Path) -> None:
    """From a laptop's width to a phone's, no element reaches past the page's edge and it never scrolls sideways."""
    measured = browser.measure(tmp_path, page, width)
    assert measured["width"] == width
    assert measured["overflowing"] == []
    assert measured["scrollWidth"] <= width


@pytest.mark.parametrize("width", LAYOUT_WIDTHS)
def test_no_word_is_broken_across_lines(page: str, width: int, tmp_path: Path) -> None:
    """From a laptop's width to a phone's, narrow table columns wrap between words, never inside one."""
    assert browser.measure(tmp_path, page, width)["broken"] == []


def test_a_phone_lays_the_page_out_at_its_own_width(page: str, tmp_path: Path) -> None:
    """The page asks a phone for a viewport of the device's width, so its phone layout applies there."""
    measured = browser.measure(tmp_path, page, 375)
    assert "width=device-width" in measured["viewport"].replace(" ", "")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_chart_is_drawn(page: str, width: int, tmp_path: Path) -> None:
    """The screenshot shows the pain chart inside the page: a point painted for each day, the line between them."""
    chart = the_chart(browser.measure(tmp_path, page, width))
    assert chart["left"] >= 0 and chart["right"] <= width
    assert chart["right"] - chart["left"] >= 0.8 * min(width - 40, 720)  # as wide as the page allows
    assert chart["points"] == DAYS
    (line,) = chart["lines"]
    assert line["right"] - line["left"] >= 0.8 * (chart["right"] - chart["left"])
    top, bottom = int(chart["top"]), int(chart["bottom"]) + 1
    image = read_png(browser.screenshot(tmp_path, page, width, top, bottom - top))
    assert image.width == width
    step = (line["right"] - line["left"]) / (DAYS - 1)  # the days are evenly spaced along the line
    down = (int(line["top"]) - top - 4, int(line["bottom"]) - top + 5)

    def painted(x: float) -> int:
        return count_bluish(image, (int(x) - 2, down[0], int(x) + 3, down[1]))

    points = [painted(line["left"] + day * step) for day in range(DAYS)]
    between = [painted(line["left"] + (day + 0.5) * step) for day in range(DAYS - 1)]
    assert min(points) >= 3, f"blue pixels at each day, first to last: {points}"
    assert min(between) >= 2, f"blue pixels half way between days, first to last: {between}"
    # A day's point is a disc on the line: more paint than the line alone.
    assert statistics.median(points) >= 1.6 * statistics.median(between), f"{points} at days, {between} between"


@pytest.mark.parametrize("width", WIDTHS)
def test_the_chart_labels_are_readable(page: str, width: int, tmp_path: Path) -> None:
    """The chart's dates and scale are in a readable size, and no two labels overlap."""
    measured = the_chart(browser.measure(tmp_path, page, width))["labels"]
    labels = [label for label in measured if label["right"] > label["left"]]  # those shown at this width
    assert len(labels) >= 6 + 1 + 3  # the scale, its name and at least three dates
    small = [(label["text"], round(label["size"], 1)) for label in labels if label["size"] < 9]
    assert small == [], "labels drawn smaller than 9 px"
    for i, one in enumerate(labels):
        for other in labels[i + 1 :]:
            apart = (
                one["right"] <= other["left"] + 0.5
                or other["right"] <= one["left"] + 0.5
                or one["bottom"] <= other["top"] + 0.5
                or other["bottom"] <= one["top"] + 0.5
            )
            assert apart, f"{one['text']!r} overlaps {other['text']!r}"


@pytest.mark.parametrize("paper", PAPERS)
def test_three_weeks_print_on_one_page(runner: CliRunner, page: str, paper: str, tmp_path: Path) -> None:
    """Printed to PDF by Chromium on A4 and on Letter, three weeks of the journal take one page, every section."""
    # The latest note, which paper always quotes, in Greek and Cyrillic.
    rows.pain(rows.ago(hours=0.5), 2, report_journals.NON_LATIN_NOTE)
    latest = runner.invoke(app, ["report", "--format", "html"]).stdout
    reader = PdfReader(browser.print_to_pdf(tmp_path, latest, paper))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    for heading in ("usual questions", "own words", "Triage", "Pain trend", "What you tried"):
        assert heading in text  # every section, summed up
    assert report_journals.NON_LATIN_NOTE in text  # printed in a font that has its letters


@pytest.mark.parametrize("paper", PAPERS)
def test_a_full_episode_prints_on_one_page(runner: CliRunner, paper: str, tmp_path: Path) -> None:
    """Printed by Chromium, three weeks with notes, triages, check-ins and a plan take one page, its summary whole."""

    def invoke(*args: str, now: str) -> None:
        result = runner.invoke(app, list(args), env={"BACKSPASM_NOW": now})
        assert result.exit_code == 0, result.stderr

    report_journals.episode(invoke, tmp_path)
    done = runner.invoke(app, ["report", "--format", "html"])
    assert done.exit_code == 0, done.stderr
    reader = PdfReader(browser.print_to_pdf(tmp_path, done.stdout, paper))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    for part in (
        "Course of this episode",
        "latest 3.3 on Mon 4 Mar 2024 (3 check-ins): down 57%",
        "usual questions",
        "STarT Back questions show a medium or high risk of pain that lasts.",
        "17 more notes in these 30 days: run backspasm history --limit 0",
        "What you tried",
        "Pelvic tilt",
        "Flare-up plan",
        "Not a normal spasm",
        "Chest pain, breathlessness, or pain spreading to your jaw or arm",
    ):
        assert part in text
    assert "Most back spasms settle within days" not in text  # the screen's whole report is not printed
