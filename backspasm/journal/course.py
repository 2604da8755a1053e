"""The doctor report's two sections about the episode, as plain values: its course, and what was tried.

- "Course of this episode" (`course_of_episode`): the onset (decided once, journal/facts.py),
  its days, the triage results since it began, the weekly check-ins' baseline and latest
  (journal/peg.py) and the pain by day.
- "What you tried and how your pain changed" (`what_you_tried`): journal/what_helped.py over the
  pain entries of a span, each remedy against the next pain entry within 4 hours.

Each function reads through the connection the action opened and returns values; `*_data` gives
the same as JSON-ready values, in the order a report shows them. Nothing here prints or draws:
the report's writers word and lay them out (render/report/).
"""

from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple

from backspasm.clock.now import local_day, localize, stamp
from backspasm.journal import peg

if TYPE_CHECKING:
    from collections.abc import Sequence

    from backspasm.journal.facts import JournalFacts
    from backspasm.journal.trend import DayPain
    from backspasm.journal.what_helped import Helped
    from backspasm.storage.db import Connection
    from backspasm.storage.triage_runs import SavedTriage


class TriageResult(NamedTuple):
    """A saved triage of the episode: when, and the level it reached (emergency, urgent, soon, self-care)."""

    at: datetime
    level: str


class Course(NamedTuple):
    """The course of an episode: "Course of this episode" in the doctor's report."""

    onset: datetime
    # How the onset was decided: "triage" (what the latest triage of the episode was told) or
    # "journal" (the episode's first pain moment).
    onset_from: str
    # Whole days from the onset to now (0 on its first day).
    days: int
    # False when the episode has ended (14 days pain-free or with nothing recorded).
    ongoing: bool
    triage: tuple[TriageResult, ...]
    # The episode's weekly check-ins read together: baseline (first), latest, the change; None without one.
    check_ins: peg.Change | None
    # Each local day with pain entries, from the onset's day on, oldest first.
    pain_by_day: "tuple[DayPain, ...]"


def episode_facts(conn: "Connection", now: datetime) -> "JournalFacts":
    """The journal facts as every screen reads them (journal/facts.py): episodes, the onset, the triage behind it."""
    from backspasm.journal.escalation import symptom_reports
    from backspasm.journal.facts import LOOKBACK, compute
    from backspasm.storage.triage_runs import triage_runs
    from backspasm.storage.visits import visits

    since = now - LOOKBACK
    return compute(conn, now, triage_runs(conn, since), visits(conn, since), symptom_reports(conn, now))


def course_of_episode(
    conn: "Connection",
    now: datetime,
    facts: "JournalFacts | None" = None,
    days_from: datetime | None = None,
    read_runs: "tuple[Sequence[SavedTriage], datetime] | None" = None,
) -> Course | None:
    """The current episode's course, else the latest episode's in the past year; None without any.

    Its pain by day starts at `days_from` when the episode began before it: the report's window,
    so that a long episode is summed up over the days the report covers, not read whole again.
    `read_runs` are triage runs already read from a moment up to `now` (the report's): the
    episode's are taken from them when it began after that moment.
    """
    from backspasm.journal.trend import DayPain
    from backspasm.storage.check_ins import check_ins
    from backspasm.storage.pain_index import PainIndex
    from backspasm.storage.triage_runs import triage_runs

    facts = facts if facts is not None else episode_facts(conn, now)
    episode = facts.current or (facts.earlier[-1] if facts.earlier else None)
    if episode is None:
        return None
    ongoing = facts.current is not None
    onset = episode.start
    until = now if ongoing else episode.end
    onset_from = "triage" if ongoing and facts.onset_triage is not None else "journal"
    if read_runs is not None and onset >= read_runs[1]:
        runs = [r for r in read_runs[0] if onset <= r.at <= until]
    else:
        runs = [r for r in triage_runs(conn, onset, until) if r.at <= until]
    triage = tuple(TriageResult(r.at, str(r.result.get("disposition") or r.disposition)) for r in runs)
    found = check_ins(conn, onset - peg.GRACE, until + (peg.GRACE if not ongoing else timedelta(0)))
    first_day = localize(datetime.combine(local_day(max(onset, days_from) if days_from else onset), time(0)))
    days = tuple(DayPain(*day) for day in PainIndex(conn, first_day, until).days(first_day))
    whole_days = int(max(0.0, (now - onset).total_seconds()) // 86400)
    return Course(onset, onset_from, whole_days, ongoing, triage, peg.change(found), days)


def course_data(course: Course | None) -> dict[str, Any] | None:
    """The course as JSON-ready values (None without an episode)."""
    if course is None:
        return None
    return {
        "onset": stamp(course.onset),
        "onset_from": course.onset_from,
        "days": course.days,
        "ongoing": course.ongoing,
        "triage": [{"at": stamp(t.at), "level": t.level} for t in course.triage],
        "check_ins": peg.change_data(course.check_ins),
        "pain_by_day": [
            {"day": d.day.isoformat(), "entries": d.count, "low": d.low, "high": d.high, "mean": round(d.mean, 2)}
            for d in course.pain_by_day
        ],
    }


def what_you_tried(conn: "Connection", since: datetime | None, until: datetime) -> "list[Helped]":
    """Each remedy logged from `since` to `until` against the next pain entry within 4 hours, most helpful first.

    "What you tried and how your pain changed" in the doctor's report, and `remedies --mine`.
    The next entry may come up to 4 hours after `until`. SQLite pairs and counts the entries in
    one pass of the journal's time index; what_helped.from_counts gives the same numbers as
    what_helped.what_helped of every trial.
    """
    from backspasm.journal import what_helped
    from backspasm.storage.pain_entries import tried_with_next

    counted = tried_with_next(conn, since, until, what_helped.FOLLOW_UP)
    return what_helped.helped_first(what_helped.from_counts(counted))


def tried_data(helped: "list[Helped]", names: dict[str, str]) -> dict[str, Any]:
    """What was tried as JSON-ready values: each remedy's name (from `names`), numbers and words, and the note."""
    from backspasm.journal import what_helped

    return {
        "remedies": [
            {**h.as_data(), "name": names.get(h.remedy, h.remedy), "words": what_helped.summary_words(h)}
            for h in helped
        ],
        "follow_up_hours": int(what_helped.FOLLOW_UP.total_seconds() // 3600),
        "note": what_helped.OWN_EXPERIENCE,
    }
