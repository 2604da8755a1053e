"""Rich views of triage: the intro, the STarT Back intro and the not-finished screen.

The commands draw the result from render/triage_lines.py (no rich); render_assessment and
render_emergency, the former rich result screens, are no longer called by any command.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from backspasm.kb.conditions import reads_unsure
from backspasm.kb.vocab import DISCLAIMER, STANCE_LABELS, phase_label
from backspasm.render.console import LEVEL_STYLES, make_console, table_width
from backspasm.render.triage_lines import RISK_MEANINGS as RISK_MEANINGS  # the words both forms share
from backspasm.view_values.titles import short_title

if TYPE_CHECKING:
    from backspasm.emergency.number import EmergencyNumber
    from backspasm.kb.loader import KnowledgeBase
    from backspasm.kb.views import StartBack
    from backspasm.view_values.triage import Assessment, Reason, SelfCare, StartBackScore, Watch



def _heading(console: Console, text: str) -> None:
    console.print()
    console.print(Text(text, style="bold underline"))


def _sources(keys: Sequence[str], kb: KnowledgeBase) -> str:
    from backspasm.kb.cite import source_names

    return source_names(kb.source_index, keys)


def _or_general(number: EmergencyNumber | None) -> EmergencyNumber:
    from backspasm.emergency.number import EmergencyNumber

    return number if number is not None else EmergencyNumber()


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


def _indented(text: Text | str, console: Console, indent: int = 4) -> None:
    # Padding keeps wrapped lines under the first one, so long reasons stay readable.
    console.print(Padding(text if isinstance(text, Text) else Text(text), (0, 0, 0, indent), expand=False))


def _marked_title(reason: Reason) -> str:
    """A reason's title, saying "Not sure" when it fired on an unsure answer (unless the title already does)."""
    unsure = bool(reason.unsure) and not reason.title.lower().startswith("not sure")
    return f"Not sure: {reason.title}" if unsure else reason.title


def _reasons(reasons: Sequence[Reason], kb: KnowledgeBase, console: Console) -> None:
    for reason in reasons:
        title = _marked_title(reason)
        _bullets([Text.assemble((title, "bold"), (f"  [{kb.level(reason.level).shout}]", "dim"))], console)
        _indented(reason.why, console)
        _indented(Text(f"Sources: {_sources(reason.sources, kb)}", style="dim"), console)


def _bullets(items: Sequence[Text | str], console: Console, marker: str = "-", style: str = "") -> None:
    for item in items:
        grid = Table.grid(padding=0)
        grid.add_column(width=4)
        grid.add_column()
        grid.add_row(Text(f"  {marker} ", style=style), item if isinstance(item, Text) else Text(item, style=style))
        console.print(grid)


def _watch_for(groups: Sequence[Watch], console: Console) -> None:
    """Each group's action, then its signs one short line each."""
    for group in groups:
        console.print(Text(f"{group.then}:", style="bold"))
        _bullets(group.signs, console)


def _cautions(cautions: Sequence[str], console: Console) -> None:
    """What the answers rule out (an NSAID in pregnancy), marked, under what to do now."""
    if cautions:
        console.print()
        _bullets(cautions, console, marker="!", style="bold yellow")


def _last_word(assessment: Assessment, kb: KnowledgeBase, console: Console) -> None:
    """The level and what would change it, last, so that at 80x24 it is on screen when the program ends."""
    level = assessment.disposition
    lines = [Text(f"{kb.level(level).shout}: {assessment.headline}", style=LEVEL_STYLES[level])]
    if assessment.changes:
        lines.append(Text(assessment.changes))
    console.print(Panel(Group(*lines), border_style=LEVEL_STYLES[level].split()[-1]))


def render_startback(score: StartBackScore, tool: StartBack, console: Console) -> None:
    """The STarT Back risk group with its scores and the Keele notice."""
    _heading(console, tool.title)
    console.print(
        Text.assemble(
            "Risk group: ",
            (score.risk, "bold"),
            f" (total {score.total} of {len(tool.items)}, ",
            f"psychosocial {score.psychosocial} of {sum(1 for item in tool.items if item.psychosocial)})",
        )
    )
    console.print(Text(RISK_MEANINGS.get(score.risk, "")))
    console.print(Text("Share this with your GP or physiotherapist: it is a risk group, not a diagnosis."))
    console.print(Text(tool.copyright, style="dim"))


