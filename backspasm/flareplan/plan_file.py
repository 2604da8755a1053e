"""`plan write --from FILE`: a plan read from YAML or JSON, checked as every plan is.

Input is hostile until read: a regular file (or stdin for '-') of at most 64 KB, UTF-8, read with
YAML's safe loader. Each problem is one line naming where it is (the line of its part) and what
is allowed; nothing is stored unless the whole file is right.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from backspasm.errors import UsageError
from backspasm.journal.flare_plan import FlarePlan, PlanProblems, check

MAX_BYTES = 64 * 1024


def read_plan_file(source: str) -> FlarePlan:
    """The plan a file (or stdin, for '-') gives; UsageError with one line per problem."""
    name = "stdin" if source == "-" else source
    text = _text(source, name)
    data, lines = parse(text, name)
    try:
        return check(data, lines)
    except PlanProblems as bad:
        raise UsageError(*(f"--from {name}: {problem}" for problem in bad.problems)) from None


def _text(source: str, name: str) -> str:
    if source == "-":
        if sys.stdin is None:
            raise UsageError("--from -: standard input is closed; pipe the plan in, or give a file")
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise UsageError(f"--from {name}: over {MAX_BYTES // 1024} KB; a plan is a few short lines")
    else:
        from backspasm.safe_read import NotReadable, TooLarge, read_regular

        try:
            data = read_regular(Path(source), MAX_BYTES)
        except TooLarge:
            raise UsageError(f"--from {name}: over {MAX_BYTES // 1024} KB; a plan is a few short lines") from None
        except NotReadable as exc:
            raise UsageError(f"--from {name}: {exc}") from None
        except FileNotFoundError:
            raise UsageError(f"--from {name}: no such file") from None
        except IsADirectoryError:
            raise UsageError(f"--from {name}: is a directory, not a plan file") from None
        except OSError as exc:
            raise UsageError(f"--from {name}: cannot be read ({exc.strerror or exc})") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"--from {name}: not UTF-8 text; save it as UTF-8 YAML or JSON") from None


def parse(text: str, name: str) -> tuple[Any, dict[str, int]]:
    """The file's data and the line each top-level key is on (JSON is YAML too: one parser for both)."""
    if not text.strip():
        raise UsageError(f"--from {name}: is empty; write the parts of your plan (see backspasm plan --help)")
    import yaml

    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        node = yaml.compose(text, Loader=loader)
        data = yaml.load(text, Loader=loader)
    except RecursionError:
        raise UsageError(f"--from {name}: nested too deeply; a plan is a mapping of parts to lines") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "not valid YAML or JSON"
        raise UsageError(f"--from {name}: not valid YAML or JSON{where} ({problem})") from None
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, _ in node.value:
            key = str(key_node.value)
            if key in seen:
                raise UsageError(f"--from {name}: line {key_node.start_mark.line + 1}: '{key}' is given twice")
            seen.add(key)
            lines[key] = key_node.start_mark.line + 1
    return data, lines
