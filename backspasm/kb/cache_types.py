"""The cached knowledge base checked by type against the generated views' fields, before anything uses it.

The cache holds what the models validated when it was written, and its checksum catches damage;
a file edited by hand (or crafted) with the right fingerprint and checksum could still hold a
number where a list belongs, and the command reading it would fail far from here. So every
field of every entry is checked against its view's annotation (kb/views.py): the few forms
used there (str, int, float, bool, None, unions, list[...], dict[..., ...], Literal[...] and
its aliases, and the views themselves) are read from the annotation text once per process.
Anything else in the data means the cache is rebuilt.
"""

from __future__ import annotations

import ast
import inspect
import typing
from collections.abc import Callable, Mapping
from itertools import repeat
from typing import Any

from backspasm.kb import views
from backspasm.kb.entry_base import View
from backspasm.kb.knowledge_base import KnowledgeBase

Check = Callable[[Any], bool]
# The annotations that are one isinstance test (bool is kept apart from int, as the models keep it).
_TYPES: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "bool": (bool,),
    "int": (int,),
    "float": (int, float),
    "None": (type(None),),
}
_compiled: dict[str, tuple[Check, tuple[type, ...] | None]] = {}


def _split(text: str, sep: str) -> list[str]:
    """Split at `sep` outside brackets."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        elif depth == 0 and text.startswith(sep, index):
            parts.append(text[start:index].strip())
            start = index + len(sep)
    parts.append(text[start:].strip())
    return parts


def _instance_of(types: tuple[type, ...]) -> Check:
    if bool in types:
        return lambda v: isinstance(v, types)
    return lambda v: isinstance(v, types) and v.__class__ is not bool


def _one_of(values: tuple[Any, ...]) -> Check:
    allowed = {(type(a), a) for a in values}
    return lambda v: (v.__class__, v) in allowed if isinstance(v, (str, int, float)) else False


def _compile(text: str) -> tuple[Check, tuple[type, ...] | None]:
    """A check for one annotation of kb/views.py, and its types when it is one isinstance test."""
    choices = _split(text, "|")
    if len(choices) > 1:
        parts = [_made(choice) for choice in choices]
        if all(types is not None for _, types in parts):
            union = tuple(t for _, types in parts for t in types or ())
            return _instance_of(union), union
        if len(parts) == 2 and parts[1][1] == (type(None),):
            first = parts[0][0]
            return (lambda v: v is None or first(v)), None
        checks = [check for check, _ in parts]
        return (lambda v: any(check(v) for check in checks)), None
    if text in _TYPES:
        return _instance_of(_TYPES[text]), _TYPES[text]
    if text.startswith("Literal["):
        return _one_of(tuple(ast.literal_eval(f"({text[len('Literal[') : -1]},)"))), None
    if text.startswith("list["):
        item, types = _made(text[len("list[") : -1])
        if types is not None and bool not in types and int not in types:
            return (lambda v: isinstance(v, list) and all(map(isinstance, v, repeat(types)))), None
        return (lambda v: isinstance(v, list) and all(map(item, v))), None
    if text.startswith("dict["):
        key_text, value_text = _split(text[len("dict[") : -1], ",")
        key, value = check_for(key_text), check_for(value_text)
        return (lambda v: isinstance(v, dict) and all(key(k) and value(i) for k, i in v.items())), None
    named = getattr(views, text)
    if isinstance(named, type) and issubclass(named, View):
        return (lambda v: well_typed(named, v)), None
    if typing.get_origin(named) is typing.Literal:
        return _one_of(typing.get_args(named)), None
    # An alias of a union (Scalar): its members by name.
    return _made(" | ".join(getattr(arg, "__name__", str(arg)) for arg in typing.get_args(named)))


def _made(text: str) -> tuple[Check, tuple[type, ...] | None]:
    if text not in _compiled:
        _compiled[text] = _compile(text)
    return _compiled[text]


def check_for(text: str) -> Check:
    """The check of an annotation, made once."""
    return _made(text)[0]


_fields: dict[type[View], dict[str, Check]] = {}


def _field_checks(kind: type[View]) -> dict[str, Check]:
    if kind not in _fields:
        annotations: dict[str, str] = {}
        for cls in reversed(kind.__mro__):
            if isinstance(cls, type) and issubclass(cls, View):
                annotations.update(inspect.get_annotations(cls))
        _fields[kind] = {name: check_for(annotations[name]) for name in kind._fields}
    return _fields[kind]


def well_typed(kind: type[View], data: Any) -> bool:
    """True when `data` has exactly the fields of `kind`, each of its annotated type."""
    if not isinstance(data, Mapping):
        return False
    checks = _field_checks(kind)
    if len(data) != len(checks):
        return False
    return all(name in data and check(data[name]) for name, check in checks.items())


def well_typed_sections(data: Mapping[str, Any]) -> bool:
    """True when cached data has every section of KnowledgeBase, each of its annotated type."""
    # The sections are declared on KnowledgeBase's generated base class: read every class's annotations.
    annotations = {k: v for cls in reversed(KnowledgeBase.__mro__) for k, v in inspect.get_annotations(cls).items()}
    sections = {k: v for k, v in annotations.items() if k in views.SECTIONS}
    if not isinstance(data, Mapping) or set(data) != set(sections):
        return False
    return all(check_for(kind)(data[name]) for name, kind in sections.items())
