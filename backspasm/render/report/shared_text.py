"""Words both report formats share: title, disclaimer, level names, numbers as people read them."""

from __future__ import annotations

from collections.abc import Mapping

from backspasm.clock.now import local_day
from backspasm.journal.doctor_report import Report
from backspasm.journal.explain import day_text, moment_text
from backspasm.kb.views import TriageLevel

TITLE = "Back spasm record for the doctor"
DISCLAIMER = (
    "This is a self-reported record kept by the patient with backspasm, a self-care app. "
    "It is not a diagnosis, and the levels in it are self-care guidance, not medical advice."
)
NOT_RECORDED = "not recorded"
TRIAGE_HELP = "Run `backspasm triage` to answer the questions a doctor asks."

Levels = Mapping[str, TriageLevel]


def level_name(level: str, levels: Levels) -> str:
    """A triage level in the knowledge base's words, with what it asks: "Urgent: speak to a doctor today"."""
    words = levels.get(level)
    return words.label if words is not None else level


def level_short(level: str, levels: Levels) -> str:
    """A triage level's name alone ("Urgent"), where its headline follows and says what to do."""
    words = levels.get(level)
    return words.name if words is not None else level


def escalation_title(level: str) -> str:
    """The heading of the journal's reminder, by its level, as the box of `log` and `history` is titled."""
    from backspasm.render.journal import panel_title

    return panel_title(level)


def not_asked(count: int) -> str:
    """How many triage questions the triage did not ask (an emergency stops it; a file may leave some out)."""
    return f"{count} triage question{'s were' if count != 1 else ' was'} not asked."


def covering(report: Report) -> str:
    """The sentence saying when the report was made and what it covers."""
    return (
        f"Made on {moment_text(report.generated_at)}, covering the last {report.days} "
        f"day{'s' if report.days != 1 else ''} ({day_text(report.first_day)} to "
        f"{day_text(local_day(report.generated_at))})."
    )


def minutes(value: float) -> str:
    """Minutes to one decimal, without a trailing .0."""
    return f"{value:.1f}".removesuffix(".0")


def after_label(text: str) -> str:
    """What separates an answer's label from its value: a space after a question, else a colon."""
    if not text:
        return ""
    return " " if text.endswith(("?", ".")) else ": "
