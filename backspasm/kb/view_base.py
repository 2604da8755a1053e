"""The base of every light view of the knowledge base (kb/views.py, generated from the models).

Importing pydantic and the models and checking cached data through them costs 100 ms or more,
more than most commands' own work. The cache (kb/cache.py) holds data that the models validated
when it was written, so everyday commands read it through views instead: each has exactly its
model's fields, is built from the model's JSON dump, and cannot be changed once built.

A hand-written class rather than dataclasses: defining the views as frozen dataclasses costs
tens of milliseconds at every start (docs/architecture.md has the figure).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

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
