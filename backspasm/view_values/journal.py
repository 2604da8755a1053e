"""What `log` just wrote, as its screen and its JSON show it (journal/entries.py writes it)."""

from collections.abc import Sequence
from datetime import datetime
from typing import NamedTuple

from backspasm.view_values.escalation import Verdict


class Written(NamedTuple):
    """One row `log` wrote: a pain entry (with its score) or a doctor's visit (pain None)."""

    id: int
    at: datetime
    note: str | None
    pain: int | None = None
    tried: Sequence[str] = ()


class LogShown(NamedTuple):
    """What `log` did: the row it wrote and what the journal now says."""

    written: Written
    verdict: Verdict
    # The answer to "anything new with it?": yes, no, unsure, or None when it was not asked.
    new_symptoms: str | None = None

    @property
    def sends_to_triage(self) -> bool:
        """True when something new came with the pain (or the person was not sure): triage now."""
        return self.new_symptoms in ("yes", "unsure")
