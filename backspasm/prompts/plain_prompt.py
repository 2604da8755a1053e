"""Questions as plain lines of text, for screen readers, `--plain` and TERM=dumb.

Each question is printed as lines of words (the options numbered, each with its key), and the
answer is a line typed at "> ": a key (`y`, `n`, `u`), a number or the option's words. No cursor
movement, no redraws; a line that is not an answer says what is and asks again. End of input
or Ctrl-C raises (never read as an answer).
"""

from __future__ import annotations

import shutil
import sys
import textwrap
from collections.abc import Callable, Sequence
from typing import Any, TextIO

PROMPT = "> "


def _width() -> int:
    return max(shutil.get_terminal_size().columns - 1, 20)


def _say(text: str, out: TextIO, indent: str = "") -> None:
    for paragraph in text.splitlines() or [""]:
        hang = indent + ("  " if paragraph.startswith("- ") else "")
        lines = textwrap.wrap(paragraph, _width(), initial_indent=indent, subsequent_indent=hang) or [indent]
        out.write("\n".join(lines) + "\n")


def _read(inp: TextIO, out: TextIO) -> str:
    out.write(PROMPT)
    out.flush()
    line = inp.readline()
    if not line:
        raise EOFError
    return line.strip()


def choose(
    message: str,
    options: Sequence[tuple[Any, str, str]],
    *,
    hint: str | None = None,
    inp: TextIO | None = None,
    out: TextIO | None = None,
) -> Any:
    """Ask for one of (value, label, key) options; the answer is its key, its number or its words."""
    inp, out = inp or sys.stdin, out or sys.stdout
    _say(message, out)
    if hint:
        _say(hint, out, "  ")
    for number, (_, label, key) in enumerate(options, start=1):
        extra = f" or {key}" if key != str(number) else ""
        _say(f"{number}{extra}: {label}", out, "  ")
    keys = ", ".join(key for _, _, key in options)
    from backspasm.prompts.typed_answer import read_typed  # the key prompt reads words the same way

    while True:
        index = read_typed(_read(inp, out), options)
        if index is not None:
            value, label, _ = options[index]
            out.write(f"Answer: {label}\n")
            return value
        out.write(f"Please type {keys}, or the number of an answer.\n")


def text(
    message: str,
    *,
    validate: Callable[[str], bool | str] | None = None,
    hint: str | None = None,
    inp: TextIO | None = None,
    out: TextIO | None = None,
) -> str:
    """Ask for a line of text; `validate` returns True or what to say before asking again."""
    inp, out = inp or sys.stdin, out or sys.stdout
    _say(message, out)
    if hint:
        _say(hint, out, "  ")
    while True:
        typed = _read(inp, out)
        verdict = validate(typed) if validate is not None else True
        if verdict is True:
            out.write(f"Answer: {typed}\n")
            return typed
        out.write(f"{verdict}\n")


def wait(message: str, *, inp: TextIO | None = None, out: TextIO | None = None) -> None:
    """Say the message and wait for a line (Enter); end of input is never taken as "ready"."""
    inp, out = inp or sys.stdin, out or sys.stdout
    _say(message, out)
    _read(inp, out)
