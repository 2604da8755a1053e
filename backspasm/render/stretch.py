"""Views of guided stretches: the intro, each stretch's card, the end (the list: render/browse_lines.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from backspasm.kb.vocab import DISCLAIMER
from backspasm.render.browse_lines import STOP_IF_WORSE as STOP_IF_WORSE  # the words both forms share
from backspasm.render.console import make_console
from backspasm.render.notes import PREGNANT
from backspasm.render.stretch_lines import KEYS, SEE_TRIAGE, about  # the words both forms share
from backspasm.render.stretch_lines import how_long as how_long

if TYPE_CHECKING:
    from backspasm.kb import views
    from backspasm.kb.loader import KnowledgeBase
    from backspasm.render.routines import RoutineView


def _source_titles(kb: KnowledgeBase, ids: Sequence[str]) -> str:
    from backspasm.kb.cite import source_names

    return source_names(kb.source_index, ids)


# ---------------------------------------------------------------- before and during the routine


def render_intro(
    kb: KnowledgeBase,
    view: RoutineView,
    evidence: str,
    sources: Sequence[str],
    console: Console | None = None,
    *,
    pregnant: bool = False,
    instead: str | None = None,
) -> None:
    """What the routine is, how long it takes, what the evidence says (and its sources), and the keys.

    When `pregnant`, what to read first, and `instead`: a routine with no stretch on the back.
    """
    console = console or make_console()
    routine, stretches = view.routine, view.stretches
    names = ", ".join(s.name for s in stretches)
    noted = [s.name for s in stretches if s.pregnancy]
    # The pregnancy lines take the blank lines' room, so the intro still fits 24 rows.
    gap = "" if pregnant and (noted or instead) else "\n"
    parts: list[Text] = [
        Text(routine.summary),
        Text(f"{len(stretches)} stretches, {about(view.seconds)}: {names}."),
        Text.assemble((gap, ""), (evidence, "italic")),
    ]
    if sources:
        parts.append(Text(f"Sources: {_source_titles(kb, sources)}", style="dim"))
    if pregnant and (noted or instead):
        read = f" Read the pregnancy note of: {', '.join(noted)}." if noted else ""
        other = f" Or run 'backspasm stretch {instead}': none on your back." if instead else ""
        parts.append(Text(f"{PREGNANT}{read}{other}", style="bold yellow"))
    parts.append(Text(f"{gap}{STOP_IF_WORSE} After each stretch you are asked whether the pain got worse."))
    parts.append(Text(KEYS, style="dim"))
    console.print(Panel(Group(*parts), title=routine.name, title_align="left", expand=False))
    console.print(Text(DISCLAIMER, style="dim italic"))


def render_stretch(
    stretch: views.Stretch, number: int, total: int, console: Console | None = None, *, pregnant: bool = False
) -> int:
    """One stretch before it starts: what to do, its timing and its cautions (pregnancy first when pregnant).

    Returns the lines it took, so the count below it can keep them on screen.
    """
    console = console or make_console()
    title = Text.assemble((f"Stretch {number} of {total}: ", "bold"), (stretch.name, "bold cyan"))
    console.print()
    console.print(title)
    # A grid, so a long step wraps under its own text rather than under its number.
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", min_width=4)
    grid.add_column()
    for index, step in enumerate(stretch.steps, start=1):
        grid.add_row(f"{index}.", step)
    grid.add_row("", Text(how_long(stretch), style="bold"))
    cautions = list(stretch.cautions)
    if stretch.pregnancy and pregnant:
        grid.add_row(Text("!", style="bold yellow"), Text(f"{PREGNANT} {stretch.pregnancy}", style="bold yellow"))
    elif stretch.pregnancy:
        cautions.append(stretch.pregnancy)
    for caution in cautions:
        grid.add_row(Text("!", style="yellow"), Text(caution, style="yellow"))
    console.print(grid)
    return 1 + len(console.render_lines(title, pad=False)) + len(console.render_lines(grid, pad=False))


# ---------------------------------------------------------------- the end


def render_worse(stretch: views.Stretch, console: Console | None = None) -> None:
    """Stop: the stretch made the pain worse; what to do instead."""
    console = console or make_console()
    body = Group(
        Text(f"Stop doing {stretch.name} for now: a stretch should never make the pain worse.", style="bold"),
        Text(
            "The routine has ended. Rest in a position that eases the pain; ice or heat may help (backspasm session)."
        ),
        Text(SEE_TRIAGE),
        Text(DISCLAIMER, style="dim italic"),
    )
    console.print(Panel(body, title="Pain got worse: stop this stretch", title_align="left", border_style="red"))


def render_end(completed: bool, done: int, total: int, console: Console | None = None) -> None:
    """How the routine ended (completed, or ended with q after `done` of `total`) and that it is in the journal."""
    console = console or make_console()
    console.print()
    if completed:
        console.print(Text(f"Routine done: {total} of {total} stretches. Saved in your journal.", style="bold green"))
    else:
        console.print(
            Text(f"Routine ended early: {done} of {total} stretches done. Saved in your journal.", style="bold")
        )
        console.print(Text(f"If a stretch made the pain worse, stop doing it. {SEE_TRIAGE}"))
    console.print(Text("See your record: backspasm history", style="dim"))
