"""What the latest triage says that changes which cautions come first: pregnant, or neck pain.

`remedies`, `session` and `stretch` show each entry's `pregnancy` note first, and marked, when
the latest triage in the last two weeks answered `pregnancy` with "pregnant"; `remedies show`
puts a `neck` note first when it said the pain is in the neck. A journal that does not exist is
not created for this, and one that cannot be read only costs the emphasis: the notes are still
shown with the other cautions.
"""

from __future__ import annotations

NOTE = "Your latest triage says you are pregnant."
NECK_NOTE = "Your latest triage says the pain is in your neck."


def latest_triage_says_pregnant() -> bool:
    """True when the latest recent triage answered "pregnant"; False when unknown."""
    return _latest_answer("pregnancy") == "pregnant"


def latest_triage_location() -> str | None:
    """Where the latest recent triage said the pain is (`location`), or None when unknown."""
    return _latest_answer("location")


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
