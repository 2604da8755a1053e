"""`backspasm triage --questions`: the questionnaire as readable plain text (with --json, as data).

Each screen numbered, its words, then one line per choice with the answers it gives. Plain
lines wrapped at word boundaries, so it reads the same in a terminal, a pager or a file.
"""

from __future__ import annotations

import json
import shutil
import textwrap
from collections.abc import Iterator
from typing import Any

from backspasm.render.text import say

INDENT = "   "


def _wrap(text: str, width: int, first: str, rest: str) -> list[str]:
    return textwrap.wrap(
        text, width, initial_indent=first, subsequent_indent=rest, break_long_words=False, break_on_hyphens=False
    ) or [first.rstrip()]


def _value(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def _gives(answers: dict[str, Any]) -> str:
    if not answers:
        return "leaves it unanswered"
    return ", ".join(f"{key}: {_value(value)}" for key, value in answers.items())


def _choice_lines(choice: dict[str, Any], width: int) -> list[str]:
    gives = "asks each of these, one at a time" if "then_asks" in choice else _gives(choice["answers"])
    return _wrap(f"{choice['key']}: {choice['label']} -> {gives}", width, INDENT, INDENT + "   ")


def condition_words(condition: dict[str, Any]) -> str:
    """A condition in words: "age is at least 10 (or not given) and sex is female or other"."""
    for joiner in ("all", "any"):
        if condition.get(joiner):
            parts = [condition_words(part) for part in condition[joiner]]
            text = (" and " if joiner == "all" else " or ").join(parts)
            return text if joiner == "all" else f"({text})"
    key = condition["answer"]
    if condition.get("equals") is not None:
        said = f"{key} is {_value(condition['equals'])}"
    elif condition.get("one_of") is not None:
        said = f"{key} is {' or '.join(_value(value) for value in condition['one_of'])}"
    elif condition.get("at_least") is not None:
        said = f"{key} is at least {condition['at_least']:g}"
    elif condition.get("above") is not None:
        said = f"{key} is more than {condition['above']:g}"
    else:
        said = f"{key} is below {condition['below']:g}"
    return said + (" (or not given)" if condition.get("if_missing") else "")


def _asked(screen: dict[str, Any]) -> str:
    parts = [f"asked {screen['asked']}"]
    if "only_if" in screen:
        parts.append(f"only if {condition_words(screen['only_if'])}")
    if "after_group" in screen:
        parts.append(f"after '{screen['after_group']}' when it is answered Yes")
    return "; ".join(parts)


def screen_lines(number: int, screen: dict[str, Any], width: int) -> Iterator[str]:
    """One screen as lines: number and words, its hint, who it is asked of, and its choices."""
    yield from _wrap(f"{number}. {screen['prompt']}", width, "", INDENT)
    label = screen.get("key") or screen["id"]
    yield from _wrap(f"[{label}] {_asked(screen)}", width, INDENT, INDENT)
    for line in (screen.get("hint") or "").splitlines():
        yield from _wrap(line, width, INDENT, INDENT + ("  " if line.startswith("- ") else ""))
    if screen["kind"] == "group":
        yield from _wrap(f"Stands for: {', '.join(screen['stands_for'])}", width, INDENT, INDENT)
    for wording in screen.get("wordings", []):
        yield from _wrap(f"When {condition_words(wording['when'])}: {wording['prompt']}", width, INDENT, INDENT)
    for choice in screen.get("choices", []):
        yield from _choice_lines(choice, width)
    if "minimum" in screen:
        low, high = screen["minimum"], screen["maximum"]
        allowed = f"a number from {low:g}" + (f" to {high:g}" if high is not None else " up")
        yield from _wrap(f"Answer: {screen.get('typed_as', allowed)}", width, INDENT, INDENT)
    for index, item in enumerate(screen.get("items", []), start=1):
        yield from _wrap(f"{number}.{index} {item['text']}", width, INDENT, INDENT + "    ")
        labels = ", ".join(f"{choice['key']}: {choice['label']}" for choice in item["choices"])
        yield from _wrap(labels, width, INDENT + "    ", INDENT + "    ")


def render_questionnaire(data: dict[str, Any], width: int | None = None) -> None:
    """Print every screen of the questionnaire, numbered, with what each choice answers."""
    width = width or max(shutil.get_terminal_size().columns - 1, 40)
    screens = data["screens"]
    lines = _wrap(
        f"The triage questionnaire (answers contract version {data['contract_version']}): {len(screens)} screens. "
        "A run asks only the screens whose answers could still change the result, and stops at an emergency. "
        "--json prints this as data.",
        width,
        "",
        "",
    )
    for number, screen in enumerate(screens, start=1):
        lines.append("")
        lines.extend(screen_lines(number, screen, width))
    say("\n".join(lines))
