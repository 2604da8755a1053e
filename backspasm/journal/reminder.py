"""Before a session or stretch: a recent EMERGENCY or URGENT triage, or new symptoms noted in `log`,
that no doctor visit (or, for new symptoms, no triage) has settled.

The escalation rules (data/escalation.yaml, `triage-said-*`) decide how recent counts; here they
are only read. journal/ask.py tells the person and asks whether a doctor has seen them since.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from backspasm.journal.escalation import TRIAGE_NOW, assess
from backspasm.journal.explain import explain, triage_said
from backspasm.journal.facts import NEW_SYMPTOMS_FACT, REMINDING_LEVELS, triage_fact
from backspasm.view_values.reminder import Reminder as Reminder

if TYPE_CHECKING:
    from backspasm.emergency.number import EmergencyNumber
    from backspasm.kb.loader import KnowledgeBase
    from backspasm.storage.db import Connection

# Levels that stop a session or stretch for a question first ("soon" is only shown by log/history).
ASK_FIRST = ("emergency", "urgent")
_LEVEL_OF_FACT = {triage_fact(level): level for level in REMINDING_LEVELS}


def pending(conn: Connection, kb: KnowledgeBase, now: datetime, number: EmergencyNumber) -> Reminder | None:
    """The most urgent emergency or urgent triage reminder that fires now, its headline with `number`, or None."""
    assessment = assess(conn, kb, now)
    for rule in assessment.fired:
        if rule.level not in ASK_FIRST:
            continue
        if NEW_SYMPTOMS_FACT in rule.reads and assessment.facts.symptom_report is not None:
            # Something new noted in `log` comes first: triage asks about it, a session can wait.
            said = explain(assessment.facts, NEW_SYMPTOMS_FACT) or "you said something new came with the pain"
            return Reminder(rule.level, said[:1].upper() + said[1:], TRIAGE_NOW, "Please run backspasm triage first.")
        for key in rule.reads:
            run = assessment.facts.triage_results.get(_LEVEL_OF_FACT.get(key, ""))
            if run is not None:
                said = triage_said(run)
                headline = number.fill(kb.advice_for(rule.level).headline)
                return Reminder(rule.level, said[:1].upper() + said[1:], headline)
    return None
