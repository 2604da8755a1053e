"""`history` as its screen and its JSON take it: each row in words, the trend, the verdict.

journal/timeline_words.py words them; render/timeline.py draws them.
"""

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, NamedTuple

from backspasm.view_values.escalation import Verdict


class RowShown(NamedTuple):
    """One row of the table in words; the screen picks its colours from its pain, level or status."""

    at: datetime
    kind: str
    entry: str
    details: str
    pain: int | None = None  # a pain entry's score
    level: str | None = None  # a triage's level
    status: str | None = None  # a session's or a routine's status


class TimelineShown(NamedTuple):
    """Everything `history` shows, worked out once for the table and for JSON."""

    # The window: the last `days` local days (None: everything) from `since` up to `now`.
    days: int | None
    since: datetime | None
    now: datetime
    # The table's rows, oldest first: the newest few (a list), or, when `streamed`, every row of
    # the window, read from the store each time they are walked.
    rows: Iterable[RowShown]
    streamed: bool
    # Every row of the window as its JSON text, oldest first, read as it is written, a part
    # (a list of a few hundred) at a time.
    json_parts: Iterable[list[str]]
    # How many rows the window holds (more than `rows` has when only the newest were kept).
    total: int
    # True when nothing at all is recorded, in this window or before it.
    journal_empty: bool
    # The pain trend in words (None without pain entries), and as JSON.
    trend: str | None
    trend_json: Mapping[str, Any]
    verdict: Verdict
    # The weekly check-ins of the episode (journal/peg.py): the PEG line in words, and as JSON.
    peg_lines: tuple[str, ...] = ()
    peg: Mapping[str, Any] | None = None
