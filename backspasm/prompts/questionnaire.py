"""The one place questionary is used: turns questions into prompts and answers into values.

Every prompt uses `unsafe_ask()`, because questionary's `.ask()` turns Ctrl-C into None, and
None must never be read as "no". Ctrl-C becomes `Interrupted` (exit 130), end of input
`InputEnded` (an Interrupted too, exit 2: nothing more can be read, which is not a stop).
Tests replace the human by typing into a prompt_toolkit pipe input inside
`prompt_toolkit.application.create_app_session(input=..., output=DummyOutput())`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from backspasm.errors import InputEnded, Interrupted
from backspasm.kb.unsure import UNSURE
from backspasm.prompts.mode import can_prompt, input_handed_in, is_plain, plain_wanted, use_plain

if TYPE_CHECKING:
    import questionary

T = TypeVar("T")
# Re-exported: callers that are about to ask read the mode from here too.
__all__ = ["can_prompt", "plain_wanted", "use_plain"]


def _style() -> questionary.Style:
    # questionary and prompt_toolkit cost about 90 ms to import: only when a question is asked.
    import questionary

    return questionary.Style([("qmark", "fg:ansicyan bold"), ("answer", "fg:ansigreen bold")])


def stopped(error: BaseException, what: str, verb: str = "finished") -> Interrupted:
    """What a question cut short raises: Interrupted for Ctrl-C, InputEnded for the end of input."""
    if isinstance(error, EOFError):
        return InputEnded(f"{what} was not {verb}: the input ended before it was answered")
    return Interrupted(f"{what} was not {verb}")


def _ask(question: questionary.Question, what: str) -> Any:
    try:
        answer = question.unsafe_ask()
    except (KeyboardInterrupt, EOFError) as error:
        raise stopped(error, what) from None
    if answer is None:  # only on a closed input; never a "no"
        raise stopped(EOFError(), what)
    return answer


def end_question(error: BaseException) -> bool:
    """End the question being asked, if any, by raising `error` from it; True when one was being asked.

    For signal handlers (timer/signals.py): raising straight from a handler inside prompt_toolkit's
    event loop can leave the prompt waiting, whereas ending the application unwinds it and gives the
    terminal back.
    """
    current = sys.modules.get("prompt_toolkit.application.current")
    if current is None:  # prompt_toolkit never loaded: nothing is being asked (and a handler must not import)
        return False
    app = current.get_app_or_none()
    if app is None or not app.is_running or app.loop is None or app.future is None or app.future.done():
        return False

    def end() -> None:
        if app.future is not None and not app.future.done():  # it may have been answered meanwhile
            app.exit(exception=error)

    app.loop.call_soon_threadsafe(end)
    return True


def choose(
    message: str, options: Sequence[tuple[T, str, str]], *, hint: str | None = None, what: str = "the question"
) -> T:
    """Ask for one of (value, label, key) options with nothing pre-selected: a key, then Enter."""
    from backspasm.prompts.answer_prompt import Option, ask_answer

    try:
        if is_plain():
            from backspasm.prompts import plain_prompt

            plain: T = plain_prompt.choose(message, options, hint=hint)
            return plain
        result: T = ask_answer(message, [Option(*option) for option in options], hint=hint, style=_style())
    except (KeyboardInterrupt, EOFError) as error:
        raise stopped(error, what) from None
    return result


def confirm(message: str, *, default: bool | None = None, hint: str | None = None, what: str = "the question") -> bool:
    """Ask yes or no; with no default nothing is pre-selected and Enter alone is not an answer."""
    if default is None:
        return bool(choose(message, [(True, "Yes", "y"), (False, "No", "n")], hint=hint, what=what))
    import questionary

    return bool(_ask(questionary.confirm(message, default=default, instruction=hint, style=_style()), what))


def answer(
    message: str, *, unsure: bool = False, hint: str | None = None, what: str = "the question"
) -> bool | str:
    """Ask a safety question: True, False, or UNSURE ("Not sure") when `unsure`; nothing pre-selected."""
    options: list[tuple[bool | str, str, str]] = [(True, "Yes", "y"), (False, "No", "n")]
    if unsure:
        options.append((UNSURE, "Not sure", "u"))
    result: bool | str = choose(message, options, hint=hint, what=what)
    return result


def select(message: str, choices: Sequence[tuple[T, str]], *, hint: str | None = None, what: str = "the question") -> T:
    """Ask for one of several labelled values, numbered, nothing pre-selected; return the value."""
    numbered = [(value, label, str(number)) for number, (value, label) in enumerate(choices, start=1)]
    return choose(message, numbered, hint=hint, what=what)


def text(
    message: str,
    *,
    validate: Callable[[str], bool | str] | None = None,
    hint: str | None = None,
    what: str = "the question",
) -> str:
    """Ask for free text; `validate` returns True or the message to show.

    The question and hint are wrapped here at word boundaries (the terminal would break words at
    its edge), the hint on lines of its own under the question.
    """
    if is_plain():
        from backspasm.prompts import plain_prompt

        try:
            return plain_prompt.text(message, validate=validate, hint=hint)
        except (KeyboardInterrupt, EOFError) as error:
            raise stopped(error, what) from None
    from backspasm.prompts.answer_prompt import errors_take_their_lines, hint_lines, wrapped_question, wrapped_verdicts

    width = _columns()
    import questionary

    kwargs: dict[str, Any] = {"style": _style()}
    if validate is not None:
        kwargs["validate"] = wrapped_verdicts(validate)  # why an answer was refused, in whole words
    if hint:
        kwargs["instruction"] = "\n" + "\n".join(hint_lines(hint, width)) + "\n "
    question = questionary.text(wrapped_question(message, width), **kwargs)
    errors_take_their_lines(question.application)
    return str(_ask(question, what))


def _columns() -> int:
    """The terminal's width, less one column so a full line never wraps by itself."""
    from prompt_toolkit.application.current import get_app_session

    try:
        columns = get_app_session().output.get_size().columns
    except Exception:  # no real output (tests): the usual terminal
        import shutil

        columns = shutil.get_terminal_size().columns
    return max(columns - 1, 20)


