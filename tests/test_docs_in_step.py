"""The documents of the contract and the rules are in step with the knowledge base, and with ../shared when it is there.

docs/clinical-rules.md's table of warning signs is generated from data/warning-signs.yaml: after
editing the data, `UPDATE_DOCS=1 pytest tests/test_docs_in_step.py` writes it again.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, built_in_kb

from backspasm.kb.cite import source_name
from backspasm.kb.views import Condition, Question
from backspasm.triage.engine import STARTBACK_KEY

DOCS = REPO / "docs"
SHARED = REPO.parent / "shared"
ANSWERS_DOC = DOCS / "triage-answers.md"
RULES_DOC = DOCS / "clinical-rules.md"
START, END = "<!-- warning-signs:start -->", "<!-- warning-signs:end -->"
LEVEL_WORDS = {"emergency": "Emergency", "urgent": "Urgent", "soon": "Soon"}


# ---------------------------------------------------------------- the answers contract


def key_table(path: Path) -> dict[str, list[str]]:
    """The answer keys of a contract document's key table, each with the words of its values cell."""
    rows = re.findall(r"^\| `([a-z_]+)` \| ([^|]*) \|", path.read_text(encoding="utf-8"), re.M)
    return {key: _tokens(values) for key, values in rows}


def _tokens(values: str) -> list[str]:
    """`a` `b` -> [a, b]; "integer 0–120" -> [integer]; "mapping, below" -> [mapping]."""
    named = re.findall(r"`([^`]+)`", values)
    return named or re.findall(r"\b(bool|integer|number|mapping)\b", values)[:1]


def expected_values(question: Question) -> list[str]:
    """What the key table says a question takes: its choices' values, or its type."""
    if question.type == "choice":
        return list(dict.fromkeys(choice.value for choice in question.choices))
    return [question.type]


def test_the_answers_document_lists_every_key_with_its_values() -> None:
    """docs/triage-answers.md names every answer key of the knowledge base once, with its values or type."""
    table = key_table(ANSWERS_DOC)
    kb = built_in_kb()
    expected = {question.key: expected_values(question) for question in kb.questions}
    expected[STARTBACK_KEY] = ["mapping"]
    assert {key: sorted(values) for key, values in table.items()} == {
        key: sorted(values) for key, values in expected.items()
    }


@pytest.mark.skipif(not (SHARED / "triage-answers.md").is_file(), reason="../shared is not beside the repository")
def test_the_answers_document_is_in_step_with_the_shared_contract() -> None:
    """The keys, values and version of docs/triage-answers.md are those of ../shared/triage-answers.md."""
    ours, theirs = key_table(ANSWERS_DOC), key_table(SHARED / "triage-answers.md")
    assert {key: sorted(v) for key, v in ours.items()} == {key: sorted(v) for key, v in theirs.items()}
    assert latest_version(SHARED / "triage-answers.md") in latest_versions(ANSWERS_DOC)


def latest_version(path: Path) -> str:
    """ "Version 3 (2026-12-05)" -> "version 3 (2026-12-05)": the newest version a document states."""
    found = re.findall(r"Version (\d+) \((\d{4}-\d\d-\d\d)\)", path.read_text(encoding="utf-8"))
    number, day = max(found, key=lambda version: int(version[0]))
    return f"version {number} ({day})"


def latest_versions(path: Path) -> str:
    """The document's text, lower-cased where it names a version, for `latest_version` to be found in."""
    return path.read_text(encoding="utf-8").replace("Version ", "version ")


# ---------------------------------------------------------------- the clinical rules


def condition_words(condition: Condition, top: bool = True) -> str:
    """A condition as a maintainer reads it: `fever` and (`iv_drug_use` or `steroid_use`)."""
    if condition.answer is not None:
        return comparison_words(condition)
    joiner = " and " if condition.all is not None else " or "
    text = joiner.join(condition_words(part, top=False) for part in (condition.all or condition.any or []))
    return text if top else f"({text})"


def comparison_words(condition: Condition) -> str:
    """`key`, `key` = value, `key` ≥ n, with "(or not answered)" where a left-out answer counts."""
    key = f"`{condition.answer}`"
    value: Any = condition.equals
    if value is True:
        text = key
    elif value is False:
        text = f"not {key}"
    elif value is not None:
        text = f"{key} = {value}"
    elif condition.one_of is not None:
        text = f"{key} = {'/'.join(str(option) for option in condition.one_of)}"
    elif condition.at_least is not None:
        text = f"{key} ≥ {condition.at_least:g}"
    elif condition.above is not None:
        text = f"{key} > {condition.above:g}"
    else:
        assert condition.below is not None
        text = f"{key} < {condition.below:g}"
    return f"{text} (or not answered)" if condition.if_missing else text


def warning_sign_table() -> str:
    """The Markdown table of every warning sign, most urgent first: its level, words, condition and sources."""
    kb = built_in_kb()
    sources = {source.id: source for source in kb.sources}
    lines = [
        f"{len(kb.warning_signs)} warning signs, most urgent first, generated from `data/warning-signs.yaml`",
        "(`UPDATE_DOCS=1 pytest tests/test_docs_in_step.py` writes this table again). A sign that holds",
        'only with an "unsure" answer read as its most serious one fires one level lower. Sources are',
        "named by their key in `data/sources.yaml` (a seed article by its title).",
        "",
        "| level | sign (`id`) | fires when | sources |",
        "| --- | --- | --- | --- |",
    ]
    for sign in kb.warning_signs:
        cited = ", ".join(cite(sources.get(key), key) for key in sign.sources)
        words = f"{sign.title} (`{sign.id}`)"
        lines.append(f"| {LEVEL_WORDS[sign.level]} | {words} | {condition_words(sign.when)} | {cited} |")
    return "\n".join(lines)


def cite(source: Any, key: str) -> str:
    """A source's key, or a seed article's title: seed keys are file names, never shown."""
    return f'"{source_name(source)}"' if source is None or source.seed else key


def test_the_clinical_rules_table_of_warning_signs_is_generated_from_the_data() -> None:
    """docs/clinical-rules.md holds the table the data gives now (UPDATE_DOCS=1 rewrites it)."""
    text = RULES_DOC.read_text(encoding="utf-8")
    before, rest = text.split(START, 1)
    _, after = rest.split(END, 1)
    current = f"{START}\n{warning_sign_table()}\n{END}"
    if os.environ.get("UPDATE_DOCS"):
        RULES_DOC.write_text(before + current + after, encoding="utf-8")
    assert f"{START}{rest.split(END, 1)[0]}{END}" == current, (
        "the table of warning signs is stale: run UPDATE_DOCS=1 pytest tests/test_docs_in_step.py"
    )


def test_the_table_names_no_internal_file() -> None:
    """The generated table names sources by publisher and title, never a seed file or a repository path."""
    table = warning_sign_table()
    assert ".txt" not in table and "shared/" not in table and "unknown source" not in table


@pytest.mark.skipif(not (SHARED / "clinical-reference.md").is_file(), reason="../shared is not beside the repository")
def test_the_clinical_rules_follow_the_shared_reference_version() -> None:
    """docs/clinical-rules.md states the newest version of ../shared/clinical-reference.md."""
    assert latest_version(SHARED / "clinical-reference.md") in latest_versions(RULES_DOC)


def test_every_level_the_signs_reach_is_explained() -> None:
    """Each level a warning sign can reach, and self-care, has its own paragraph in docs/clinical-rules.md."""
    text = RULES_DOC.read_text(encoding="utf-8")
    for level in ("emergency", "urgent", "soon", "self_care"):
        assert f"- **`{level}`**" in text, level
