"""Show what `backspasm log` did, and whether the journal says it is time to see a doctor.

rich is imported inside the functions that draw: `log --json` does not need it.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from backspasm.clock.show import moment_text
from backspasm.view_values.escalation import TRIAGE_NOW, panel_title

if TYPE_CHECKING:
    from rich.panel import Panel
    from rich.text import Text

    from backspasm.emergency.number import EmergencyNumber
    from backspasm.kb.loader import KnowledgeBase
    from backspasm.render.flareplan import Flare
    from backspasm.view_values.escalation import Verdict
    from backspasm.view_values.journal import LogShown

DISCLAIMER = "Self-care guidance from your own record, not a diagnosis."
QUIET = "Nothing in your journal says it is time to see a doctor. New or worse symptoms: run `backspasm triage`."
# Rich styles by level, most urgent in the strongest colour.
LEVEL_STYLE = {"emergency": "bold white on red", "urgent": "bold red", "soon": "bold yellow"}
# The escalation box's title by level (log, history, the report).
# After new symptoms told to `log`, what comes first (the report says it too).
NEW_SYMPTOMS_LEAD = f"{TRIAGE_NOW}."


def _source_titles(kb: KnowledgeBase, ids: tuple[str, ...]) -> str:
    from backspasm.kb.cite import source_names

    return source_names(kb.source_index, ids)


def escalation_view(kb: KnowledgeBase, verdict: Verdict, number: EmergencyNumber) -> Panel | Text:
    """A panel titled by its level: what to do now, then every rule that fired, why, what the
    journal showed (lines hanging under their label), the sources, and whom to call."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.panel import Panel
    from rich.text import Text

    if not verdict.fired:
        return Text(QUIET, style="dim")
    level = verdict.fired[0].level
    parts: list[Any] = [Text(lead_line(kb, verdict, number), style=LEVEL_STYLE.get(level, "bold"))]
    for rule in verdict.fired:
        parts.append(Text.assemble("\n", (f"{rule.title}. ", "bold"), rule.why))
        if rule.journal:
            parts.append(Padding(Text(f"Your journal: {'; '.join(rule.journal)}."), (0, 0, 0, 2)))
        parts.append(Padding(Text(f"Sources: {_source_titles(kb, rule.sources)}", style="dim"), (0, 0, 0, 2)))
    # Whom to call comes last, after the reasons: the action first and last, as on triage's screen.
    call = number.line_for(level)
    if call:
        parts.append(Text(f"\n{call}", style=LEVEL_STYLE.get(level, "bold")))
    parts.append(Text(f"\n{DISCLAIMER}", style="dim"))
    return Panel(
        Group(*parts), title=panel_title(level), title_align="left", border_style=LEVEL_STYLE.get(level, "")
    )


def escalation_lines(kb: KnowledgeBase, verdict: Verdict, number: EmergencyNumber) -> list[str]:
    """The escalation box as plain lines (output that is not a terminal): its title, what to do now,
    each rule with why, the journal and its sources, whom to call, the disclaimer."""
    from backspasm.render.styled import Styled, dim, styled

    if not verdict.fired:
        return [dim(QUIET)]
    level = verdict.fired[0].level
    loud = LEVEL_STYLE.get(level, "bold")
    lines: list[str] = [Styled((f"{panel_title(level)}:", loud)), Styled((lead_line(kb, verdict, number), loud))]
    for rule in verdict.fired:
        lines.append(styled("- ", (f"{rule.title}.", "bold"), f" {rule.why}"))
        if rule.journal:
            lines.append(f"  Your journal: {'; '.join(rule.journal)}.")
        lines.append(dim(f"  Sources: {_source_titles(kb, rule.sources)}"))
    call = number.line_for(level)
    if call:
        lines.append(Styled((call, loud)))
    return [*lines, dim(DISCLAIMER)]


def lead_line(kb: KnowledgeBase, verdict: Verdict, number: EmergencyNumber) -> str:
    """What to do now, said once: the level's headline, or "run triage now" after new symptoms."""
    lead = verdict.fired[0]
    if lead.from_log:
        return NEW_SYMPTOMS_LEAD
    return f"{number.fill(kb.advice_for(lead.level).headline).rstrip('.')}."


def show_logged(kb: KnowledgeBase, logged: LogShown, number: EmergencyNumber, flare: Flare | None = None) -> None:
    """Print the entry that was added and the escalation verdict; after new symptoms, the verdict
    (which then says to run triage now) comes first.

    The flare-up plan, when it comes first now, goes above the entry: below an emergency or
    urgent verdict, which then comes first (the plan never replaces triage).
    """
    fired = logged.verdict.fired
    reminds = bool(fired) and fired[0].from_log
    first = logged.sends_to_triage and (reminds or any(r.level == "emergency" for r in fired))
    if flare is not None and fired and fired[0].level in ("emergency", "urgent"):
        first = True  # an emergency or urgent verdict comes before the plan
    from backspasm.render.text import to_terminal

    if flare is None or not to_terminal():
        from backspasm.render.screen import show_lines

        # The same parts in the same order, styled on a terminal (no rich), plain lines when piped.
        show_lines(_logged_lines(kb, logged, number, flare, first=first))
        return
    _show_logged_with_plan(kb, logged, number, flare, first=first)


