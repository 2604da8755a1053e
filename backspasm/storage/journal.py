"""The whole journal as one value: every table's rows from `since` on, each list in time order.

Each table has its own module (pain_entries, triage_runs, sessions, stretch_runs, visits,
check_ins); their row types and readers are named here too, for the commands that read the
journal whole.
"""

import sqlite3
from datetime import datetime
from typing import NamedTuple

from backspasm.storage.check_ins import CheckIn as CheckIn
from backspasm.storage.check_ins import check_ins as check_ins
from backspasm.storage.pain_entries import PainEntry as PainEntry
from backspasm.storage.pain_entries import add_pain_entry as add_pain_entry
from backspasm.storage.pain_entries import pain_entries as pain_entries
from backspasm.storage.sessions import SessionRecord, list_sessions
from backspasm.storage.stretch_runs import StretchRun as StretchRun
from backspasm.storage.stretch_runs import stretch_runs as stretch_runs
from backspasm.storage.triage_runs import SavedTriage
from backspasm.storage.triage_runs import latest_triage_run as latest_triage_run
from backspasm.storage.triage_runs import triage_runs as triage_runs
from backspasm.storage.visits import Visit as Visit
from backspasm.storage.visits import add_visit as add_visit
from backspasm.storage.visits import visits as visits

# The name readers of the whole journal use for a saved triage (triage.run.TriageRun is a live one).
TriageRun = SavedTriage


# A named tuple (a dataclass costs about 0.4 ms to define); its empty lists are shared, never changed.
class Record(NamedTuple):
    """Everything the journal holds from `since` on, each list in time order."""

    since: datetime | None
    pain_entries: list[PainEntry] = []
    triage_runs: list[TriageRun] = []
    sessions: list[SessionRecord] = []
    stretch_runs: list[StretchRun] = []
    visits: list[Visit] = []


def sessions(
    conn: sqlite3.Connection, since: datetime | None = None, until: datetime | None = None
) -> list[SessionRecord]:
    """Ice and heat sessions started from `since` to `until`, oldest first (the session history's own query)."""
    return list_sessions(conn, since, until)


# Every table that holds something the person recorded.
TABLES = ("pain_entries", "triage_runs", "sessions", "stretch_runs", "doctor_visits", "check_ins")


def nothing_recorded(conn: sqlite3.Connection) -> bool:
    """True when the journal has no row of any kind."""
    return not any(conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() for table in TABLES)
