"""The journal's questions before a session or stretch: has a doctor seen you since that triage?

A recent EMERGENCY or URGENT triage (journal/reminder.py) is said first; yes records the visit
(it settles the reminder); no or not sure asks whether to start anyway.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from backspasm.errors import Finished
from backspasm.journal.reminder import Reminder, pending
from backspasm.render.text import say

if TYPE_CHECKING:
    from backspasm.kb.loader import KnowledgeBase


def _load(kb: KnowledgeBase, now: datetime) -> Reminder | None:
    from backspasm.errors import StoreError
    from backspasm.storage.db import DatabaseError, connect

    # A journal that cannot be read must not stop the session: the reminder is a courtesy on top.
    try:
        conn = connect()
    except StoreError:
        return None
    try:
        return pending(conn, kb, now)
    except DatabaseError:
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

    current = clock_now()
    reminder = _load(kb, current)
    if reminder is None:
        return
    from backspasm.render import reminder as screen

    screen.render_reminder(reminder)
    if yes:
        say(f"backspasm: --yes: starting {what}; once seen: backspasm log --saw-doctor", err=True)
        return
    if not can_ask:
        return
    from backspasm.prompts.questionnaire import confirm

    if confirm("Has a doctor or nurse seen you since then?", what=what):
        _record_visit(current)
        screen.render_visit_noted()
        return
    screen.render_get_seen_first(reminder)
    if not confirm(f"Start {what} anyway?", what=what):
        screen.render_not_started(what)
        raise Finished(0)
