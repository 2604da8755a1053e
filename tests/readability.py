"""The user-facing text of each knowledge-base file, and its Flesch–Kincaid school grade.

Shared by tests/test_kb_readability.py. textstat is pinned to 0.7.3 (dev extras): later releases
fetch a dictionary at run time, and the tests run offline.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from conftest import load_yaml

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
        "advice": ("headline", "advice", "watch_for.then", "watch_for.signs", "tell_them", "changes"),
        "result_cautions": ("text",),
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
    data = load_yaml((directory / name).read_text(encoding="utf-8"))
    texts: list[str] = []
    for section, fields in FIELDS[name].items():
        entries = data.get(section) or []
        for entry in entries if isinstance(entries, list) else [entries]:
            for field in fields:
                texts.extend(_values(entry, field.split(".")))
    return texts


def _sentences(text: str) -> Iterator[str]:
    """A text as the sentences it is read in: each item of a "- " list on its own, the rest as one."""
    rest: list[str] = []
    for line in text.splitlines():
        if line.startswith("- "):
            yield line[2:]
        else:
            rest.append(line)
    yield " ".join(rest)


def grade(texts: list[str]) -> float:
    """Flesch–Kincaid grade of the texts read together, each text (and each list item) ending as a sentence."""
    import textstat

    sentences = [" ".join(s.split()) for t in texts for s in _sentences(t) if s.strip()]
    joined = " ".join(s if s.endswith((".", "?", "!", ":")) else f"{s}." for s in sentences)
    return float(textstat.flesch_kincaid_grade(joined))


# Lines of a printed screen that are not read as prose: box edges, and the sources after each reason.
_BOX = "│╭╮╰╯─"
_TABLE_START, _TABLE_END = "What can help now", "Details of each:"


def screen_lines(printed: str) -> list[str]:
    """The lines a person reads on a triage result printed one paragraph a line (a very wide console).

    Box edges, blank lines and "Sources:" lines are left out, and so are the rows of the remedies
    table: names and grades, which this measure leaves out of every file (FIELDS above).
    """
    lines: list[str] = []
    in_table = False
    for raw in printed.splitlines():
        line = raw.strip().strip(_BOX).strip()
        if line.startswith(_TABLE_START):
            in_table = True
        elif line.startswith(_TABLE_END):
            in_table = False
        elif line and not in_table and not line.startswith("Sources:"):
            lines.append(line)
    return lines


def sentences_only(lines: list[str]) -> list[str]:
    """The lines that end as sentences (or lead into a list with a colon): headings and list items left out.

    A stricter figure: short fragments cannot pull the grade of long sentences down.
    """
    return [line for line in lines if line.endswith((".", "?", "!", ":"))]


def longest_sentence(lines: list[str]) -> int:
    """The words in the longest sentence of the lines."""
    import re

    return max((len(part.split()) for line in lines for part in re.split(r"(?<=[.!?:])\s+", line)), default=0)
