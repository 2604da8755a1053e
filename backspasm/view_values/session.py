"""A session refused within the skin's rest, as the rule (session/rest.py) found it and render/session.py says it."""

import math
from datetime import datetime
from typing import NamedTuple


class Rest(NamedTuple):
    """The rest still running: until when, after which session, and how long that rest is."""

    until: datetime
    protocol: str  # the session whose rest it is
    ended: datetime  # when that session ended (or now, for one still running)
    rest_minutes: float
    running: bool  # that session is still on

    def left(self, now: datetime) -> float:
        """Seconds of the rest still to go at `now`."""
        return max(0.0, (self.until - now).total_seconds())

    def left_words(self, now: datetime) -> str:
        """The rest still to go in words, whole minutes rounded up ("29 min"), seconds under a minute."""
        left = self.left(now)
        if left < 60:
            return f"{math.ceil(left)} s"
        return f"{math.ceil(left / 60 - 1e-9)} min"