def _show_logged_with_plan(
    kb: KnowledgeBase, logged: LogShown, number: EmergencyNumber, flare: Flare, *, first: bool
) -> None:
    """On a terminal with the flare-up plan shown first: drawn with rich, the plan cut to fit the screen.

    A rare screen (after a pain jump); the rest of `log` draws without rich.
    """
    from rich.text import Text

    from backspasm.render.console import make_console

    console = make_console()
    shown: list[Any] = []  # what is printed, in order; the flare-up plan's place is None
    if logged.sends_to_triage and not first:
        # An entry dated before a later triage: the journal counts it as settled, but the person
        # has just said something is new, so triage comes first all the same.
        shown.append(_triage_now_panel())
    if first:
        shown.append(escalation_view(kb, logged.verdict, number))
    if flare is not None:
        shown.append(None)
    entry = logged.written
    line = Text.assemble("Logged ", (f"pain {entry.pain}/10", "bold"), f" at {moment_text(entry.at)}")
    if entry.tried:
        names = [kb.remedy_index[r].name if r in kb.remedy_index else r for r in entry.tried]
        line.append(f"; tried: {', '.join(names)}")
    if entry.note:
        line.append(f"; note: {entry.note}")
    shown.append(line)
    if not first:
        shown.append(escalation_view(kb, logged.verdict, number))
    if flare is not None:
        from backspasm.render.console import table_width
        from backspasm.render.flareplan import flare_block

        # On a terminal the whole screen fits: the plan gives up its last parts (the warning
        # signs first, which the verdict and `backspasm plan` say too) before anything scrolls off.
        most = None
        if console.is_terminal:
            with console.capture() as captured:
                for part in shown:
                    if part is not None:
                        console.print(part)
            # Two lines for the shell's (the command typed above, the prompt after), one between
            # the plan and what follows.
            most = max(console.height - 3 - captured.get().count("\n"), 3)
        block = flare_block(flare, table_width(console), most)
        shown = [block if part is None else part for part in shown]
    for part in shown:
        console.print(part, soft_wrap=isinstance(part, Text))



def _logged_line(kb: KnowledgeBase, logged: LogShown) -> str:
    from backspasm.render.styled import styled

    entry = logged.written
    rest = f" at {moment_text(entry.at)}"
    if entry.tried:
        names = [kb.remedy_index[r].name if r in kb.remedy_index else r for r in entry.tried]
        rest += f"; tried: {', '.join(names)}"
    if entry.note:
        rest += f"; note: {entry.note}"
    return styled("Logged ", (f"pain {entry.pain}/10", "bold"), rest)


def _logged_lines(
    kb: KnowledgeBase, logged: LogShown, number: EmergencyNumber, flare: Flare | None, *, first: bool
) -> list[str]:
    """What `log` shows, as plain lines in the order of its screen (see show_logged)."""
    parts: list[list[str]] = []
    if logged.sends_to_triage and not first:
        from backspasm.render.styled import Styled

        loud = LEVEL_STYLE["urgent"]
        parts.append([Styled((f"{panel_title('urgent')}:", loud)), Styled((NEW_SYMPTOMS_LEAD, loud))])
    if first:
        parts.append(escalation_lines(kb, logged.verdict, number))
    if flare is not None:
        from backspasm.render.flareplan import flare_plain

        parts.append(flare_plain(flare))
    parts.append([_logged_line(kb, logged)])
    if not first:
        parts.append(escalation_lines(kb, logged.verdict, number))
    lines: list[str] = []
    for part in parts:
        lines += [*part, ""]
    return lines[:-1]


def _triage_now_panel() -> Panel:
    """The box that sends the person to triage after new symptoms."""
    from rich.panel import Panel
    from rich.text import Text

    return Panel(
        Text(NEW_SYMPTOMS_LEAD, style=LEVEL_STYLE["urgent"]),
        title=panel_title("urgent"),
        title_align="left",
        border_style=LEVEL_STYLE["urgent"],
    )


def escalation_json(verdict: Verdict) -> list[dict[str, Any]]:
    """Fired rules as JSON objects, most urgent first."""
    return [
        {
            "id": rule.id,
            "level": rule.level,
            "title": rule.title,
            "why": rule.why,
            "sources": list(rule.sources),
            "journal": list(rule.journal),
        }
        for rule in verdict.fired
    ]


def logged_json(logged: LogShown, number: EmergencyNumber, flare: Flare | None = None) -> str:
    """The --json output of `log`: the entry, the journal facts, the rules that fired, and the
    flare-up plan when it comes first now (else null)."""
    from backspasm.render.flareplan import flare_data

    entry = logged.written
    value = {
        "entry": {
            "id": entry.id,
            "at": entry.at.isoformat(timespec="seconds"),
            "pain": entry.pain,
            "note": entry.note,
            "tried": list(entry.tried),
            "new_symptoms": logged.new_symptoms,
        },
        "facts": logged.verdict.facts,
        "escalation": escalation_json(logged.verdict),
        "flare_plan": flare_data(flare),
        "emergency_number": number.as_data(),
    }
    return json.dumps(value, ensure_ascii=False, indent=2)


def show_visited(kb: KnowledgeBase, visited: LogShown, number: EmergencyNumber) -> None:
    """Print the visit that was recorded and what the journal says now."""
    from backspasm.render.screen import show_lines
    from backspasm.render.styled import styled

    visit = visited.written
    recorded = styled("Recorded: ", ("seen by a doctor", "bold"), f" at {moment_text(visit.at)}")
    if visit.note:
        recorded = styled(*recorded.spans, f"; note: {visit.note}")
    settled = "Triage reminders from before this visit are settled."
    show_lines([recorded, settled, "", *escalation_lines(kb, visited.verdict, number)])


def visited_json(visited: LogShown, number: EmergencyNumber) -> str:
    """The --json output of `log --saw-doctor`: the visit, the journal facts and the rules that still fire."""
    visit = visited.written
    value = {
        "visit": {"id": visit.id, "at": visit.at.isoformat(timespec="seconds"), "note": visit.note},
        "facts": visited.verdict.facts,
        "escalation": escalation_json(visited.verdict),
        "emergency_number": number.as_data(),
    }
    return json.dumps(value, ensure_ascii=False, indent=2)
