"""Write kb/views.py from the pydantic models: one light view per model, with exactly its fields.

The models (kb/models.py) are the one description of the knowledge base. `python -m
backspasm.kb.snapshot` runs this, so that adding a field means editing its model, the data and
running that one command. Only that command imports this module (it imports the models); it
never imports kb/views.py itself, so a stale or half-merged views file does not stop it.

A model named `RemedyModel` becomes the view `Remedy`; a model that extends another model
extends its view; any other base (a mixin of kb/entry_base.py) is inherited by the view as well.
Closed vocabularies are written by their names in kb/vocab.py.
"""

from __future__ import annotations

import inspect
import json
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from backspasm.kb import files, models, vocab

VIEWS_FILE = Path(__file__).with_name("views.py")
SUFFIX = "Model"
LINE = 120
# The closed vocabularies, written by name wherever a model uses one (kb/vocab.py).
VOCABULARIES = ("Level", "Disposition", "Phase", "Category", "Stance", "Grade", "Location")

HEADER = '''"""The knowledge base as light, read-only views, one per model. GENERATED from kb/models.py: do not edit.

The pydantic models (kb/models.py) are the schema. To add or change a field, edit its model and
run `python -m backspasm.kb.snapshot`, which writes this file and data/validated.json again
(tests/test_kb_views.py says when either is stale). Everyday commands read the cached knowledge
base through these classes (kb/entry_base.py) and never import pydantic.
"""

from __future__ import annotations
'''


class SchemaError(Exception):
    """A model the generator cannot write a view for; the message says what to change."""


def entry_models() -> list[type[models.Strict]]:
    """Every entry model of kb/models.py, in the order they are defined there."""
    found = []
    for value in vars(models).values():
        is_model = isinstance(value, type) and issubclass(value, models.Strict) and value is not models.Strict
        if is_model and value.__module__ == models.__name__:
            found.append(value)
    return found


def view_name(model: type) -> str:
    """`RemedyModel` -> `Remedy`."""
    if not model.__name__.endswith(SUFFIX) or model.__name__ == SUFFIX:
        raise SchemaError(f"kb/models.py: {model.__name__}: name an entry model <Name>{SUFFIX}; its view is <Name>")
    return model.__name__.removesuffix(SUFFIX)


class _Writer:
    """Turns the models' field types into the views' annotations, noting the names they need."""

    def __init__(self) -> None:
        self.vocabulary: set[str] = set()
        self.literal = False
        self.scalar = False
        self.class_var = False

    def type_text(self, kind: Any) -> str:
        """A field's type as the view annotates it: constraints dropped, models as their views."""
        origin = get_origin(kind)
        if origin is Annotated:
            return self.type_text(get_args(kind)[0])
        for name in VOCABULARIES:
            if origin is Literal and kind == getattr(vocab, name):
                self.vocabulary.add(name)
                return name
        if origin is Literal:
            self.literal = True
            return f"Literal[{', '.join(json.dumps(value) for value in get_args(kind))}]"
        if origin in (Union, types.UnionType):
            return self._union(list(get_args(kind)))
        if origin is list:
            return f"list[{self.type_text(get_args(kind)[0])}]"
        if origin is dict:
            key, value = get_args(kind)
            return f"dict[{self.type_text(key)}, {self.type_text(value)}]"
        if isinstance(kind, type) and issubclass(kind, models.Strict):
            return view_name(kind)
        if kind in (str, int, float, bool):
            return str(kind.__name__)
        if kind is type(None):
            return "None"
        raise SchemaError(f"kb/models.py: a view cannot hold {kind!r}: use str, int, float, bool, lists, dicts, models")

    def _union(self, members: list[Any]) -> str:
        scalar = list(get_args(vocab.Scalar))
        parts: list[str] = []
        if all(member in members for member in scalar):
            self.scalar = True
            parts.append("Scalar")
            members = [member for member in members if member not in scalar]
        none = type(None) in members
        parts += [self.type_text(member) for member in members if member is not type(None)]
        return " | ".join([*parts, "None"] if none else parts)


def _entries(kind: Any) -> type[models.Strict] | None:
    """The model a field holds (one, an optional one, or a list of them), else None."""
    if get_origin(kind) is Annotated:
        return _entries(get_args(kind)[0])
    if get_origin(kind) in (Union, types.UnionType):
        held = [_entries(member) for member in get_args(kind) if member is not type(None)]
        return held[0] if len(held) == 1 else None
    if get_origin(kind) is list:
        return _entries(get_args(kind)[0])
    if isinstance(kind, type) and issubclass(kind, models.Strict):
        return kind
    return None


def _nested(model: type[models.Strict]) -> dict[str, str]:
    """The fields that hold other entries, and the views they are built as."""
    found = {}
    for name, field in model.model_fields.items():
        held = _entries(field.annotation)
        if held is not None:
            found[name] = view_name(held)
        elif "Model" in repr(field.annotation):  # an entry in a dict, or beside other types
            raise SchemaError(f"kb/models.py: {model.__name__}.{name}: a view holds entries one, optional or listed")
    return found


def _wrapped(opening: str, items: list[str], closing: str, indent: str) -> list[str]:
    """`opening items closing` on one line when it fits, else one item a line."""
    one = f"{indent}{opening}{', '.join(items)}{',' if len(items) == 1 and closing == ')' else ''}{closing}"
    if len(one) <= LINE:
        return [one]
    return [f"{indent}{opening}", *(f"{indent}    {item}," for item in items), f"{indent}{closing}"]


