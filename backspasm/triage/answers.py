"""Read an answers file (YAML or JSON) and check it against the questions of the knowledge base.

Every problem becomes one line naming the key and what is allowed; all of them are raised
together as one UsageError (exit 2), so a script author fixes a file in one go.
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from backspasm.errors import UsageError
from backspasm.triage.engine import STARTBACK_KEY, answer_keys

if TYPE_CHECKING:
    from backspasm.kb.loader import KnowledgeBase
    from backspasm.kb.models import Question, StartBack


def read_answers(source: str) -> Any:
    """The parsed contents of an answers file, or of stdin when `source` is "-"."""
    if source == "-":
        text = sys.stdin.read()
        name = "stdin"
    else:
        path = Path(source)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise UsageError(f"--answers: {source}: no such file") from None
        except IsADirectoryError:
            raise UsageError(f"--answers: {source}: is a directory, not an answers file") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"--answers: {source}: cannot be read ({exc})") from None
        name = source
    if not text.strip():
        # An empty file is more likely a mistake than "answered nothing"; {} says that plainly.
        raise UsageError(f"--answers: {name} is empty; write {{}} to assess with no answers")
    return parse_answers(text, name)


def parse_answers(text: str, name: str = "answers") -> Any:
    """Parse JSON, or else YAML (safe loader only)."""
    try:
        return json.loads(text)
    except ValueError:
        pass
    import yaml

    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "not valid YAML or JSON"
        raise UsageError(f"--answers: {name}: not valid YAML or JSON{where} ({problem})") from None


def _shown(value: Any) -> str:
    return json.dumps(value) if isinstance(value, (bool, int, float, str)) or value is None else type(value).__name__


def _number_rule(question: Question) -> str:
    kind = "a whole number" if question.type == "integer" else "a number"
    low, high = question.minimum, question.maximum
    if low is not None and high is not None:
        return f"{kind} from {low:g} to {high:g}"
    if low is not None:
        return f"{kind} of at least {low:g}"
    if high is not None:
        return f"{kind} of at most {high:g}"
    return kind


def question_problem(question: Question, value: Any) -> str | None:
    """Why a value is not an allowed answer to a question ("must be ..."), or None when it is."""
    if question.type == "bool":
        return None if isinstance(value, bool) else "must be true or false"
    if question.type == "choice":
        allowed = [choice.value for choice in question.choices]
        return None if value in allowed and isinstance(value, str) else f"must be one of {', '.join(allowed)}"
    integer = question.type == "integer"
    is_number = isinstance(value, int if integer else (int, float)) and not isinstance(value, bool)
    if (
        not is_number
        or not math.isfinite(value)
        or (question.minimum is not None and value < question.minimum)
        or (question.maximum is not None and value > question.maximum)
    ):
        return f"must be {_number_rule(question)}"
    return None


def _unknown(key: Any, allowed: list[str], what: str, prefix: str = "") -> str:
    import difflib  # only on the error path

    guess = difflib.get_close_matches(str(key), allowed, n=1)
    hint = f"; did you mean '{prefix}{guess[0]}'?" if guess else ""
    return f"{prefix}{key}: not {what}{hint} (allowed: {', '.join(prefix + name for name in allowed)})"


def startback_problems(tool: StartBack, value: Any) -> list[str]:
    """Problems with the `startback` mapping: unknown items, missing items, values not allowed."""
    keys = [item.key for item in tool.items]
    if not isinstance(value, Mapping):
        items = ", ".join(keys)
        return [f"{STARTBACK_KEY}: must be a mapping of the STarT Back items ({items}) (got {_shown(value)})"]
    problems = [
        _unknown(key, keys, "a STarT Back item", prefix=f"{STARTBACK_KEY}.") for key in value if key not in keys
    ]
    missing = [key for key in keys if value.get(key) is None]
    if missing:
        problems.append(
            f"{STARTBACK_KEY}: missing {', '.join(missing)} (all {len(keys)} items are needed to score the tool)"
        )
    for item in tool.items:
        answer = value.get(item.key)
        where = f"{STARTBACK_KEY}.{item.key}"
        if answer is None:
            continue
        if item.choices:
            allowed = ", ".join(choice.value for choice in item.choices)
            if not isinstance(answer, str) or answer not in allowed.split(", "):
                problems.append(f"{where}: must be one of {allowed} (got {_shown(answer)})")
        elif not isinstance(answer, bool):
            problems.append(f"{where}: must be true (agree) or false (disagree) (got {_shown(answer)})")
    return problems


def validate_answers(kb: KnowledgeBase, raw: Any) -> dict[str, Any]:
    """The answers as a plain mapping, or a UsageError listing every problem, one line each.

    A key left out, or given as null, is "not answered".
    """
    if not isinstance(raw, Mapping):
        raise UsageError(f"answers: must be a mapping of answer keys to values (got {_shown(raw)})")
    allowed = answer_keys(kb)
    questions = kb.question_index
    answers: dict[str, Any] = {}
    problems: list[str] = []
    for key, value in raw.items():
        if key not in allowed:
            problems.append(_unknown(key, allowed, "an answer key"))
            continue
        if value is None:
            continue
        if key == STARTBACK_KEY:
            found = startback_problems(kb.startback, value)
            problems += found
            if not found:
                answers[key] = {item.key: value[item.key] for item in kb.startback.items}
            continue
        why = question_problem(questions[key], value)
        if why:
            problems.append(f"{key}: {why} (got {_shown(value)})")
        else:
            answers[key] = value
    if problems:
        raise UsageError(*problems)
    # Keep the questionnaire's order, so results and saved runs read the same whichever order was given.
    return {key: answers[key] for key in allowed if key in answers}
