"""The plan for today, computed from plain values: where you are, what comes first, what to do next.

Pure: the journal's rows and the knowledge base's words come in as values, a frozen DayPlan comes
out. No printing, no SQL, no terminal. Every sentence is a knowledge-base template (today.yaml)
filled in here; the order of the parts is the order a person reads them in.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from backspasm.clock.now import local
from backspasm.kb.conditions import holds
from backspasm.session.rest import Exposure, after_words, rest_until
from backspasm.today.day import Journal, session_end
from backspasm.today.knowledge import Knowledge, TimedRoutine
from backspasm.view_values.today import Caution as Caution
from backspasm.view_values.today import DayPlan as DayPlan
from backspasm.view_values.today import Done as Done
from backspasm.view_values.today import First as First
from backspasm.view_values.today import Step as Step

if TYPE_CHECKING:
    from backspasm.kb.views import TodayPhase

# Stretch runs that mean a routine is done for today ("worse": it hurt, so no other is suggested).
DONE_STATUSES = ("completed", "worse")


# Pain scores shown in a sentence before the list is cut to its first and last few (JSON has all).
SHOWN_SCORES = 6
# Levels at which today's self-care plan waits until a doctor has been seen: what to do now comes first.
ACT_NOW_LEVELS = ("emergency", "urgent")
# The journal's reading of the latest day (journal/pain_trend.py) as today's trend words' keys.
TREND_KEYS = {"improving": "easing", "same": "same", "worse": "worse"}

def fill(template: str, **values: Any) -> str:
    """A knowledge-base template with its {names} filled in (kb check allows only known names)."""
    return template.format(**values)


def clock_time(moment: datetime) -> str:
    """A time of day as people read it, in local time: 14:20."""
    return f"{local(moment):%H:%M}"


def date_text(moment: datetime, now: datetime) -> str:
    """A day as people read it: "Fri 27 Nov" (with the year when it is not this year)."""
    at = local(moment)
    year = f" {at.year}" if at.year != local(now).year else ""
    return f"{at:%a} {at.day} {at:%b}{year}"


def when_text(moment: datetime, now: datetime) -> str:
    """When something began: "today at 09:00", "yesterday at 09:00", "on Fri 27 Nov at 09:00"."""
    days = (local(now).date() - local(moment).date()).days
    said = "today" if days == 0 else "yesterday" if days == 1 else f"on {date_text(moment, now)}"
    return f"{said} at {clock_time(moment)}"


def ago_text(moment: datetime, now: datetime) -> str:
    """How long ago, as the journal says it (journal.explain.days_text): "9 hours", "2.5 days"."""
    from backspasm.journal.explain import days_text

    days = max(0.0, (now - moment).total_seconds() / 86400)
    return "less than an hour" if days * 24 < 1 else days_text(days)


def minutes_text(minutes: float) -> str:
    """Whole minutes, never below 1 for something that took any time at all."""
    whole = round(minutes)
    return str(max(whole, 1) if minutes > 0 else 0)


def applied_words(seconds: float) -> str:
    """Time applied as people read it: seconds for a short session ("5 s"), else minutes ("15 min")."""
    if seconds < 60:
        return f"{max(round(seconds), 1) if seconds > 0 else 0} s"
    return f"{round(seconds / 60)} min"


def some(items: list[str]) -> str:
    """Items joined with commas; a long list (a journal logged every few minutes) as its first and last few."""
    if len(items) <= SHOWN_SCORES:
        return ", ".join(items)
    return ", ".join([items[0], "…", *items[-(SHOWN_SCORES - 2) :]])


def onset_of(journal: Journal, since: datetime | None) -> tuple[datetime | None, str | None]:
    """When this episode began and how that was decided: the journal's onset (the latest triage's
    answer, else the first entry), as log, history and the report say it; --since only when the
    journal shows no episode."""
    start = journal.episode_start
    if start is not None:
        return min(start, journal.now), "triage" if journal.onset_triage_at is not None else "journal"
    if since is not None:
        return since, "since"
    return None, None


def phase_of(knowledge: Knowledge, onset: datetime | None, now: datetime) -> str | None:
    """The phase by the knowledge base's one boundary; "prevention" without a current episode."""
    if onset is None:
        return "prevention" if "prevention" in knowledge.phases else None
    hours = max(0.0, (now - onset).total_seconds() / 3600)
    return "early" if hours < knowledge.early_hours else "later"