def render_self_care(kb: KnowledgeBase, care: SelfCare, console: Console) -> None:
    """Remedies that suit the current phase and the answers, with their evidence grade, and where the timer is."""
    remedies, phase = care.remedies, care.phase
    when = phase_label(phase, kb.phase_boundary.early_hours) if phase else "the first days and after"
    _heading(console, f"What can help now ({when})")
    table = Table(show_edge=False, pad_edge=False, box=None)
    table.add_column("Remedy (id)")
    table.add_column("Evidence", min_width=12)
    table.add_column("Stance", min_width=11)
    for remedy in remedies:
        name = Text.assemble((remedy.name, "bold"), " ", (f"({remedy.id})", "dim"))
        table.add_row(name, remedy.evidence.grade, STANCE_LABELS[remedy.stance])
    console.print(table, width=table_width(console))
    if care.neck:
        for remedy in (r for r in remedies if r.neck):
            console.print(Text(f"{remedy.name} ({remedy.id}): {remedy.neck}", style="bold yellow"))
    console.print(Text("Details of each: backspasm remedies show ID.  A timed ice or heat session: backspasm session"))


def render_emergency(
    assessment: Assessment, kb: KnowledgeBase, console: Console | None = None, number: EmergencyNumber | None = None
) -> None:
    """The emergency screen: the action first and last, what to tell them between, sources after the reasons.

    At 80x24 the start scrolls away on a long result, so the action, with the number and its
    region, is repeated as the last thing.
    """
    console = console or make_console()
    console.print(
        Panel(
            Group(Text(kb.level("emergency").shout, style="bold red"), Text(assessment.headline, style="bold")),
            title="Triage result",
            border_style="red",
        )
    )
    _heading(console, "What to do now")
    console.print(Text(assessment.advice))
    if assessment.tell_them:
        _heading(console, "What to tell them")
        console.print(Text(assessment.tell_them))
        _bullets([_marked_title(reason) for reason in assessment.reasons], console)
    if assessment.watch_for:
        _heading(console, "While you wait")
        _watch_for(assessment.watch_for, console)
    _heading(console, "Why")
    for reason in assessment.reasons:
        _bullets([Text(reason.title, style="bold")], console)
        _indented(reason.why, console)
    sources = list(dict.fromkeys(key for reason in assessment.reasons for key in reason.sources))
    console.print(Text(f"Sources: {_sources(sources, kb)}", style="dim"))
    console.print(Text(DISCLAIMER, style="dim italic"))
    again = Text(f"{kb.level('emergency').shout}: {assessment.headline}", style="bold")
    call = _or_general(number).line_for("emergency")
    console.print(Panel(Group(again, Text(call)) if call else again, border_style="red"))


def render_assessment(
    assessment: Assessment,
    kb: KnowledgeBase,
    care: SelfCare | None,
    *,
    interactive: bool = False,
    console: Console | None = None,
    number: EmergencyNumber | None = None,
) -> None:
    """The result screen: level panel, reasons, what to do now, self-care (`care`), what to watch for, the level again.

    At 80x24 the start scrolls away, so the screen ends with what to watch for and a box with
    the level and what would change it.
    """
    console = console or make_console()
    if assessment.disposition == "emergency":
        render_emergency(assessment, kb, console, number)
        return
    level = assessment.disposition
    console.print(
        Panel(
            Group(Text(kb.level(level).shout, style=LEVEL_STYLES[level]), Text(assessment.headline, style="bold")),
            title="Triage result",
            border_style=LEVEL_STYLES[level].split()[-1],
        )
    )
    if not assessment.complete:
        render_not_asked(assessment, console)
    if assessment.reasons:
        _heading(console, "Why")
        _reasons(assessment.reasons, kb, console)
    _heading(console, "What to do now")
    console.print(Text(assessment.advice))
    _cautions(assessment.cautions, console)
    call = _or_general(number).line_for(level)
    if call:
        console.print(Text(call, style="bold"))
    if level == "self_care" and care is not None:
        render_self_care(kb, care, console)
    if assessment.startback is not None:
        render_startback(assessment.startback, kb.startback, console)
    if assessment.unanswered and not interactive:
        # An unanswered question is never a "no": say plainly what the result could not check.
        count = len(assessment.unanswered)
        console.print()
        console.print(
            Text(
                f"{count} answer{'s were' if count != 1 else ' was'} not given, so triage could not check them: "
                f"{', '.join(assessment.unanswered)}.",
                style="yellow",
            )
        )
    if assessment.watch_for:
        _heading(console, "What to watch for")
        _watch_for(assessment.watch_for, console)
    console.print(Text(DISCLAIMER, style="dim italic"))
    _last_word(assessment, kb, console)


NOT_ASKED_SHOWN = 6


def render_not_asked(assessment: Assessment, console: Console) -> None:
    """Say that some emergency warning signs were not asked, so this is not an all-clear."""
    titles = list(assessment.not_asked)
    shown = titles[:NOT_ASKED_SHOWN]
    more = len(titles) - len(shown)
    console.print()
    console.print(
        Text(
            "Not every warning sign was asked, so this is not an all-clear. Not asked about:",
            style="bold yellow",
        )
    )
    _bullets([*shown, *([f"... and {more} more"] if more > 0 else [])], console)
    console.print(Text("Run `backspasm triage` to answer every question.", style="yellow"))


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
