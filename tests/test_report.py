"""`backspasm report`: the Markdown golden file, the parsed HTML and CSV, files, options and errors.

Regenerate the golden file after a deliberate change with:
    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_report.py
"""

from __future__ import annotations

import csv
import io
import os
import stat
from html.parser import HTMLParser
from pathlib import Path

import journal_rows as rows
import pytest
from conftest import REPO
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.journal.doctor_questions import JOURNAL_FIELDS
from backspasm.kb.loader import load_active
from backspasm.kb.vocab import DOCTOR_JOURNAL_FIELDS

GOLDEN = REPO / "tests" / "golden" / "report.md"
NOTE_WITH_MARKUP = "Bent to lift a box <b>sharp</b> | [link](x) pain"


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """The report is made at a fixed local time."""
    monkeypatch.setenv("BACKSPASM_NOW", rows.NOW_TEXT)


@pytest.fixture
def journal() -> None:
    """A week of one episode, an earlier episode, a triage run, sessions and stretches."""
    rows.pain("2023-12-01T09:00:00+01:00", 6)
    rows.pain("2023-12-03T09:00:00+01:00", 4)
    rows.triage(
        "2024-03-06T09:00:00+01:00",
        {
            "age": 41,
            "location": "lower_back",
            "days_since_onset": 1,
            "trend": "same",
            "pain_score": 6,
            "bladder_bowel_change": False,
            "leg_pain_below_knee": "one_leg",
            "leg_numbness": "none",
            "episodes_past_year": 1,
            "steroid_use": False,
        },
        disposition="soon",
        result={
            "disposition": "soon",
            "reasons": [
                {
                    "id": "startback-high-risk",
                    "title": "High risk on the STarT Back tool",
                    "why": "Worry and low mood can slow recovery; a physiotherapist can help.",
                    "sources": ["nice-ng59"],
                }
            ],
            "advice": "Book a GP or physiotherapist appointment in the coming days.",
            "unanswered": ["fever", "weight_loss"],
            "startback": {"total": 5, "psychosocial": 4, "risk": "high"},
        },
        onset_at="2024-03-05T07:00:00+01:00",
    )
    rows.pain("2024-03-05T08:00:00+01:00", 5, NOTE_WITH_MARKUP, ["superficial-heat"])
    rows.pain("2024-03-06T08:00:00+01:00", 6, None, ["nsaids", "walking"])
    rows.pain("2024-03-06T21:00:00+01:00", 7)
    rows.pain("2024-03-08T12:00:00+01:00", 6, "=better after heat", ["superficial-heat"])
    rows.pain("2024-03-10T16:00:00+01:00", 6)
    rows.session("ice", "2024-01-02T10:00:00+01:00", 900, 900)
    rows.session("ice", "2024-03-06T10:00:00+01:00", 900, 900)
    rows.session("heat", "2024-03-08T10:00:00+01:00", 1200, 600, "stopped")
    rows.stretch("lower-back", "2024-03-08T11:00:00+01:00", "worse", ["pelvic-tilt"], "knee-to-chest")
    rows.stretch("lower-back", "2024-03-09T11:00:00+01:00", "completed", ["pelvic-tilt", "knee-to-chest"])


def test_markdown_matches_the_golden_file(runner: CliRunner, journal: None) -> None:
    """The Markdown report of a fixed journal at a fixed time is exactly the golden file."""
    result = runner.invoke(app, ["report"])
    assert result.exit_code == 0, result.stderr
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == GOLDEN.read_text(encoding="utf-8")


