"""Whether the flare-up plan comes first on a screen now, and what it then says (today, log, the welcome).

Reads the plan and the last days of the journal through a connection the action opened; the
rule itself is journal.flare_moment's.
"""

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from backspasm.journal.flare_moment import LOOKBACK, SHOWN_FOR, why
from backspasm.journal.flare_plan import FIRST_LINE, TITLE, from_stored, sections, warning_lines

if TYPE_CHECKING:
    from backspasm.storage.db import Connection


class Shown(NamedTuple):
    """The plan as a screen shows it: title, first line, headed lists; and why it comes first."""

    title: str
    lead: str
    sections: list[tuple[str, list[str]]]
    reason: str


def sign_titles(signs: Iterable[Any]) -> dict[str, str]:
    """The knowledge base's warning signs (views or plain data) as id to title."""
    found = {}
    for sign in signs:
        if isinstance(sign, Mapping):
            found[str(sign.get("id"))] = str(sign.get("title"))
        else:
            found[sign.id] = sign.title
    return found


def plan_first(conn: "Connection", now: datetime, titles: Mapping[str, str], number: str) -> Shown | None:
    """The plan to show first now, or None: no plan, or nothing in the last day calls for it."""
    from backspasm.storage.flare_plans import latest
    from backspasm.storage.pain_entries import pain_entries
    from backspasm.storage.triage_runs import triage_runs

    found = latest(conn)
    plan = from_stored(found.plan) if found is not None else None
    if plan is None:
        return None
    pains = [(entry.at, entry.pain) for entry in pain_entries(conn, now - LOOKBACK) if entry.at <= now]
    triages = [run.at for run in triage_runs(conn, now - SHOWN_FOR)]
    reason = why(now, pains, triages)
    if reason is None:
        return None
    return Shown(TITLE, FIRST_LINE, sections(plan, warning_lines(titles), number), reason)


class ReportSection(NamedTuple):
    """The doctor report's section on the flare-up plan: which version, when written, and (label, text) pairs."""

    version: int
    written_at: datetime
    lines: list[tuple[str, str]]


def report_section(conn: "Connection", signs: Iterable[Any]) -> ReportSection | None:
    """The plan in use for the doctor report (None without one); `signs` are the knowledge base's warning signs."""
    from backspasm.journal.flare_plan import plan_report_lines
    from backspasm.storage.flare_plans import latest

    found = latest(conn)
    plan = from_stored(found.plan) if found is not None else None
    if found is None or plan is None:
        return None
    return ReportSection(found.version, found.written_at, plan_report_lines(plan, warning_lines(sign_titles(signs))))
