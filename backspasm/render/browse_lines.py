"""The browse screens as plain lines, for output that is not a terminal (piped, redirected).

The same words as the rich screens of render/browse.py, render/session.py (protocols) and
render/stretch.py (routines), one line per item: headings end with a colon, items start with
"- ", as `today` prints when piped. No rich here: importing it is a fifth of these commands' run.
On a terminal the same lines are drawn with their styles (render.screen.write_screen): headings
bold, stances and levels in their colours, the small print dim.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from backspasm.kb.cite import source_line, source_names
from backspasm.kb.vocab import DISCLAIMER, LEVELS, STANCE_LABELS, phase_label
from backspasm.render.notes import NECK, PREGNANT
from backspasm.render.styled import Styled, bold, dim, styled
from backspasm.render.styles import LEVEL_STYLES, SMALL_PRINT, STANCE_STYLES
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


def _small(text: str) -> Styled:
    return Styled((text, SMALL_PRINT))


def _heading(text: str) -> Styled:
    return bold(f"{text}:")


def _stance(stance: str) -> tuple[str, str]:
    return (STANCE_LABELS[stance], STANCE_STYLES[stance])


def phases_words(phases: Sequence[str], early_hours: int) -> str:
    """Phases in words: "first 48 hours, after 48 hours"."""
    return ", ".join(phase_label(p, early_hours) for p in phases)


def remedies_lines(
    remedies: Sequence[Entry], early_hours: int, *, pregnant: bool = False, cautions: Sequence[str] = ()
) -> list[str]:
    """The remedies list: name and id, stance, evidence grade, phases and category of each."""
    if not remedies:
        return [NO_REMEDY]
    lines: list[str] = [_heading(REMEDIES_TITLE)]
    for r in remedies:
        lines.append(
            styled(
                "- ",
                (r["name"], "bold"),
                (f" ({r['id']})", "dim"),
                ": ",
                _stance(r["stance"]),
                f"; evidence: {r['evidence']['grade']}; "
                f"{phases_words(r['phases'], early_hours)}; category: {r['category']}",
            )
        )
    if cautions:
        # What the latest triage's answers rule out (an NSAID on blood thinners), as its result said.
        warn = "bold yellow"
        lines += ["", Styled(("From your latest triage:", warn)), *(Styled((f"- {text}", warn)) for text in cautions)]
    noted = [r["id"] for r in remedies if r.get("pregnancy")]
    if pregnant and noted:
        note = f"{PREGNANT} These have a note for pregnancy (see `remedies show ID`): {', '.join(noted)}."
        lines += ["", Styled((note, "bold yellow"))]
    return [*lines, "", REMEDY_DETAILS, _small(DISCLAIMER)]


def mine_lines(rows: Sequence[tuple[str, str, str, str]], note: str) -> list[str]:
    """`remedies --mine`: each remedy tried (name, id, evidence grade, the person's own experience), then the note."""
    if not rows:
        lines: list[str] = [NONE_MINE]
    else:
        lines = [Styled((MINE_INTRO, "italic")), "", _heading(MINE_TITLE)]
        lines += [
            styled("- ", (name, "bold"), (f" ({remedy_id})", "dim"), f": evidence: {grade}; yours: {own}")
            for name, remedy_id, grade, own in rows
        ]
    return [*lines, "", bold(note), _small(DISCLAIMER)]


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
    lines: list[str] = [
        Styled((remedy["name"], "bold underline")),
        styled(
            ("Stance: ", "bold"),
            _stance(remedy["stance"]),
            ("; Category: ", "bold"),
            remedy["category"],
            ("; Phase: ", "bold"),
            phases_words(remedy["phases"], early_hours),
        ),
        remedy["summary"],
    ]
    lines += [Styled((f"From your latest triage: {caution}", "bold yellow")) for caution in cautions]
    later: list[str] = []
    for text, applies, marker in ((remedy.get("pregnancy"), pregnant, PREGNANT), (remedy.get("neck"), neck_pain, NECK)):
        if text and applies:
            lines.append(Styled((f"{marker} {text}", "bold yellow")))
        elif text:
            later.append(text)
    if remedy["steps"]:
        lines += ["", _heading("Steps"), *(f"{n}. {step}" for n, step in enumerate(remedy["steps"], start=1))]
    cautions_all = [*remedy["cautions"], *later]
    if cautions_all:
        lines += ["", _heading("Cautions"), *(f"- {text}" for text in cautions_all)]
    evidence = remedy["evidence"]
    lines += ["", styled(("Evidence: ", "bold"), f"{evidence['grade']} — {evidence['summary']}")]
    if remedy.get("seed_claim"):
        lines.append(styled(("What some popular articles claim: ", "bold"), remedy["seed_claim"]))
    keys = list(dict.fromkeys([*evidence["sources"], *remedy["sources"]]))
    lines += ["", _heading("Sources"), *(f"- {source_line(sources.get(key))}" for key in keys)]
    return [*lines, "", _small(DISCLAIMER)]


def causes_lines(causes: Sequence[Entry], remedies: Mapping[str, Entry], sources: Mapping[str, Entry]) -> list[str]:
    """Each cause with its description, prevention tips, the remedies that help and its sources."""
    lines: list[str] = []
    for cause in causes:
        lines += [_heading(cause["name"]), cause["description"], *(f"- {tip}" for tip in cause["prevention"])]
        if cause["related_remedies"]:
            lines.append(dim(f"Helps: {', '.join(remedies[r]['name'] for r in cause['related_remedies'])}"))
        lines += [dim(f"Sources: {source_names(sources, cause['sources'])}"), ""]
    return [*lines, _small(DISCLAIMER)]


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
        lines.append(Styled((f"{labels.get(level, level)}:", LEVEL_STYLES[level])))
        call = number.line_for(level) if number is not None else None
        if call:
            lines.append(bold(call))
        for sign in group:
            cited = ", ".join(str(numbers[key]) for key in sign["sources"])
            lines.append(
                styled("- ", (sign["title"], "bold"), f": {sign['why']}", (f" [{cited}]" if cited else "", "dim"))
            )
        lines.append("")
    if numbers:
        lines += [_heading("Sources"), *(f"{n}. {source_names(sources, [key])}" for key, n in numbers.items()), ""]
    return [*lines, _small(DISCLAIMER)]


def _minutes(value: float) -> str:
    return f"{value:g} min"


def protocols_lines(protocols: Sequence[views.Protocol], early_hours: int) -> list[str]:
    """Each protocol with its default and maximum length, minimum rest and best phase."""
    lines: list[str] = [_heading(PROTOCOLS_TITLE)]
    for p in protocols:
        best = ", ".join(phase_label(phase, early_hours) for phase in p.phases)
        lines.append(
            styled(
                "- ",
                (p.name, "bold"),
                (f" ({p.id})", "dim"),
                f": {_minutes(p.default_minutes)} by default, at most {_minutes(p.max_minutes)}; "
                f"rest at least {_minutes(p.rest_minutes)}; best: {best}",
            )
        )
    return [*lines, "", PROTOCOLS_START, _small(DISCLAIMER)]


def routines_lines(routines: Sequence[RoutineView]) -> list[str]:
    """Each routine (the first is the default): id, where it is for, how long it takes, its stretches."""
    lines: list[str] = [_heading(ROUTINES_TITLE)]
    for index, view in enumerate(routines):
        routine = view.routine
        default = ", the default" if index == 0 else ""
        minutes = max(1, round(view.seconds / 60))
        lines.append(
            styled(
                "- ",
                (routine.name, "bold"),
                (f" ({routine.id}{default})", "dim"),
                f": for {', '.join(view.areas)}, about {minutes} min; "
                f"stretches: {', '.join(s.name for s in view.stretches)}",
            )
        )
    return [*lines, "", ROUTINES_RUN, _small(f"{STOP_IF_WORSE} {DISCLAIMER}")]
