"""What the journal shows, as the facts escalation rules read (kb.check.JOURNAL_FACTS).

Definitions (documented here because the rules' meaning rests on them):

- A *pain moment* is a pain entry with pain above 0, or a saved triage run, which covers the
  whole stretch from the onset it recorded (`onset_at`) to when it was run.
- An *episode* is a run of pain moments with no gap of EPISODE_GAP (14 days) or more between
  them: 14 days pain-free (pain 0) or with nothing recorded end an episode, and the next pain
  moment begins a new one. Its start is its first moment (a triage onset reaches back).
- The *current episode* is the latest one while it lasts: its last pain moment is less than
  14 days ago and no pain-free entry (pain 0) came after it.
- Its *onset* is decided once, and every screen uses it (today, history, log, the report): the
  onset the latest triage of the episode was told (`days_since_onset`), or else the episode's
  first moment in the journal. What came before a triage's onset belongs to an earlier episode:
  the person said this pain began then.

Facts (a fact that the record cannot tell is left out; the rules read a missing fact as false):

- `episode_days`: days since the current episode began.
- `pain_improving`, `pain_worse`, `pain_eased_some_day`: the latest day of the current episode
  read against its days before (journal/pain_trend.py: a day's pain is its highest entry or
  triage pain score; 2 points or 30% below the worst day is improving; above the worst day, or
  2 points above the lowest day since it, is worse), over the episode's last 6 weeks
  (TREND_SPAN). With readings on one day only, the latest triage run of the episode decides by
  its `trend` answer; without either, they are left out.
- `rising_entries`: how many of the latest pain entries of the current episode each rose above
  the one before (3, 4, 6, 7 gives 3); 0 without a current episode.
- `episodes_past_year`: earlier episodes (not the current one) that began in the past 365 days,
  or the number the latest triage run of the current episode was told, whichever is larger
  (the journal may not reach back a year).
- `latest_pain`: the pain of the latest entry.
- `entries`: pain entries in the current episode.
- `days_since_new_symptoms`: days since `log` was told (yes, or not sure) of new leg, arm, bladder
  or saddle symptoms that no triage and no doctor visit has followed; left out when there is none.
- `days_since_emergency_triage`, `days_since_urgent_triage`, `days_since_soon_triage`: days since
  the latest saved triage that came out at that level and that no doctor visit (`log --saw-doctor`)
  has settled since; left out when there is none. The rules say how recent one must be to remind.
"""

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple

from backspasm.clock.now import local_days
from backspasm.journal.pain_trend import IMPROVING, WORSE, DayHigh, PainTrend, day_highs, read

if TYPE_CHECKING:
    from backspasm.storage.db import Connection
    from backspasm.storage.journal import PainEntry, TriageRun, Visit

EPISODE_GAP = timedelta(days=14)
# The span of an episode whose days the pain trend reads: its last 6 weeks. From 6 weeks on the
# rules say to see a doctor whatever the trend, and a year of entries is read in milliseconds.
TREND_SPAN = timedelta(days=42)
YEAR = timedelta(days=365)
# How far back the facts read: a year of earlier episodes, plus room to see where they began.
LOOKBACK = YEAR + timedelta(days=35)


class Episode(NamedTuple):
    """A run of pain moments without a 14-day gap."""

    start: datetime
    end: datetime


class Reading(NamedTuple):
    """A pain score at a moment, from an entry or a triage run."""

    at: datetime
    pain: int


# A named tuple (a dataclass costs about 0.4 ms to define); its empty defaults are shared, never changed.
class JournalFacts(NamedTuple):
    """The facts for the rules, and what they were computed from (to explain them)."""

    values: dict[str, Any]
    current: Episode | None = None
    earlier: list[Episode] = []
    # The episode's days (highest pain of each), and the latest day read against them.
    days: list[DayHigh] = []
    pain_trend: PainTrend | None = None
    triage_trend: str | None = None
    rises: list[int] = []
    latest: "PainEntry | None" = None
    reported_episodes: int | None = None
    # The triage behind each days_since_<level>_triage fact, by level.
    triage_results: "dict[str, TriageRun]" = {}
    # How the current episode's onset was decided: the triage that was told it, else the journal.
    onset_triage: "TriageRun | None" = None
    # When `log` was last told of new symptoms that no triage or visit has followed.
    symptom_report: datetime | None = None


def _merge(spans: list[tuple[datetime, datetime]], runs: "list[TriageRun]") -> list[Episode]:
    """Episodes from runs of pain moments (PainIndex.islands) and the spans triage runs cover."""
    spans = spans + [(min(r.onset_at, r.at) if r.onset_at else r.at, r.at) for r in runs]
    merged: list[Episode] = []
    for start, end in sorted(spans):
        if merged and start - merged[-1].end < EPISODE_GAP:
            last = merged[-1]
            merged[-1] = Episode(last.start, max(last.end, end))
        else:
            merged.append(Episode(start, end))
    return merged


def _triage_readings(runs: "list[TriageRun]") -> list[Reading]:
    found = []
    for run in runs:
        score = run.answers.get("pain_score")
        if isinstance(score, int) and not isinstance(score, bool):
            found.append(Reading(run.at, score))
    return found


def _onset(current: Episode, runs: "list[TriageRun]") -> "tuple[Episode, Episode | None, TriageRun | None]":
    """The current episode from its decided onset, the part before that onset (an earlier
    episode, or None), and the triage that decided it (None: the journal's first moment did)."""
    told = [r for r in runs if r.onset_at is not None and current.start <= r.at <= current.end]
    if not told:
        return current, None, None
    run = told[-1]
    assert run.onset_at is not None
    start = min(run.onset_at, run.at)
    before = Episode(current.start, start) if start > current.start else None
    return Episode(start, current.end), before, run


