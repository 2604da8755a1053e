"""What an entry works out from its own fields, written once for the models and the views.

The pydantic models (kb/models.py) inherit these mixins, and so do the light views generated
from them (kb/views.py): a condition's answer keys or a triage level's words are never written
twice. Light: nothing here imports pydantic, and the protocols exist only for the type checker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # creating Protocol classes costs time at every start
    from collections.abc import Sequence
    from typing import Protocol

    class _Condition(Protocol):
        """A condition as the models and the views both have it."""

        @property
        def answer(self) -> str | None: ...
        @property
        def all(self) -> Sequence[_Condition] | None: ...
        @property
        def any(self) -> Sequence[_Condition] | None: ...
        def keys(self) -> set[str]: ...

    class _LevelNames(Protocol):
        """A triage level's words as the models and the views both have them."""

        @property
        def name(self) -> str: ...
        @property
        def action(self) -> str: ...


class ConditionKeys:
    """A condition's `keys()`: every answer key it reads."""

    def keys(self: _Condition) -> set[str]:
        """Every answer key this condition reads."""
        if self.answer is not None:
            return {self.answer}
        found: set[str] = set()
        for part in (*(self.all or ()), *(self.any or ())):
            found |= part.keys()
        return found


class LevelWords:
    """A triage level's name said two ways: with its action ("Urgent: speak to a doctor today"), and shouted."""

    @property
    def label(self: _LevelNames) -> str:
        """The name with what to do: "Urgent: speak to a doctor today" (browse headings, the report)."""
        return f"{self.name}: {self.action}"

    @property
    def shout(self: _LevelNames) -> str:
        """The name in capitals, as a result shows it: "URGENT"."""
        return self.name.upper()
