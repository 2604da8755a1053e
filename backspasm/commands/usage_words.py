"""Click's bad-value messages in people's words: "--days must be 1 or more", not "-1 is not in the range x>=1".

Imported only when a usage error is being reported, so it costs nothing on the normal path.
"""

from __future__ import annotations

import re
from typing import Any

import typer

# Typer vendors click privately (typer._click) and exports only BadParameter and TyperException:
# a parameter's type is told by its public `name`, as click names its number types.
WHOLE = ("int", "int range")
NUMBERS = (*WHOLE, "float", "float range")
RANGES = ("int range", "float range")
_GOT = re.compile(r"^(.*?) is not ")


def param_name(param: Any) -> str:
    """How the person typed it: the long option (--rounds), else the short one, else the argument's name."""
    opts = list(getattr(param, "opts", []) or [])
    long_names = [o for o in opts if o.startswith("--")]
    if getattr(param, "param_type_name", "") == "option" and (long_names or opts):
        return str((long_names or opts)[0])
    metavar = getattr(param, "metavar", None)
    return str(metavar or param.name or "the value").strip("[]{}").upper()


def _number(value: float | None) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _range_words(kind: Any) -> str:
    """ "1 or more", "from 1 to 10", "at most 5", "more than 0"."""
    low, high = kind.min, kind.max
    if low is not None and high is not None and not kind.min_open and not kind.max_open:
        return f"from {_number(low)} to {_number(high)}"
    parts = []
    if low is not None:
        parts.append(f"more than {_number(low)}" if kind.min_open else f"{_number(low)} or more")
    if high is not None:
        parts.append(f"less than {_number(high)}" if kind.max_open else f"at most {_number(high)}")
    return " and ".join(parts)


def allowed(kind: Any) -> str | None:
    """What a parameter of this type allows, in words; None for types without a plain description."""
    name = getattr(kind, "name", None)
    if name in RANGES:
        return _range_words(kind)
    if name in WHOLE:
        return "a whole number"
    if name in NUMBERS:
        return "a number"
    return None


def plain_message(error: typer.TyperException) -> str | None:
    """The error in people's words, or None to keep click's own message (missing values, unknown options)."""
    # A missing value is a BadParameter too (click's MissingParameter, not exported by typer).
    if not isinstance(error, typer.BadParameter) or type(error).__name__ == "MissingParameter":
        return None
    param = error.param
    if param is None:
        return None
    words = allowed(param.type)
    if words is None:
        return None
    name = param_name(param)
    is_range = param.type.name in RANGES
    if is_range and "not in the range" in error.message:
        return f"{name} must be {words}"
    got = _GOT.match(error.message)
    shown = f" (got {got.group(1)})" if got else ""
    if is_range:
        kind = "a whole number" if param.type.name in WHOLE else "a number"
        return f"{name} must be {kind}, {words}{shown}"
    return f"{name} must be {words}{shown}"
