"""The plan for today on screen, as plain lines, as JSON, and in short above the welcome.

rich is imported only by `draw`: `today --json` and `today --plain` never load it.
"""

from __future__ import annotations

import sys
import textwrap
from typing import TYPE_CHECKING, Any

from backspasm.clock.now import stamp
from backspasm.text_safety import dumps, visible

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from backspasm.emergency.number import EmergencyNumber
    from backspasm.render.flareplan import Flare
    from backspasm.view_values.today import DayPlan

# Styles of the escalation box by level, most urgent in the strongest colour (as `log` shows them).
LEVEL_STYLE = {"emergency": "bold white on red", "urgent": "bold red", "soon": "bold yellow"}
BORDER_STYLE = {"emergency": "red", "urgent": "red", "soon": "yellow"}
BULLET = "• "
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
    when that leads (an emergency or urgent result is never put below it).
    """
    first: list[str] = []
    if plan.first is not None:
        first += ["", f"{plan.first_heading}:", f"- {plan.first.advice}"]
        first += [f"- {rule.line()}" for rule in plan.first.fired]
        if plan.first.on_hold:
            first.append(f"- {plan.first.on_hold}")
        call = number.line_for(plan.first.level)
        if call:
            first.append(f"- {call}")
        if plan.first.hint:
            first.append(f"- {plan.first.hint}")
    # What to do now before anything else (emergency, urgent, new symptoms); else where you are first.
    lines = [plan.title, *first[1:], "", *plan.where] if leads(plan) else [plan.title, *plan.where, *first]
    if flare is not None:
        from backspasm.render.flareplan import flare_plain

        shown = [*flare_plain(flare), ""]
        lines = [*lines[: len(first)], "", *shown, *lines[len(first) + 1 :]] if leads(plan) else [*shown, *lines]
    if plan.steps:
        lines += ["", f"{plan.steps_heading}:"]
        for step in plan.steps:
            lines.append(f"- {step.text}")
            if step.note:
                lines.append(f"- {step.note}")
    if plan.phase is not None:
        lines += ["", f"{plan.done_heading}:"]
        lines += [f"- {item.text}" for item in plan.done] or [f"- {plan.done_nothing}"]
    if plan.cautions:
        lines += ["", f"{plan.cautions_heading}:", *(f"- {c.text}" for c in plan.cautions)]
    lines += ["", plan.disclaimer]
    return [visible(line) for line in lines]


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


def wrapped(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """Text wrapped at word boundaries to the width, its later lines hanging under the first word."""
    return textwrap.wrap(
        text, width, initial_indent=first, subsequent_indent=rest, break_long_words=False, break_on_hyphens=False
    ) or [first.rstrip()]


def draw(plan: DayPlan, number: EmergencyNumber, flare: Flare | None = None) -> None:
    """Draw the plan on the terminal; it fits 80x24 for an ordinary day (a longer one opens the pager at the top)."""
    from backspasm.render.console import make_console, paged

    console = make_console()
    with console.capture() as captured:
        _draw(console, plan, number, flare)
    screen = captured.get()
    if screen.count("\n") < console.height or not console.is_terminal:
        console.file.write(screen)
        return
    # A long day (an escalation, cautions) goes through the pager, which opens at the top: what
    # comes first is never scrolled away. An ordinary day fits and starts no pager at all.
    with paged(console) as pager:
        _draw(pager, plan, number, flare)


def _draw(console: Console, plan: DayPlan, number: EmergencyNumber, flare: Flare | None = None) -> None:
    # Words are wrapped here (textwrap), not by rich tables: the screen is a few styled lines,
    # which keeps drawing on the light path. Only the escalation box needs a rich Panel.
    from rich.text import Text

    from backspasm.render.console import table_width

    width = table_width(console)
    out = Text()

    def add(text: str, style: str = "", first: str = "", rest: str = "") -> None:
        for line in wrapped(text, width, first, rest):
            out.append(f"{line}\n", style)

    def bullet(text: str, style: str = "") -> None:
        add(text, style, BULLET, " " * len(BULLET))

    def heading(text: str) -> None:
        out.append("\n")
        add(text, "bold")

    if flare is not None and not leads(plan):  # the flare-up plan first, above the day's plan
        from backspasm.render.flareplan import flare_block

        out.append_text(flare_block(flare, width))
        out.append("\n")
    add(plan.title, "bold")
    if leads(plan):  # what to do now comes first, before where the episode stands
        console.print(out, end="", soft_wrap=True)  # wrapped above
        console.print(_first_box(plan, width, number))
        out = Text()
        if flare is not None:  # below an emergency or urgent result, never above it
            from backspasm.render.flareplan import flare_block

            out.append_text(flare_block(flare, width))
            out.append("\n")
    for line in plan.where:
        add(line)
    if plan.first is not None and not leads(plan):
        console.print(out, end="", soft_wrap=True)  # wrapped above
        console.print(_first_box(plan, width, number))
        out = Text()
    if plan.steps:
        heading(plan.steps_heading)
        for step in plan.steps:
            bullet(step.text)
            if step.note:  # under its step, without a bullet of its own
                add(step.note, "", "  ", "  ")
    if plan.phase is not None:
        heading(plan.done_heading)
        for item in plan.done:
            bullet(item.text)
        if not plan.done:
            bullet(plan.done_nothing, "dim")
    if plan.cautions:
        heading(plan.cautions_heading)
        for caution in plan.cautions:
            bullet(caution.text, "bold")
    out.append("\n")
    add(plan.disclaimer, "dim")
    console.print(out, end="", soft_wrap=True)  # wrapped above


def _first_box(plan: DayPlan, width: int, number: EmergencyNumber) -> RenderableType:
    """What comes first, boxed in the colour of its level."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    first = plan.first
    assert first is not None
    parts: list[RenderableType] = [Text(first.advice, style=LEVEL_STYLE.get(first.level, "bold"))]
    parts += [Text(rule.line()) for rule in first.fired]
    if first.on_hold:
        parts.append(Text(first.on_hold, style="bold"))
    call = number.line_for(first.level)
    if call:  # whom to call, after the reasons: the action first and last
        parts.append(Text(call, style="bold"))
    if first.hint:
        parts.append(Text(first.hint, style="dim"))
    return Panel(
        Group(*parts),
        title=plan.first_heading,
        title_align="left",
        border_style=BORDER_STYLE.get(first.level, ""),
        width=width,
        padding=(0, 1),
    )
