"""A stretch routine's screens as plain lines, for output that is not a terminal (piped, a script, a log).

The same words as render/stretch.py's intro, each stretch's card, the stop and the end, without
rich: headings end with a colon, steps are numbered, as the other piped commands print. On a
terminal (also with --plain) render/stretch.py draws.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from backspasm.clock.show import words
from backspasm.kb.vocab import DISCLAIMER
from backspasm.render.browse_lines import STOP_IF_WORSE
from backspasm.render.notes import PREGNANT
from backspasm.render.text import write_lines

if TYPE_CHECKING:
    from backspasm.kb import views
    from backspasm.render.routines import RoutineView

# The words both forms share (render/stretch.py imports them from here).
KEYS = "Keys: space or p pauses and resumes, q ends the routine."
SEE_TRIAGE = (
    "If the pain is severe, or new symptoms appear (numbness, tingling, weakness, trouble peeing), "
    "run `backspasm triage`."
)
ASKED_AFTER = "After each stretch you are asked whether the pain got worse."
WORSE_TITLE = "Pain got worse: stop this stretch"
WORSE_ENDED = "The routine has ended. Rest in a position that eases the pain; ice or heat may help (backspasm session)."
SEE_RECORD = "See your record: backspasm history"


def about(seconds: float) -> str:
    """A routine's length in words: "about 5 min"."""
    minutes = max(1, round(seconds / 60))
    return f"about {minutes} min"


def how_long(stretch: views.Stretch) -> str:
    """The timing of a stretch in words: hold 10 s, 5 times, 10 s rest between."""
    if stretch.hold_seconds <= 0:
        return f"At your own pace, {stretch.repetitions} time{'s' if stretch.repetitions != 1 else ''}."
    if stretch.repetitions == 1:
        return f"Once, for {words(stretch.hold_seconds)}."
    return (
        f"Hold {words(stretch.hold_seconds)}, {stretch.repetitions} times, "
        f"with {words(stretch.rest_seconds)} rest between."
    )


def pregnancy_line(view: RoutineView, instead: str | None) -> str | None:
    """In pregnancy, what to read first, and a routine with no stretch on the back; None when neither."""
    noted = [s.name for s in view.stretches if s.pregnancy]
    if not (noted or instead):
        return None
    read = f" Read the pregnancy note of: {', '.join(noted)}." if noted else ""
    other = f" Or run 'backspasm stretch {instead}': none on your back." if instead else ""
    return f"{PREGNANT}{read}{other}"


def worse_words(stretch: views.Stretch) -> str:
    """Why the routine stopped at this stretch."""
    return f"Stop doing {stretch.name} for now: a stretch should never make the pain worse."


def end_words(completed: bool, done: int, total: int) -> str:
    """How the routine ended, and that it is in the journal."""
    if completed:
        return f"Routine done: {total} of {total} stretches. Saved in your journal."
    return f"Routine ended early: {done} of {total} stretches done. Saved in your journal."


def intro_lines(
    view: RoutineView, evidence: str, sources: str | None, *, pregnant: bool = False, instead: str | None = None
) -> list[str]:
    """What the routine is, how long it takes, what the evidence says (and its sources), and the keys."""
    routine, stretches = view.routine, view.stretches
    names = ", ".join(s.name for s in stretches)
    warning = pregnancy_line(view, instead) if pregnant else None
    gap = [] if warning else [""]
    lines = [f"{routine.name}:", routine.summary, f"{len(stretches)} stretches, {about(view.seconds)}: {names}."]
    lines += [*gap, evidence]
    if sources:
        lines.append(f"Sources: {sources}")
    if warning:
        lines.append(warning)
    return [*lines, *gap, f"{STOP_IF_WORSE} {ASKED_AFTER}", KEYS, DISCLAIMER]


def stretch_lines(stretch: views.Stretch, number: int, total: int, *, pregnant: bool = False) -> list[str]:
    """One stretch before it starts: what to do, its timing and its cautions (pregnancy first when pregnant)."""
    lines = ["", f"Stretch {number} of {total}: {stretch.name}"]
    lines += [f"  {index}. {step}" for index, step in enumerate(stretch.steps, start=1)]
    lines.append(f"     {how_long(stretch)}")  # under the steps' words, as on screen
    cautions = list(stretch.cautions)
    if stretch.pregnancy and pregnant:
        lines.append(f"   ! {PREGNANT} {stretch.pregnancy}")
    elif stretch.pregnancy:
        cautions.append(stretch.pregnancy)
    return [*lines, *(f"   ! {caution}" for caution in cautions)]


def worse_lines(stretch: views.Stretch) -> list[str]:
    """Stop: the stretch made the pain worse; what to do instead."""
    return [f"{WORSE_TITLE}:", worse_words(stretch), WORSE_ENDED, SEE_TRIAGE, DISCLAIMER]


def end_lines(completed: bool, done: int, total: int) -> list[str]:
    """How the routine ended (completed, or ended with q after `done` of `total`) and that it is in the journal."""
    lines = ["", end_words(completed, done, total)]
    if not completed:
        lines.append(f"If a stretch made the pain worse, stop doing it. {SEE_TRIAGE}")
    return [*lines, SEE_RECORD]


def write_intro(
    view: RoutineView, evidence: str, sources: str | None, *, pregnant: bool = False, instead: str | None = None
) -> None:
    """The intro as plain lines on stdout."""
    write_lines(intro_lines(view, evidence, sources, pregnant=pregnant, instead=instead))


def write_stretch(stretch: views.Stretch, number: int, total: int, *, pregnant: bool = False) -> int:
    """One stretch's card as plain lines; returns 0, as no live panel keeps it in view."""
    write_lines(stretch_lines(stretch, number, total, pregnant=pregnant))
    return 0


def write_worse(stretch: views.Stretch) -> None:
    """The stop as plain lines."""
    write_lines(worse_lines(stretch))


def write_end(completed: bool, done: int, total: int) -> None:
    """The end as plain lines."""
    write_lines(end_lines(completed, done, total))

