"""Is it time to see a doctor, going by the journal? Facts from the store, rules from the KB."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from backspasm.journal import record
from backspasm.journal.facts import LOOKBACK, JournalFacts, compute
from backspasm.journal.rules import Escalation, evaluate

if TYPE_CHECKING:
    from backspasm.kb.loader import KnowledgeBase


@dataclass(frozen=True)
class Assessment:
    """The journal facts and every escalation rule they fire, most urgent first."""

    facts: JournalFacts
    fired: list[Escalation]


def assess_record(kb: KnowledgeBase, journal: record.Record, now: datetime) -> Assessment:
    """Apply the knowledge base's escalation rules to a loaded record (pure)."""
    facts = compute(journal, now)
    return Assessment(facts, evaluate(kb.escalation_rules, facts.values))


def assess(conn: sqlite3.Connection, kb: KnowledgeBase, now: datetime) -> Assessment:
    """Read what the rules need from the store (about the past year) and apply them."""
    since = now - LOOKBACK
    journal = record.Record(
        since=since,
        pain_entries=record.pain_entries(conn, since),
        triage_runs=record.triage_runs(conn, since),
        visits=record.visits(conn, since),
    )
    return assess_record(kb, journal, now)
