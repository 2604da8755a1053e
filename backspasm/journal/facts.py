"""What the journal shows, as the facts escalation rules read (kb.check.JOURNAL_FACTS).

Definitions (documented here because the rules' meaning rests on them):

- A *pain moment* is a pain entry with pain above 0, or a saved triage run, which covers the
  whole stretch from the onset it recorded (`onset_at`) to when it was run.
- An *episode* is a run of pain moments with no gap of EPISODE_GAP (14 days) or more between
  them: 14 days pain-free (pain 0) or with nothing recorded end an episode, and the next pain
  moment begins a new one. Its start is its first moment (a triage onset reaches back).
- The *current episode* is the latest one while it lasts: its last pain moment is less than
  14 days ago and no pain-free entry (pain 0) came after it.

Facts (a fact that the record cannot tell is left out; the rules read a missing fact as false):

- `episode_days`: days since the current episode began.
- `pain_improving`: the average pain on the latest day with a reading in the current episode is
  below that of its first day (entries and triage pain scores, by local day). With readings on
  one day only, the latest triage run of the episode decides by its `trend` answer.
- `rising_entries`: how many of the latest pain entries of the current episode each rose above
  the one before (3, 4, 6, 7 gives 3); 0 without a current episode.
- `episodes_past_year`: earlier episodes (not the current one) that began in the past 365 days,
  or the number the latest triage run of the current episode was told, whichever is larger
  (the journal may not reach back a year).
- `latest_pain`: the pain of the latest entry.
- `entries`: pain entries in the current episode.
- `days_since_emergency_triage`, `days_since_urgent_triage`, `days_since_soon_triage`: days since
  the latest saved triage that came out at that level and that no doctor visit (`log --saw-doctor`)
  has settled since; left out when there is none. The rules say how recent one must be to remind.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from backspasm.clock.now import local_days
from backspasm.storage.journal import PainEntry, Record, TriageRun, Visit

if TYPE_CHECKING:
    from backspasm.storage.db import Connection

EPISODE_GAP = timedelta(days=14)
YEAR = timedelta(days=365)
# How far back the facts read: a year of earlier episodes, plus room to see where they began.
LOOKBACK = YEAR + timedelta(days=35)


@dataclass(frozen=True)
class Episode:
    """A run of pain moments without a 14-day gap."""

    start: datetime
    end: datetime


@dataclass(frozen=True)
class Reading:
    """A pain score at a moment, from an entry or a triage run."""

    at: datetime
    pain: int


@dataclass(frozen=True)
class JournalFacts:
    """The facts for the rules, and what they were computed from (to explain them)."""

    values: dict[str, Any]
    current: Episode | None = None
    earlier: list[Episode] = field(default_factory=list)
    first_day: tuple[date, float] | None = None
    last_day: tuple[date, float] | None = None
    triage_trend: str | None = None
    rises: list[int] = field(default_factory=list)
    latest: PainEntry | None = None
    reported_episodes: int | None = None
    # The triage behind each days_since_<level>_triage fact, by level.
    triage_results: dict[str, TriageRun] = field(default_factory=dict)


def _episodes(entries: list[PainEntry], runs: list[TriageRun]) -> list[Episode]:
    return _merge([(e.at, e.at) for e in entries if e.pain > 0], runs)


def _merge(spans: list[tuple[datetime, datetime]], runs: list[TriageRun]) -> list[Episode]:
    # Runs of pain moments may come in already joined (see PainIndex.islands): joining them
    # again with the triage spans gives the same episodes.
    spans = spans + [(min(r.onset_at, r.at) if r.onset_at else r.at, r.at) for r in runs]
    merged: list[Episode] = []
    for start, end in sorted(spans):
        if merged and start - merged[-1].end < EPISODE_GAP:
            last = merged[-1]
            merged[-1] = Episode(last.start, max(last.end, end))
        else:
            merged.append(Episode(start, end))
    return merged


def _readings(entries: list[PainEntry], runs: list[TriageRun]) -> list[Reading]:
    found = [Reading(e.at, e.pain) for e in entries] + _triage_readings(runs)
    return sorted(found, key=lambda r: r.at)


def _triage_readings(runs: list[TriageRun]) -> list[Reading]:
    found = []
    for run in runs:
        score = run.answers.get("pain_score")
        if isinstance(score, int) and not isinstance(score, bool):
            found.append(Reading(run.at, score))
    return found


def _current(episodes: list[Episode], readings: list[Reading], now: datetime) -> Episode | None:
    if not episodes or now - episodes[-1].end >= EPISODE_GAP:
        return None
    last = episodes[-1]
    pain_free_since = any(r.pain == 0 and r.at > last.end for r in readings)
    return None if pain_free_since else last


def _day_means(readings: list[Reading]) -> list[tuple[date, float]]:
    by_day: dict[date, list[int]] = defaultdict(list)
    for day, reading in zip(local_days(r.at for r in readings), readings, strict=True):
        by_day[day].append(reading.pain)
    return [(day, sum(p) / len(p)) for day, p in sorted(by_day.items())]


def _rising(pains: list[int]) -> list[int]:
    run = pains[-1:]
    for pain in reversed(pains[:-1]):
        if pain >= run[0]:
            break
        run.insert(0, pain)
    return run


def _reported_episodes(runs: list[TriageRun]) -> int | None:
    for run in reversed(runs):
        told = run.answers.get("episodes_past_year")
        if isinstance(told, int) and not isinstance(told, bool):
            return told
    return None


# The triage levels a journal keeps reminding of until a doctor has been seen.
REMINDING_LEVELS = ("emergency", "urgent", "soon")


def triage_fact(level: str) -> str:
    """The fact name for a triage level: days_since_emergency_triage."""
    return f"days_since_{level}_triage"


def unsettled_triage(runs: list[TriageRun], visits: list[Visit]) -> dict[str, TriageRun]:
    """The latest triage at each reminding level that came after the latest doctor visit."""
    seen = max((v.at for v in visits), default=None)
    found: dict[str, TriageRun] = {}
    for run in runs:
        if run.disposition in REMINDING_LEVELS and (seen is None or run.at > seen):
            found[run.disposition] = run  # runs are oldest first: the latest wins
    return found


def compute(record: Record, now: datetime) -> JournalFacts:
    """The journal facts as of `now` (rows after `now` are ignored)."""
    entries = [e for e in record.pain_entries if e.at <= now]
    runs = [r for r in record.triage_runs if r.at <= now]
    readings = _readings(entries, runs)
    episodes = _episodes(entries, runs)
    current = _current(episodes, readings, now)
    earlier = [e for e in episodes if e is not current and now - e.start <= YEAR]

    values: dict[str, Any] = {"entries": 0, "rising_entries": 0, "episodes_past_year": len(earlier)}
    latest = entries[-1] if entries else None
    if latest is not None:
        values["latest_pain"] = latest.pain
    results = unsettled_triage(runs, [v for v in record.visits if v.at <= now])
    for level, run in results.items():
        values[triage_fact(level)] = round((now - run.at).total_seconds() / 86400, 2)
    if current is None:
        return JournalFacts(values, None, earlier, latest=latest, triage_results=results)

    values["episode_days"] = round((now - current.start).total_seconds() / 86400, 2)
    episode_entries = [e for e in entries if e.at >= current.start]
    episode_runs = [r for r in runs if r.at >= current.start]
    values["entries"] = len(episode_entries)
    rises = _rising([e.pain for e in episode_entries]) if episode_entries else []
    values["rising_entries"] = max(len(rises) - 1, 0)

    reported = _reported_episodes(episode_runs)
    if reported is not None:
        values["episodes_past_year"] = max(len(earlier), reported)

    means = _day_means([r for r in readings if r.at >= current.start])
    first_day = means[0] if means else None
    last_day = means[-1] if means else None
    trend = next((str(r.answers["trend"]) for r in reversed(episode_runs) if "trend" in r.answers), None)
    if len(means) >= 2:
        values["pain_improving"] = means[-1][1] < means[0][1]
    elif trend in ("improving", "same", "worse"):
        values["pain_improving"] = trend == "improving"
    return JournalFacts(values, current, earlier, first_day, last_day, trend, rises, latest, reported, results)


def compute_stored(
    conn: Connection, now: datetime, since: datetime, runs: list[TriageRun], visits: list[Visit]
) -> JournalFacts:
    """The same facts as `compute`, with the pain entries from `since` on asked of the store.

    `runs` and `visits` are those from `since` on, as `compute` would read them. The pain
    entries are never read whole (see backspasm.storage.pain_index); the caller checks
    `odd_rows` first and falls back to `compute` when the store holds a time in another form.
    """
    from backspasm.storage.pain_index import PainIndex

    index = PainIndex(conn, since, now)
    runs = [r for r in runs if r.at <= now]
    scores = _triage_readings(runs)
    episodes = _merge(index.islands(), runs)
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
    results = unsettled_triage(runs, [v for v in visits if v.at <= now])
    for level, run in results.items():
        values[triage_fact(level)] = round((now - run.at).total_seconds() / 86400, 2)
    if current is None:
        return JournalFacts(values, None, earlier, latest=latest, triage_results=results)

    start = current.start
    values["episode_days"] = round((now - start).total_seconds() / 86400, 2)
    episode_runs = [r for r in runs if r.at >= start]
    values["entries"] = index.count_since(start)
    rises = index.rising(start) if values["entries"] else []
    values["rising_entries"] = max(len(rises) - 1, 0)

    reported = _reported_episodes(episode_runs)
    if reported is not None:
        values["episodes_past_year"] = max(len(earlier), reported)

    episode_scores = [r for r in scores if r.at >= start]
    moments = [r.at for r in episode_scores]
    first_entry = index.first_since(start)
    if first_entry is not None and latest is not None:
        moments += [first_entry, latest.at]
    days = local_days(moments)
    first_day = last_day = None
    if days:
        score_days = list(zip(local_days(r.at for r in episode_scores), episode_scores, strict=True))

        def mean(day: date) -> tuple[date, float]:
            pains = index.pains_on(day, start) + [r.pain for d, r in score_days if d == day]
            return day, sum(pains) / len(pains)

        first_day, last_day = mean(min(days)), mean(max(days))
    trend = next((str(r.answers["trend"]) for r in reversed(episode_runs) if "trend" in r.answers), None)
    if first_day is not None and last_day is not None and first_day[0] != last_day[0]:
        values["pain_improving"] = last_day[1] < first_day[1]
    elif trend in ("improving", "same", "worse"):
        values["pain_improving"] = trend == "improving"
    return JournalFacts(values, current, earlier, first_day, last_day, trend, rises, latest, reported, results)
