"""The rest between sessions: when the skin may have ice or heat again. One rule for `session` and `today`.

The rule (shared/clinical-reference.md section 3; docs/sessions.md): after a session the skin
rests at least that session's protocol's rest (40 min after ice, 20 after heat), counted from
when the pack came off. The rest belongs to the session that ended, whatever comes next: ice
after heat waits heat's 20 minutes, heat after ice waits ice's 40. When several recent sessions
left rests (one was started early), the latest of their ends wins, so starting early once never
shortens the rest another session left. A session whose pack was never on (nothing applied)
leaves no rest; a session still running leaves its rest after now at the earliest.

Plain values in and out (named tuples: `today` runs on the light path), so the rule is tested
with a fixed clock.
"""

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import NamedTuple

from backspasm.view_values.session import Rest as Rest

# What the skin rests from, by the kind of protocol: "the skin rests 40 min after ice".
SKIN_WORDS = {"cold": "ice", "heat": "heat"}


def after_words(kind: str | None) -> str:
    """What the skin rests from, in words, for a protocol kind ("ice", "heat"; "the last session" if unknown)."""
    return SKIN_WORDS.get(kind or "", "the last session")


class Exposure(NamedTuple):
    """One past session as the rule reads it: its protocol, when the pack came off, the time applied."""

    protocol: str
    started: datetime
    ended: datetime
    applied_seconds: float
    running: bool = False  # still on now (its process is alive): `ended` is when it was last seen


def rest_until(
    sessions: Iterable[Exposure], rest_minutes: Mapping[str, float], now: datetime, *, fallback: float
) -> Rest | None:
    """The rest that still runs at `now` (the latest of every session's end plus its rest), or None.

    `rest_minutes` is each protocol's rest; a protocol no longer known rests `fallback` minutes.
    """
    latest: Rest | None = None
    for session in sessions:
        if session.started > now:
            continue  # a row from the future (a clock set back): not a session that happened yet
        if session.applied_seconds <= 0 and not session.running:
            continue  # the pack was never on: nothing to rest from
        ended = max(session.ended, now) if session.running else session.ended
        minutes = rest_minutes.get(session.protocol) or fallback
        until = ended + timedelta(minutes=minutes)
        if until > now and (latest is None or until > latest.until):
            latest = Rest(until, session.protocol, ended, minutes, session.running)
    return latest
