"""The three-valued evaluator of conditions gives exactly what its plain definition gives, on random trees."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

import pytest
from conftest import built_in_kb
from hypothesis import given, settings
from hypothesis import strategies as st

from backspasm.kb import conditions
from backspasm.kb.views import Condition

KEYS = ["a", "b", "c", "d"]
VALUES = st.sampled_from([True, False, 0, 1, 2.5, "x", "y", "unsure", None])
EMPTY = {
    "all": None,
    "any": None,
    "answer": None,
    "equals": None,
    "one_of": None,
    "at_least": None,
    "above": None,
    "below": None,
    "if_missing": None,
}


def comparison() -> st.SearchStrategy[dict[str, Any]]:
    """One comparison of one key, as the knowledge base writes it."""
    tests = st.one_of(
        st.fixed_dictionaries({"equals": st.sampled_from([True, False, 1, "x", "unsure"])}),
        st.fixed_dictionaries({"one_of": st.lists(st.sampled_from([True, 0, "x", "y", "unsure"]), min_size=1)}),
        st.fixed_dictionaries({"at_least": st.sampled_from([0.0, 1.0, 2.5])}),
        st.fixed_dictionaries({"above": st.sampled_from([0.0, 1.0])}),
        st.fixed_dictionaries({"below": st.sampled_from([1.0, 3.0])}),
    )
    return st.builds(
        lambda key, test, missing: {**EMPTY, "answer": key, **test, "if_missing": missing},
        st.sampled_from(KEYS),
        tests,
        st.sampled_from([None, True, False]),
    )


TREES = st.recursive(
    comparison(),
    lambda parts: st.builds(
        lambda kind, items: {**EMPTY, kind: items}, st.sampled_from(["all", "any"]), st.lists(parts, max_size=4)
    ),
    max_leaves=12,
).map(Condition)
FACTS = st.dictionaries(st.sampled_from(KEYS), VALUES)
OPEN = st.sets(st.sampled_from(KEYS))


def plain_truth(condition: Condition, facts: Mapping[str, Any], open_keys: Collection[str], worst: bool) -> Any:
    """The definition: every part evaluated, then Kleene's `all` and `any`."""
    if condition.answer is not None:
        return conditions.truth(condition, facts, open_keys, worst=worst)
    parts = [plain_truth(part, facts, open_keys, worst) for part in (condition.all or condition.any or [])]
    if condition.all is not None:
        return False if False in parts else (None if None in parts else True)
    return True if True in parts else (None if None in parts else False)


def plain_deciding(condition: Condition, facts: Mapping[str, Any], open_keys: Collection[str], worst: bool) -> Any:
    """The definition: no key once decided; else the key of an open comparison, or the union over the parts."""
    if plain_truth(condition, facts, open_keys, worst) is not None:
        return set()
    if condition.answer is not None:
        return {condition.answer}
    found: set[str] = set()
    for part in condition.all or condition.any or []:
        found |= plain_deciding(part, facts, open_keys, worst)
    return found


def check(condition: Condition, facts: dict[str, Any], open_keys: set[str]) -> None:
    """Both readings of "unsure": the same truth and the same deciding keys as the definition."""
    for worst in (False, True):
        assert conditions.truth(condition, facts, open_keys, worst=worst) == plain_truth(
            condition, facts, open_keys, worst
        )
        assert conditions.deciding_keys(condition, facts, open_keys, worst=worst) == plain_deciding(
            condition, facts, open_keys, worst
        )


@settings(max_examples=100, deadline=None)
@given(condition=TREES, facts=FACTS, open_keys=OPEN)
def test_truth_and_deciding_keys_follow_their_definition(
    condition: Condition, facts: dict[str, Any], open_keys: set[str]
) -> None:
    """Random condition trees, facts and open keys: the evaluator agrees with the plain definition."""
    check(condition, facts, open_keys)


@pytest.mark.slow
@settings(max_examples=2000, deadline=None)
@given(condition=TREES, facts=FACTS, open_keys=OPEN)
def test_truth_and_deciding_keys_follow_their_definition_many_times(
    condition: Condition, facts: dict[str, Any], open_keys: set[str]
) -> None:
    """The same over many more trees (slow)."""
    check(condition, facts, open_keys)


def test_every_warning_sign_of_the_knowledge_base_follows_the_definition() -> None:
    """Each warning sign, with each of its keys answered, unsure or still open: the same as the definition."""
    kb = built_in_kb()
    for sign in kb.warning_signs:
        keys = sorted(sign.when.keys())
        for value in (True, False, "unsure", 1, "x"):
            for index in range(len(keys) + 1):
                facts = dict.fromkeys(keys[:index], value)
                check(sign.when, facts, set(keys[index:]))
