"""`backspasm today` and the short plan above the welcome: read the journal and the KB, plan, draw.

The light path: the knowledge base is read as plain cached data (no pydantic), the journal
through the readers the other commands use, and rich only when drawing to a terminal.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, Any, cast

from backspasm.storage.paths import journal_exists, journal_file

if TYPE_CHECKING:
    from backspasm.emergency.number import EmergencyNumber
    from backspasm.journal.flare_first import Shown
    from backspasm.storage.db import Connection
    from backspasm.today.day import Journal
    from backspasm.today.knowledge import Knowledge
    from backspasm.today.plan import DayPlan

# The welcome shows the short plan only while an episode is going on.
EPISODE_PHASES = ("early", "later")
# How many lines of the flare-up plan the welcome shows (title and first line included): with the
# welcome's own 13 lines, the screen stays within 24; under an urgent result, the title alone.
WELCOME_PLAN_LINES = 8
WELCOME_PLAN_LINES_URGENT = 2


def today(*, as_json: bool, plain: bool, since: str | None) -> None:
    """Work out the plan for today and show it as a screen, plain lines or JSON."""
    from backspasm.clock.now import now as clock_now
    from backspasm.kb.loader import load_active_data

    now = clock_now()
    onset = None
    if since is not None:
        from backspasm.clock.read import read_onset

        onset = read_onset(since, now)
    data = load_active_data()
    number = emergency_number(data)
    plan = make(now, onset, number, data)
    if onset is not None and plan.began_from != "since":
        from backspasm.render.text import say

        # One onset per episode, the same on every screen: the journal's, once it has one.
        say("backspasm: --since is not used: your journal already dates this episode (see below)", err=True)
    from backspasm.render import today as view
    from backspasm.render.text import emergency_problems, to_terminal

    emergency_problems(number)
    flare = flare_first(now, data, number)
    if as_json:
        view.print_json(plan, number, flare)
    elif plain or not to_terminal():
        # Piped or redirected, plain lines; on a terminal the same lines drawn with their styles.
        view.print_plain(plan, number, flare)
    else:
        view.draw(plan, number, flare)


def flare_first(now: datetime, data: dict[str, Any], number: EmergencyNumber) -> Shown | None:
    """The flare-up plan when it comes first now (journal.flare_first), else None; never with no journal."""
    if not journal_exists():
        return None
    from backspasm.journal.flare_first import plan_first, sign_titles
    from backspasm.storage.db import connect

    conn = connect(reading=True)
    try:
        return plan_first(conn, now, sign_titles(data.get("warning_signs") or []), number.text)
    finally:
        conn.close()


def welcome_lines(number: EmergencyNumber) -> list[str]:
    """The short plan shown above the welcome while an episode is going on; [] otherwise.

    Only a journal that exists is opened (the bare command must not create one), and nothing
    that goes wrong here may cost the welcome, which carries the emergency advice.
    """
    if not journal_file().exists():
        return []
    from backspasm.clock.now import now as clock_now
    from backspasm.kb.loader import load_active_data

    try:
        now = clock_now()
        data = load_active_data()
        plan = make(now, None, number, data)
        flare = flare_first(now, data, number)
    except Exception:  # a damaged journal, cache or settings file: the welcome still shows
        return []
    from backspasm.journal.flare_plan import SIGNS_HEADING
    from backspasm.render.today import SHORT_WIDTH, short_lines

    if flare is None:
        return short_lines(plan) if plan.phase in EPISODE_PHASES else []
    from backspasm.render.flareplan import short_lines as flare_lines
    from backspasm.render.today import leads

    # The welcome ends with the emergency signs already: the plan's own parts, as many whole parts
    # as fit its share of the 24 lines (fewer under an emergency or urgent result, which comes
    # first), then where to see the rest.
    budget = WELCOME_PLAN_LINES_URGENT if leads(plan) else WELCOME_PLAN_LINES
    parts = [(heading, items) for heading, items in flare.sections if not heading.startswith(SIGNS_HEADING)]
    while parts and len(flare_lines(flare.title, flare.lead, parts, SHORT_WIDTH)) - 1 > budget:
        parts.pop()
    lines = flare_lines(flare.title, flare.lead, parts, SHORT_WIDTH)
    lines[-1:] = [f"The whole plan: backspasm plan. {plan.more}", ""]
    return short_lines(plan) + lines if leads(plan) else lines


def emergency_number(data: dict[str, Any]) -> EmergencyNumber:
    """The number for today's screens, from the knowledge base's plain data already loaded."""
    from backspasm.emergency.current import current
    from backspasm.kb.views import Region

    return current([Region(row) for row in data.get("regions") or []])


def make(now: datetime, since: datetime | None, number: EmergencyNumber, data: dict[str, Any] | None = None) -> DayPlan:
    """The plan for now: the knowledge base's plain data, the journal (when there is one), the plan."""
    from backspasm.kb.loader import load_active_data
    from backspasm.today.day import Journal
    from backspasm.today.knowledge import from_data
    from backspasm.today.plan import make_plan

    knowledge = from_data(data if data is not None else load_active_data())
    journal = read_journal(now, knowledge) if journal_exists() else Journal(now)
    return make_plan(knowledge, journal, since=since, number=number.text)


