"""The plan for today on screen, as plain lines, as JSON, and in short above the welcome.

On a terminal the plain lines are drawn with their styles by render.screen: no rich on any path.
"""

from __future__ import annotations

import sys
import textwrap
from typing import TYPE_CHECKING, Any

from backspasm.clock.now import stamp
from backspasm.text_safety import dumps, visible

if TYPE_CHECKING:
    from backspasm.emergency.number import EmergencyNumber
    from backspasm.render.flareplan import Flare
    from backspasm.view_values.today import DayPlan

# Styles of what comes first by level, most urgent in the strongest colour (as `log` shows them).
LEVEL_STYLE = {"emergency": "bold white on red", "urgent": "bold red", "soon": "bold yellow"}
# The welcome is plain text: its lines wrap here, never inside a word.
SHORT_WIDTH = 78


def as_data(plan: DayPlan, number: EmergencyNumber, flare: Flare | None = None) -> dict[str, Any]:
    """The plan as JSON-ready data: phase, day, escalation, next steps with ids and times, done today.

    `flare_plan` is the person's flare-up plan when it comes first now, else null.
    """
    from backspasm.render.flareplan import flare_data

    first = plan.first
    return {
        "now": stamp(plan.now),
        "phase": plan.phase,
        "phase_name": plan.phase_name,
        "episode": (
            {"day": plan.day, "began": stamp(plan.began), "from": plan.began_from} if plan.began is not None else None
        ),
        # True after an emergency or urgent triage (or new symptoms) not yet seen to: no plan today.
        "on_hold": bool(plan.first is not None and plan.first.on_hold),
        "where": list(plan.where),
        "pain_today": {"scores": list(plan.pain_scores), "trend": plan.trend},
        "escalation": (
            {
                "level": first.level,
                "heading": plan.first_heading,
                "advice": first.advice,
                "call": number.line_for(first.level),
                "rules": [
                    {
                        "id": rule.id,
                        "level": rule.level,
                        "title": rule.title,
                        "why": rule.why,
                        "journal": list(rule.journal),
                        "sources": list(rule.sources),
                    }
                    for rule in first.fired
                ],
            }
            if first is not None
            else None
        ),
        "next_steps": [
            {
                "kind": step.kind,
                "id": step.id,
                "text": step.text,
                "state": step.state,
                "from": stamp(step.start_from) if step.start_from is not None else None,
                "rest_minutes": step.rest_minutes,
                "grade": step.grade,
                "note": step.note,
            }
            for step in plan.steps
        ],
        "done_today": [
            {
                "kind": item.kind,
                "id": item.id,
                "text": item.text,
                "at": stamp(item.at) if item.at is not None else None,
                "minutes": item.minutes,
                "status": item.status,
                "scores": list(item.scores),
            }
            for item in plan.done
        ],
        "cautions": [{"id": caution.id, "text": caution.text} for caution in plan.cautions],
        "check_in_due": plan.check_in_due,
        "disclaimer": plan.disclaimer,
        "emergency_number": number.as_data(),
        "flare_plan": flare_data(flare),
    }


def print_json(plan: DayPlan, number: EmergencyNumber, flare: Flare | None = None) -> None:
    """Write the plan as JSON on stdout."""
    sys.stdout.write(dumps(as_data(plan, number, flare)) + "\n")


def plain_lines(plan: DayPlan, number: EmergencyNumber, flare: Flare | None = None) -> list[str]:
    """One line per item, for screen readers and scripts: headings end with a colon, items start with '- '.

    The flare-up plan, when it comes first now, goes above the day's plan, after what to do now
    when that leads (an emergency or urgent result is never put below it). Each line carries the
    style the terminal draws it in (render.styled): piped, only its words are written.
    """
    from backspasm.render.styled import Styled, bold, dim, styled

    first: list[str] = []
    if plan.first is not None:
        loud = LEVEL_STYLE.get(plan.first.level, "bold")
        first += ["", Styled((f"{plan.first_heading}:", loud)), styled("- ", (plan.first.advice, loud))]
        first += [f"- {rule.line()}" for rule in plan.first.fired]
        if plan.first.on_hold:
            first.append(styled("- ", (plan.first.on_hold, "bold")))
        call = number.line_for(plan.first.level)
        if call:
            first.append(styled("- ", (call, "bold")))
        if plan.first.hint:
            first.append(styled("- ", (plan.first.hint, "dim")))
    title = bold(plan.title)
    # What to do now before anything else (emergency, urgent, new symptoms); else where you are first.
    lines = [title, *first[1:], "", *plan.where] if leads(plan) else [title, *plan.where, *first]
    if flare is not None:
        from backspasm.render.flareplan import flare_plain

        shown = [*flare_plain(flare), ""]
        lines = [*lines[: len(first)], "", *shown, *lines[len(first) + 1 :]] if leads(plan) else [*shown, *lines]
    if plan.steps:
        lines += ["", bold(f"{plan.steps_heading}:")]
        for step in plan.steps:
            lines.append(f"- {step.text}")
            if step.note:
                lines.append(f"- {step.note}")
    if plan.phase is not None:
        lines += ["", bold(f"{plan.done_heading}:")]
        lines += [f"- {item.text}" for item in plan.done] or [styled("- ", (plan.done_nothing, "dim"))]
    if plan.cautions:
        lines += ["", bold(f"{plan.cautions_heading}:"), *(styled("- ", (c.text, "bold")) for c in plan.cautions)]
    lines += ["", dim(plan.disclaimer)]
    return [visible_styled(line) for line in lines]


def visible_styled(line: str) -> str:
    """The line with control characters made visible, keeping the style of each part."""
    from backspasm.render.styled import Styled, spans_of

    return Styled(*((visible(text), style) for text, style in spans_of(line)))


def print_plain(plan: DayPlan, number: EmergencyNumber, flare: Flare | None = None) -> None:
    """Write the plan as plain lines on stdout."""
    sys.stdout.write("\n".join(plain_lines(plan, number, flare)) + "\n")


def leads(plan: DayPlan) -> bool:
    """True when what to do now comes before where the episode stands (emergency, urgent, new symptoms)."""
    return plan.first is not None and bool(plan.first.on_hold)


def short_lines(plan: DayPlan, width: int = SHORT_WIDTH) -> list[str]:
    """The plan in a few lines for the welcome: where you are, what comes first, the next session."""
    parts = [" ".join(plan.where)]
    if plan.first is not None:
        parts.insert(0 if leads(plan) else 1, f"{plan.first_heading}: {plan.first.advice}")
    session = next((step for step in plan.steps if step.kind == "session"), None)
    if session is not None:
        parts.append(session.text)
    parts.append(plan.more)
    lines: list[str] = []
    for part in parts:
        lines += textwrap.wrap(visible(part), width, break_long_words=False, break_on_hyphens=False)
    return [*lines, ""]


def draw(plan: DayPlan, number: EmergencyNumber, flare: Flare | None = None) -> None:
    """Draw the plan on the terminal without rich: the piped lines' words, styled, wrapped in whole
    words; an ordinary day fits 80x24, a longer one (an escalation, cautions) opens the pager at the top."""
    from backspasm.render.screen import write_screen

    # As rich drew it: 23 lines and the prompt after fill 24 rows (the command above scrolls away),
    # so an ordinary day starts no pager; a longer one pages from the top.
    write_screen(plain_lines(plan, number, flare), room=1)