def trend_of(journal: Journal) -> str | None:
    """easing, same or worse: today read against the episode's days as log and history read it
    (a day's pain is its highest entry; 2 points or 30% is a change); None when it cannot tell."""
    if not journal.pain_today or journal.trend is None:
        return None
    return TREND_KEYS.get(journal.trend)


def _first(knowledge: Knowledge, journal: Journal, number: str) -> First | None:
    if not journal.fired:
        return None
    lead = journal.fired[0]
    level = lead.level
    headline = knowledge.headlines.get(level, "").replace("{emergency_number}", number)
    words = knowledge.words
    # New symptoms told to `log`: triage comes first; otherwise the level's headline.
    advice = words["new_symptoms"] if lead.from_log else fill(words["escalation"], headline=headline.rstrip("."))
    # A doctor visit settles only what a triage said (journal.facts.unsettled_triage).
    hint = words["seen_hint"] if any(f.from_triage for f in journal.fired) else ""
    if level in ACT_NOW_LEVELS:
        on_hold = words["on_hold_triage" if lead.from_log else "on_hold"]
        return First(level, advice, journal.fired, hint, words["act_now_heading"], on_hold)
    return First(level, advice, journal.fired, hint, words["first_heading"])


def _session_step(knowledge: Knowledge, rules: TodayPhase, journal: Journal) -> Step | None:
    if rules.session is None or rules.session not in knowledge.protocols:
        return None
    protocol = knowledge.protocols[rules.session]
    words = knowledge.words
    past = [s for s in journal.sessions if s.started_at <= journal.now]
    last = past[-1] if past else None
    if last is not None and last.running:
        name = knowledge.protocols[last.protocol].name if last.protocol in knowledge.protocols else protocol.name
        text = fill(words["session_running"], name=name)
        return Step("session", text, protocol.id, "running", note=rules.session_note)
    # The one rest rule `session` enforces (session/rest.py): the rest belongs to the session that ended.
    exposures = (Exposure(s.protocol, s.started_at, session_end(s), s.applied_seconds, s.running) for s in past)
    rests = {key: p.rest_minutes for key, p in knowledge.protocols.items()}
    rest = rest_until(exposures, rests, journal.now, fallback=protocol.rest_minutes)
    if rest is not None:
        after = knowledge.protocols.get(rest.protocol)
        text = fill(
            words["session_resting"],
            name=protocol.name,
            time=clock_time(rest.until),
            rest=minutes_text(rest.rest_minutes),
            after=after_words(after.kind if after is not None else None),
        )
        return Step("session", text, protocol.id, "resting", rest.until, rest.rest_minutes, note=rules.session_note)
    text = fill(words["session_ready"], name=protocol.name, id=protocol.id)
    return Step("session", text, protocol.id, "ready", rest_minutes=protocol.rest_minutes, note=rules.session_note)


def _fit(routine: TimedRoutine, location: str | None) -> float:
    if location is None or not routine.locations:
        return 0.0
    return sum(location in places for places in routine.locations) / len(routine.locations)


def choose_routine(
    knowledge: Knowledge, phase: str, location: str | None, done: set[str], *, pregnant: bool = False
) -> TimedRoutine | None:
    """The routine for the phase and place not done today, as `backspasm stretch` would pick it.

    In the early phase only routines marked for it (and later, none marked for early only); then
    the ones most about the place of the pain (the latest triage's `location`), the knowledge
    base's order breaking ties. None when every routine that suits is done. When `pregnant`, a
    routine with a stretch done lying on the back is replaced by one for pregnancy (the NHS: not
    flat on your back for long after about 16 weeks).
    """
    usual = [r for r in knowledge.routines if not r.for_pregnancy]
    chosen = _choose(usual, phase, location, done)
    if pregnant and (chosen is None or chosen.lying_on_back):
        return _choose([r for r in knowledge.routines if r.for_pregnancy], phase, location, done)
    return chosen


