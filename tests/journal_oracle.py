"""The journal's facts and the report's window worked out from every row in Python: the tests' oracle.

Before times were numbers, the program had two ways to each answer (every row read in Python, or
SQLite asked through the text times), and a test compared them. Now the store answers alone;
this is the first way, kept here so that randomized journals in many offsets can check the
store's answers against a plain reading of the rows.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from backspasm.clock.now import local_days
from backspasm.journal.facts import (
    EPISODE_GAP,
    LOOKBACK,
    TREND_SPAN,
    YEAR,
    Episode,
    JournalFacts,
    Reading,
    _merge,
    _onset,
    _report_value,
    _reported_episodes,
    _said_trend,
    _trend_values,
    triage_fact,
    unsettled_triage,
)
from backspasm.journal.pain_trend import day_highs
from backspasm.journal.trend import DayPain
from backspasm.journal.window import NOTES_SHOWN, RemedyCount, WindowSummary
from backspasm.storage.journal import PainEntry, Record, TriageRun


def _readings(entries: list[PainEntry], runs: list[TriageRun]) -> list[Reading]:
    found = [Reading(e.at, e.pain) for e in entries]
    for run in runs:
        score = run.answers.get("pain_score")
        if isinstance(score, int) and not isinstance(score, bool):
            found.append(Reading(run.at, score))
    return sorted(found, key=lambda r: r.at)


def _rising(pains: list[int]) -> list[int]:
    run = pains[-1:]
    for pain in reversed(pains[:-1]):
        if pain >= run[0]:
            break
        run.insert(0, pain)
    return run


def facts_from_rows(record: Record, now: datetime, reports: Sequence[datetime] = ()) -> JournalFacts:
    """The journal facts as of `now`, from every row of `record` (as the program computed them before)."""
    entries = [e for e in record.pain_entries if now - LOOKBACK <= e.at <= now]
    runs = [r for r in record.triage_runs if r.at <= now]
    readings = _readings(entries, runs)
    episodes = _merge([(e.at, e.at) for e in entries if e.pain > 0], runs)
    current: Episode | None = None
    if episodes and now - episodes[-1].end < EPISODE_GAP:
        last = episodes[-1]
        current = None if any(r.pain == 0 and r.at > last.end for r in readings) else last
    earlier = [e for e in episodes if e is not current and now - e.start <= YEAR]

    values: dict[str, Any] = {"entries": 0, "rising_entries": 0, "episodes_past_year": len(earlier)}
    latest = max(entries, key=lambda e: (e.at, e.id)) if entries else None
    if latest is not None:
        values["latest_pain"] = latest.pain
    seen = [v for v in record.visits if v.at <= now]
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

    values["episode_days"] = round((now - current.start).total_seconds() / 86400, 2)
    episode_entries = sorted((e for e in entries if e.at >= current.start), key=lambda e: (e.at, e.id))
    episode_runs = [r for r in runs if r.at >= current.start]
    values["entries"] = len(episode_entries)
    rises = _rising([e.pain for e in episode_entries]) if episode_entries else []
    values["rising_entries"] = max(len(rises) - 1, 0)

    reported = _reported_episodes(episode_runs)
    if reported is not None:
        values["episodes_past_year"] = max(len(earlier), reported)

    trend_from = max(current.start, now - TREND_SPAN)
    episode_readings = [r for r in readings if r.at >= trend_from]
    moments = local_days(r.at for r in episode_readings)
    days = day_highs(list(zip(moments, [r.pain for r in episode_readings], strict=True)))
    trend = _said_trend(episode_runs)
    found = _trend_values(values, days, trend)
    return JournalFacts(values, current, earlier, days, found, trend, rises, latest, reported, results, told, report)


def daily(entries: Sequence[PainEntry]) -> list[DayPain]:
    """One DayPain per local day that has entries, oldest first."""
    by_day: dict[date, list[int]] = defaultdict(list)
    for day, pain in zip(local_days(e.at for e in entries), [e.pain for e in entries], strict=True):
        by_day[day].append(pain)
    return [DayPain(day, len(p), min(p), max(p), sum(p) / len(p)) for day, p in sorted(by_day.items())]


def summarise(entries: list[PainEntry]) -> WindowSummary:
    """The report's summary of entries given oldest first (ties by id)."""
    times: dict[str, int] = {}
    last: dict[str, datetime] = {}
    for entry in entries:
        for remedy in entry.tried:
            times[remedy] = times.get(remedy, 0) + 1
            last[remedy] = entry.at
    noted = [e for e in entries if e.note]
    return WindowSummary(
        count=len(entries),
        days=daily(entries),
        latest=entries[-1] if entries else None,
        tried=[RemedyCount(remedy, n, last[remedy]) for remedy, n in times.items()],
        notes_count=len(noted),
        notes=noted[-NOTES_SHOWN:][::-1],
    )


def store_record(conn: Any, record: Record) -> None:
    """Write a record's pain entries, triage runs and visits into the store, as the commands would."""
    from backspasm.clock.now import stamp
    from backspasm.storage.pain_entries import add_pain_entry
    from backspasm.storage.times import micros
    from backspasm.storage.visits import add_visit

    for entry in record.pain_entries:
        add_pain_entry(conn, entry.at, entry.pain, entry.note, entry.tried)
    for run in record.triage_runs:
        conn.execute(
            "INSERT INTO triage_runs (at, at_us, answers, disposition, result, onset_at) VALUES (?, ?, ?, ?, ?, ?)",
            (
                stamp(run.at),
                micros(run.at.replace(microsecond=0)),
                json.dumps(run.answers),
                run.disposition,
                json.dumps(run.result),
                stamp(run.onset_at) if run.onset_at is not None else None,
            ),
        )
    for visit in record.visits:
        add_visit(conn, visit.at, visit.note)