def _docstring(model: type) -> str:
    text = inspect.cleandoc(model.__doc__ or "")
    if not text:
        raise SchemaError(f"kb/models.py: {model.__name__} needs a docstring (its view shows it)")
    return text.split("\n\n")[0].replace("\n", " ")


def _class(
    model: type[models.Strict], writer: _Writer, defined: set[str], later: list[str], extended: set[type]
) -> Iterator[str]:
    name = view_name(model)
    parents = [base for base in model.__bases__ if issubclass(base, models.Strict) and base is not models.Strict]
    mixins = [base for base in model.__bases__ if not issubclass(base, models.Strict)]
    for mixin in mixins:
        if mixin.__module__ == models.__name__ or "pydantic" in mixin.__module__:
            where = f"kb/models.py: {model.__name__}"
            raise SchemaError(f"{where}: a mixin of a view lives in a light module (kb/entry_base.py)")
    if len(parents) > 1:
        raise SchemaError(f"kb/models.py: {model.__name__}: a view extends at most one other view")
    parent = parents[0] if parents else None
    bases = [mixin.__name__ for mixin in mixins] + [view_name(parent) if parent else "View"]
    inherited = parent.model_fields if parent else {}
    body: list[str] = []
    after: list[str] = []
    fields = list(model.model_fields)
    if not parent or fields != list(inherited):
        # Declared as any tuple where views extend one another, so that the type checker allows a longer one.
        declared = parent is not None or model in extended
        writer.class_var |= declared
        opening = "_fields: ClassVar[tuple[str, ...]] = (" if declared else "_fields = ("
        body += _wrapped(opening, [f'"{field}"' for field in fields], ")", "    ")
    nested = _nested(model)
    if nested and (not parent or nested != _nested(parent)):
        pairs = [f'"{field}": {view}' for field, view in nested.items()]
        if set(nested.values()) <= defined:
            body += _wrapped("_nested = {", pairs, "}", "    ")
        elif set(nested.values()) <= defined | {name}:  # a view that holds itself: set once it exists
            after += ["", "", *_wrapped(f"{name}._nested = {{", pairs, "}", "")]
        else:  # a view defined further down
            later += ["", "", *_wrapped(f"{name}._nested = {{", pairs, "}", "")]
    for field, info in model.model_fields.items():
        if field not in inherited:
            body.append(f"    {field}: {writer.type_text(info.annotation)}")
    yield f"class {name}({', '.join(bases)}):"
    yield f'    """{_docstring(model)}"""'
    if body:
        yield ""
        yield from body
    yield from after
    defined.add(name)


def _sections(writer: _Writer) -> Iterator[str]:
    """The sections of every file (kb/files.py), each a list of entries or one entry."""
    yield "class Sections:"
    yield '    """Every section of a knowledge base, as named in its files (kb/files.py): a list of entries, or one."""'
    yield ""
    kinds: dict[str, str] = {}
    for model in files.FILES.values():
        for section, info in model.model_fields.items():
            held = _entries(info.annotation)
            if held is None:
                raise SchemaError(f"kb/files.py: {model.__name__}.{section}: a section holds entries")
            kinds[section] = view_name(held)
            yield f"    {section}: {writer.type_text(info.annotation)}"
    yield ""
    yield ""
    yield "# Every section and the view of its entries, in the order of the files."
    yield from _wrapped("SECTIONS: dict[str, type[View]] = {", [f'"{s}": {v}' for s, v in kinds.items()], "}", "")


def views_source() -> str:
    """The text of kb/views.py for the models as they are now."""
    writer = _Writer()
    defined: set[str] = set()
    later: list[str] = []
    body: list[str] = []
    extended = {base for model in entry_models() for base in model.__bases__ if issubclass(base, models.Strict)}
    for model in entry_models():
        body += ["", "", *_class(model, writer, defined, later, extended)]
    body += later
    body += ["", "", *_sections(writer)]
    imports: dict[str, list[str]] = {}
    for model in entry_models():
        for base in model.__bases__:
            if not issubclass(base, models.Strict):
                imports.setdefault(base.__module__, []).append(base.__name__)
    imports.setdefault("backspasm.kb.entry_base", []).append("View")
    used = sorted(writer.vocabulary | ({"Scalar"} if writer.scalar else set()))
    if used:
        imports.setdefault("backspasm.kb.vocab", []).extend(used)
    head = [HEADER.rstrip("\n"), ""]
    typing_names = [name for name, used in (("ClassVar", writer.class_var), ("Literal", writer.literal)) if used]
    if typing_names:
        head += [f"from typing import {', '.join(typing_names)}", ""]
    head += [f"from {module} import {', '.join(sorted(set(names)))}" for module, names in sorted(imports.items())]
    return "\n".join([*head, *body]) + "\n"


def write_views() -> bool:
    """Write kb/views.py when it differs from what the models make; True when it changed."""
    text = views_source()
    try:
        if VIEWS_FILE.read_text(encoding="utf-8") == text:
            return False
    except OSError:
        pass
    VIEWS_FILE.write_text(text, encoding="utf-8")
    return True