def _choose(routines: list[TimedRoutine], phase: str, location: str | None, done: set[str]) -> TimedRoutine | None:
    if not routines:
        return None
    # A routine marked for some phases suits only those; one marked for none suits every phase.
    suits = [r for r in routines if not r.routine.phases or phase in r.routine.phases] or routines
    candidates = [r for r in suits if phase in r.routine.phases] if phase == "early" else []
    candidates = candidates or suits
    if location is not None and any(_fit(r, location) > 0 for r in candidates):
        candidates = sorted((r for r in candidates if _fit(r, location) > 0), key=lambda r: -_fit(r, location))
    left = [r for r in candidates if r.routine.id not in done]
    return left[0] if left else None


def _stretch_step(knowledge: Knowledge, phase: str, journal: Journal) -> Step | None:
    if not knowledge.routines:
        return None
    runs = journal.stretches_today
    words = knowledge.words
    if any(run.status == "worse" for run in runs):  # a stretch hurt more today: none is suggested
        return Step("stretch", words["stretch_worse"], None, "worse")
    done = {run.routine for run in runs if run.status in DONE_STATUSES}
    location = journal.triage_answers.get("location")
    pregnant = journal.triage_answers.get("pregnancy") == "pregnant"
    routine = choose_routine(knowledge, phase, location if isinstance(location, str) else None, done, pregnant=pregnant)
    if routine is None:
        return Step("stretch", words["stretch_done"], None, "done")
    minutes = minutes_text(routine.seconds / 60)
    text = fill(words["stretch_todo"], name=routine.routine.name, minutes=minutes, id=routine.routine.id)
    return Step("stretch", text, routine.routine.id, "todo")


def _steps(knowledge: Knowledge, rules: TodayPhase, journal: Journal) -> list[Step]:
    words = knowledge.words
    steps = [Step("move", rules.move, rules.move_remedy)]
    session = _session_step(knowledge, rules, journal)
    if session is not None:
        steps.append(session)
    stretch = _stretch_step(knowledge, rules.phase, journal)
    if stretch is not None:
        steps.append(stretch)
    for remedy_id in rules.remedies:
        remedy = knowledge.remedies.get(remedy_id)
        if remedy is None:
            continue
        grade = knowledge.grades.get(remedy.evidence.grade, remedy.evidence.grade)
        steps.append(
            Step("remedy", fill(words["remedy"], name=remedy.name, grade=grade), remedy.id, grade=remedy.evidence.grade)
        )
    steps += [Step("watch", text) for text in rules.watch]
    return steps


def _done(knowledge: Knowledge, journal: Journal) -> list[Done]:
    words = knowledge.words
    today = local(journal.now).date()
    found: list[tuple[datetime, Done]] = []
    for session in journal.sessions:
        if local(session.started_at).date() != today or session.started_at > journal.now:
            continue
        protocol = knowledge.protocols.get(session.protocol)
        name = protocol.name if protocol else session.protocol
        minutes = session.applied_seconds / 60
        text = fill(
            words["done_session"],
            name=name,
            minutes=minutes_text(minutes),
            applied=applied_words(session.applied_seconds),
            time=clock_time(session.started_at),
        )
        status = "running" if session.running else session.status
        found.append(
            (session.started_at, Done("session", text, session.protocol, session.started_at, round(minutes, 1), status))
        )
    names = {r.routine.id: r.routine.name for r in knowledge.routines}
    for run in journal.stretches_today:
        status = knowledge.statuses.get(run.status, run.status)
        text = fill(
            words["done_stretch"],
            name=names.get(run.routine, run.routine),
            time=clock_time(run.started_at),
            status=status,
        )
        found.append((run.started_at, Done("stretch", text, run.routine, run.started_at, status=run.status)))
    items = [item for _, item in sorted(found, key=lambda pair: pair[0])]
    if journal.pain_today:
        scores = some([f"{row.pain} at {clock_time(row.at)}" for row in journal.pain_today])
        pains = tuple(row.pain for row in journal.pain_today)
        items.append(Done("pain", fill(words["done_pain"], scores=scores), scores=pains))
    return items


