"""The flare-up plan: what the person wrote on a good day, to follow on a bad one (issue 20).

Pure: a plan is a value with five parts, each a few short lines in the person's own words.
Every way a plan comes in (the questions, `plan write --from`, `plan edit`) goes through
`check`, which names each problem on a line of its own. The signs that mean it is not a normal
spasm are not part of what the person writes: they come from the knowledge base each time the
plan is shown (`warning_lines`), so nobody can edit them away. We never give doses: the
painkillers part is the person's own words.
"""

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from backspasm.text_safety import visible

TITLE = "Your flare-up plan"
# The plan's first line, wherever it is shown: the plan never replaces triage.
FIRST_LINE = "If anything is new or different from your usual spasms, run backspasm triage."

# The parts of a plan, in the order they are asked and shown: key, heading, the question.
PARTS: tuple[tuple[str, str, str], ...] = (
    ("first", "What to do first", "What helps you first when a spasm starts?"),
    ("painkillers", "Painkillers that suit me", "Which painkillers suit you, in your own words? (no doses from us)"),
    ("pacing", "Pacing the first days", "How will you pace the first days?"),
    ("tell", "What to tell work or family", "What will you tell work or family?"),
    ("call", "Who to call", "Who will you call: your GP or physio, and their number?"),
)
KEYS = tuple(key for key, _, _ in PARTS)
HEADINGS = {key: heading for key, heading, _ in PARTS}
# The key a file may not set: the warning signs come from the knowledge base.
SIGNS_KEY = "warning_signs"
# How much a part may hold: short lines, a few of them, so that the plan fits a screen.
MAX_ITEMS = 6
MAX_CHARS = 100

# The warning signs the plan shows (knowledge-base ids), in this order: the ones a person with
# a usual spasm must not talk themselves out of. An id the knowledge base lacks is left out.
SIGN_IDS = (
    "cauda-equina-bladder",
    "cauda-equina-saddle",
    "weakness-both-legs",
    "numbness-both-legs",
    "fever",
    "chest-pain",
)
SIGNS_HEADING = "Not a normal spasm"


class FlarePlan(NamedTuple):
    """A plan: each part's lines, in the person's own words (a part may be empty)."""

    parts: Mapping[str, tuple[str, ...]]

    def items(self, key: str) -> tuple[str, ...]:
        """The lines of one part."""
        return tuple(self.parts.get(key, ()))

    def as_data(self) -> dict[str, list[str]]:
        """The plan as JSON-ready data: every part, in order."""
        return {key: list(self.items(key)) for key in KEYS}

    def is_empty(self) -> bool:
        """True when no part holds a line."""
        return not any(self.items(key) for key in KEYS)


class PlanProblems(ValueError):
    """A plan that cannot be kept: one line per problem."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = list(problems)


def _item_problems(where: str, value: Any) -> tuple[list[str], str | None]:
    if not isinstance(value, str):
        return [f"{where}: must be text"], None
    text = " ".join(value.split())
    if not text:
        return [], None  # an empty line is left out, not refused
    if any(not ch.isprintable() for ch in text):
        return [f"{where}: has a control character; write plain text"], None
    if len(text) > MAX_CHARS:
        return [f"{where}: is {len(text)} characters long; keep each line to {MAX_CHARS} or fewer"], None
    return [], text


def check(data: Any, lines: Mapping[str, int] | None = None) -> FlarePlan:
    """The plan that `data` (a mapping of part keys to a line or a list of lines) gives.

    Raises PlanProblems naming each problem on its own line; `lines` maps a key to the line of
    the file it was read from, to say where.
    """
    where_of = lines or {}

    def at(key: str) -> str:
        line = where_of.get(key)
        return f"line {line}: " if line else ""

    if not isinstance(data, Mapping):
        raise PlanProblems([f"a plan is a mapping of its parts ({', '.join(KEYS)}) to lines of text"])
    problems: list[str] = []
    parts: dict[str, tuple[str, ...]] = {}
    for key, value in data.items():
        if key == SIGNS_KEY:
            problems.append(
                f"{at(key)}'{SIGNS_KEY}' cannot be written: the signs that mean it is not a normal spasm"
                " come from backspasm and are always shown"
            )
            continue
        if key not in HEADINGS:
            problems.append(f"{at(key)}unknown part {visible(str(key))!r}; the parts are: {', '.join(KEYS)}")
            continue
        values = [value] if isinstance(value, str) else value
        if value is None:
            values = []
        if not isinstance(values, list):
            problems.append(f"{at(key)}'{key}' must be a line of text or a list of lines")
            continue
        kept: list[str] = []
        for number, item in enumerate(values, start=1):
            found, text = _item_problems(f"{at(key)}'{key}' line {number}", item)
            problems += found
            if text is not None:
                kept.append(text)
        if len(kept) > MAX_ITEMS:
            problems.append(f"{at(key)}'{key}' has {len(kept)} lines; keep it to {MAX_ITEMS} or fewer")
        parts[key] = tuple(kept)
    if not problems and not any(parts.values()):
        problems.append(f"the plan is empty: write at least one line in one of its parts ({', '.join(KEYS)})")
    if problems:
        raise PlanProblems(problems)
    return FlarePlan({key: parts.get(key, ()) for key in KEYS})


def from_stored(data: Any) -> FlarePlan | None:
    """A stored plan read back (None when it no longer passes the check: another program changed it)."""
    try:
        return check(data)
    except PlanProblems:
        return None


def warning_lines(titles: Mapping[str, str]) -> list[str]:
    """The signs the plan always shows, from the knowledge base's warning signs (id to title)."""
    return [titles[sign] for sign in SIGN_IDS if sign in titles]


def sections(plan: FlarePlan, signs: Sequence[str], number: str) -> list[tuple[str, list[str]]]:
    """The plan as headed lists, in order, the warning signs last (with whom to call): what every screen shows."""
    found = [(HEADINGS[key], list(plan.items(key))) for key in KEYS if plan.items(key)]
    if signs:
        heading = f"{SIGNS_HEADING}: run backspasm triage now if you have any of these; in an emergency, call {number}"
        found.append((heading, list(signs)))
    return found


def plan_report_lines(plan: FlarePlan, signs: Sequence[str]) -> list[tuple[str, str]]:
    """The doctor report's section: (label, text) pairs, the parts in order, then the warning signs.

    Plain data for the report writers: each part's lines joined with "; ".
    """
    lines = [(HEADINGS[key], "; ".join(plan.items(key))) for key in KEYS if plan.items(key)]
    if signs:
        lines.append((SIGNS_HEADING, "; ".join(signs)))
    return lines
