"""Rich views of triage: the intro, the STarT Back intro and the not-finished screen.

The result itself is drawn from render/triage_lines.py, without rich.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from backspasm.kb.conditions import reads_unsure
from backspasm.kb.vocab import DISCLAIMER
from backspasm.render.console import make_console
from backspasm.view_values.titles import short_title

if TYPE_CHECKING:
    from backspasm.emergency.number import EmergencyNumber
    from backspasm.kb.loader import KnowledgeBase
    from backspasm.kb.views import StartBack
    from backspasm.view_values.triage import Assessment, Reason


def render_intro(number: EmergencyNumber, console: Console | None = None) -> None:
    """What the questionnaire is, before the first question."""
    console = console or make_console()
    console.print(Text("backspasm triage: a few questions on whether your back pain needs a doctor", style="bold"))
    console.print(Text(f"{DISCLAIMER} If you feel very unwell, call {number.text} now{number.aside}.", style="dim"))
    console.print()


def render_startback_intro(tool: StartBack, console: Console | None = None) -> None:
    """The STarT Back heading, Keele's instruction and the copyright line, shown before the items."""
    console = console or make_console()
    console.print()
    console.print(Text(tool.title, style="bold"))
    console.print(Text(tool.intro))
    console.print(Text(tool.copyright, style="dim"))


def _bullets(items: Sequence[Text | str], console: Console, marker: str = "-", style: str = "") -> None:
    for item in items:
        grid = Table.grid(padding=0)
        grid.add_column(width=4)
        grid.add_column()
        grid.add_row(Text(f"  {marker} ", style=style), item if isinstance(item, Text) else Text(item, style=style))
        console.print(grid)


def _sentence_title(reason: Reason) -> str:
    """A reason's short title to sit inside a sentence, saying "not sure" when it fired on an unsure answer."""
    title = short_title(reason.title)
    if reason.unsure and not title.startswith("not sure"):
        return f"not sure about {title}"
    return title


def so_far_text(so_far: Assessment) -> str | None:
    """What answers already mean when triage stopped early, or None when they reach no level yet."""
    if so_far.disposition == "self_care" or not so_far.reasons:
        return None
    reasons = "; ".join(_sentence_title(reason) for reason in so_far.reasons)
    headline = so_far.headline[:1].lower() + so_far.headline[1:]
    return f"From what you answered so far ({reasons}), {headline}."


def render_not_finished(
    kb: KnowledgeBase, number: EmergencyNumber, console: Console | None = None, *, so_far: Assessment | None = None
) -> None:
    """After Ctrl-C: what the answers so far already mean, no result, and the emergency warning signs.

    The signs are short lines, one each, and what to do about them and what the answers mean
    are said again last, so that at 80x24 they are still on screen when the program has ended.
    """
    console = console or make_console()
    console.print()
    said = so_far_text(so_far) if so_far is not None else None
    if said is not None:
        console.print(Panel(Text(said, style="bold"), border_style="red"))
    console.print(
        Panel(
            Text("Triage was not finished, so there is no result and no all-clear.", style="bold"),
            border_style="yellow",
        )
    )
    signs = [sign.title for sign in kb.warning_signs if sign.level == "emergency" and not reads_unsure(sign.when)]
    console.print(
        Text(
            f"Call {number.text} now{number.aside}, or go to the nearest emergency department, if you have:",
            style="bold",
        )
    )
    _bullets(signs, console)
    console.print(Text(f"Any of these? Call {number.text} now.", style="bold"))
    console.print(Text("Run backspasm triage again when you can to finish the questions.", style="dim"))
    if said is not None:
        console.print(Panel(Text(said, style="bold"), border_style="red"))
