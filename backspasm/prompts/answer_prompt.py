"""A prompt for a safety answer: nothing pre-selected, a key per option, Enter to confirm.

questionary's select always points at an option, so Enter alone answers "Yes" and `n` does
nothing. Here no option is chosen until the person presses its key (y, n, u; digits for
longer lists) or moves to it with the arrow keys; Enter then confirms it. Enter with nothing
chosen only repeats which keys answer. A typed word ("no", "yes", "not sure") ends on the
option its last known letter names, so "no" + Enter answers No.

Ctrl-C raises KeyboardInterrupt and end of input (Ctrl-D) EOFError, like questionary's
`unsafe_ask()`; backspasm.prompts.questionnaire turns both into `Interrupted`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from prompt_toolkit.application import Application
from prompt_toolkit.application.current import get_app
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
from prompt_toolkit.layout import Layout, Window
from prompt_toolkit.layout.controls import FormattedTextControl
from prompt_toolkit.styles import BaseStyle


@dataclass(frozen=True)
class Option:
    """One answer: the value returned, the words shown, and the key that chooses it."""

    value: Any
    label: str
    key: str


def keys_phrase(options: Sequence[Option]) -> str:
    """The keys in words: "y, n or u"."""
    keys = [option.key for option in options]
    return keys[0] if len(keys) == 1 else f"{', '.join(keys[:-1])} or {keys[-1]}"


def _wrapped(text: str, width: int, first: str, rest: str) -> list[str]:
    # Wrap at word boundaries ourselves: prompt_toolkit would break words at the edge.
    return textwrap.wrap(
        text,
        width=max(width, 20),
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [first]


def wrapped_question(message: str, width: int) -> str:
    """A question wrapped for a prompt that prints "? " before it: later lines indented to match."""
    lines = _wrapped(" ".join(message.split()), width, "? ", "  ")
    return "\n".join(line[2:] if index == 0 else line for index, line in enumerate(lines))


def hint_lines(hint: str, width: int) -> list[str]:
    """A hint wrapped to the width; its own lines kept, and a "- " list item hanging under its text."""
    lines: list[str] = []
    for paragraph in hint.splitlines():
        if paragraph.startswith("- "):
            lines += _wrapped(paragraph, width, "  ", "    ")
        else:
            lines += _wrapped(paragraph, width, "  ", "  ")
    return lines


class AnswerPrompt:
    """The state and drawing of one question; `application()` builds what runs it."""

    def __init__(self, message: str, options: Sequence[Option], hint: str | None, style: BaseStyle) -> None:
        self.message = " ".join(message.split())  # one space between words, so the wrap arithmetic holds
        self.options = list(options)
        self.hint = hint
        self.style = style
        self.pointer: int | None = None
        self.chosen: Option | None = None
        self.nudged = False

    @property
    def instruction(self) -> str:
        """How to answer, always shown (a hint never replaces it)."""
        return f"(press {keys_phrase(self.options)}, then Enter)"

    def tokens(self) -> StyleAndTextTuples:
        """What the prompt shows now: the question and options, or the question and its answer."""
        width = get_app().output.get_size().columns - 1
        tail = self.chosen.label if self.chosen is not None else self.instruction
        tail_style = "class:answer" if self.chosen is not None else "class:instruction"
        out: StyleAndTextTuples = [("class:qmark", "?")]
        # Wrap question and tail together, then style each part: the question's length says where it ends.
        left = len(self.message)
        for number, line in enumerate(_wrapped(f"{self.message} {tail}", width, "? ", "  ")):
            body = line[2:]
            out.append(("class:question", ("\n  " if number else " ") + body[: max(left, 0)]))
            if left < len(body):
                out.append((tail_style, body[max(left, 0) :]))
            left -= len(body) + 1  # the space the line break replaced
        if self.chosen is not None:
            return out
        if self.hint:
            for line in hint_lines(self.hint, width):
                out.append(("class:instruction", "\n" + line))
        for index, option in enumerate(self.options):
            here = index == self.pointer
            mark = "» " if here else "  "
            out.append(("class:pointer" if here else "", f"\n {mark}"))
            label = "\n".join(_wrapped(f"{option.label} ({option.key})", width - 3, "", "   "))
            out.append(("class:highlighted" if here else "class:text", label))
        if self.nudged:
            out.append(("class:instruction", f"\n  Nothing is chosen yet: press {keys_phrase(self.options)}."))
        return out

    def bindings(self) -> KeyBindings:
        """Option keys choose, arrows move, Enter confirms a choice, Ctrl-C and Ctrl-D end."""
        kb = KeyBindings()

        for index, option in enumerate(self.options):

            def choose(event: KeyPressEvent, index: int = index) -> None:
                self.pointer, self.nudged = index, False

            kb.add(option.key.lower())(choose)
            if option.key.isalpha():
                kb.add(option.key.upper())(choose)

        @kb.add("down")
        @kb.add("tab")
        def down(event: KeyPressEvent) -> None:
            self.pointer = 0 if self.pointer is None else (self.pointer + 1) % len(self.options)
            self.nudged = False

        @kb.add("up")
        @kb.add("s-tab")
        def up(event: KeyPressEvent) -> None:
            self.pointer = len(self.options) - 1 if self.pointer is None else (self.pointer - 1) % len(self.options)
            self.nudged = False

        @kb.add("enter")
        def confirm(event: KeyPressEvent) -> None:
            if self.pointer is None:
                self.nudged = True  # Enter alone is not an answer
                return
            self.chosen = self.options[self.pointer]
            event.app.exit(result=self.chosen.value)

        @kb.add("c-c")
        @kb.add("<sigint>")  # `kill -INT`: prompt_toolkit turns the signal into this key, which <any> would eat
        def interrupt(event: KeyPressEvent) -> None:
            event.app.exit(exception=KeyboardInterrupt())

        @kb.add("c-d")
        def end(event: KeyPressEvent) -> None:
            event.app.exit(exception=EOFError())

        @kb.add("<any>")
        def other(event: KeyPressEvent) -> None:
            """Other keys do nothing: letters of a typed word that name no option."""

        return kb

    def application(self) -> Application[Any]:
        """The prompt_toolkit application that asks this question inline (not full screen)."""
        control = FormattedTextControl(self.tokens, show_cursor=False)
        return Application(
            layout=Layout(Window(control, wrap_lines=True, dont_extend_height=True)),
            key_bindings=self.bindings(),
            style=self.style,
            full_screen=False,
        )


def ask_answer(message: str, options: Sequence[Option], *, hint: str | None, style: BaseStyle) -> Any:
    """Run the prompt and return the chosen option's value (raises KeyboardInterrupt or EOFError)."""
    return AnswerPrompt(message, options, hint, style).application().run()
