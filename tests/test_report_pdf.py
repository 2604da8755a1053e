"""`backspasm report --format pdf`: the text a PDF reader finds, its pages, the fonts, and its errors."""

from __future__ import annotations

import io
import re
import stat
import sys
from pathlib import Path
from typing import Any

import journal_rows as rows
import pytest
import report_journals
from conftest import REPO
from pypdf import PdfReader
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.kb.loader import load_active

# Greek and Cyrillic: DejaVu Sans has both, the PDF's built-in fonts neither.
NOTE = "Σπασμός στη μέση μετά το σήκωμα — спина болит"
NAME = "Ελένη Ιванова"


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """The report is made at a fixed local time."""
    monkeypatch.setenv("BACKSPASM_NOW", rows.NOW_TEXT)


def three_weeks() -> None:
    """Three weeks of an episode: two entries a day, a note in Greek and Cyrillic, a triage, sessions."""
    for day in range(21):
        rows.pain(rows.ago(days=day, hours=10), min(10, 3 + day // 3), NOTE if day == 4 else None, ["superficial-heat"])
        rows.pain(rows.ago(days=day, hours=2), min(10, 2 + day // 3))
    rows.triage(rows.ago(days=20), {"location": "lower_back", "days_since_onset": 0}, disposition="self_care")
    rows.session("ice", rows.ago(days=19), 900, 900)
    rows.stretch("lower-back", rows.ago(days=5), "completed", ["pelvic-tilt", "knee-to-chest"])


def a_year() -> None:
    """A year of entries, most days, with a note a week and a triage a month."""
    for day in range(365):
        if day % 7 != 3:
            rows.pain(rows.ago(days=day, hours=3), 2 + (day * 7) % 8, f"Week {day // 7} note" if day % 7 == 0 else None)
    for month in range(12):
        rows.triage(rows.ago(days=30 * month + 1), {"location": "lower_back"}, disposition="self_care")


def pdf_of(runner: CliRunner, tmp_path: Path, *args: str) -> PdfReader:
    """Run `report -o report.pdf ARGS`; the PDF it wrote, read."""
    target = tmp_path / "report.pdf"
    result = runner.invoke(app, ["report", "-o", str(target), *args])
    assert result.exit_code == 0, result.stderr
    return PdfReader(target)


def text_of(pdf: PdfReader) -> str:
    """All the PDF's text, its lines joined by spaces."""
    return " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)


def test_the_pdf_has_the_reports_sections_and_text(runner: CliRunner, tmp_path: Path) -> None:
    """-o report.pdf writes a PDF with the title, the doctor's questions, the chart's title, tables and sources."""
    three_weeks()
    pdf = pdf_of(runner, tmp_path)
    text = text_of(pdf)
    for heading in [
        "Back spasm record for the doctor",
        "Answers to the doctor's usual questions",
        "In the patient's own words",
        "Triage",
        "Pain trend",
        "Daily pain from",
        "What you tried and how your pain changed",
        "Ice, heat and stretches: ice pack 1 time; lower back stretches 1 time.",  # said with what was tried
    ]:
        assert heading in text
    assert "Made on Sun 10 Mar 2024 18:00, covering the last 30 days" in text
    assert "not a diagnosis" in text
    # Each day's figures under its place on the chart, oldest first, in place of the table of days.
    figures = re.search(r"Day( \d+){21} Highest( \d+){21} Average( [\d.]+){21} Lowest( \d+){21} Entries( \d+){21}",
                        text)
    assert figures is not None and figures.group(0).startswith("Day 19 20 21")
    assert figures.group(0).split(" Average ")[1].split()[20] == "2.5"  # Sun 10 Mar: 3 and 2
    assert "Day Entries Lowest Highest Average" not in text
    assert pdf.metadata is not None and pdf.metadata.title == "Back spasm record for the doctor"


def test_non_latin_text_prints_in_the_bundled_font(runner: CliRunner, tmp_path: Path) -> None:
    """A Greek and Cyrillic note and name come out as text in the embedded DejaVu Sans."""
    three_weeks()
    pdf = pdf_of(runner, tmp_path, "--name", NAME)
    text = text_of(pdf)
    assert NOTE in text and NAME in text
    fonts = {
        str(font["/BaseFont"])
        for page in pdf.pages
        for font in page["/Resources"]["/Font"].values()  # type: ignore[union-attr]
    }
    assert fonts and all("DejaVuSans" in font for font in fonts)


def test_markup_in_a_note_prints_as_text(runner: CliRunner, tmp_path: Path) -> None:
    """A note holding reportlab's markup (<b>, <a href>, &) prints as written and makes no link."""
    note = "Bent <b>over</b> & <a href='javascript:alert(1)'>lifted</a> <font size=40>x</font>"
    rows.pain(rows.ago(days=1), 6, note)
    pdf = pdf_of(runner, tmp_path)
    # On paper a note is one line, cut after a whole word: the markup in it printed as written.
    assert "Bent <b>over</b> & <a href='javascript:alert(1)'>lifted</a> <font…" in text_of(pdf)
    links = [
        str(annotation.get_object().get("/A", {}).get("/URI", ""))
        for page in pdf.pages
        for annotation in page.get("/Annots", None) or []
    ]
    assert not [uri for uri in links if not uri.startswith("https://")]


def test_three_weeks_fit_on_two_pages_numbered(runner: CliRunner, tmp_path: Path) -> None:
    """Three weeks of entries make one or two A4 pages, each saying "Page n of N"."""
    three_weeks()
    pdf = pdf_of(runner, tmp_path)
    assert 1 <= len(pdf.pages) <= 2
    for number, page in enumerate(pdf.pages, start=1):
        assert f"Page {number} of {len(pdf.pages)}" in page.extract_text()


def test_three_weeks_fit_on_one_a4_page(runner: CliRunner, tmp_path: Path) -> None:
    """Three weeks of entries with a triage, a session and a stretch print on one A4 page."""
    three_weeks()
    pdf = pdf_of(runner, tmp_path)
    assert len(pdf.pages) == 1 and "Page 1 of 1" in pdf.pages[0].extract_text()


def full_episode(runner: CliRunner, folder: Path) -> None:
    """The three-week episode of report_journals, its commands run at their own times."""

    def invoke(*args: str, now: str) -> None:
        result = runner.invoke(app, list(args), env={"BACKSPASM_NOW": now})
        assert result.exit_code == 0, result.stderr

    report_journals.episode(invoke, folder)


# What a printed page never leaves out of the full episode: the course (onset, days, triage
# results, the check-ins' baseline and latest with the change), the most urgent triage's warning
# and its reason, what was tried and how pain changed, and the flare-up plan's essentials.
NEVER_CUT = [
    "Course of this episode",
    "Began: Sun 18 Feb 2024 11:00 (as told at triage), 21 days ago; still going on.",
    "Triage: Soon on Mon 19 Feb 2024; Self-care on Mon 26 Feb 2024; Self-care on Mon 4 Mar 2024.",
    "first 7.7 on Mon 19 Feb 2024, latest 3.3 on Mon 4 Mar 2024 (3 check-ins): down 57%",
    "Soon (Mon 19 Feb 2024 11:00): Book an appointment with a GP or physiotherapist.",
    "STarT Back questions show a medium or high risk of pain that lasts.",
    "Keele STarT Back Screening Tool",
    "Advice given: Book a GP or a physiotherapist",
    "What you tried and how your pain changed",
    "Heat pad, heat wrap or hot water bottle 9 median down 1; down by 2+ in 2 of 9",
    "Anti-inflammatory painkillers (NSAIDs such as ibuprofen or naproxen) 4 median down 1",
    "Paracetamol (acetaminophen) on its own 4",
    "Pelvic tilt 4",
    "Staying active and short walks 9",
    "not evidence",
    "Flare-up plan",
    "What to do first: Heat pad on my lower back, 20 minutes",
    "Painkillers that suit me:",
    "Who to call: GP: 01234 567890; Physio: 01234 987654",
    "Not a normal spasm: New trouble peeing or with your bowels; Numbness around your genitals",
    "A high temperature; Chest pain, breathlessness, or pain spreading to your jaw or arm",
    "Answers to the doctor's usual questions",
    "Have you had any new trouble peeing or with your bowels? No",  # "new": since this back pain started
]


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_a_full_episode_prints_on_one_page(runner: CliRunner, tmp_path: Path, paper: str) -> None:
    """Three weeks of daily entries, notes, triages, check-ins and a plan print on one page of A4 and of Letter."""
    full_episode(runner, tmp_path)
    pdf = pdf_of(runner, tmp_path, "--paper", paper, "--name", "Alex Smith")
    assert len(pdf.pages) == 1 and "Page 1 of 1" in pdf.pages[0].extract_text()
    text = text_of(pdf)
    for part in NEVER_CUT:
        assert part in text
    # What the page leaves out is said, with the commands that show it.
    left_out = "17 more notes in these 30 days: run backspasm history --limit 0; each day's figures: backspasm report."
    assert left_out in text
    # No internal name reaches the page: no seed or data file, no path of the repository.
    assert not re.search(r"\b[\w-]+\.(txt|ya?ml|json|py)\b|backspasm/|data/", text)


def test_the_screen_report_keeps_what_paper_leaves_out(runner: CliRunner, tmp_path: Path) -> None:
    """The Markdown report of the full episode keeps its ten latest notes, every run, the day table and sessions."""
    full_episode(runner, tmp_path)
    text = " ".join(runner.invoke(app, ["report"]).stdout.split())
    for note in report_journals.EPISODE_NOTES[-10:]:
        assert note in text
    assert "Self-care (Mon 26 Feb 2024 11:00)" in text and "Most back spasms settle within days" in text
    assert "| Day | Entries | Lowest | Highest | Average |" in text and "Ice and heat sessions" in text
    assert "more notes" not in text and "Ice, heat and stretches" not in text


def printed_notes(text: str) -> list[str]:
    """The notes a printed page quotes (each "day time (pain N): note")."""
    return re.findall(r"\w{3} \d+ \w{3} \d{4} \d\d:\d\d \(pain \d+\): ", text)


@pytest.mark.parametrize(("noted", "more"), [(3, None), (5, "1 more note in these 30 days"), (21, "17 more notes")])
def test_the_count_of_notes_left_out_is_exact(runner: CliRunner, tmp_path: Path, noted: int, more: str | None) -> None:
    """On paper at most four notes are quoted, and the line under them counts exactly the others of the window."""
    for day in range(noted):
        rows.pain(rows.ago(days=day, hours=2), 5, f"Note of day {day}: stiff after sitting")
        rows.pain(rows.ago(days=day, hours=1), 4)  # an entry without a note is no note
    rows.pain(rows.ago(days=40), 6, "Outside the window")
    text = text_of(pdf_of(runner, tmp_path))
    quoted = printed_notes(text)
    assert len(quoted) == min(noted, 4)
    if more is None:
        assert "more note" not in text
    else:
        assert more in text and f"{noted - len(quoted)} more note" in text
    # The first and the latest are among them, oldest first.
    assert text.index(f"Note of day {noted - 1}:") < text.index("Note of day 0:")


def test_the_telling_notes_are_those_of_triage_days(runner: CliRunner, tmp_path: Path) -> None:
    """The full episode's printed notes are those of its three triage days and the latest, oldest first."""
    full_episode(runner, tmp_path)
    text = text_of(pdf_of(runner, tmp_path))
    notes = report_journals.EPISODE_NOTES
    for day in (0, 7, 14, 20):  # the triages ran on days 0, 7 and 14; day 20 is the latest
        assert notes[day][:40] in text
    assert notes[0][:40] in text and notes[1][:30] not in text
    assert len(printed_notes(text)) == 4


def test_an_emergency_keeps_its_box_and_escalation_whole_on_page_one(runner: CliRunner, tmp_path: Path) -> None:
    """A full episode that ends in an emergency triage prints the red box and the emergency run in full on page 1."""
    full_episode(runner, tmp_path)
    result = {
        "disposition": "emergency",
        "reasons": [
            {
                "id": "cauda-equina-bladder",
                "title": "New trouble peeing or with your bowels",
                "why": "This can mean pressure on the nerves at the base of the spine; it needs care today.",
                "sources": ["nhs-back-pain"],
            }
        ],
        "advice": "Call 999 now.",
        "unanswered": [],
    }
    rows.triage(rows.ago(hours=1), {"bladder_bowel_change": True}, "emergency", result)
    for paper in ("a4", "letter"):
        pdf = pdf_of(runner, tmp_path, "--paper", paper, "--force")
        first = " ".join(pdf.pages[0].extract_text().split())
        box = first.index("Emergency")
        assert box < first.index("Course of this episode") < first.index("Answers to the doctor's usual questions")
        assert "New trouble peeing or with your bowels." in first
        assert "This can mean pressure on the nerves at the base of the spine; it needs care today." in first
        assert "Emergency (Sun 10 Mar 2024 17:00)" in first and "Advice given: Call 999 now." in first
        assert "Not a normal spasm:" in text_of(pdf)  # the plan's warning signs, wherever the page breaks


def test_questions_too_long_for_two_columns_stay_one(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Doctor's questions whose columns would be too tall for a page are set in one column, every one printed."""
    from backspasm.render.report import pdf

    three_weeks()
    questions = {q.text for q in load_active().doctor_questions}

    def lefts() -> set[int]:
        """Where each doctor's question starts across the page, in points."""
        found: dict[str, int] = {}

        def seen(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
            line = text.strip()  # a long question wraps: its first line starts it
            for question in questions:
                if len(line) > 10 and question.startswith(line) and question not in found:
                    found[question] = round(float(tm[4]) * float(cm[0]) + float(cm[4]))

        for page in pdf_of(runner, tmp_path, "--force").pages:
            page.extract_text(visitor_text=seen)
        assert set(found) == questions  # every one printed
        return set(found.values())

    assert len(lefts()) == 2  # side by side
    monkeypatch.setattr(pdf, "TALLEST_COLUMNS", 10.0)
    assert len(lefts()) == 1  # one under the other


def test_a_calmer_run_leaves_its_usual_advice_off_paper(runner: CliRunner, tmp_path: Path) -> None:
    """On paper the most urgent run gives its advice; a calmer run that found nothing gives only its finding."""
    full_episode(runner, tmp_path)
    usual = "Most back spasms settle within days"
    assert usual in " ".join(runner.invoke(app, ["report"]).stdout.split())  # the Markdown report keeps it
    text = text_of(pdf_of(runner, tmp_path))
    assert usual not in text
    # The calmer runs of one level, one line: their level, when, what they found and did not ask.
    calmer = "Self-care (Mon 4 Mar 2024 11:00 and Mon 26 Feb 2024 11:00): no warning sign found; 34 questions"
    assert calmer + " not asked each." in text
    assert "Advice given: Book a GP or a physiotherapist" in text


def test_a_year_stays_short_and_newest_first(runner: CliRunner, tmp_path: Path) -> None:
    """A year's journal over --days 365 is at most 6 pages: the last 28 days, the newest day first, said so."""
    a_year()
    pdf = pdf_of(runner, tmp_path, "--days", "365")
    assert len(pdf.pages) <= 6
    text = text_of(pdf)
    assert "The last 28 days of the 365, the newest first in the table" in text
    trend = text.split("Pain trend")[1]
    assert trend.index("Sun 10 Mar 2024") < trend.index("Sat 9 Mar 2024") < trend.index("Fri 8 Mar 2024")
    assert "Sun 11 Feb 2024" not in trend  # 29 days ago: outside the last four weeks
    assert "Triage (12 runs, most urgent first)" in text and "9 earlier or calmer runs not shown here." in text
    # The runs left out are all in the window's history, not only its newest 50 rows.
    assert "Run backspasm history --days 365 --limit 0 to see every run." in " ".join(text.split())


def test_letter_paper(runner: CliRunner, tmp_path: Path) -> None:
    """--paper letter makes US Letter pages (612 x 792 points); the default is A4 (595 x 842)."""
    rows.pain(rows.ago(days=1), 5)  # the page size needs no long journal (three weeks took 1.3 s a PDF)
    letter = pdf_of(runner, tmp_path, "--paper", "letter").pages[0].mediabox
    assert (round(float(letter.width)), round(float(letter.height))) == (612, 792)
    a4 = pdf_of(runner, tmp_path, "--force").pages[0].mediabox
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)


def test_the_escalation_comes_first(runner: CliRunner, tmp_path: Path) -> None:
    """An emergency triage in the window: its box is the first section, before the doctor's questions."""
    rows.pain(rows.ago(days=2), 7)
    result = {
        "disposition": "emergency",
        "reasons": [{"id": "cauda-equina-bladder", "title": "New trouble peeing", "why": "Call now."}],
        "advice": "Call 999 now.",
        "unanswered": [],
    }
    rows.triage(rows.ago(hours=1), {"bladder_bowel_change": True}, "emergency", result)
    text = text_of(pdf_of(runner, tmp_path))
    assert text.index("Emergency") < text.index("Answers to the doctor's usual questions")


def test_an_empty_journal_still_makes_a_pdf(runner: CliRunner, tmp_path: Path) -> None:
    """Nothing stored: a one-page PDF saying there are no entries."""
    pdf = pdf_of(runner, tmp_path, "--format", "pdf")
    assert len(pdf.pages) == 1
    assert "No pain entries in these 30 days." in text_of(pdf)


def test_the_pdf_file_is_private_and_replaced_only_with_force(runner: CliRunner, tmp_path: Path) -> None:
    """The PDF is 0600; an existing file is refused without --force (exit 2) and replaced with it."""
    target = tmp_path / "report.pdf"
    target.write_text("old")
    refused = runner.invoke(app, ["report", "-o", str(target)])
    assert refused.exit_code == 2 and "already exists; add --force" in refused.stderr
    assert target.read_text() == "old"
    assert runner.invoke(app, ["report", "-o", str(target), "--force"]).exit_code == 0
    assert target.read_bytes().startswith(b"%PDF-")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_symlink_is_never_followed(runner: CliRunner, tmp_path: Path) -> None:
    """-o naming a symbolic link is refused, even with --force, and its target is untouched."""
    victim = tmp_path / "victim.txt"
    victim.write_text("keep")
    (tmp_path / "link.pdf").symlink_to(victim)
    result = runner.invoke(app, ["report", "-o", str(tmp_path / "link.pdf"), "--force"])
    assert result.exit_code == 2 and "symbolic link" in result.stderr
    assert victim.read_text() == "keep"


def test_pdf_goes_to_a_pipe_but_not_to_a_terminal(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """--format pdf on a pipe writes the PDF's bytes; on a terminal it is refused, naming -o."""
    piped = runner.invoke(app, ["report", "--format", "pdf"])
    assert piped.exit_code == 0 and piped.stdout_bytes.startswith(b"%PDF-")
    assert len(PdfReader(io.BytesIO(piped.stdout_bytes)).pages) == 1
    from backspasm.journal import actions

    monkeypatch.setattr(actions, "_stdout_is_terminal", lambda: True)
    shown = runner.invoke(app, ["report", "--format", "pdf"])
    assert shown.exit_code == 2
    message = "backspasm: a PDF cannot be shown in a terminal; write a file with -o report.pdf"
    assert shown.stderr.strip() == message


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--paper", "a5", "-f", "pdf"], "--paper must be one of a4, letter (got 'a5')"),
        (["--paper", "letter"], "--paper sets a PDF's page size; add --format pdf"),
        (["--name", "x", "-f", "csv"], "--name goes on the report's title; the csv journal has no title"),
        (["--name", "x" * 101, "-f", "pdf"], "--name must be at most 100 characters (got 101)"),
        (["-o", "r.pdf", "-f", "html"], "a .pdf file cannot hold a html report; end the name in .html or .htm"),
        (["-o", "r.md", "-f", "pdf"], "a .md file cannot hold a pdf report; end the name in .pdf"),
        (["-o", "r.txt", "-f", "pdf"], "a .txt file cannot hold a pdf report; end the name in .pdf"),
    ],
)
def test_pdf_options_errors(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    """A wrong --paper, --name or suffix: exit 2, one line naming what is allowed, no file."""
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["report", *args])
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not list(tmp_path.iterdir())


def test_the_name_shows_in_every_format(runner: CliRunner) -> None:
    """--name puts the name, escaped, under the title of the Markdown and HTML reports too."""
    markdown = runner.invoke(app, ["report", "--name", "Ann <b>*Lee*</b>"]).stdout
    assert "Patient: **Ann \\<b\\>\\*Lee\\*\\</b\\>**" in markdown
    html = runner.invoke(app, ["report", "-f", "html", "--name", "Ann <b>Lee</b>"]).stdout
    assert "<strong>Ann &lt;b&gt;Lee&lt;/b&gt;</strong>" in html


def test_the_fonts_and_their_licence_are_in_the_package() -> None:
    """DejaVu Sans regular and bold, and its licence, sit inside the package (so a wheel carries them)."""
    fonts = REPO / "backspasm" / "fonts"
    assert {p.name for p in fonts.iterdir()} >= {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "LICENSE"}
    assert "Bitstream Vera" in (fonts / "LICENSE").read_text(encoding="utf-8")


def test_reportlab_is_imported_only_for_a_pdf() -> None:
    """Markdown and HTML reports never import reportlab; the PDF writer does."""
    import subprocess

    code = (
        "import sys; from backspasm.render.report import render, html, markdown; "
        "print('reportlab' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


@pytest.mark.slow  # the installed command in a real pseudo-terminal
def test_a_terminal_gets_one_line_naming_o(tmp_path: Path) -> None:
    """`report --format pdf` in an 80x24 terminal: one whole line (no word broken), exit 2, no PDF bytes."""
    from screen import Terminal, broken_on_screen

    terminal = Terminal(tmp_path, "report", "--format", "pdf")
    assert terminal.finish() == 2
    lines = [line for line in terminal.lines() if line.strip()]
    assert lines == ["backspasm: a PDF cannot be shown in a terminal; write a file with -o report.pdf"]
    assert broken_on_screen(lines) == [] and "%PDF" not in terminal.raw
