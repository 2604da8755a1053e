"""What the latest triage says that changes which cautions come first: pregnant, or neck pain.

`remedies` also repeats the result's cautions the latest triage's answers call for (no
anti-inflammatory on blood thinners, `result_cautions` in data/triage.yaml).

`remedies`, `session` and `stretch` show each entry's `pregnancy` note first, and marked, when
the latest triage in the last two weeks answered `pregnancy` with "pregnant"; `remedies show`
puts a `neck` note first when it said the pain is in the neck. A journal that does not exist is
not created for this, and one that cannot be read only costs the emphasis: the notes are still
shown with the other cautions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

NOTE = "Your latest triage says you are pregnant."
NECK_NOTE = "Your latest triage says the pain is in your neck."


def latest_triage_says_pregnant() -> bool:
    """True when the latest recent triage answered "pregnant"; False when unknown."""
    return _latest_answer("pregnancy") == "pregnant"


def latest_triage_location() -> str | None:
    """Where the latest recent triage said the pain is (`location`), or None when unknown."""
    return _latest_answer("location")


def latest_triage_cautions(cautions: Sequence[Mapping[str, Any]], remedy: str | None = None) -> list[str]:
    """The texts of the result cautions (as data) that the latest recent triage's answers call for.

    With `remedy`, only those that rule that remedy out.
    """
    from backspasm.kb.views import ResultCaution
    from backspasm.triage.advice import cautions_in

    chosen = [ResultCaution(entry) for entry in cautions if remedy is None or remedy in entry["withhold"]]
    answers = _latest_answers() if chosen else {}
    return [caution.text for caution in cautions_in(chosen, answers)]


def _latest_answers() -> dict[str, Any]:
    """The answers of the latest triage if it was in the last two weeks; empty when unknown."""
    from backspasm.errors import StoreError
    from backspasm.storage.db import DB_NAME, DatabaseError, connect, home_dir

    if not (home_dir() / DB_NAME).exists():
        return {}
    from backspasm.clock.now import now
    from backspasm.storage.triage_runs import REMEMBER_FOR, latest_triage_run

    try:
        conn = connect()
    except StoreError:
        return {}
    try:
        runs = latest_triage_run(conn)
    except DatabaseError:  # a damaged journal only costs the cautions' repeat, never the command
        return {}
    finally:
        conn.close()
    at = now()
    if not runs or runs[0].at > at or at - runs[0].at > REMEMBER_FOR:
        return {}
    return dict(runs[0].answers)


def _latest_answer(key: str) -> str | None:
    """The latest recent triage's answer to `key`, or None when unknown (no journal, or it cannot be read)."""
    from backspasm.errors import StoreError
    from backspasm.storage.db import DB_NAME, DatabaseError, connect, home_dir

    if not (home_dir() / DB_NAME).exists():
        return None
    from backspasm.clock.now import now
    from backspasm.storage.triage_runs import remembered_answer

    try:
        conn = connect()
    except StoreError:
        return None
    try:
        return remembered_answer(conn, now(), key)
    except DatabaseError:  # a damaged journal only costs the emphasis, never the command
        return None
    finally:
        conn.close()
