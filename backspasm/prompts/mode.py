"""How questions will be asked, decided before any is: plain lines or prompts, and whether anyone can answer.

Kept apart from questionnaire.py because deciding costs nothing, while questionary and
prompt_toolkit take about 140 ms to import: a session started with --yes asks nothing and never
pays for them.
"""

from __future__ import annotations

import sys

# Plain mode (--plain, TERM=dumb, a screen reader): every question a few lines of text answered by
# typing a line, no cursor movement (backspasm/prompts/plain_prompt.py). Set once by the command.
_plain = False


def use_plain(on: bool) -> None:
    """Ask every later question as plain lines of text (True) or with the interactive prompts."""
    global _plain
    _plain = on
    from backspasm.plain_output import use_plain_screens

    use_plain_screens(on)  # and screens without boxes, which a screen reader reads aloud


def is_plain() -> bool:
    """Whether questions are asked as plain lines of text."""
    return _plain


def plain_wanted(requested: bool) -> bool:
    """Plain questions when asked for, or on a terminal that cannot move its cursor (TERM=dumb)."""
    from backspasm.plain_output import dumb_terminal

    return requested or dumb_terminal()


def can_prompt() -> bool:
    """True when a person can answer: stdin is a terminal, or an input was handed in (tests).

    In plain mode the answers are lines on stdin, which may be a pipe (a screen reader's, a script's).
    """
    if _plain or input_handed_in():
        return True
    return sys.stdin.isatty() and sys.stdout.isatty()


def input_handed_in() -> bool:
    # Tests hand in a prompt_toolkit pipe input through an app session; prompt_toolkit is then
    # already imported, and when it is not, nobody can have handed one in.
    current = sys.modules.get("prompt_toolkit.application.current")
    return current is not None and getattr(current.get_app_session(), "_input", None) is not None
