"""What the latest triage says that changes which cautions come first: pregnant, or neck pain.

`remedies` also repeats the result's cautions the latest triage's answers call for (no
anti-inflammatory on blood thinners, `result_cautions` in data/triage.yaml).

`remedies`, `session` and `stretch` show each entry's `pregnancy` note first, and marked, when
the latest triage in the last two weeks answered `pregnancy` with "pregnant"; `remedies show`
puts a `neck` note first when it said the pain is in the neck. The action reads the journal
(`storage.triage_runs.peek_recent_triage`: a journal that does not exist is not created for
this, and one that cannot be read only costs the emphasis); this module decides from the answers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from backspasm.storage.triage_runs import RecentTriage


def says_pregnant(recent: RecentTriage) -> bool:
    """True when the latest recent triage answered "pregnant"; False when unknown."""
    return recent.pregnancy == "pregnant"


def says_neck(recent: RecentTriage) -> bool:
    """True when the latest recent triage said the pain is in the neck; False when unknown."""
    return recent.location == "neck"


def cautions_called_for(
    recent: RecentTriage, cautions: Sequence[Mapping[str, Any]], remedy: str | None = None
) -> list[str]:
    """The texts of the result cautions (as data) that the latest recent triage's answers call for.

    With `remedy`, only those that rule that remedy out.
    """
    from backspasm.kb.views import ResultCaution
    from backspasm.triage.advice import cautions_in

    chosen = [ResultCaution(entry) for entry in cautions if remedy is None or remedy in entry["withhold"]]
    answers = recent.answers if chosen else {}
    return [caution.text for caution in cautions_in(chosen, answers)]