def test_markdown_holds_what_the_doctor_needs(runner: CliRunner, journal: None) -> None:
    """Doctor's questions, triage level with reasons, escalation, trend, sessions, stretches, remedies."""
    text = runner.invoke(app, ["report"]).stdout
    kb = load_active()
    for question in kb.doctor_questions:
        assert f"### {question.text}" in text
    # Keys that triage never asked say so; medicines list only medication remedies, not ice or walks.
    assert "Answered at triage on Wed 6 Mar 2024 unless marked otherwise." in text and "_not asked_" in text
    medicines = text.split("### What medications are you taking?")[1].split("##")[0]
    assert "Medicines tried" in medicines and "ibuprofen" in medicines
    assert kb.remedy_index["superficial-heat"].name not in medicines
    assert "### Soon" in text and "High risk on the STarT Back tool" in text
    assert "## See a doctor soon" in text
    assert next(r.title for r in kb.escalation_rules if r.id == "persisting-not-improving") in text
    assert "| Tue 5 Mar 2024 | 1 | 5 | 5 | 5 |" in text
    assert "| Wed 6 Mar 2024 | 2 | 6 | 7 | 6.5 |" in text
    assert f"| {kb.protocol_index['ice'].name} | 1 | 1 | 15 |" in text  # January's is outside 30 days
    assert f"| {kb.routine_index['lower-back'].name} | 2 | 1 | {kb.stretch_index['knee-to-chest'].name} |" in text
    assert f"| {kb.remedy_index['superficial-heat'].name} | 2 |" in text
    assert "not a diagnosis" in text


def test_markdown_escapes_user_text(runner: CliRunner, journal: None) -> None:
    """A note's markup characters cannot become Markdown or HTML in the report."""
    text = runner.invoke(app, ["report"]).stdout
    assert "<b>" not in text
    assert r"\<b\>sharp\</b\> \| \[link\](x) pain" in text


def test_days_narrows_the_window(runner: CliRunner, journal: None) -> None:
    """--days 2 covers only the last two days of entries, sessions and stretches."""
    text = runner.invoke(app, ["report", "--days", "2"]).stdout
    assert "covering the last 2 days (Sat 9 Mar 2024 to Sun 10 Mar 2024)" in text
    assert "Tue 5 Mar 2024 | 1" not in text
    assert "| Sun 10 Mar 2024 | 1 | 6 | 6 | 6 |" in text
    assert "## Ice and heat sessions\n\nNone recorded in these 2 days." in text


def test_an_empty_journal_still_makes_a_report(runner: CliRunner) -> None:
    """With nothing stored, every question is "not recorded" and no triage is named."""
    result = runner.invoke(app, ["report"])
    assert result.exit_code == 0, result.stderr
    assert "No triage saved. Run `backspasm triage`" in result.stdout
    assert "No pain entries in these 30 days." in result.stdout
    answers = result.stdout.split("## Answers to the doctor's usual questions")[1].split("## Latest")[0]
    assert "**" not in answers
    assert "Medicines tried: _none recorded_" in answers
    assert "See a doctor soon" not in result.stdout


