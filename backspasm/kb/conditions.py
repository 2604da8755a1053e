"""Evaluate a knowledge-base `Condition` (warning signs, escalation rules) in three values: True, False, unknown.

The engine sees only what was answered: a missing fact makes a comparison take its `if_missing`
value (False unless the rule says otherwise). The questionnaire also needs to know what can
still change, so a fact named in `open_keys` (not asked yet) makes a comparison unknown (None)
instead, and `all`/`any` follow Kleene logic.

The answer "unsure" (clinical reference v2, "how answers are read") matches a comparison that
names it (`equals: unsure`, or `unsure` in `one_of`). Otherwise it is read as "no" (`worst=False`),
or as the most serious answer, which matches every comparison (`worst=True`): a rule that holds
only that way fires one level lower.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from backspasm.kb.views import Condition

Truth = bool | None  # None: unknown, the answer can still be given

UNSURE = "unsure"


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None


def _same(value: Any, expected: Any) -> bool:
    if type(value) is str and type(expected) is str:  # the usual case (choices), checked first: it is hot
        return value == expected
    # True == 1 in Python; a yes/no answer must never match a number or the reverse.
    if isinstance(value, bool) or isinstance(expected, bool):
        return isinstance(value, bool) and isinstance(expected, bool) and value is expected
    left, right = _number(value), _number(expected)
    if left is not None and right is not None:
        return left == right
    return bool(value == expected)


def _names_unsure(condition: Condition) -> bool:
    return condition.equals == UNSURE or (condition.one_of is not None and UNSURE in condition.one_of)


def reads_unsure(condition: Condition) -> bool:
    """Whether any comparison in the condition names "unsure" itself (the stricter rows of the reference)."""
    if condition.answer is not None:
        return _names_unsure(condition)
    return any(reads_unsure(part) for part in (condition.all or []) + (condition.any or []))


def _compare(condition: Condition, value: Any, worst: bool = False) -> bool:
    if value == UNSURE and not isinstance(value, bool):
        return _names_unsure(condition) or worst
    if condition.equals is not None:
        return _same(value, condition.equals)
    if condition.one_of is not None:
        return any(_same(value, option) for option in condition.one_of)
    number = _number(value)
    if number is None:
        return False
    if condition.at_least is not None:
        return number >= condition.at_least
    if condition.above is not None:
        return number > condition.above
    if condition.below is not None:
        return number < condition.below
    return False  # pragma: no cover - the model requires one comparison


def truth(
    condition: Condition, facts: Mapping[str, Any], open_keys: Collection[str] = (), *, worst: bool = False
) -> Truth:
    """True, False, or None when the result depends on a fact still in `open_keys`.

    `worst`: read every "unsure" answer as the most serious one (see the module docstring).
    """
    if condition.answer is not None:
        if condition.answer in facts:
            return _compare(condition, facts[condition.answer], worst)
        if condition.answer in open_keys:
            return None
        return bool(condition.if_missing)
    # Kleene logic: `all` is False on the first False part, `any` True on the first True one.
    deciding = condition.all is None  # the value that decides: True for `any`, False for `all`
    unknown = False
    for part in condition.all or condition.any or []:
        value = truth(part, facts, open_keys, worst=worst)
        if value is deciding:
            return deciding
        unknown = unknown or value is None
    return None if unknown else not deciding


def holds(condition: Condition, facts: Mapping[str, Any], *, worst: bool = False) -> bool:
    """Whether a condition holds on the facts given, a missing fact taking its `if_missing` value."""
    return truth(condition, facts, worst=worst) is True


def unsure_keys(condition: Condition, facts: Mapping[str, Any]) -> list[str]:
    """The keys this condition reads that were answered "unsure", in the order the condition reads them."""
    found: list[str] = []
    if condition.answer is not None:
        value = facts.get(condition.answer)
        if value == UNSURE and not isinstance(value, bool):
            found.append(condition.answer)
    for part in (condition.all or []) + (condition.any or []):
        found += [key for key in unsure_keys(part, facts) if key not in found]
    return found


def deciding_keys(
    condition: Condition, facts: Mapping[str, Any], open_keys: Collection[str], *, worst: bool = False
) -> set[str]:
    """The open facts whose answers could still decide this condition (empty once it is decided).

    `worst`: with every "unsure" answer read as the most serious one.
    """
    return _deciding(condition, facts, open_keys, worst)[1]


def _deciding(
    condition: Condition, facts: Mapping[str, Any], open_keys: Collection[str], worst: bool
) -> tuple[Truth, set[str]]:
    # One pass for the truth and the deciding keys (asking `truth` at every level would be quadratic).
    if condition.answer is not None:
        value = truth(condition, facts, open_keys, worst=worst)
        return value, ({condition.answer} if value is None else set())
    deciding = condition.all is None
    unknown = False
    found: set[str] = set()
    for part in condition.all or condition.any or []:
        value, keys = _deciding(part, facts, open_keys, worst)
        if value is deciding:
            return deciding, set()
        if value is None:
            unknown = True
            found |= keys
    return (None, found) if unknown else (not deciding, set())


def undecided(condition: Condition, facts: Mapping[str, Any], open_keys: Collection[str]) -> bool:
    """Whether an open fact could still change the condition, read either way: "unsure" as "no" or as the worst.

    Both readings matter: a sign that holds only with an unsure answer read as the worst fires one
    level lower, and a firm answer to another key can still make it fire at its own level.
    """
    return truth(condition, facts, open_keys) is None or truth(condition, facts, open_keys, worst=True) is None


def open_deciders(condition: Condition, facts: Mapping[str, Any], open_keys: Collection[str]) -> set[str]:
    """The open facts that could still change the condition, under either reading of "unsure"."""
    return deciding_keys(condition, facts, open_keys) | deciding_keys(condition, facts, open_keys, worst=True)
