"""A triage result as plain lines, for output that is not a terminal (`triage --answers FILE` piped).

The same words as render/triage.py's result and emergency screens, in the same order, without
rich: headings end with a colon, items start with "- ", as the other piped commands print. The
safety words stay: the level first and last, what to do now, whom to call, what was not asked.
Each line carries the style a terminal draws it in (render.styled): piped, only its words are
written; on a terminal `draw` writes them through render.screen, also without rich.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from backspasm.kb.vocab import DISCLAIMER, STANCE_LABELS, phase_label
from backspasm.render.styled import Styled, bold, styled
from backspasm.render.styles import LEVEL_STYLES, SMALL_PRINT

if TYPE_CHECKING:
    from backspasm.emergency.number import EmergencyNumber
    from backspasm.kb.loader import KnowledgeBase
    from backspasm.kb.views import StartBack
    from backspasm.view_values.triage import Assessment, Reason, SelfCare, StartBackScore, Watch

# The words both forms share (render/triage.py imports them from here).
RISK_MEANINGS = {
    "low": "Low risk: self-management with advice and reassurance usually works well.",
    "medium": "Medium risk: physiotherapy is often offered to help you recover.",
    "high": "High risk: physiotherapy with extra support for worries and mood is often offered.",
}
RESULT_TITLE = "Triage result"
NOT_ALL_CLEAR = "Not every warning sign was asked, so this is not an all-clear. Not asked about:"
ANSWER_ALL = "Run `backspasm triage` to answer every question."
SHARE_STARTBACK = "Share this with your GP or physiotherapist: it is a risk group, not a diagnosis."
SELF_CARE_NEXT = "Details of each: backspasm remedies show ID.  A timed ice or heat session: backspasm session"
NOT_ASKED_SHOWN = 6
# The level's colours as the rich screen showed them; an emergency in white on red, as `today` shows it.
LEVEL_STYLE = {**LEVEL_STYLES, "emergency": "bold white on red"}
WARN = "bold yellow"


def sources_text(keys: Sequence[str], kb: KnowledgeBase) -> str:
    """The sources' titles, as every triage screen names them."""
    from backspasm.kb.cite import source_names

    return source_names(kb.source_index, keys)


def marked_title(reason: Reason) -> str:
    """A reason's title, saying "Not sure" when it fired on an unsure answer (unless the title already does)."""
    unsure = bool(reason.unsure) and not reason.title.lower().startswith("not sure")
    return f"Not sure: {reason.title}" if unsure else reason.title


def unanswered_text(unanswered: Sequence[str]) -> str:
    """The answers a result could not check: an unanswered question is never a "no"."""
    count = len(unanswered)
    return (
        f"{count} answer{'s were' if count != 1 else ' was'} not given, so triage could not check them: "
        f"{', '.join(unanswered)}."
    )


def not_asked_items(assessment: Assessment) -> list[str]:
    """The emergency warning signs that were not asked, the first few and how many more."""
    titles = list(assessment.not_asked)
    shown = titles[:NOT_ASKED_SHOWN]
    more = len(titles) - len(shown)
    return [*shown, *([f"... and {more} more"] if more > 0 else [])]


def _or_general(number: EmergencyNumber | None) -> EmergencyNumber:
    from backspasm.emergency.number import EmergencyNumber

    return number if number is not None else EmergencyNumber()


def _heading(text: str, style: str = "bold") -> list[str]:
    return ["", Styled((f"{text}:", style))]


def _watch_for(groups: Sequence[Watch]) -> list[str]:
    return [line for group in groups for line in (bold(f"{group.then}:"), *(f"- {sign}" for sign in group.signs))]


def _level_box(kb: KnowledgeBase, assessment: Assessment) -> list[str]:
    """The first lines: the result's level, then its headline (the rich screen's top box)."""
    level = assessment.disposition
    first = styled((f"{RESULT_TITLE}: ", "bold"), (kb.level(level).shout, LEVEL_STYLE[level]))
    return [first, bold(assessment.headline)]


def _last_word(kb: KnowledgeBase, level: str, headline: str) -> Styled:
    """The level again, last, in its colours: at 80x24 it is on screen when the program ends."""
    return Styled((f"{kb.level(level).shout}: {headline}", LEVEL_STYLE[level]))


def _small(text: str) -> Styled:
    return Styled((text, SMALL_PRINT))