class Page(HTMLParser):
    """Collects tags, attributes and text of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []
        self.headings: list[str] = []
        self._in_heading = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += attrs
        self._in_heading = tag in ("h1", "h2", "h3")
        if self._in_heading:
            self.headings.append("")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += attrs

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h1", "h2", "h3"):
            self._in_heading = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in_heading:
            self.headings[-1] += data


def parse(html: str) -> Page:
    """The page parsed."""
    page = Page()
    page.feed(html)
    page.close()
    return page


def test_html_is_a_self_contained_page_with_a_chart(runner: CliRunner, journal: None) -> None:
    """HTML: the same sections, an inline SVG with one point per day, no scripts or external assets."""
    result = runner.invoke(app, ["report", "--format", "html"])
    assert result.exit_code == 0, result.stderr
    page = parse(result.stdout)
    assert page.headings[0] == "Back spasm record for the doctor"
    tried = "What you tried and how your pain changed"
    for heading in ["See a doctor soon", "Answers to the doctor's usual questions", "Pain trend", tried]:
        assert heading in page.headings
    assert "Soon (Wed 6 Mar 2024 09:00)" in page.headings
    # One chart for the screen, and a lower one the print style shows on paper in its place.
    assert page.tags.count("svg") == 2
    assert page.tags.count("circle") == 2 * 4  # days with entries: 5, 6, 8 and 10 March
    # The line joins 5 and 6 March only: a day without entries (7 and 9 March) breaks it.
    assert page.tags.count("polyline") == 2 * 1
    assert not {"script", "img", "link", "iframe", "object"} & set(page.tags)
    assert not [name for name, _ in page.attrs if name == "src" or name.startswith("on")]
    text = "".join(page.text)
    assert "not asked" in text
    assert "self-reported record" in text


def test_html_escapes_all_user_text(runner: CliRunner, journal: None) -> None:
    """A note with tags shows as text in the page, never as markup."""
    page = parse(runner.invoke(app, ["report", "--format", "html"]).stdout)
    assert "b" not in page.tags
    assert NOTE_WITH_MARKUP in page.text


def test_csv_is_the_raw_journal(runner: CliRunner, journal: None) -> None:
    """CSV: a header and every pain entry (the whole journal without --days), oldest first."""
    result = runner.invoke(app, ["report", "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(table) == 7
    assert table[0]["at"] == "2023-12-01T09:00:00+01:00"
    assert table[2] | {"id": ""} == {
        "id": "",
        "at": "2024-03-05T08:00:00+01:00",
        "date": "2024-03-05",
        "time": "08:00",
        "pain": "5",
        "tried": "superficial-heat",
        "note": NOTE_WITH_MARKUP,
    }
    assert table[3]["tried"] == "nsaids walking"
    # A note that a spreadsheet would run as a formula stays text.
    assert table[5]["note"] == "'=better after heat"


def test_csv_days_limits_the_rows(runner: CliRunner, journal: None) -> None:
    """CSV with --days 3 holds only the entries of the last three days."""
    table = list(csv.DictReader(io.StringIO(runner.invoke(app, ["report", "-f", "csv", "-d", "3"]).stdout)))
    assert [row["date"] for row in table] == ["2024-03-08", "2024-03-10"]


def test_output_file_is_private_and_named_on_stderr(runner: CliRunner, journal: None, tmp_path: Path) -> None:
    """--output --force replaces a wider file with a 0600 one and prints its path on stderr only."""
    target = tmp_path / "for-the-doctor.md"
    target.write_text("old")
    target.chmod(0o644)
    result = runner.invoke(app, ["report", "--output", str(target), "--force"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert str(target) in result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text(encoding="utf-8").startswith("# Back spasm record for the doctor\n")


@pytest.mark.parametrize(("name", "start"), [("r.html", "<!DOCTYPE html>"), ("r.csv", "id,at,"), ("r.txt", "# Back")])
def test_format_follows_the_output_suffix(
    runner: CliRunner, journal: None, tmp_path: Path, name: str, start: str
) -> None:
    """Without --format, .html and .csv choose their format; anything else is Markdown."""
    assert runner.invoke(app, ["report", "-o", str(tmp_path / name)]).exit_code == 0
    assert (tmp_path / name).read_text(encoding="utf-8").startswith(start)


def test_unknown_format_is_a_usage_error(runner: CliRunner) -> None:
    """--format docx: exit 2 naming the formats."""
    result = runner.invoke(app, ["report", "--format", "docx"])
    assert result.exit_code == 2
    assert "--format must be one of markdown, html, pdf, csv (got 'docx')" in result.stderr


@pytest.mark.parametrize("days", ["0", "-3"])
def test_days_below_one_is_a_usage_error(runner: CliRunner, days: str) -> None:
    """--days 0 or negative: exit 2."""
    result = runner.invoke(app, ["report", "--days", days])
    assert result.exit_code == 2
    assert "--days must be a whole number from 1 to 36500" in result.stderr


def test_unwritable_output_is_an_error(runner: CliRunner, tmp_path: Path) -> None:
    """An --output in a missing directory: exit 1 with one line naming the file."""
    target = tmp_path / "missing" / "r.md"
    result = runner.invoke(app, ["report", "-o", str(target)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"backspasm: cannot write {target}")


def test_the_report_answers_every_journal_field_kb_check_allows() -> None:
    """The journal fields `kb check` allows in `answered_by` are exactly the ones the report answers."""
    assert set(JOURNAL_FIELDS) == set(DOCTOR_JOURNAL_FIELDS)


def test_an_old_triage_still_answers_the_questions(runner: CliRunner) -> None:
    """The latest triage is used however old it is, and its date is shown."""
    rows.triage("2022-06-01T10:00:00+01:00", {"location": "neck"}, disposition="self_care")
    text = runner.invoke(app, ["report"]).stdout
    assert "### Self-care" in text and "(Wed 1 Jun 2022 10:00)" in text
    assert "Answered at triage on Wed 1 Jun 2022 unless marked otherwise." in text


def test_html_without_entries_has_no_chart(runner: CliRunner) -> None:
    """An empty journal gives a page without a chart, saying there are no entries."""
    page = parse(runner.invoke(app, ["report", "--format", "html"]).stdout)
    assert "svg" not in page.tags
    assert "No pain entries in these 30 days." in page.text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "r.pdf", "-f", "markdown"], "a .pdf file cannot hold a markdown report; end the name in .md"),
        (["-o", "r.html", "--format", "csv"], "a .html file cannot hold a csv report; end the name in .csv"),
        (["-o", "r.md", "--format", "html"], "a .md file cannot hold a html report"),
    ],
)
def test_an_output_suffix_that_does_not_match_the_format_is_refused(
    runner: CliRunner, tmp_path: Path, args: list[str], message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """report -o r.pdf never writes Markdown into a .pdf: exit 2, one line, no file."""
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["report", *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert not list(tmp_path.glob("r.*"))


def test_chart_spans_the_days_with_data_with_dates_every_few_days() -> None:
    """Four days of data in a 30-day window fill the chart's width, each day dated; the pain scale is named."""
    import re
    from datetime import date

    from backspasm.journal.report_document import pain_chart
    from backspasm.journal.trend import DayPain
    from backspasm.render.report.svg import LEFT, RIGHT, WIDTH, label_days
    from backspasm.render.report.svg import pain_chart as svg_chart

    days = [DayPain(day=date(2024, 3, d), count=2, low=4, high=6, mean=5.0) for d in (7, 8, 9, 10)]
    svg = svg_chart(pain_chart(days, date(2024, 2, 10), date(2024, 3, 10)))
    xs = [float(x) for x in re.findall(r'<circle class="day" cx="([0-9.]+)"', svg)]
    assert xs[0] == LEFT and xs[-1] == WIDTH - RIGHT  # first and last day at the ends, not in a corner
    assert all(f">{d} Mar</text>" in svg for d in (7, 8, 9, 10))
    assert "Pain (0–10)" in svg
    assert label_days(30) == [0, 5, 10, 15, 20, 25, 29]


