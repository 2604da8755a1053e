"""Is it time to see a doctor, going by the journal? Facts from the store, rules from the KB."""

from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from backspasm.journal.facts import LOOKBACK, JournalFacts, compute
from backspasm.journal.rules import Escalation, evaluate

if TYPE_CHECKING:
    from backspasm.kb.loader import KnowledgeBase
    from backspasm.storage import journal as record
    from backspasm.storage.db import Connection
from backspasm.view_values.escalation import TRIAGE_NOW as TRIAGE_NOW


class Assessment(NamedTuple):
    """The journal facts and every escalation rule they fire, most urgent first."""

    facts: JournalFacts
    fired: list[Escalation]


def symptom_reports(conn: "Connection", now: datetime) -> list[datetime]:
    """When `log` was told of new symptoms, over the span the facts read."""
    from backspasm.storage.pain_entries import new_symptom_reports

    return new_symptom_reports(conn, now - LOOKBACK)


def assess(
    conn: "Connection",
    kb: "KnowledgeBase",
    now: datetime,
    runs: "list[record.TriageRun] | None" = None,
    visits: "list[record.Visit] | None" = None,
) -> Assessment:
    """Read what the rules need from the store (about the past year) and apply them.

    `runs` and `visits`, when given, are those from `now - LOOKBACK` on, already read. The pain
    entries are asked of the store, never read whole.
    """
    from backspasm.storage.triage_runs import triage_runs
    from backspasm.storage.visits import visits as read_visits

    since = now - LOOKBACK
    runs = triage_runs(conn, since) if runs is None else runs
    visits = read_visits(conn, since) if visits is None else visits
    facts = compute(conn, now, runs, visits, symptom_reports(conn, now))
    return Assessment(facts, evaluate(kb.escalation_rules, facts.values))
