"""A prompt for a safety answer: nothing pre-selected, a key per option, Enter to confirm.

questionary's select always points at an option, so Enter alone answers "Yes" and `n` does
nothing. Here no option is chosen until the person presses its key (y, n, u; digits for
longer lists) or moves to it with the arrow keys; Enter then confirms it. Enter with nothing
chosen only repeats which keys answer. What is typed is read as words, never letter by letter
(prompts/typed_answer.py): "no" answers No, "I don't know" or "dunno" Not sure, and words that
are not understood answer nothing: the question asks again. `y`, `n` and `u` also choose the
Yes, No and Not sure answers of numbered choices ("No injury").

Ctrl-C raises KeyboardInterrupt and end of input (Ctrl-D) EOFError, like questionary's
`unsafe_ask()`; backspasm.prompts.questionnaire turns both into `Interrupted`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from prompt_toolkit.application import Application
from prompt_toolkit.application.current import get_app
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
from prompt_toolkit.layout import Layout, Window
from prompt_toolkit.layout.controls import FormattedTextControl
from prompt_toolkit.styles import BaseStyle

from backspasm.prompts.typed_answer import ambiguous, could_go_on, read_typed
from backspasm.wrapping import wrap_words


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
    return wrap_words(text, max(width, 20), indent=first, hang=rest)


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
        self.typed = ""  # letters typed since the last arrow key or answer, read as words
        self.refused = ""  # words typed and confirmed with Enter that answer nothing

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
        for line in self._feedback(width):
            out.append(("class:instruction", "\n" + line))
        return out

    def _tuples(self) -> list[tuple[Any, str, str]]:
        return [(option.value, option.label, option.key) for option in self.options]

    def _feedback(self, width: int) -> list[str]:
        """What the prompt says under the options: the words typed and what they mean, or how to answer."""
        keys = keys_phrase(self.options)
        if len(self.typed) > 1:
            meant = self.options[self.pointer].label if self.pointer is not None else None
            said = f'You typed "{self.typed}": {meant}.' if meant else f'You typed "{self.typed}".'
            return _wrapped(said, width, "  ", "  ")
        if self.refused:
            could = ambiguous(self.refused, self._tuples())
            if could:
                numbers = " or ".join(self.options[index].key for index in could)
                said = f'"{self.refused}" could mean more than one answer: press {numbers}.'
            else:
                said = f'"{self.refused}" is not one of the answers: press {keys}, then Enter.'
            return _wrapped(said, width, "  ", "  ")
        if self.nudged:
            return [f"  Nothing is chosen yet: press {keys}."]
        return []

    def _read(self) -> None:
        """Point at the option the letters typed so far mean (none while they mean nothing yet)."""
        self.pointer = read_typed(self.typed, self._tuples())
        self.nudged = False
        self.refused = ""

    def bindings(self) -> KeyBindings:
        """Option keys choose, arrows move, Enter confirms a choice, Ctrl-C and Ctrl-D end."""
        kb = KeyBindings()

        @kb.add("down")
        @kb.add("tab")
        def down(event: KeyPressEvent) -> None:
            self.pointer = 0 if self.pointer is None else (self.pointer + 1) % len(self.options)
            self.typed, self.nudged, self.refused = "", False, ""

        @kb.add("up")
        @kb.add("s-tab")
        def up(event: KeyPressEvent) -> None:
            self.pointer = len(self.options) - 1 if self.pointer is None else (self.pointer - 1) % len(self.options)
            self.typed, self.nudged, self.refused = "", False, ""

        @kb.add("enter")
        def confirm(event: KeyPressEvent) -> None:
            if self.pointer is None:
                # Enter alone, or words that mean no answer: nothing is chosen, the question stays.
                self.refused, self.typed = self.typed, ""
                self.nudged = not self.refused
                return
            self.chosen = self.options[self.pointer]
            event.app.exit(result=self.chosen.value)

        @kb.add("backspace")
        def erase(event: KeyPressEvent) -> None:
            self.typed = self.typed[:-1]
            self._read()

        @kb.add("c-c")
        @kb.add("<sigint>")  # `kill -INT`: prompt_toolkit turns the signal into this key, which <any> would eat
        def interrupt(event: KeyPressEvent) -> None:
            event.app.exit(exception=KeyboardInterrupt())

        @kb.add("c-d")
        def end(event: KeyPressEvent) -> None:
            event.app.exit(exception=EOFError())

        @kb.add("<any>")
        def letter(event: KeyPressEvent) -> None:
            """A letter, digit, space or mark: added to the words typed, which are read as a whole."""
            text = event.data
            if len(text) != 1 or not text.isprintable():
                return  # a function key or another control sequence: not part of an answer
            longer = (self.typed + text).lstrip()
            options = self._tuples()
            answered = self.typed and read_typed(self.typed, options) is not None
            if answered and not could_go_on(longer, options) and read_typed(text, options) is not None:
                longer = text  # a key after an answer (n, then y): the person changed their mind
            self.typed = longer
            self._read()

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


# ---------------------------------------------------------------- a refused typed answer, in full


def wrapped_verdicts(validate: Callable[[str], bool | str]) -> Callable[[str], bool | str]:
    """A validator whose refusal is wrapped in whole words to the terminal's width (why, and what to type)."""

    def check(raw: str) -> bool | str:
        verdict = validate(raw)
        if verdict is True or verdict is False:
            return verdict
        width = get_app().output.get_size().columns - 1
        return "\n".join(_wrapped(str(verdict), width, "", ""))

    return check


def errors_take_their_lines(application: Application[Any]) -> None:
    """Let a prompt's refusal line grow to as many lines as it needs (prompt_toolkit shows one, cut at the edge)."""
    for window in application.layout.find_all_windows():
        control = window.content
        text = getattr(control, "text", None)
        if isinstance(control, FormattedTextControl) and "ValidationToolbar" in getattr(text, "__qualname__", ""):
            window.height = None  # as tall as the wrapped message
