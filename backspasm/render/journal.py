"""Show what `backspasm log` did, and whether the journal says it is time to see a doctor.

rich is imported inside the functions that draw: `log --json` does not need it.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from backspasm.journal.explain import explain_all, moment_text

if TYPE_CHECKING:
    from rich.panel import Panel
    from rich.text import Text

    from backspasm.emergency.number import EmergencyNumber
    from backspasm.journal.entries import Logged, Visited
    from backspasm.journal.escalation import Assessment
    from backspasm.kb.loader import KnowledgeBase

DISCLAIMER = "Self-care guidance from your own record, not a diagnosis."
QUIET = "Nothing in your journal says it is time to see a doctor. New or worse symptoms: run `backspasm triage`."
# Rich styles by level, most urgent in the strongest colour.
LEVEL_STYLE = {"emergency": "bold white on red", "urgent": "bold red", "soon": "bold yellow"}


def _source_titles(kb: KnowledgeBase, ids: list[str]) -> str:
    from backspasm.kb.cite import source_names

    return source_names(kb.source_index, ids)


def escalation_view(kb: KnowledgeBase, assessment: Assessment, number: EmergencyNumber) -> Panel | Text:
    """A panel naming every rule that fired, why, what the journal showed, the number to call, and the sources."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    if not assessment.fired:
        return Text(QUIET, style="dim")
    level = assessment.fired[0].level
    advice = kb.advice_for(level)
    parts: list[Any] = [
        Text(number.fill(advice.headline), style=LEVEL_STYLE.get(level, "bold")),
        Text(number.fill(advice.advice)),
    ]
    for rule in assessment.fired:
        parts.append(Text.assemble("\n", (f"{rule.title}. ", "bold"), rule.why))
        shown = explain_all(assessment.facts, rule.reads)
        if shown:
            parts.append(Text(f"  Your journal: {'; '.join(shown)}."))
        parts.append(Text(f"  Sources: {_source_titles(kb, rule.sources)}", style="dim"))
    # Whom to call comes last, after the reasons: the action first and last, as on triage's screen.
    call = number.line_for(level)
    if call:
        parts.append(Text(f"\n{call}", style=LEVEL_STYLE.get(level, "bold")))
    parts.append(Text(f"\n{DISCLAIMER}", style="dim"))
    return Panel(
        Group(*parts), title="Time to see a doctor", title_align="left", border_style=LEVEL_STYLE.get(level, "")
    )


def show_logged(kb: KnowledgeBase, logged: Logged, number: EmergencyNumber) -> None:
    """Print the entry that was added and the escalation verdict."""
    from rich.text import Text

    from backspasm.render.console import make_console

    console = make_console()
    entry = logged.entry
    line = Text.assemble("Logged ", (f"pain {entry.pain}/10", "bold"), f" at {moment_text(entry.at)}")
    if entry.tried:
        names = [kb.remedy_index[r].name if r in kb.remedy_index else r for r in entry.tried]
        line.append(f"; tried: {', '.join(names)}")
    if entry.note:
        line.append(f"; note: {entry.note}")
    console.print(line)
    console.print(escalation_view(kb, logged.assessment, number))


def escalation_json(assessment: Assessment) -> list[dict[str, Any]]:
    """Fired rules as JSON objects, most urgent first."""
    return [
        {
            "id": rule.id,
            "level": rule.level,
            "title": rule.title,
            "why": rule.why,
            "sources": rule.sources,
            "journal": explain_all(assessment.facts, rule.reads),
        }
        for rule in assessment.fired
    ]


def logged_json(logged: Logged, number: EmergencyNumber) -> str:
    """The --json output of `log`: the entry, the journal facts and the rules that fired."""
    entry = logged.entry
    value = {
        "entry": {
            "id": entry.id,
            "at": entry.at.isoformat(timespec="seconds"),
            "pain": entry.pain,
            "note": entry.note,
            "tried": entry.tried,
        },
        "facts": logged.assessment.facts.values,
        "escalation": escalation_json(logged.assessment),
        "emergency_number": number.as_data(),
    }
    return json.dumps(value, ensure_ascii=False, indent=2)


def show_visited(kb: KnowledgeBase, visited: Visited, number: EmergencyNumber) -> None:
    """Print the visit that was recorded and what the journal says now."""
    from rich.text import Text

    from backspasm.render.console import make_console

    console = make_console()
    visit = visited.visit
    line = Text.assemble("Recorded: ", ("seen by a doctor", "bold"), f" at {moment_text(visit.at)}")
    if visit.note:
        line.append(f"; note: {visit.note}")
    console.print(line)
    console.print("Triage reminders from before this visit are settled.")
    console.print(escalation_view(kb, visited.assessment, number))


def visited_json(visited: Visited, number: EmergencyNumber) -> str:
    """The --json output of `log --saw-doctor`: the visit, the journal facts and the rules that still fire."""
    visit = visited.visit
    value = {
        "visit": {"id": visit.id, "at": visit.at.isoformat(timespec="seconds"), "note": visit.note},
        "facts": visited.assessment.facts.values,
        "escalation": escalation_json(visited.assessment),
        "emergency_number": number.as_data(),
    }
    return json.dumps(value, ensure_ascii=False, indent=2)