def _where(
    knowledge: Knowledge, journal: Journal, onset: datetime | None, began_from: str | None, trend: str | None
) -> tuple[list[str], int | None]:
    words = knowledge.words
    now = journal.now
    if onset is None:
        return [words["no_episode"] if journal.has_rows else words["nothing_yet"]], None
    day = int(max(0.0, (now - onset).total_seconds()) // 86400)
    if began_from == "triage" and journal.onset_triage_at is not None:
        how = fill(words["onset_triage"], date=date_text(journal.onset_triage_at, now))
    else:
        how = words["onset_since" if began_from == "since" else "onset_journal"]
    lines = [fill(words["began"], when=when_text(onset, now), ago=ago_text(onset, now), how=how)]
    scores = some([str(row.pain) for row in journal.pain_today])
    if not scores:
        lines.append(words["no_pain_today"])
    elif trend is None:
        lines.append(fill(words["pain_today_one"], scores=scores))
    else:
        lines.append(fill(words["pain_today"], scores=scores, trend=knowledge.trend[trend]))
    return lines, day


def _check_in_due(journal: Journal, onset: datetime | None) -> str | None:
    """Whether the weekly check-in is due: "first" at the start of the episode, "weekly" a week after the latest."""
    from backspasm.journal.peg import due

    return due(onset if journal.episode_start is not None else None, journal.latest_check_in, journal.now)


def make_plan(knowledge: Knowledge, journal: Journal, *, since: datetime | None = None, number: str = "") -> DayPlan:
    """The plan for today from the journal (and --since), in the knowledge base's words.

    `number` is the emergency number that fills {emergency_number} in the advice headline.
    """
    words = knowledge.words
    now = journal.now
    onset, began_from = onset_of(journal, since)
    nothing = onset is None and not journal.has_rows
    phase = None if nothing else phase_of(knowledge, onset, now)
    rules = knowledge.phases.get(phase) if phase is not None else None
    trend = trend_of(journal) if onset is not None else None
    where, day = _where(knowledge, journal, onset, began_from, trend)
    first = _first(knowledge, journal, number)
    # After an emergency or urgent triage (or new symptoms) not yet seen to, what to do now comes
    # first and today's self-care plan waits: no sessions, stretches or walks planned as if all is well.
    on_hold = first is not None and first.level in ACT_NOW_LEVELS
    # The weekly check-in waits too while what to do now comes first.
    check_in = None if on_hold else _check_in_due(journal, onset)
    if check_in is not None and where[-1].endswith("."):  # after the pain of today, on its line
        where[-1] += f" {words['check_in_due']}"
    elif check_in is not None:  # a line ending in a command ("Add one: backspasm log") takes nothing after it
        where.append(words["check_in_due"])
    cautions = tuple(
        Caution(c.id, c.text)
        for c in knowledge.cautions
        if journal.triage_answers and holds(c.when, journal.triage_answers)
    )
    return DayPlan(
        now=now,
        title=fill(words["title"], date=f"{local(now):%a} {local(now).day} {local(now):%b}, {local(now):%H:%M}"),
        phase=phase if rules is not None else None,
        phase_name=rules.name if rules is not None else None,
        day=day,
        began=onset,
        began_from=began_from,
        where=tuple(where),
        pain_scores=tuple(row.pain for row in journal.pain_today),
        trend=trend,
        first=first,
        first_heading=first.heading if first is not None else words["first_heading"],
        steps_heading=fill(words["steps_heading"], phase=rules.name) if rules is not None and not on_hold else "",
        steps=tuple(_steps(knowledge, rules, journal)) if rules is not None and not on_hold else (),
        done_heading=words["done_heading"],
        done=tuple(_done(knowledge, journal)),
        done_nothing=words["done_nothing"],
        cautions_heading=words["cautions_heading"],
        cautions=cautions,
        more=words["welcome_more"],
        disclaimer=" ".join(words["disclaimer"].split()),
        check_in_due=check_in,
    )
