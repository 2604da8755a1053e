"""The journal facts escalation rules read, from plain rows written into a store of their own (no CLI)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from journal_rows import NOW, NOW_TEXT

from backspasm.journal import facts
from backspasm.journal.facts import LOOKBACK, JournalFacts
from backspasm.journal.rules import holds
from backspasm.kb.models import ConditionModel
from backspasm.storage import journal as stored
from backspasm.storage.db import connect
from backspasm.storage.journal import PainEntry, Record, TriageRun


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """Local days are counted in NOW's offset."""
    monkeypatch.setenv("BACKSPASM_NOW", NOW_TEXT)


def compute(journal: Record, now: datetime) -> JournalFacts:
    """The facts the store gives for these rows, written as the commands write them into a fresh journal."""
    import tempfile
    from pathlib import Path

    from journal_oracle import store_record

    with tempfile.TemporaryDirectory() as home:
        conn = connect(Path(home))
        try:
            store_record(conn, journal)
            since = now - LOOKBACK
            return facts.compute(conn, now, stored.triage_runs(conn, since), stored.visits(conn, since))
        finally:
            conn.close()


def before(days: float) -> datetime:
    """That many days before NOW."""
    return NOW - timedelta(days=days)


def record(pains: list[tuple[float, int]], runs: list[TriageRun] | None = None) -> Record:
    """A record of pain entries given as (days before NOW, pain)."""
    entries = [PainEntry(i, before(d), p, None, []) for i, (d, p) in enumerate(pains, start=1)]
    return Record(since=None, pain_entries=entries, triage_runs=runs or [])


def run(days: float, answers: dict[str, Any], onset_days: float | None = None) -> TriageRun:
    """A triage run that many days before NOW."""
    onset = before(onset_days) if onset_days is not None else None
    return TriageRun(1, before(days), answers, "self_care", {}, onset)


def test_an_empty_journal_knows_almost_nothing() -> None:
    """No rows: zero counts, and no episode, trend or latest pain."""
    facts = compute(record([]), NOW)
    assert facts.values == {"entries": 0, "rising_entries": 0, "episodes_past_year": 0}
    assert facts.current is None


def test_episode_days_count_from_the_first_pain_entry() -> None:
    """The current episode begins at its first pain entry above 0."""
    facts = compute(record([(5, 0), (4, 6), (1, 5)]), NOW)
    assert facts.values["episode_days"] == 4
    assert facts.values["entries"] == 2


def test_a_triage_onset_reaches_back() -> None:
    """A triage run's onset begins the episode even before the first entry."""
    facts = compute(record([(1, 6)], [run(1, {"days_since_onset": 9}, onset_days=10)]), NOW)
    assert facts.values["episode_days"] == 10


def test_a_long_triage_onset_is_one_episode() -> None:
    """A triage run 60 days after its onset covers the whole span: one episode, no gap."""
    facts = compute(record([(0, 5)], [run(1, {}, onset_days=61)]), NOW)
    assert facts.values["episode_days"] == 61
    assert facts.values["episodes_past_year"] == 0


def test_fourteen_days_without_pain_end_an_episode() -> None:
    """Pain 14 days after the last pain begins a new episode; 13 days does not."""
    split = compute(record([(30, 6), (20, 6), (6, 5)]), NOW)
    assert split.values["episode_days"] == 6
    assert split.values["episodes_past_year"] == 1
    joined = compute(record([(30, 6), (20, 6), (7, 5)]), NOW)
    assert joined.values["episode_days"] == 30
    assert joined.values["episodes_past_year"] == 0


def test_pain_free_entries_do_not_bridge_a_gap() -> None:
    """Entries of pain 0 in between do not keep an episode going."""
    facts = compute(record([(40, 6), (30, 0), (20, 0), (10, 0), (1, 4)]), NOW)
    assert facts.values["episode_days"] == 1
    assert facts.values["episodes_past_year"] == 1


def test_pain_free_now_means_no_current_episode() -> None:
    """A pain 0 entry after the last pain ends the current episode: no episode facts."""
    facts = compute(record([(10, 6), (5, 3), (1, 0)]), NOW)
    assert facts.current is None
    assert "episode_days" not in facts.values
    assert "pain_improving" not in facts.values
    assert facts.values["latest_pain"] == 0
    assert facts.values["episodes_past_year"] == 1


def test_an_old_episode_is_over() -> None:
    """Pain 14 or more days ago and nothing since: no current episode."""
    facts = compute(record([(20, 6), (14, 6)]), NOW)
    assert facts.current is None


def test_earlier_episodes_count_only_the_past_year() -> None:
    """Episodes that began more than 365 days ago are not counted."""
    facts = compute(record([(400, 5), (300, 6), (200, 6), (0, 4)]), NOW)
    assert facts.values["episodes_past_year"] == 2


