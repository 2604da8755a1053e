"""The questions before a session: which protocol to run, and whether it is safe to start.

Asked through backspasm.prompts.questionnaire when a person can answer; `--yes` stands in for the answers
in scripts; with neither, the command stops with exit 2 and says how to go on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from backspasm.clock.now import now as clock_now
from backspasm.errors import UsageError
from backspasm.render.text import say
from backspasm.sessions.gate import RuledOut, first_ruling_out
from backspasm.sessions.onset import SINCE_FORMS, parse_since, suggest_protocol

if TYPE_CHECKING:
    from datetime import datetime

    from backspasm.kb.loader import KnowledgeBase
    from backspasm.kb.views import Protocol, ProtocolCheck
    from backspasm.storage.triage_runs import RememberedOnset


def _ask_onset(now: datetime) -> datetime:
    from backspasm.prompts.questionnaire import text

    def valid(raw: str) -> bool | str:
        try:
            parse_since(raw, now)
        except UsageError:
            return f"Please type {SINCE_FORMS}"
        return True

    raw = text(
        "When did this episode of back pain begin?",
        validate=valid,
        hint="(for example: 6h ago, 2 days ago, 2024-03-01 18:00)",
        what="choosing a protocol",
    )
    return parse_since(raw, now)


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
