"""Reading grades of the journal's escalation boxes, measured as printed (issue 19, "Readability").

Each box is drawn by `backspasm log` at 80 columns for a journal that fires it; its words are read
as a person sees them (borders gone, the wrapped lines joined), leaving out the source lines, as
the triage text is measured. Goal: grade 6 or below for an emergency, 7 or below otherwise.
The figures are in docs/readability-journal.md (`python tests/test_journal_readability.py` prints them).
"""

from __future__ import annotations

from collections.abc import Callable

import journal_rows as rows
import pytest
from readability import grade
from terminal import on_a_terminal
from typer.testing import CliRunner

from backspasm.cli import app

LIMITS = {"emergency": 6.0, "urgent": 7.0, "soon": 7.0}


def box_prose(out: str) -> str:
    """The words of the first verdict in the output (under its level's heading), without its source lines."""
    lines = out.splitlines()
    top = next(i for i, line in enumerate(lines) if line in ("Emergency:", "Urgent:", "See a doctor soon:"))
    kept: list[str] = []
    in_sources = False
    for line in lines[top + 1 :]:
        if not line.strip():  # the verdict ends at a blank line, or with the output
            break
        if line.startswith("  Sources:"):
            in_sources = True
        elif not line.startswith("  ") or line.startswith("  Your journal:"):  # a source line's wraps hang
            in_sources = False
        if not in_sources:
            kept.append(line.strip().removeprefix("- "))  # a rule's bullet is no word
    return " ".join(kept)


def _triage(level: str) -> Callable[[], None]:
    def write() -> None:
        result = {"disposition": level, "reasons": [{"title": "New trouble peeing"}], "advice": "", "unanswered": []}
        rows.triage(rows.ago(hours=1), {"days_since_onset": 1}, level, result, onset_at=rows.ago(days=1, hours=1))

    return write


# A journal that fires each box, the level its box is drawn at, and the log command that draws it.
CASES: dict[str, tuple[str, Callable[[], None], list[str]]] = {
    "triage-said-emergency": ("emergency", _triage("emergency"), ["--no-new-symptoms"]),
    "triage-said-urgent": ("urgent", _triage("urgent"), ["--no-new-symptoms"]),
    "new-symptoms": ("urgent", lambda: None, ["--new-symptoms"]),
    "triage-said-soon": ("soon", _triage("soon"), ["--no-new-symptoms"]),
    "pain-worse": ("soon", lambda: rows.pains((4, 8), (3, 3), (2, 3), (1, 6)), ["--no-new-symptoms"]),
    "persisting-not-improving": ("soon", lambda: rows.pains((3, 6), (2, 6), (1, 6)), ["--no-new-symptoms"]),
    "long-episode": ("soon", lambda: rows.pains((29, 7), (20, 6), (10, 6), (1, 6)), ["--no-new-symptoms"]),
    "very-long-episode": (
        "soon",
        lambda: rows.pains((43, 8), (30, 6), (20, 5), (10, 4), (1, 6)),
        ["--no-new-symptoms"],
    ),
    "severe-after-a-week": ("soon", lambda: rows.pains((8, 9), (1, 8)), ["--no-new-symptoms"]),
    "recurrent-episodes": ("soon", lambda: rows.pains((200, 5), (100, 5)), ["--no-new-symptoms"]),
}


def printed(runner: CliRunner, rule: str) -> tuple[str, str]:
    # The box as a terminal draws it (on_a_terminal, set by the test).
    """The level and the box's words, as `log` prints them for a journal that fires `rule`."""
    level, write, args = CASES[rule]
    write()
    pain = "8" if rule == "severe-after-a-week" else "6"
    env = {"BACKSPASM_WIDTH": "80", "BACKSPASM_NOW": rows.NOW_TEXT, "BACKSPASM_EMERGENCY_NUMBER": "999"}
    result = runner.invoke(app, ["log", "--pain", pain, *args, "--json"], env=env)
    assert rule in [r["id"] for r in __import__("json").loads(result.stdout)["escalation"]], rule
    rows.with_conn("DELETE FROM pain_entries WHERE id = (SELECT MAX(id) FROM pain_entries)")
    out = runner.invoke(app, ["log", "--pain", pain, *args], env=env).stdout
    return level, box_prose(out)


@pytest.mark.parametrize("rule", list(CASES))
def test_each_box_reads_at_its_grade_as_printed(runner: CliRunner, rule: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The box a rule draws reads at grade 6 or below for an emergency, 7 or below otherwise."""
    on_a_terminal(monkeypatch)
    level, prose = printed(runner, rule)
    assert prose, rule
    assert grade([prose]) <= LIMITS[level], (rule, round(grade([prose]), 1), prose)


def test_the_measure_leaves_out_only_the_sources() -> None:
    """box_prose keeps the lead, the rule and the journal lines, and drops the source lines and their wraps."""
    out = "\n".join(
        [
            "Logged pain 6/10",
            "",
            "Emergency:",
            "Call 999 now.",
            "- Rule. Why.",
            "  Your journal",
            "  goes on.",
            "  Sources: A;",
            "  B and C",
            "Self-care.",
        ]
    )
    assert box_prose(out) == "Call 999 now. Rule. Why. Your journal goes on. Self-care."


def main() -> None:
    """Print each box's grade as printed (the figures in docs/readability-journal.md)."""
    import os
    import tempfile

    for rule in CASES:
        with tempfile.TemporaryDirectory() as home:
            os.environ["BACKSPASM_HOME"] = home
            os.environ["NO_COLOR"] = "1"
            level, prose = printed(CliRunner(), rule)
            print(f"| {rule} | {level} | {grade([prose]):.1f} | {LIMITS[level]:.0f} |")


if __name__ == "__main__":
    main()