def test_triage_can_tell_of_more_earlier_episodes() -> None:
    """The latest triage of this episode may report more earlier episodes than the journal shows."""
    facts = compute(record([(0, 5)], [run(0.5, {"episodes_past_year": 3})]), NOW)
    assert facts.values["episodes_past_year"] == 3
    assert facts.reported_episodes == 3


def test_triage_from_an_earlier_episode_is_not_used() -> None:
    """A count told at a triage in an earlier episode does not carry over."""
    facts = compute(record([(100, 5), (0, 5)], [run(100, {"episodes_past_year": 3})]), NOW)
    assert facts.values["episodes_past_year"] == 1


@pytest.mark.parametrize(
    ("pains", "improving"),
    [
        ([(3, 7), (2, 6), (0, 5)], True),
        ([(3, 5), (2, 6), (0, 5)], False),
        ([(3, 5), (0, 6)], False),
        ([(3.2, 8), (3.1, 4), (0.2, 5), (0.1, 5)], True),
    ],
)
def test_improving_compares_the_latest_day_with_the_worst(pains: list[tuple[float, int]], improving: bool) -> None:
    """pain_improving: the latest day's highest pain is 2 points (or 30%) below the episode's worst day."""
    assert compute(record(pains), NOW).values["pain_improving"] is improving


def test_one_day_of_entries_cannot_tell_a_trend() -> None:
    """Entries on one day only: pain_improving is unknown (absent)."""
    assert "pain_improving" not in compute(record([(0.3, 6), (0.1, 4)]), NOW).values


@pytest.mark.parametrize(("trend", "improving"), [("improving", True), ("same", False), ("worse", False)])
def test_triage_trend_decides_when_the_journal_cannot(trend: str, improving: bool) -> None:
    """With readings on one day only, the triage answer `trend` decides."""
    facts = compute(record([(0.1, 6)], [run(0.2, {"trend": trend}, onset_days=5)]), NOW)
    assert facts.values["pain_improving"] is improving


@pytest.mark.parametrize(
    ("pains", "rising"),
    [
        ([3, 4, 6, 7], 3),
        ([5, 3, 4, 6], 2),
        ([3, 4, 4, 5], 1),
        ([6, 5], 0),
        ([5], 0),
    ],
)
def test_rising_entries_count_the_latest_rises(pains: list[int], rising: int) -> None:
    """rising_entries: how many of the latest entries each rose above the one before."""
    rows = [(1 - i * 0.1, p) for i, p in enumerate(pains)]
    assert compute(record(rows), NOW).values["rising_entries"] == rising


def test_rises_before_the_episode_do_not_count() -> None:
    """Rising entries of an earlier episode are not counted in the current one."""
    assert compute(record([(40, 3), (39, 5), (38, 7), (1, 6)]), NOW).values["rising_entries"] == 0


def test_rows_after_now_are_ignored() -> None:
    """An entry later than now (a clock set back) does not count."""
    facts = compute(record([(1, 5), (-1, 9)]), NOW)
    assert facts.values["latest_pain"] == 5


@pytest.mark.parametrize(
    ("condition", "facts", "expected"),
    [
        ({"answer": "latest_pain", "at_least": 8}, {"latest_pain": 8}, True),
        ({"answer": "latest_pain", "at_least": 8}, {"latest_pain": 7}, False),
        ({"answer": "episode_days", "above": 3}, {"episode_days": 3}, False),
        ({"answer": "episode_days", "below": 3}, {"episode_days": 2.5}, True),
        ({"answer": "episode_days", "above": 3}, {}, False),
        ({"answer": "pain_improving", "equals": False}, {"pain_improving": False}, True),
        ({"answer": "pain_improving", "equals": False}, {}, False),
        ({"answer": "entries", "equals": 1}, {"entries": True}, False),
        ({"answer": "pain_improving", "equals": True}, {"pain_improving": 1}, False),
        ({"answer": "entries", "one_of": [1, 2]}, {"entries": 2}, True),
        (
            {"any": [{"answer": "entries", "at_least": 9}, {"answer": "latest_pain", "at_least": 1}]},
            {"latest_pain": 1},
            True,
        ),
        (
            {"all": [{"answer": "entries", "at_least": 1}, {"answer": "latest_pain", "at_least": 1}]},
            {"entries": 1},
            False,
        ),
    ],
)
def test_conditions_are_two_valued(condition: dict[str, Any], facts: dict[str, Any], expected: bool) -> None:
    """Comparisons hold or not; a missing fact or a value of the wrong type never holds."""
    assert holds(ConditionModel.model_validate(condition), facts) is expected
