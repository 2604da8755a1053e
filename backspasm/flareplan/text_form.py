"""`plan edit`: the plan as a text anyone can edit, and that text read back.

The form: a heading line ending in a colon for each part, its lines under it starting with
"- ", blank lines anywhere, and "#" starting a note that is ignored. The warning signs are
written as notes at the end: they are shown with every plan and cannot be edited. Reading it
back names each problem with its line number; the plan is then checked as every plan is.
"""

from __future__ import annotations

from collections.abc import Sequence

from backspasm.journal.flare_plan import KEYS, PARTS, FlarePlan, PlanProblems, check

HEADER = (
    "# Your flare-up plan. Write each line under its heading, starting with '- '.",
    "# Lines starting with # are notes and are ignored. Save and close to keep it;",
    "# close without saving to keep the plan you had.",
)
# Each heading as it is written in the form, and the key it stands for.
FORM_HEADINGS = {heading.lower(): key for key, heading, _ in PARTS}


def to_text(plan: FlarePlan | None, signs: Sequence[str]) -> str:
    """The plan as the editor shows it (every heading, even of an empty part)."""
    lines = list(HEADER)
    for key, heading, question in PARTS:
        lines += ["", f"{heading}:", f"# {question}"]
        lines += [f"- {item}" for item in (plan.items(key) if plan is not None else ())]
    if signs:
        lines += ["", "# Not a normal spasm (always shown with your plan; not edited here):"]
        lines += [f"#   {sign}" for sign in signs]
    return "\n".join(lines) + "\n"


def from_text(text: str) -> FlarePlan:
    """The plan the edited text gives; PlanProblems with one line per problem ("line 7: ...")."""
    problems: list[str] = []
    parts: dict[str, list[str]] = {}
    lines_of: dict[str, int] = {}
    current: str | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("-"):
            if current is None:
                problems.append(f"line {number}: a line of the plan must come under a heading")
                continue
            parts[current].append(line[1:].strip())
            continue
        if line.endswith(":") and line[:-1].strip().lower() in FORM_HEADINGS:
            current = FORM_HEADINGS[line[:-1].strip().lower()]
            if current in parts:
                problems.append(f"line {number}: '{line}' is written twice; write each heading once")
            parts.setdefault(current, [])
            lines_of[current] = number
            continue
        problems.append(f"line {number}: write a heading such as 'Who to call:', or a line starting with '- '")
    if problems:
        raise PlanProblems(problems)
    return check({key: parts[key] for key in KEYS if key in parts}, lines_of)
