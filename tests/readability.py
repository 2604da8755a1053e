"""The user-facing text of each knowledge-base file, and its Flesch–Kincaid school grade.

Shared by tests/test_kb_readability.py. textstat is pinned to 0.7.3 (dev extras): later releases
fetch a dictionary at run time, and the tests run offline.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parent.parent / "data"

# The prose people read, by file. Names, titles and choice labels are left out: short fragments
# ("Ice pack") would pull the grade down and hide long sentences. Ids, keys, conditions, sources
# and numbers are not read. startback.yaml: Keele's item wording may not be changed (its
# licence), so only our own intro.
FIELDS: dict[str, dict[str, tuple[str, ...]]] = {
    "remedies.yaml": {
        "remedies": ("summary", "steps", "cautions", "evidence.summary", "seed_claim", "pregnancy", "neck")
    },
    "causes.yaml": {"causes": ("description", "prevention")},
    "warning-signs.yaml": {"warning_signs": ("why",)},
    "triage.yaml": {
        "questions": ("prompt", "hint"),
        "gates": ("prompt", "hint"),
        "advice": ("headline", "advice", "watch_for", "tell_them"),
    },
    "startback.yaml": {"startback": ("intro",)},
    "protocols.yaml": {
        "protocols": ("summary", "steps", "checks.prompt", "checks.reason", "checks.alternative", "pregnancy")
    },
    "stretches.yaml": {
        "stretches": ("steps", "cautions", "pregnancy"),
        "routines": ("summary",),
    },
    "doctor-questions.yaml": {"doctor_questions": ("text",)},
    "escalation.yaml": {"escalation_rules": ("why",)},
    # The sentences of the plan; the short templates ("Pain today: {scores}.") are fragments.
    "today.yaml": {
        "today": (
            "words.nothing_yet",
            "words.no_episode",
            "words.escalation",
            "words.seen_hint",
            "words.on_hold",
            "words.on_hold_triage",
            "words.new_symptoms",
            "words.stretch_done",
            "words.stretch_worse",
            "words.disclaimer",
            "phases.move",
            "phases.session_note",
            "phases.watch",
            "cautions.text",
        )
    },
}
FILES = tuple(FIELDS)


def _values(entry: Any, path: list[str]) -> Iterator[str]:
    if isinstance(entry, list):
        for item in entry:
            yield from _values(item, path)
        return
    if not path:
        if isinstance(entry, str):
            yield entry
        return
    if isinstance(entry, dict) and path[0] in entry:
        yield from _values(entry[path[0]], path[1:])


def user_texts(name: str, directory: Path = DATA) -> list[str]:
    """Every user-facing string of one file, in file order."""
    data = yaml.safe_load((directory / name).read_text(encoding="utf-8"))
    texts: list[str] = []
    for section, fields in FIELDS[name].items():
        entries = data.get(section) or []
        for entry in entries if isinstance(entries, list) else [entries]:
            for field in fields:
                texts.extend(_values(entry, field.split(".")))
    return texts


def grade(texts: list[str]) -> float:
    """Flesch–Kincaid grade of the texts read together, each text ending as a sentence."""
    import textstat

    sentences = [" ".join(t.split()) for t in texts if t.strip()]
    joined = " ".join(s if s.endswith((".", "?", "!", ":")) else f"{s}." for s in sentences)
    return float(textstat.flesch_kincaid_grade(joined))
