"""Read an answers file (YAML or JSON) and check it against the questions of the knowledge base.

Every problem becomes one line naming the key and what is allowed; they are raised together as
one UsageError (exit 2), so a script author fixes a file in one go. At most `MAX_PROBLEM_LINES`
lines are shown, then a count, and the costly parts of a line (a "did you mean") are worked out
only for the lines shown. Input is hostile until read: at most 1 MB, UTF-8, a key given once,
nested at most a few levels (shared/triage-answers.md, version 2).
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from backspasm.clock.now import DAYS_AGO_MAX
from backspasm.errors import UsageError
from backspasm.kb.unsure import UNSURE, offers_unsure
from backspasm.triage.engine import STARTBACK_KEY, answer_keys

if TYPE_CHECKING:
    from backspasm.kb.loader import KnowledgeBase
    from backspasm.kb.views import Question, StartBack

MAX_BYTES = 1_000_000  # the contract's 1 MB
TOO_LARGE = "over 1 MB; an answers file is a short mapping of answer keys"
MAX_PROBLEM_LINES = 20
# A flat mapping with one nested mapping (startback) needs two levels; a few more leave room for a
# list given by mistake, which then gets its own message instead of "nested too deeply".
MAX_DEPTH = 8


def read_answers(source: str) -> Any:
    """The parsed contents of an answers file, or of stdin when `source` is "-"."""
    if source == "-":
        if sys.stdin is None:
            raise UsageError("--answers -: standard input is closed; pipe the answers in, or give a file")
        data = _read_capped(sys.stdin.buffer, "stdin")
        name = "stdin"
    else:
        from backspasm.safe_read import NotReadable, TooLarge, read_regular

        try:
            # Never blocks on a FIFO nor reads a device: a regular file, at most 1 MB.
            data = read_regular(Path(source), MAX_BYTES)
        except TooLarge:
            raise UsageError(f"--answers: {source}: {TOO_LARGE}") from None
        except NotReadable as exc:
            raise UsageError(f"--answers: {source}: {exc}; to pipe answers in, use --answers -") from None
        except FileNotFoundError:
            raise UsageError(f"--answers: {source}: no such file") from None
        except IsADirectoryError:
            raise UsageError(f"--answers: {source}: is a directory, not an answers file") from None
        except OSError as exc:
            raise UsageError(f"--answers: {source}: cannot be read ({exc.strerror or exc})") from None
        name = source
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"--answers: {name}: not UTF-8 text (byte {exc.start + 1} cannot be read); save it as UTF-8 YAML or JSON"
        ) from None
    if not text.strip():
        # An empty file is more likely a mistake than "answered nothing"; {} says that plainly.
        raise UsageError(f"--answers: {name} is empty; write {{}} to assess with no answers")
    return parse_answers(text, name)


def _read_capped(stream: IO[bytes], name: str) -> bytes:
    # Read one byte past the limit, so /dev/zero or a huge file never fills memory.
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise UsageError(f"--answers: {name}: {TOO_LARGE}")
    return data


def _depth(text: str) -> int:
    """The deepest nesting of [ and { in the text (flow style), counted before any parser recurses."""
    depth = deepest = 0
    for char in text:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth = max(depth - 1, 0)
    return deepest


class DuplicateKey(ValueError):
    """A key given twice in one mapping (version 1 silently kept the last)."""

    def __init__(self, key: Any, line: int | None = None) -> None:
        super().__init__(key)
        self.key, self.line = key, line


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise DuplicateKey(key)
        found[key] = value
    return found


def _yaml_loader() -> type:
    import yaml

    base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # a safe loader, in C where available

    class NoDuplicatesLoader(base):  # type: ignore[misc]
        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            seen: set[Any] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                try:
                    duplicate = key in seen
                except TypeError:  # an unhashable key: the base class says so
                    break
                if duplicate:
                    raise DuplicateKey(key, key_node.start_mark.line + 1)
                seen.add(key)
            return super().construct_mapping(node, deep=deep)

    return NoDuplicatesLoader


def parse_answers(text: str, name: str = "answers") -> Any:
    """Parse JSON, or else YAML (safe loader only); a key given twice, or deep nesting, is an error."""
    if _depth(text) > MAX_DEPTH:
        raise UsageError(
            f"--answers: {name}: nested more than {MAX_DEPTH} levels deep; "
            "answers are a flat mapping of keys to values (with startback as one nested mapping)"
        )
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates)
    except DuplicateKey as dup:
        raise UsageError(_duplicate_line(name, dup)) from None
    except (ValueError, RecursionError):
        pass
    import yaml

    try:
        return yaml.load(text, Loader=_yaml_loader())  # a safe loader subclass
    except DuplicateKey as dup:
        raise UsageError(_duplicate_line(name, dup)) from None
    except RecursionError:
        raise UsageError(f"--answers: {name}: nested too deeply; answers are a flat mapping") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "not valid YAML or JSON"
        raise UsageError(f"--answers: {name}: not valid YAML or JSON{where} ({problem})") from None


def _duplicate_line(name: str, dup: DuplicateKey) -> str:
    where = f" (line {dup.line})" if dup.line else ""
    return f"{_printable(dup.key)}: given twice in {name}{where}; give each answer once"


def _printable(key: Any) -> str:
    """A key as it may be printed: no control characters, and not unbounded."""
    text = str(key)
    text = "".join(char if char.isprintable() else f"\\x{ord(char):02x}" for char in text[:80])
    return text + ("..." if len(str(key)) > 80 else "")


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return json.dumps(value[:80] + ("..." if len(value) > 80 else ""))
    return json.dumps(value) if isinstance(value, (bool, int, float)) or value is None else type(value).__name__


def _maximum(question: Question) -> float | None:
    """The question's maximum; a time ago (days_since_onset) goes back 100 years at most."""
    if question.maximum is None and question.read_as == "days_ago":
        return DAYS_AGO_MAX
    return question.maximum


def _number_rule(question: Question) -> str:
    kind = "a whole number" if question.type == "integer" else "a number"
    low, high = question.minimum, _maximum(question)
    if low is not None and high is not None:
        return f"{kind} from {low:g} to {high:g}"
    if low is not None:
        return f"{kind} of at least {low:g}"
    if high is not None:
        return f"{kind} of at most {high:g}"
    return kind


def question_problem(question: Question, value: Any) -> str | None:
    """Why a value is not an allowed answer to a question ("must be ..."), or None when it is."""
    unsure = offers_unsure(question)
    if unsure and value == UNSURE and isinstance(value, str):
        return None
    if question.type == "bool":
        return None if isinstance(value, bool) else "must be true, false" + (" or unsure" if unsure else "")
    if question.type == "choice":
        allowed = list(dict.fromkeys(choice.value for choice in question.choices)) + ([UNSURE] if unsure else [])
        return None if value in allowed and isinstance(value, str) else f"must be one of {', '.join(allowed)}"
    integer = question.type == "integer"
    is_number = isinstance(value, int if integer else (int, float)) and not isinstance(value, bool)
    if (
        not is_number
        or not math.isfinite(value)
        or (question.minimum is not None and value < question.minimum)
        or ((high := _maximum(question)) is not None and value > high)
    ):
        return f"must be {_number_rule(question)}"
    return None


# A problem line: text, or an unknown key's line worked out only when shown (the flag: the first
# such line, which lists the allowed keys in full).
Problem = str | Callable[[bool], str]


def _unknown(key: Any, allowed: list[str], what: str, prefix: str = "") -> Callable[[bool], str]:
    def line(first: bool) -> str:
        import difflib  # only on the error path, only for lines shown

        shown = _printable(key)
        guess = difflib.get_close_matches(str(key)[:80], allowed, n=1)
        hint = f"; did you mean '{prefix}{guess[0]}'?" if guess else ""
        listed = ", ".join(prefix + name for name in allowed) if first else "as above"
        return f"{prefix}{shown}: not {what}{hint} (allowed: {listed})"

    return line


def problem_lines(problems: list[Problem]) -> list[str]:
    """At most MAX_PROBLEM_LINES lines, then how many more there are (the allowed keys listed once)."""
    lines: list[str] = []
    first = True
    for problem in problems[:MAX_PROBLEM_LINES]:
        if isinstance(problem, str):
            lines.append(problem)
        else:
            lines.append(problem(first))
            first = False
    if len(problems) > MAX_PROBLEM_LINES:
        more = len(problems) - MAX_PROBLEM_LINES
        lines.append(f"... and {more} more problem{'s' if more != 1 else ''} (fix these first)")
    return lines


def startback_problems(tool: StartBack, value: Any) -> list[str]:
    """Problems with the `startback` mapping: unknown items, missing items, values not allowed."""
    keys = [item.key for item in tool.items]
    if not isinstance(value, Mapping):
        items = ", ".join(keys)
        return [f"{STARTBACK_KEY}: must be a mapping of the STarT Back items ({items}) (got {_shown(value)})"]
    problems = [
        _unknown(key, keys, "a STarT Back item", prefix=f"{STARTBACK_KEY}.")(True) for key in value if key not in keys
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
    known = set(allowed)
    questions = kb.question_index
    answers: dict[str, Any] = {}
    problems: list[Problem] = []
    for key, value in raw.items():
        if not isinstance(key, str) or key not in known:
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
        raise UsageError(*problem_lines(problems))
    # Keep the questionnaire's order, so results and saved runs read the same whichever order was given.
    return {key: answers[key] for key in allowed if key in answers}
