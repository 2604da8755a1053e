"""Before a session or stretch: a recent EMERGENCY or URGENT triage that no doctor visit has settled.

The escalation rules (data/escalation.yaml, `triage-said-*`) decide how recent counts; here they
are only read. The person is told, then asked whether a doctor has seen them since: yes records
the visit (it settles the reminder); no or not sure asks whether to start anyway.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from backspasm.journal.escalation import assess
from backspasm.journal.explain import triage_said
from backspasm.journal.facts import REMINDING_LEVELS, triage_fact
from backspasm.triage.summary import with_number

if TYPE_CHECKING:
    from backspasm.kb.loader import KnowledgeBase
    from backspasm.storage.db import Connection

# Levels that stop a session or stretch for a question first ("soon" is only shown by log/history).
ASK_FIRST = ("emergency", "urgent")
_LEVEL_OF_FACT = {triage_fact(level): level for level in REMINDING_LEVELS}


@dataclass(frozen=True)
class Reminder:
    """What a recent triage said, and what to do about it now."""

    level: str
    said: str
    headline: str


def pending(conn: Connection, kb: KnowledgeBase, now: datetime) -> Reminder | None:
    """The most urgent emergency or urgent triage reminder that fires now, or None."""
    assessment = assess(conn, kb, now)
    for rule in assessment.fired:
        if rule.level not in ASK_FIRST:
            continue
        for key in rule.reads:
            run = assessment.facts.triage_results.get(_LEVEL_OF_FACT.get(key, ""))
            if run is not None:
                said = triage_said(run)
                headline = with_number(kb.advice_for(rule.level).headline)
                return Reminder(rule.level, said[:1].upper() + said[1:], headline)
    return None


# What follows orchestrates (store, screen, questions) for the session and stretch actions that
# call check_seen; it belongs in journal/actions.py once they import it from there.


def _load(kb: KnowledgeBase, now: datetime) -> Reminder | None:
    from backspasm.errors import StoreError
    from backspasm.storage.db import connect, store_errors

    # A journal that cannot be read must not stop the session: the reminder is a courtesy on top.
    try:
        conn = connect()
    except StoreError:
        return None
    try:
        with store_errors("the journal could not be read"):
            return pending(conn, kb, now)
    except StoreError:
        return None
    finally:
        conn.close()


def _record_visit(now: datetime) -> None:
    from backspasm.storage.db import connect
    from backspasm.storage.journal import add_visit

    conn = connect()
    try:
        add_visit(conn, now, None)
    finally:
        conn.close()


def check_seen(kb: KnowledgeBase, *, what: str, yes: bool, can_ask: bool) -> None:
    """Say so when a recent triage said EMERGENCY or URGENT, and ask whether a doctor has seen them.

    `what` names the activity ("the session"). With --yes, or without a terminal, say it and go on.
    Raises Finished(0) when the person chooses not to start.
    """
    from backspasm.clock.now import now as clock_now
    from backspasm.errors import EXIT_OK, Finished
    from backspasm.render.text import say

    current = clock_now()
    reminder = _load(kb, current)
    if reminder is None:
        return
    from backspasm.render import reminder as screen
    from backspasm.render.console import make_console

    console = make_console()
    screen.show_reminder(console, reminder)
    if yes:
        say(f"backspasm: --yes: starting {what}; once seen: backspasm log --saw-doctor", err=True)
        return
    if not can_ask:
        return
    from backspasm.journal import ask

    if ask.seen_since(what):
        _record_visit(current)
        screen.show_noted(console)
        return
    screen.show_get_seen(console, reminder)
    if not ask.start_anyway(what):
        screen.show_not_started(console, what)
        raise Finished(EXIT_OK)