def emergency_lines(assessment: Assessment, kb: KnowledgeBase, number: EmergencyNumber | None = None) -> list[str]:
    """The emergency result: what to do first and last; why and the sources, then what to tell them and
    while you wait, so that at 80x24 the last screen holds everything needed on the way (the action in
    full, what to say, what to watch for) and the first screen the level and the action."""
    now = LEVEL_STYLE["emergency"]
    lines = [*_level_box(kb, assessment), *_heading("What to do now", now), bold(assessment.advice)]
    lines += _heading("Why")
    for reason in assessment.reasons:
        lines += [styled("- ", (reason.title, "bold")), f"    {reason.why}"]
    sources = list(dict.fromkeys(key for reason in assessment.reasons for key in reason.sources))
    lines += [_small(f"Sources: {sources_text(sources, kb)}"), _small(DISCLAIMER)]
    if assessment.tell_them:
        lines += [*_heading("What to tell them"), assessment.tell_them]
        lines += [f"- {marked_title(reason)}" for reason in assessment.reasons]
    if assessment.watch_for:
        lines += [*_heading("While you wait"), *_watch_for(assessment.watch_for)]
    # The level again with the whole action (not only the headline): "do not drive yourself" too.
    lines += ["", _last_word(kb, "emergency", assessment.advice)]
    call = _or_general(number).line_for("emergency")
    return [*lines, bold(call)] if call else lines


def _self_care(kb: KnowledgeBase, care: SelfCare) -> list[str]:
    """The remedies that suit the phase and the answers: name and id, stance, evidence grade."""
    when = phase_label(care.phase, kb.phase_boundary.early_hours) if care.phase else "the first days and after"
    lines = _heading(f"What can help now ({when})")
    lines += [
        styled("- ", (r.name, "bold"), f" ({r.id}): {STANCE_LABELS[r.stance]}; evidence: {r.evidence.grade}")
        for r in care.remedies
    ]
    if care.neck:
        lines += [Styled((f"{r.name} ({r.id}): {r.neck}", WARN)) for r in care.remedies if r.neck]
    return [*lines, SELF_CARE_NEXT]


def startback_lines(score: StartBackScore, tool: StartBack) -> list[str]:
    """The STarT Back risk group with its scores and the Keele notice."""
    psychosocial = sum(1 for item in tool.items if item.psychosocial)
    return [
        *_heading(tool.title),
        styled(
            "Risk group: ",
            (score.risk, "bold"),
            f" (total {score.total} of {len(tool.items)}, psychosocial {score.psychosocial} of {psychosocial})",
        ),
        RISK_MEANINGS.get(score.risk, ""),
        SHARE_STARTBACK,
        Styled((tool.copyright, "dim")),
    ]


def assessment_lines(
    assessment: Assessment,
    kb: KnowledgeBase,
    care: SelfCare | None,
    number: EmergencyNumber | None = None,
    *,
    interactive: bool = False,
) -> list[str]:
    """The result: the level, what was not asked, the reasons, what to do now, self-care, what to watch for,
    and the level again last (`interactive`: the questionnaire asked every question, none left unanswered
    to list)."""
    if assessment.disposition == "emergency":
        return emergency_lines(assessment, kb, number)
    level = assessment.disposition
    lines = _level_box(kb, assessment)
    if not assessment.complete:
        lines += ["", Styled((NOT_ALL_CLEAR, WARN)), *(f"- {item}" for item in not_asked_items(assessment))]
        lines.append(Styled((ANSWER_ALL, "yellow")))
    if assessment.reasons:
        lines += _heading("Why")
        for reason in assessment.reasons:
            lines.append(styled("- ", (marked_title(reason), "bold"), (f"  [{kb.level(reason.level).shout}]", "dim")))
            lines += [f"    {reason.why}", styled("    ", (f"Sources: {sources_text(reason.sources, kb)}", "dim"))]
    now = LEVEL_STYLE[level] if level in ("urgent", "emergency") else "bold"
    lines += [*_heading("What to do now", now), assessment.advice]
    if assessment.cautions:
        lines += ["", *(Styled((f"! {caution}", WARN)) for caution in assessment.cautions)]
    call = _or_general(number).line_for(level)
    if call:
        lines.append(bold(call))
    if level == "self_care" and care is not None:
        lines += _self_care(kb, care)
    if assessment.startback is not None:
        lines += startback_lines(assessment.startback, kb.startback)
    if assessment.unanswered and not interactive:
        lines += ["", Styled((unanswered_text(assessment.unanswered), "yellow"))]
    if assessment.watch_for:
        lines += [*_heading("What to watch for"), *_watch_for(assessment.watch_for)]
    lines += [_small(DISCLAIMER), "", _last_word(kb, level, assessment.headline)]
    return [*lines, assessment.changes] if assessment.changes else lines


def draw(lines: Sequence[str]) -> None:
    """The result on a terminal without rich: the piped lines' words, styled, wrapped in whole words, and
    never paged: the level and what to do now come first, and the level again is on the last screen."""
    from backspasm.render.screen import write_screen

    # Control characters are made visible part by part there (render.screen.drawn_lines).
    write_screen(lines, paged=False)
