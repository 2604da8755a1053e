"""Questions as plain lines of text, for screen readers, `--plain` and TERM=dumb.

Each question is printed as lines of words (the options numbered, each with its key), and the
answer is a line typed at "> ": a key (`y`, `n`, `u`; `n` or `no` also answers a numbered "No"),
a number or the option's words. No cursor movement, no redraws; a line that is not an answer says
what is and asks again. End of input or Ctrl-C raises (never read as an answer).
"""

from __future__ import annotations

import re
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


_NO_WORD = re.compile(r"no\b", re.I)


def _letters(options: Sequence[tuple[Any, str, str]]) -> list[list[str]]:
    """The keys that answer each option: its own key, and `n` for the one "No" answer of a choice.

    A choice question numbers its answers, so "No" (or "No injury", "No (or only above the knee)")
    is 1; `n` and `no` answer it too, when it is the only answer that starts with the word "No"
    and no answer already has the key `n`.
    """
    letters = [[key.lower()] for _, _, key in options]
    noes = [index for index, (_, label, _) in enumerate(options) if _NO_WORD.match(label)]
    if len(noes) == 1 and not any("n" in keys for keys in letters):
        letters[noes[0]].append("n")
    return letters


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
    letters = _letters(options)
    for number, ((_, label, _), keys) in enumerate(zip(options, letters, strict=True), start=1):
        extra = "".join(f" or {key}" for key in keys if key != str(number))
        _say(f"{number}{extra}: {label}", out, "  ")
    named = ", ".join(key for keys in letters for key in keys if not key.isdigit())
    from backspasm.prompts.typed_answer import read_typed  # the key prompt reads words the same way

    while True:
        index = read_typed(_read(inp, out), options)
        if index is not None:
            value, label, _ = options[index]
            out.write(f"Answer: {label}\n")
            return value
        numbers = f"a number from 1 to {len(options)}"
        refusal = f"Please type {named}, or {numbers}." if named else f"Please type {numbers}, or the answer's words."
        out.write(refusal + "\n")


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
