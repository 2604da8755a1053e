"""Plain words for what the journal shows, so a person sees why a rule fired."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from backspasm.clock.now import local
from backspasm.clock.show import day_text as day_text
from backspasm.clock.show import moment_text as moment_text
from backspasm.journal.facts import NEW_SYMPTOMS_FACT, REMINDING_LEVELS, JournalFacts, triage_fact
from backspasm.journal.pain_trend import IMPROVING, WORSE, PainTrend
from backspasm.storage.journal import TriageRun
from backspasm.triage.summary import level_shout, reasons_text

if TYPE_CHECKING:
    from backspasm.journal.escalation import Assessment
    from backspasm.view_values.escalation import Verdict

# The triage answer `trend` in words.
_TREND_WORDS = {"improving": "getting better", "same": "about the same", "worse": "getting worse"}


def plural(count: int, one: str, many: str) -> str:
    """A count with its noun: 1 entry, 3 entries."""
    return f"{count} {one if count == 1 else many}"


def days_text(days: float) -> str:
    """A number of days: one decimal below ten (3.4 days), whole days above, never "2.0"."""
    if days < 1:
        hours = round(days * 24)
        return f"{hours} hour{'s' if hours != 1 else ''}"
    shown = f"{days:.1f}" if days < 10 else f"{days:.0f}"
    shown = shown.removesuffix(".0")
    return f"{shown} day{'' if shown == '1' else 's'}"


def pain_text(value: float) -> str:
    """A pain value to one decimal, without a trailing .0 (6, 6.5)."""
    return f"{value:.1f}".removesuffix(".0")


def triage_said(run: TriageRun) -> str:
    """A saved triage in words: "your triage on Sun 29 Nov 2026 said EMERGENCY (new trouble peeing ...)"."""
    titles = [str(r.get("title", "")) for r in run.result.get("reasons") or [] if isinstance(r, dict)]
    said = f"your triage on {day_text(local(run.at).date())} said {level_shout(run.disposition)}"
    reasons = reasons_text(t for t in titles if t)
    return f"{said} ({reasons})" if reasons else said


_TRIAGE_FACTS = {triage_fact(level): level for level in REMINDING_LEVELS}
# The facts one sentence about the pain's trend explains together.
TREND_FACTS = ("pain_improving", "pain_worse", "pain_eased_some_day")


def onset_how(facts: JournalFacts) -> str:
    """How the episode's onset was decided, in words: "as you said at triage on Sat 5 Dec 2026"."""
    if facts.onset_triage is not None:
        return f"as you said at triage on {day_text(local(facts.onset_triage.at).date())}"
    return "from the first entry in your journal"


def trend_text(found: PainTrend) -> str:
    """The latest day read against the worst and lowest days, in words."""
    latest = f"{found.latest.pain}/10 on {day_text(found.latest.day)}"
    worst = f"{found.worst.pain}/10 on {day_text(found.worst.day)}"
    if found.trend == IMPROVING:
        return f"pain has eased: {latest}, down from {worst}, the worst day"
    if found.trend == WORSE and found.latest.pain > found.worst.pain:
        return f"pain is worse: {latest}, above the worst day before it ({worst})"
    if found.trend == WORSE:
        low = f"{found.lowest.pain}/10 on {day_text(found.lowest.day)}"
        return f"pain is worse again: {latest}, up from {low}"
    return f"pain is about the same: {latest}; the worst day was {worst}"


def explain(facts: JournalFacts, key: str) -> str | None:
    """One sentence about one fact, or None when the journal cannot tell it."""
    values = facts.values
    if key not in values:
        return None
    if key == "episode_days" and facts.current is not None:
        began = day_text(local(facts.current.start).date())
        return f"this episode began on {began} ({onset_how(facts)}), {days_text(values[key])} ago"
    if key in TREND_FACTS:
        if facts.pain_trend is not None:
            return trend_text(facts.pain_trend)
        said = _TREND_WORDS.get(facts.triage_trend or "", "not known")
        return f"at triage you said the pain was {said}"
    if key == "rising_entries":
        count = values[key]
        if count == 0:
            return "pain has not risen from one entry to the next"
        steps = " → ".join(str(p) for p in facts.rises)
        return f"pain rose in each of the last {count} entries ({steps})"
    if key == "episodes_past_year":
        count = values[key]
        starts = ", ".join(day_text(local(e.start).date()) for e in facts.earlier)
        told = facts.reported_episodes
        if told is not None and told >= len(facts.earlier):
            return f"{plural(count, 'earlier episode', 'earlier episodes')} in the past year (as told at triage)"
        where = f" (began {starts})" if starts else ""
        return f"{plural(count, 'earlier episode', 'earlier episodes')} in the past year{where}"
    if key == "latest_pain" and facts.latest is not None:
        return f"latest pain {values[key]}/10 on {moment_text(facts.latest.at)}"
    if key == NEW_SYMPTOMS_FACT and facts.symptom_report is not None:
        return f"on {moment_text(facts.symptom_report)} you said something new came with the pain"
    if key in _TRIAGE_FACTS and _TRIAGE_FACTS[key] in facts.triage_results:
        return triage_said(facts.triage_results[_TRIAGE_FACTS[key]])
    if key == "entries":
        count = values[key]
        return f"{plural(count, 'pain entry', 'pain entries')} in this episode"
    return f"{key.replace('_', ' ')}: {values[key]}"


def explain_all(facts: JournalFacts, keys: list[str]) -> list[str]:
    """Sentences for the facts a rule reads, each said once, skipping those the journal cannot tell."""
    found: list[str] = []
    for key in keys:
        text = explain(facts, key)
        if text is not None and text not in found:
            found.append(text)
    return found


def verdict(assessment: Assessment, leave_out: Collection[str] = ()) -> Verdict:
    """The rules that fired, each with what the journal showed for it in words (but the facts in `leave_out`)."""
    from backspasm.view_values.escalation import Fired, Verdict

    reminding = {triage_fact(level) for level in REMINDING_LEVELS}
    facts = assessment.facts
    fired = tuple(
        Fired(
            rule.id,
            rule.level,
            rule.title,
            rule.why,
            tuple(explain_all(facts, [key for key in rule.reads if key not in leave_out])),
            tuple(rule.sources),
            from_triage=any(key in reminding for key in rule.reads),
            from_log=NEW_SYMPTOMS_FACT in rule.reads,
        )
        for rule in assessment.fired
    )
    return Verdict(fired, facts.values)
