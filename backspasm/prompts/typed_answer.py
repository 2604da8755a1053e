"""What a typed answer means: a key, a number, the option's words, or everyday words for yes, no and not sure.

One reader for the key prompt (answer_prompt.py) and the plain prompt (plain_prompt.py), so a
person is understood the same way in both. Words are read whole, never letter by letter: "I don't
know", "dunno" and "no idea" mean "Not sure" (never "No"), and anything not understood is no
answer at all, so the question is asked again. `y`, `n` and `u` mean what the person means on
every question that has such an answer, also where the options are numbered ("No injury").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

YES_WORDS = frozenset({"y", "yes", "yeah", "yep", "yup", "yes i do", "yes it is", "yes i am"})
NO_WORDS = frozenset({"n", "no", "nope", "nah", "no i dont", "no it isnt", "no im not", "not at all"})
UNSURE_WORDS = frozenset(
    {
        "u",
        "unsure",
        "not sure",
        "im not sure",
        "i am not sure",
        "dont know",
        "i dont know",
        "do not know",
        "i do not know",
        "dunno",
        "i dunno",
        "no idea",
        "i have no idea",
        "idk",
        "not certain",
        "cant say",
        "cannot say",
        "cant tell",
        "?",
    }
)


def normal(text: str) -> str:
    """Typed words compared as words: lower case, no apostrophes, no end punctuation, single spaces."""
    joined = " ".join(text.lower().replace("'", "").replace("\u2019", "").split())
    return joined.strip(" .,!?") or ("?" if "?" in joined else "")


def _means(option: tuple[Any, str, str], group: frozenset[str]) -> bool:
    """Whether an option is the yes, no or not-sure answer by its key or by its label's first word."""
    _, label, key = option
    first = normal(label).split(" ")[0].strip(",()") if label else ""
    if group is UNSURE_WORDS:
        return key.lower() == "u" or normal(label) == "not sure"
    letter = "y" if group is YES_WORDS else "n"
    return key.lower() == letter or first == ("yes" if group is YES_WORDS else "no")


def read_typed(typed: str, options: Sequence[tuple[Any, str, str]]) -> int | None:
    """The index of the option that typed words mean (options are (value, label, key)), or None.

    None when nothing matches and when the words could mean more than one option (two answers
    beginning "Yes, ..."): the person is asked again rather than given a guess.
    """
    words = normal(typed)
    if not words:
        return None
    for index, (_, label, key) in enumerate(options):
        if words in (key.lower(), normal(label), str(index + 1)):
            return index
    for group in (UNSURE_WORDS, YES_WORDS, NO_WORDS):
        if words in group:
            meant = [index for index, option in enumerate(options) if _means(option, group)]
            keyed = [index for index in meant if options[index][2].lower() in ("y", "n", "u")]
            if keyed:
                return keyed[0]
            return meant[0] if len(meant) == 1 else None
    return None


def ambiguous(typed: str, options: Sequence[tuple[Any, str, str]]) -> list[int]:
    """The options typed words could mean when they mean more than one ("y" with two "Yes, ..." answers)."""
    words = normal(typed)
    for group in (YES_WORDS, NO_WORDS):
        if words in group:
            meant = [index for index, option in enumerate(options) if _means(option, group)]
            return meant if len(meant) > 1 else []
    return []


def could_go_on(typed: str, options: Sequence[tuple[Any, str, str]]) -> bool:
    """Whether typed letters are the start of an answer these options understand ("un" of "unsure")."""
    start = " ".join(typed.lower().replace("'", "").replace("\u2019", "").split())
    if typed.endswith(" "):
        start += " "
    known = [*YES_WORDS, *NO_WORDS, *UNSURE_WORDS]
    known += [normal(label) for _, label, _ in options] + [key.lower() for _, _, key in options]
    return any(word.startswith(start) for word in known)
