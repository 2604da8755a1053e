"""The questions the journal puts: the pain score for `log`, the typed word before `data forget`,
and whether a doctor has seen the person since a recent urgent triage (before a session or stretch).

Before `data forget` deletes anything it says what goes, offers `data export`, and asks for the
word `forget`: one stray `y` must never wipe a person's journal, so the answer is a typed word,
not a keypress. questionary is imported only when a question is really asked.
"""

from __future__ import annotations

from pathlib import Path

from backspasm.storage.db import DB_NAME

WORD = "forget"


def can_ask() -> bool:
    """True when there is a person at a terminal (or a test's input) to answer."""
    # prompts.mode, not the questionnaire: a piped `log` asks nothing and imports no prompt code.
    from backspasm.prompts.mode import can_prompt

    return can_prompt()


def pain_now() -> int:
    """The pain score right now, 0 to 10, asked in a terminal."""
    from backspasm.prompts import questionnaire

    answer = questionnaire.number(
        "How bad is the pain right now?",
        minimum=0,
        maximum=10,
        hint="0 = none, 10 = worst imaginable",
        what="the pain entry",
    )
    return int(answer)


# Clinical reference v3: new leg, arm, bladder or saddle symptoms send the person to triage at once.
NEW_SYMPTOMS = "Anything new with it: numb or weak legs or arms, trouble peeing, numbness between the legs?"


def new_symptoms() -> str:
    """yes, no or unsure: whether anything new came with the pain, asked in one line (nothing pre-selected)."""
    from backspasm.prompts import questionnaire

    options = [("yes", "Yes", "y"), ("no", "No", "n"), ("unsure", "Not sure", "u")]
    answer: str = questionnaire.choose(NEW_SYMPTOMS, options, what="the pain entry")
    return answer


def describe(path: Path) -> str:
    """What a stored file holds, in people's words."""
    name = path.name
    if name == DB_NAME:
        return "your journal (pain, triage, sessions, stretches, doctor visits, flare-up plan)"
    if ".corrupt-" in name:
        return "a damaged copy of your journal, set aside"
    return "the journal's working file"


def plan(home: Path, files: list[Path], width: int | None = None) -> list[str]:
    """The lines shown before asking: each file and what it holds, what stays, and how to keep a copy.

    Wrapped to the terminal (a long data directory path included), never breaking a word.
    """
    import shutil
    import textwrap

    width = width or shutil.get_terminal_size().columns

    def wrap(text: str, indent: str = "") -> list[str]:
        return textwrap.wrap(
            text,
            width=max(width, 20),
            initial_indent=indent,
            subsequent_indent=indent + "  ",
            break_long_words=False,
            break_on_hyphens=False,
        )

    lines = wrap(f"This deletes everything backspasm stores about you in {home}:")
    for path in files:
        lines += wrap(f"{path.name}: {describe(path)}", "  ")
    lines += wrap("Your settings (backspasm config list) are kept.")
    lines += wrap("To keep a copy first: backspasm data export my-backspasm.json")
    return lines


def forget_confirmed() -> bool:
    """True only when the person types the word; anything else keeps everything."""
    from backspasm.prompts import questionnaire

    answer = questionnaire.text(f"Type {WORD} to delete it all (anything else keeps it):", what="forgetting your data")
    return answer.strip().lower() == WORD


def seen_since(what: str) -> bool:
    """Whether a doctor or nurse has seen the person since the triage that reminds."""
    from backspasm.prompts.questionnaire import confirm

    return confirm("Has a doctor or nurse seen you since then?", what=what)


def start_anyway(what: str) -> bool:
    """Whether to start `what` (the session, the stretches) without having been seen."""
    from backspasm.prompts.questionnaire import confirm

    return confirm(f"Start {what} anyway?", what=what)


def peg_item(question: str, anchors: str) -> int:
    """One PEG question, 0 to 10, with what its ends mean under it."""
    from backspasm.prompts import questionnaire

    return int(questionnaire.number(question, minimum=0, maximum=10, hint=anchors, what="the check-in"))


def replace_week(when: str) -> bool:
    """Whether to replace the check-in of this week (made `when`); nothing pre-selected, y or n."""
    from backspasm.prompts.questionnaire import confirm

    return confirm(f"You checked in {when}. Replace this week's?", what="the check-in")
