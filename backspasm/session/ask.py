"""The questions before a session: which protocol to run, and whether it is safe to start.

Asked through backspasm.prompts.questionnaire when a person can answer; `--yes` stands in for the answers
in scripts; with neither, the command stops with exit 2 and says how to go on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from backspasm.clock.now import now as clock_now
from backspasm.errors import UsageError
from backspasm.render.text import say
from backspasm.session.gate import RuledOut, first_ruling_out
from backspasm.session.onset import parse_since, suggest_protocol

if TYPE_CHECKING:
    from datetime import datetime

    from backspasm.kb.loader import KnowledgeBase
    from backspasm.kb.views import Protocol, ProtocolCheck
    from backspasm.session.rest import Rest
    from backspasm.storage.triage_runs import RememberedOnset


def _ask_onset(now: datetime) -> datetime:
    """When the episode began, asked; a refused answer says why, by the one reader of past times."""
    from datetime import timedelta

    from backspasm.clock.read import days_ago_problem, read_days_ago
    from backspasm.prompts.questionnaire import text

    raw = text(
        "When did this episode of back pain begin?",
        validate=lambda raw: days_ago_problem(raw, now) or True,
        hint="(for example: this morning, 6 hours, 2 days, monday)",
        what="choosing a protocol",
    )
    return now - timedelta(days=read_days_ago(raw, now))


def choose_protocol(
    kb: KnowledgeBase,
    *,
    since: str | None,
    yes: bool,
    can_ask: bool,
    remembered: RememberedOnset | None = None,
) -> Protocol:
    """Suggest ice or heat from the time since onset and have it confirmed (or another one picked).

    The onset is --since when given, else the one the latest triage remembered, else asked.
    """
    now = clock_now()
    if since is not None:
        onset = parse_since(since, now)
    elif remembered is not None:
        onset = remembered.onset
        when = remembered.triage_at.astimezone().strftime("%Y-%m-%d %H:%M")
        say(f"Using when the pain began from your triage of {when} (--since changes it).")
    elif can_ask:
        onset = _ask_onset(now)
    else:
        names = ", ".join(p.id for p in kb.protocols)
        raise UsageError(
            f"name a protocol ({names}) or give --since so one can be suggested, e.g. 'backspasm session ice'"
        )
    suggestion = suggest_protocol(kb, onset, now)
    from backspasm.render.session import render_suggestion

    render_suggestion(suggestion.protocol, suggestion.why)
    if yes:
        return suggestion.protocol
    if not can_ask:
        raise UsageError(
            f"confirm the suggested protocol with --yes, or name it: 'backspasm session {suggestion.protocol.id}'"
        )
    from backspasm.prompts.questionnaire import confirm, select

    if confirm(f"Use {suggestion.protocol.name}?", default=None, what="choosing a protocol"):
        return suggestion.protocol
    choices = [(p, f"{p.name} ({p.id})") for p in kb.protocols]
    return select("Which one, then?", choices, what="choosing a protocol")


def safety_gate(protocol: Protocol, *, yes: bool, can_ask: bool) -> RuledOut | None:
    """The check that rules the session out (and whether by "Not sure"), or None when it may go ahead."""
    if yes:
        say(f"Safety checks for {protocol.name} confirmed with --yes.", err=True)
        return None
    if not can_ask:
        raise UsageError(
            "the safety checks need answers before a session starts; run it in a terminal, "
            "or confirm them with --yes once you have read them ('backspasm protocols --json')"
        )
    return first_ruling_out(protocol, ask_check)


def ask_check(check: ProtocolCheck) -> bool | str:
    """Ask one check: yes, no or not sure, nothing pre-selected (Enter alone is not an answer)."""
    from backspasm.prompts.questionnaire import answer

    return answer(check.prompt, unsure=True, what="the safety check")


def confirm_early(
    protocol: Protocol, rest: Rest, last: Protocol | None, now: datetime, *, yes: bool, can_ask: bool
) -> None:
    """--force-early: ask once more whether to start within the rest (nothing pre-selected); raise if not.

    With --yes the two flags together are the person's decision, made when the script was
    written: it starts, and says so on stderr. Without a terminal and without --yes there is
    nobody to ask, so it does not start.
    """
    from backspasm.errors import EXIT_PROBLEMS, Finished
    from backspasm.session.rest import after_words

    left = rest.left_words(now)
    after = after_words(last.kind if last is not None else None)
    if yes:
        say(f"backspasm: --force-early with --yes: starting {left} before the skin's rest after {after} ends", err=True)
        return
    if not can_ask:
        raise UsageError(
            "--force-early asks once more before a session within the skin's rest, and there is no terminal "
            "to ask in; add --yes to start anyway"
        )
    from backspasm.prompts.questionnaire import answer

    question = (
        f"The skin has not finished its {rest.rest_minutes:g} min rest after {after} ({left} to go). "
        f"Start {protocol.name} now anyway?"
    )
    hint = "Skin that has not recovered is hurt more easily: cold can cause an ice burn, heat a burn."
    if answer(question, unsure=True, hint=hint, what="the session") is not True:
        from backspasm.render.session import render_not_early

        render_not_early(rest.until, now)
        raise Finished(EXIT_PROBLEMS)