def wait_for_enter(message: str, *, plain: bool = False, what: str = "the question") -> None:
    """Wait until the person presses Enter (anything typed before it is ignored).

    Plain mode reads a line without any cursor control, for screen readers and dumb terminals.
    """
    if (plain or is_plain()) and not input_handed_in():
        from backspasm.prompts import plain_prompt

        try:
            plain_prompt.wait(message)
        except (KeyboardInterrupt, EOFError) as error:
            raise stopped(error, what, "started") from None
        return
    import questionary

    try:
        _ask(questionary.text(message, instruction=" ", style=_style(), qmark=">"), what)
    except InputEnded:
        raise stopped(EOFError(), what, "started") from None
    except Interrupted:
        raise Interrupted(f"{what} was not started") from None


def number(
    message: str,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    integer: bool = True,
    hint: str | None = None,
    what: str = "the question",
) -> float:
    """Ask for a number within bounds; the prompt refuses anything else and says what is allowed."""
    allowed = "a whole number" if integer else "a number"
    if minimum is not None and maximum is not None:
        allowed += f" from {minimum:g} to {maximum:g}"
    elif minimum is not None:
        allowed += f" of at least {minimum:g}"

    def check(raw: str) -> bool | str:
        try:
            value = int(raw) if integer else float(raw)
        except ValueError:
            return f"Please type {allowed}"
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            return f"Please type {allowed}"
        return True

    raw = text(message, validate=check, hint=hint, what=what)
    return int(raw) if integer else float(raw)


def days_ago(message: str, *, hint: str | None = None, what: str = "the question") -> float:
    """Ask how long ago something began, in days: a number of days, or words ('yesterday', '3 hours')."""
    from backspasm.clock.now import now
    from backspasm.clock.read import days_ago_problem, read_days_ago

    current = now()

    def check(raw: str) -> bool | str:
        return days_ago_problem(raw, current) or True  # why it was refused, and what to type

    return read_days_ago(text(message, validate=check, hint=hint, what=what), current)