def read_journal(now: datetime, knowledge: Knowledge) -> Journal:
    """What the journal says today, as plain values."""
    from backspasm.storage.db import connect

    conn = connect(reading=True)  # today only reads: a read-only or full data directory is no obstacle
    try:
        return _read(conn, now, knowledge)
    finally:
        conn.close()


class _Rules:
    """The escalation rules as light views, where the journal's assessment reads `kb.escalation_rules`."""

    def __init__(self, rules: tuple[Any, ...]) -> None:
        self.escalation_rules = list(rules)


def _read(conn: Connection, now: datetime, knowledge: Knowledge) -> Journal:
    from backspasm.clock.now import local_day, localize
    from backspasm.journal.escalation import assess
    from backspasm.journal.explain import verdict
    from backspasm.journal.facts import EPISODE_GAP, LOOKBACK
    from backspasm.storage import journal as record
    from backspasm.storage.check_ins import latest_check_in
    from backspasm.storage.sessions import list_sessions, pid_alive
    from backspasm.today.day import Journal, PainRow, SessionRow, StretchRow

    since = now - LOOKBACK
    runs = record.triage_runs(conn, since)
    assessment = assess(conn, cast(Any, _Rules(knowledge.escalation_rules)), now, runs, record.visits(conn, since))
    facts = assessment.facts
    # A triage is remembered for two weeks, as storage.triage_runs.REMEMBER_FOR (importing it brings in
    # the triage engine): the same span as the journal's episode gap.
    recent = [run for run in runs if now - EPISODE_GAP <= run.at <= now]
    latest = recent[-1] if recent else None

    day_start = localize(datetime.combine(local_day(now), time()))
    pains = [PainRow(e.id, e.at, e.pain) for e in record.pain_entries(conn, day_start) if e.at <= now]
    sessions = [
        SessionRow(
            s.id,
            s.protocol,
            s.started_at,
            s.ended_at,
            s.applied_seconds,
            s.status,
            running=s.status == "running" and s.pid is not None and pid_alive(s.pid),
        )
        for s in list_sessions(conn, day_start - timedelta(days=1))
    ]
    stretches = [StretchRow(r.id, r.routine, r.started_at, r.status) for r in record.stretch_runs(conn, day_start)]
    # The episode's onset is said once, above the box (plan.where), not again in it.
    fired = verdict(assessment, leave_out={"episode_days"}).fired
    found = facts.pain_trend
    return Journal(
        now=now,
        has_rows=not record.nothing_recorded(conn),
        episode_start=facts.current.start if facts.current is not None else None,
        onset_triage_at=facts.onset_triage.at if facts.onset_triage is not None else None,
        triage_answers=latest.answers if latest is not None else {},
        pain_today=tuple(pains),
        trend=found.trend if found is not None and found.latest.day == local_day(now) else None,
        sessions=tuple(sessions),
        stretches_today=tuple(r for r in stretches if r.started_at <= now),
        fired=fired,
        latest_check_in=checked.at if (checked := latest_check_in(conn, now)) is not None else None,
    )