def test_a_phone_shows_every_other_date_under_the_chart() -> None:
    """A narrow screen leaves out every other date between the first and last, and one crowding the last."""
    from backspasm.render.report.svg import label_days, minor_labels

    assert minor_labels(label_days(21)) == {4, 12}  # 0, 8, 16 and 20 shown
    assert minor_labels(label_days(30)) == {5, 15, 25}  # 0, 10, 20 and 29 shown
    assert minor_labels([0, 4, 8, 10]) == {4, 8}  # 8 is two days from 10: it goes too
    assert minor_labels(label_days(2)) == set()
    assert minor_labels(label_days(1)) == set()


# ---------------------------------------------------------------- wording (issue 24)


def _emergency_journal() -> None:
    """A pain entry ten days ago, then an emergency triage today that says the pain began a day ago."""
    from journal_rows import ago, pain, triage

    result = {
        "disposition": "emergency",
        "reasons": [{"id": "cauda-equina-bladder", "title": "New trouble peeing", "why": "Run `backspasm triage`."}],
        "advice": "Call 999 now. Then run `backspasm log --saw-doctor`.",
        "unanswered": [f"key_{i}" for i in range(45)],
    }
    pain(ago(days=10), 6)
    triage(ago(hours=1), {"days_since_onset": 1, "bladder_bowel_change": True}, "emergency", result, onset_at=ago(1, 1))


