"""The knowledge-base models: strict, frozen, and with words for every value of their vocabularies."""

from __future__ import annotations

import pytest
from conftest import DATA
from pydantic import ValidationError

from backspasm.kb import models as m
from backspasm.kb import vocab
from backspasm.kb.loader import load


def test_vocabulary_labels_cover_every_value() -> None:
    """Every phase and stance the models accept has words for people."""
    assert set(vocab.PHASE_LABELS) == set(vocab.PHASES)
    assert set(vocab.STANCE_LABELS) == set(vocab.STANCES)
    assert (*vocab.LEVELS, "self_care") == vocab.DISPOSITIONS


def test_entries_are_frozen() -> None:
    """A loaded entry cannot be changed by accident."""
    kb = load(DATA)
    with pytest.raises(AttributeError, match="read-only"):
        kb.remedies[0].name = "changed"  # type: ignore[misc]


def test_unknown_fields_are_refused() -> None:
    """extra="forbid": a misspelt field is an error, not silently ignored."""
    with pytest.raises(ValidationError, match="publsher"):
        m.SourceModel.model_validate({"id": "x", "title": "T", "publisher": "P", "publsher": "typo"})


def test_condition_needs_exactly_one_form() -> None:
    """A condition is all, any, or one comparison, never a mix."""
    m.ConditionModel.model_validate({"answer": "fever", "equals": True})
    m.ConditionModel.model_validate({"all": [{"answer": "fever", "equals": True}]})
    for bad in (
        {},
        {"answer": "fever"},
        {"answer": "age", "at_least": 70, "below": 90},
        {"all": [], "answer": "fever", "equals": True},
        {"all": []},
        {"equals": True},
    ):
        with pytest.raises(ValidationError):
            m.ConditionModel.model_validate(bad)


def test_condition_lists_the_keys_it_reads() -> None:
    """keys() walks nested conditions."""
    condition = m.ConditionModel.model_validate(
        {"all": [{"answer": "fever", "equals": True}, {"any": [{"answer": "iv_drug_use", "equals": True}]}]}
    )
    assert condition.keys() == {"fever", "iv_drug_use"}


def test_protocol_default_must_fit_under_its_cap() -> None:
    """A protocol whose default exceeds its safe maximum is refused."""
    with pytest.raises(ValidationError, match="must not exceed"):
        m.ProtocolModel.model_validate(
            {
                "id": "ice",
                "name": "Ice",
                "kind": "cold",
                "summary": "s",
                "default_minutes": 25,
                "max_minutes": 20,
                "rest_minutes": 40,
                "phases": ["early"],
                "remedy": "ice-pack",
                "sources": ["nhs-heat-cold"],
            }
        )


def test_source_keys_allow_seed_file_names() -> None:
    """Seed articles are cited by their file names."""
    m.SourceModel.model_validate({"id": "000_665f6314defa4c8a.txt", "title": "T", "publisher": "P"})


def test_unsure_false_belongs_to_a_question_that_could_offer_it() -> None:
    """`unsure: false` on a number question is refused: only yes/no and choice questions offer "Not sure"."""
    from backspasm.kb.models import QuestionModel

    with pytest.raises(ValidationError, match="unsure: false"):
        QuestionModel(key="age", type="integer", prompt="How old are you?", unsure=False)
