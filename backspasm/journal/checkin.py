"""`backspasm check-in`: the answers checked, the week's check-in stored (or replaced), and what the episode's show.

The scale, its words and what a change means are in journal/peg.py; the SQL in storage/check_ins.py.
"""

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from backspasm.clock.now import local_day, stamp
from backspasm.errors import UsageError
from backspasm.journal import peg
from backspasm.journal.explain import day_text, moment_text

if TYPE_CHECKING:
    from backspasm.storage.check_ins import CheckIn
    from backspasm.storage.db import Connection


def given_answers(given: Mapping[str, str | None]) -> dict[str, int]:
    """The items typed on the command line, by key; UsageError (one line) naming every one out of range.

    Items left out are not in the result: the action asks them, or says they are missing.
    """
    typed = [(item, text) for item in peg.ITEMS if (text := given.get(item.key)) is not None]
    problems = [(item, text, p) for item, text in typed if (p := peg.problem(item.option, text))]
    if len(problems) == 1:
        raise UsageError(problems[0][2])
    if problems:
        named = _joined([f"{item.option} (got {_shown(text)})" for item, text, _ in problems])
        raise UsageError(f"{named} must each be a whole number from 0 to 10")
    return {item.key: int(text.strip()) for item, text in typed}


def _shown(text: str) -> str:
    """A value as the error shows it: a number as typed, anything else quoted."""
    return text.strip() if text.strip().lstrip("-").isdigit() else repr(text)


def _joined(parts: list[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def missing_problem(answers: Mapping[str, int]) -> str:
    """What a script is told, in one line, when items are left out and there is no terminal to ask them in."""
    missing = [item.option for item in peg.ITEMS if item.key not in answers]
    verb = "is" if len(missing) == 1 else "are"
    return f"{_joined(missing)} {verb} missing: give all three of {peg.ALL_OPTIONS}, each a whole number from 0 to 10"


def same_week(conn: "Connection", when: datetime) -> "list[CheckIn]":
    """The check-ins less than six days from `when`: a new one replaces them, or is not stored."""
    from backspasm.storage.check_ins import near

    return near(conn, when, peg.REPLACE_WITHIN)


def replace_refused(found: "list[CheckIn]") -> UsageError:
    """What a script is told when it checks in again within six days without --replace."""
    first = found[0]
    return UsageError(
        f"you already checked in on {moment_text(first.at)} (PEG {peg.score_text(first.peg)}), less than 6 days"
        " from this one; add --replace to replace that check-in (nothing was saved)"
    )


class Saved(NamedTuple):
    """What `check-in` did: the check-in as stored, those it replaced, and the episode's check-ins read together."""

    check_in: "CheckIn"
    replaced: "list[CheckIn]"
    change: peg.Change | None
    episode_start: datetime | None


def episode_start(conn: "Connection", now: datetime) -> datetime | None:
    """The onset of the current episode as every screen gives it (journal/facts.py), or None."""
    from backspasm.journal.course import episode_facts

    return peg.episode_start(episode_facts(conn, now))


def save(
    conn: "Connection", when: datetime, answers: Mapping[str, int], replacing: "list[CheckIn]", now: datetime
) -> Saved:
    """Store the check-in (replacing the week's), then read the episode's check-ins against the first."""
    from backspasm.storage.check_ins import add_check_in, check_ins

    pain, enjoyment, activity = (answers[item.key] for item in peg.ITEMS)
    stored = add_check_in(
        conn,
        when,
        pain,
        enjoyment,
        activity,
        peg.score(pain, enjoyment, activity),
        replacing=tuple(c.id for c in replacing),
    )
    start = episode_start(conn, now)
    found = peg.of_episode(check_ins(conn, None, max(now, stored.at)), start)
    return Saved(stored, replacing, peg.change(found), start)


def check_in_data(found: "CheckIn") -> dict[str, Any]:
    """A check-in as JSON-ready values."""
    return {
        "id": found.id,
        "at": stamp(found.at),
        "pain": found.pain,
        "enjoyment": found.enjoyment,
        "activity": found.activity,
        "peg": round(found.peg, 2),
    }


def saved_data(saved: Saved) -> dict[str, Any]:
    """What `check-in --json` prints."""
    return {
        "check_in": check_in_data(saved.check_in),
        "replaced": [check_in_data(c) for c in saved.replaced],
        "episode": peg.change_data(saved.change),
        "next_due": stamp(peg.next_due(saved.check_in.at)),
        "source": peg.CITATION,
    }


def answer_lines(found: "CheckIn") -> list[tuple[str, int]]:
    """The three answers with short labels, for the screen."""
    labels = ("Average pain", "Interference with enjoyment of life", "Interference with general activity")
    return list(zip(labels, (found.pain, found.enjoyment, found.activity), strict=True))


def saved_lines(saved: Saved) -> list[str]:
    """What the screen says after the answers: what was replaced, the change since the first week, when next."""
    lines = []
    if saved.replaced:
        lines.append(f"It replaces your check-in of {moment_text(saved.replaced[0].at)} (the same week).")
    change = saved.change
    if change is not None and change.check_ins > 1:
        first = f"{peg.score_text(change.baseline.peg)} on {day_text(local_day(change.baseline.at))}"
        lines.append(f"PEG {first}, {peg.score_text(change.latest.peg)} now: {change.words}.")
    elif saved.episode_start is not None:
        lines.append("Your first check-in of this episode: the baseline to compare with.")
    lines.append(f"Next check-in from {day_text(local_day(peg.next_due(saved.check_in.at)))}: backspasm check-in")
    return lines
