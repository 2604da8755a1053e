"""What every knowledge-base entry builds on, and nothing heavy: the views' base and the shared mixins.

Importing pydantic and the models and checking cached data through them costs 100 ms or more,
more than most commands' own work. The cache (kb/cache.py) holds data that the models validated
when it was written, so everyday commands read it through views instead (kb/views.py, generated
from the models): each has exactly its model's fields, is built from the model's JSON dump, and
cannot be changed once built. `View` is their hand-written base: a plain class rather than
dataclasses, since defining the views as frozen dataclasses costs tens of milliseconds at every
start (docs/architecture.md has the figure).

The mixins (`ConditionKeys`, `LevelWords`) are what an entry works out from its own fields. The
pydantic models inherit them, and so do the views generated from them: a condition's answer keys
or a triage level's words are written once. One module, not two: each module costs a little at
every start.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

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


V = TypeVar("V", bound="View")


class View:
    """One entry read by attribute, built from its model's JSON dump; it never changes.

    `_fields` lists every field in the model's order; `_nested` names the fields that hold
    other entries (one, or a list of them), built as views too. kb/views.py sets both.
    """

    _fields: ClassVar[tuple[str, ...]] = ()
    _nested: ClassVar[Mapping[str, type[View]]] = {}

    def __init__(self, data: Mapping[str, Any]) -> None:
        """Raises KeyError or TypeError when the data does not have exactly this entry's fields."""
        if len(data) != len(self._fields):
            raise TypeError(f"{type(self).__name__}: fields {sorted(data)} are not {list(self._fields)}")
        values = {name: data[name] for name in self._fields}
        for name, kind in self._nested.items():
            value = values[name]
            if isinstance(value, list):
                values[name] = [kind(item) for item in value]
            elif value is not None:
                values[name] = kind(value)
        self.__dict__.update(values)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.__dict__ == self.__dict__

    __hash__ = None  # type: ignore[assignment]  # entries hold lists, as the models do

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__name__}({shown})"

    def as_data(self) -> dict[str, Any]:
        """The entry as JSON-ready data, exactly as its model's `model_dump(mode="json")`."""
        return {name: _data(getattr(self, name)) for name in self._fields}

    def replaced(self: V, **changes: Any) -> V:
        """A copy with some fields changed (as the models' `model_copy(update=...)`)."""
        return type(self)({**self.as_data(), **{name: _data(value) for name, value in changes.items()}})


def _data(value: Any) -> Any:
    if isinstance(value, View):
        return value.as_data()
    if isinstance(value, list):
        return [_data(item) for item in value]
    if isinstance(value, dict):
        return {key: _data(item) for key, item in value.items()}
    return value
