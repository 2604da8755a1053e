"""The browse screens as plain lines, for output that is not a terminal (piped, redirected).

The same words as the rich screens of render/browse.py, render/session.py (protocols) and
render/stretch.py (routines), one line per item: headings end with a colon, items start with
"- ", as `today` prints when piped. No rich here: importing it is a fifth of these commands' run.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from backspasm.kb.cite import source_line, source_names
from backspasm.kb.vocab import DISCLAIMER, LEVELS, STANCE_LABELS, phase_label
from backspasm.render.notes import NECK, PREGNANT
from backspasm.render.text import write_lines as write_lines  # re-exported: the actions write through it

if TYPE_CHECKING:
    from backspasm.emergency.number import EmergencyNumber
    from backspasm.kb import views
    from backspasm.render.routines import RoutineView

Entry = Mapping[str, Any]

# The words the rich screens share with these lines.
REMEDIES_TITLE = "Remedies for back spasms"
NO_REMEDY = "No remedy matches those filters."
REMEDY_DETAILS = "Details: backspasm remedies show ID"
NONE_MINE = "No remedy in your journal yet. Log one: backspasm log --pain N --tried ID"
MINE_INTRO = "After each remedy you logged, your next pain entry within 4 hours (median change; falls of 2 or more)."
MINE_TITLE = "Remedies you tried"
PROTOCOLS_TITLE = "Ice and heat sessions"
PROTOCOLS_START = "Start one: backspasm session ID (safety checks first)"
ROUTINES_TITLE = "Stretch routines"
ROUTINES_RUN = "Run one: backspasm stretch ID (the default: backspasm stretch)"
STOP_IF_WORSE = "A gentle pull is fine. Stop any stretch that makes the pain sharper or worse."


def phases_words(phases: Sequence[str], early_hours: int) -> str:
    """Phases in words: "first 48 hours, after 48 hours"."""
    return ", ".join(phase_label(p, early_hours) for p in phases)


def remedies_lines(
    remedies: Sequence[Entry], early_hours: int, *, pregnant: bool = False, cautions: Sequence[str] = ()
) -> list[str]:
    """The remedies list: name and id, stance, evidence grade, phases and category of each."""
    if not remedies:
        return [NO_REMEDY]
    lines = [f"{REMEDIES_TITLE}:"]
    for r in remedies:
        lines.append(
            f"- {r['name']} ({r['id']}): {STANCE_LABELS[r['stance']]}; evidence: {r['evidence']['grade']}; "
            f"{phases_words(r['phases'], early_hours)}; category: {r['category']}"
        )
    if cautions:
        # What the latest triage's answers rule out (an NSAID on blood thinners), as its result said.
        lines += ["", "From your latest triage:", *(f"- {text}" for text in cautions)]
    noted = [r["id"] for r in remedies if r.get("pregnancy")]
    if pregnant and noted:
        lines += ["", f"{PREGNANT} These have a note for pregnancy (see `remedies show ID`): {', '.join(noted)}."]
    return [*lines, "", REMEDY_DETAILS, DISCLAIMER]


def mine_lines(rows: Sequence[tuple[str, str, str, str]], note: str) -> list[str]:
    """`remedies --mine`: each remedy tried (name, id, evidence grade, the person's own experience), then the note."""
    if not rows:
        lines = [NONE_MINE]
    else:
        lines = [MINE_INTRO, "", f"{MINE_TITLE}:"]
        lines += [f"- {name} ({remedy_id}): evidence: {grade}; yours: {own}" for name, remedy_id, grade, own in rows]
    return [*lines, "", note, DISCLAIMER]


def remedy_lines(
    remedy: Entry,
    sources: Mapping[str, Entry],
    early_hours: int,
    *,
    pregnant: bool = False,
    neck_pain: bool = False,
    cautions: Sequence[str] = (),
) -> list[str]:
    """One remedy in full; pregnancy and neck notes, and the latest triage's cautions against it, come first."""
    lines = [
        remedy["name"],
        f"Stance: {STANCE_LABELS[remedy['stance']]}; Category: {remedy['category']}; "
        f"Phase: {phases_words(remedy['phases'], early_hours)}",
        remedy["summary"],
    ]
    lines += [f"From your latest triage: {caution}" for caution in cautions]
    later: list[str] = []
    for text, applies, marker in ((remedy.get("pregnancy"), pregnant, PREGNANT), (remedy.get("neck"), neck_pain, NECK)):
        if text and applies:
            lines.append(f"{marker} {text}")
        elif text:
            later.append(text)
    if remedy["steps"]:
        lines += ["", "Steps:", *(f"{n}. {step}" for n, step in enumerate(remedy["steps"], start=1))]
    cautions_all = [*remedy["cautions"], *later]
    if cautions_all:
        lines += ["", "Cautions:", *(f"- {text}" for text in cautions_all)]
    evidence = remedy["evidence"]
    lines += ["", f"Evidence: {evidence['grade']} — {evidence['summary']}"]
    if remedy.get("seed_claim"):
        lines.append(f"What some popular articles claim: {remedy['seed_claim']}")
    keys = list(dict.fromkeys([*evidence["sources"], *remedy["sources"]]))
    lines += ["", "Sources:", *(f"- {source_line(sources.get(key))}" for key in keys)]
    return [*lines, "", DISCLAIMER]


def causes_lines(causes: Sequence[Entry], remedies: Mapping[str, Entry], sources: Mapping[str, Entry]) -> list[str]:
    """Each cause with its description, prevention tips, the remedies that help and its sources."""
    lines: list[str] = []
    for cause in causes:
        lines += [f"{cause['name']}:", cause["description"], *(f"- {tip}" for tip in cause["prevention"])]
        if cause["related_remedies"]:
            lines.append(f"Helps: {', '.join(remedies[r]['name'] for r in cause['related_remedies'])}")
        lines += [f"Sources: {source_names(sources, cause['sources'])}", ""]
    return [*lines, DISCLAIMER]


def warning_signs_lines(
    signs: Sequence[Entry],
    levels: Sequence[Entry],
    sources: Mapping[str, Entry],
    number: EmergencyNumber | None = None,
) -> list[str]:
    """Warning signs by level, emergency first, whom to call at the emergency and urgent levels, and the
    sources by number, listed once at the end (as the rich screen)."""
    from backspasm.kb.views import TriageLevel

    numbers: dict[str, int] = {}
    for sign in signs:
        for key in sign["sources"]:
            numbers.setdefault(key, len(numbers) + 1)
    labels = {entry["level"]: TriageLevel(entry).label for entry in levels}
    lines: list[str] = []
    for level in LEVELS:
        group = [s for s in signs if s["level"] == level]
        if not group:
            continue
        lines.append(f"{labels.get(level, level)}:")
        call = number.line_for(level) if number is not None else None
        if call:
            lines.append(call)
        for sign in group:
            cited = ", ".join(str(numbers[key]) for key in sign["sources"])
            lines.append(f"- {sign['title']}: {sign['why']}{f' [{cited}]' if cited else ''}")
        lines.append("")
    if numbers:
        lines += ["Sources:", *(f"{n}. {source_names(sources, [key])}" for key, n in numbers.items()), ""]
    return [*lines, DISCLAIMER]


def _minutes(value: float) -> str:
    return f"{value:g} min"


def protocols_lines(protocols: Sequence[views.Protocol], early_hours: int) -> list[str]:
    """Each protocol with its default and maximum length, minimum rest and best phase."""
    lines = [f"{PROTOCOLS_TITLE}:"]
    for p in protocols:
        best = ", ".join(phase_label(phase, early_hours) for phase in p.phases)
        lines.append(
            f"- {p.name} ({p.id}): {_minutes(p.default_minutes)} by default, at most {_minutes(p.max_minutes)}; "
            f"rest at least {_minutes(p.rest_minutes)}; best: {best}"
        )
    return [*lines, "", PROTOCOLS_START, DISCLAIMER]


def routines_lines(routines: Sequence[RoutineView]) -> list[str]:
    """Each routine (the first is the default): id, where it is for, how long it takes, its stretches."""
    lines = [f"{ROUTINES_TITLE}:"]
    for index, view in enumerate(routines):
        routine = view.routine
        default = ", the default" if index == 0 else ""
        minutes = max(1, round(view.seconds / 60))
        lines.append(
            f"- {routine.name} ({routine.id}{default}): for {', '.join(view.areas)}, about {minutes} min; "
            f"stretches: {', '.join(s.name for s in view.stretches)}"
        )
    return [*lines, "", ROUTINES_RUN, f"{STOP_IF_WORSE} {DISCLAIMER}"]