def test_the_report_says_each_thing_once(runner: CliRunner) -> None:
    """The report titles the reminder by level, says its lead once, and says "not asked"."""
    _emergency_journal()
    text = runner.invoke(app, ["report"], env={"BACKSPASM_EMERGENCY_NUMBER": "999"}).stdout
    reminder = text.split("## Emergency\n\n")[1].split("\n\n")[0]
    assert reminder == "**Call 999 now, or go to the nearest emergency department.**"
    assert "### Emergency (Sun 10 Mar 2024 17:00)\n\n**Call 999 now" in text
    assert "Emergency: call the emergency number" not in text
    assert "45 triage questions were not asked." in text and "not answered" not in text
    assert "Time to see a doctor" not in text


def test_commands_in_the_report_are_code_not_escaped_backticks(runner: CliRunner) -> None:
    """`backspasm ...` in knowledge-base text reads as code in Markdown, never as \\`...\\`."""
    _emergency_journal()
    text = runner.invoke(app, ["report"]).stdout
    assert "\\`" not in text
    assert "Run `backspasm triage`." in text and "`backspasm log --saw-doctor`" in text


def test_the_html_report_names_the_level_once(runner: CliRunner) -> None:
    """HTML: no "Level: Emergency: call ..." line repeating the headline beside it."""
    _emergency_journal()
    page = runner.invoke(app, ["report", "--format", "html"], env={"BACKSPASM_EMERGENCY_NUMBER": "999"}).stdout
    assert "Level:" not in page and "Emergency: call the emergency number" not in page
    assert "<h2>Emergency</h2>" in page and "45 triage questions were not asked." in page


def test_the_report_gives_one_onset(runner: CliRunner) -> None:
    """An entry 10 days ago and a triage saying a day ago: the report names the triage's onset only."""
    _emergency_journal()
    text = " ".join(runner.invoke(app, ["report"]).stdout.split())
    assert "This episode began on Sat 9 Mar 2024 (as you said at triage on Sun 10 Mar 2024)" in text
    assert "began on Thu 29 Feb 2024" not in text


# ---------------------------------------------------------------- one document (issue 25)


def test_a_new_section_is_one_function_every_format_shows(
    runner: CliRunner, journal: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A section function added to SECTIONS shows in Markdown and HTML, in its place, escaped."""
    from backspasm.journal import report_document as build
    from backspasm.render.report.document import BulletList, Item, Run, Section

    def plan(report: object, wording: object) -> Section:
        return Section("Your flare-up plan", (BulletList((Item((Run("Heat <b>20 min</b>", "strong"),)),)),))

    monkeypatch.setattr(build, "SECTIONS", (*build.SECTIONS[:3], plan, *build.SECTIONS[3:]))
    text = runner.invoke(app, ["report"]).stdout
    assert "## Your flare-up plan\n\n- **Heat \\<b\\>20 min\\</b\\>**\n" in text
    assert text.index("## Answers to the doctor") < text.index("## Your flare-up plan") < text.index("## Triage")
    page = parse(runner.invoke(app, ["report", "--format", "html"]).stdout)
    assert "Your flare-up plan" in page.headings and "Heat <b>20 min</b>" in page.text and "b" not in page.tags


def test_the_writers_import_no_feature() -> None:
    """render/report/ imports only itself, text_safety and the standard library: the document is all it reads."""
    import ast

    allowed = ("backspasm.render.report", "backspasm.text_safety")
    for path in (REPO / "backspasm" / "render" / "report").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("backspasm"):
                assert node.module.startswith(allowed), f"{path.name} imports {node.module}"


def test_an_answer_and_advice_are_said_once(runner: CliRunner) -> None:
    """Pain scores answering two questions show once; a second run with the same advice names the first's day."""
    rows.pains((3, 6), (1, 4))
    rows.triage("2024-03-09T09:00:00+01:00", {"location": "lower_back"}, disposition="self_care")
    rows.triage("2024-03-10T09:00:00+01:00", {"location": "lower_back"}, disposition="self_care")
    text = runner.invoke(app, ["report"]).stdout
    assert text.count("Pain scores:") == 1
    assert text.count("Advice given: Keep moving.") == 1
    assert "Advice given: the same as on Sun 10 Mar 2024." in text
    # The triage most answers came from is named once, above them, not after each.
    assert "Answered at triage on Sun 10 Mar 2024 unless marked otherwise." in text
    assert "(triage, Sun 10 Mar 2024)" not in text