def _trend_values(values: dict[str, Any], days: list[DayHigh], said: str | None) -> PainTrend | None:
    """Set pain_improving, pain_worse and pain_eased_some_day from the days, else the triage's trend answer."""
    found = read(days)
    if found is not None:
        values["pain_improving"] = found.trend == IMPROVING
        values["pain_worse"] = found.trend == WORSE
        values["pain_eased_some_day"] = found.eased_some_day
    elif said in ("improving", "same", "worse"):
        values["pain_improving"] = values["pain_eased_some_day"] = said == "improving"
        values["pain_worse"] = said == "worse"
    return found


def _said_trend(episode_runs: "list[TriageRun]") -> str | None:
    return next((str(r.answers["trend"]) for r in reversed(episode_runs) if "trend" in r.answers), None)


def _reported_episodes(runs: "list[TriageRun]") -> int | None:
    for run in reversed(runs):
        told = run.answers.get("episodes_past_year")
        if isinstance(told, int) and not isinstance(told, bool):
            return told
    return None


# The triage levels a journal keeps reminding of until a doctor has been seen.
REMINDING_LEVELS = ("emergency", "urgent", "soon")
# The fact a rule reads to remember new symptoms told to `log`.
NEW_SYMPTOMS_FACT = "days_since_new_symptoms"


def triage_fact(level: str) -> str:
    """The fact name for a triage level: days_since_emergency_triage."""
    return f"days_since_{level}_triage"


def unsettled_triage(runs: "list[TriageRun]", visits: "list[Visit]") -> "dict[str, TriageRun]":
    """The latest triage at each reminding level that came after the latest doctor visit."""
    seen = max((v.at for v in visits), default=None)
    found: dict[str, TriageRun] = {}
    for run in runs:
        if run.disposition in REMINDING_LEVELS and (seen is None or run.at > seen):
            found[run.disposition] = run  # runs are oldest first: the latest wins
    return found


def unsettled_report(reports: Sequence[datetime], runs: "list[TriageRun]", visits: "list[Visit]") -> datetime | None:
    """The latest report of new symptoms that no triage and no doctor visit came after."""
    followed = max([r.at for r in runs] + [v.at for v in visits], default=None)
    latest = max(reports, default=None)
    # A triage or visit at the very same moment does not settle it: the entry may have come after.
    return latest if latest is not None and (followed is None or latest >= followed) else None


def _report_value(
    values: dict[str, Any], reports: Sequence[datetime], runs: "list[TriageRun]", visits: "list[Visit]", now: datetime
) -> datetime | None:
    report = unsettled_report([r for r in reports if r <= now], runs, visits)
    if report is not None:
        values[NEW_SYMPTOMS_FACT] = round((now - report).total_seconds() / 86400, 2)
    return report


def compute(
    conn: "Connection",
    now: datetime,
    runs: "list[TriageRun]",
    visits: "list[Visit]",
    reports: Sequence[datetime] = (),
) -> JournalFacts:
    """The journal facts as of `now` (rows after `now` are ignored).

    `runs` and `visits` are those from `now - LOOKBACK` on; `reports` are the times `log` was
    told of new symptoms (storage.pain_entries.new_symptom_reports). The pain entries are asked
    of the store, never read whole (backspasm.storage.pain_index).
    """
    from backspasm.storage.pain_index import PainIndex

    index = PainIndex(conn, now - LOOKBACK, now)
    runs = [r for r in runs if r.at <= now]
    scores = _triage_readings(runs)
    episodes = _merge(index.islands(EPISODE_GAP), runs)
    current = None
    if episodes and now - episodes[-1].end < EPISODE_GAP:
        last = episodes[-1]
        pain_free = any(r.pain == 0 and r.at > last.end for r in scores) or index.pain_free_after(last.end)
        current = None if pain_free else last
    earlier = [e for e in episodes if e is not current and now - e.start <= YEAR]

    values: dict[str, Any] = {"entries": 0, "rising_entries": 0, "episodes_past_year": len(earlier)}
    latest = index.latest()
    if latest is not None:
        values["latest_pain"] = latest.pain
    seen = [v for v in visits if v.at <= now]
    results = unsettled_triage(runs, seen)
    report = _report_value(values, reports, runs, seen, now)
    for level, run in results.items():
        values[triage_fact(level)] = round((now - run.at).total_seconds() / 86400, 2)
    if current is None:
        return JournalFacts(values, None, earlier, latest=latest, triage_results=results, symptom_report=report)
    current, before, told = _onset(current, runs)
    if before is not None and now - before.start <= YEAR:
        earlier = [*earlier, before]
        values["episodes_past_year"] = len(earlier)

    start = current.start
    values["episode_days"] = round((now - start).total_seconds() / 86400, 2)
    episode_runs = [r for r in runs if r.at >= start]
    values["entries"] = index.count(start)
    rises = index.rising(start) if values["entries"] else []
    values["rising_entries"] = max(len(rises) - 1, 0)

    reported = _reported_episodes(episode_runs)
    if reported is not None:
        values["episodes_past_year"] = max(len(earlier), reported)

    trend_from = max(start, now - TREND_SPAN)
    episode_scores = [r for r in scores if r.at >= trend_from]
    pains = list(zip(local_days(r.at for r in episode_scores), [r.pain for r in episode_scores], strict=True))
    days = day_highs(pains + [(day, high) for day, _, _, high, _ in index.days(trend_from)])
    trend = _said_trend(episode_runs)
    found = _trend_values(values, days, trend)
    return JournalFacts(values, current, earlier, days, found, trend, rises, latest, reported, results, told, report)
