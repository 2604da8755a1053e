"""`backspasm log`: check what the person typed and add a pain entry."""

import difflib
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from backspasm.errors import UsageError
from backspasm.journal.escalation import Assessment, assess
from backspasm.storage import journal as record

if TYPE_CHECKING:
    from backspasm.kb.loader import KnowledgeBase
    from backspasm.storage.db import Connection

PAIN_RULE = "--pain must be a whole number from 0 to 10"


def parse_pain(text: str) -> int:
    """A pain score from the command line: a whole number from 0 to 10."""
    try:
        pain = int(text.strip())
    except ValueError:
        raise UsageError(f"{PAIN_RULE} (got {text!r})") from None
    if not 0 <= pain <= 10:
        raise UsageError(f"{PAIN_RULE} (got {pain})")
    return pain


def closest(word: str, names: dict[str, str]) -> list[str]:
    """Up to three ids that look like `word`: it appears in the id or the name, or spelt nearly so."""
    ids = list(names)
    found = [i for i in ids if word in i or word in names[i].lower()]
    found += [i for i in difflib.get_close_matches(word, ids, n=3, cutoff=0.5) if i not in found]
    return found[:3]


def check_remedies(given: Iterable[str], names: dict[str, str]) -> list[str]:
    """Remedy ids from --tried (repeated or comma-separated), each one known, duplicates dropped.

    `names` maps every remedy id of the knowledge base to its name (for suggestions).
    """
    tried: list[str] = []
    for raw in given:
        for part in raw.split(","):
            remedy = part.strip().lower()
            if not remedy or remedy in tried:
                continue
            if remedy not in names:
                close = closest(remedy, names)
                hint = f"did you mean {', '.join(close)}? " if close else ""
                raise UsageError(f"--tried: unknown remedy '{remedy}'; {hint}`backspasm remedies` lists the ids")
            tried.append(remedy)
    return tried


def clean_note(note: str | None) -> str | None:
    """A note as stored: surrounding space trimmed, an empty note dropped.

    Bytes that are not UTF-8 (they reach Python as lone surrogates) become U+FFFD, so the
    rest of the note is kept rather than refused; control characters are kept as typed and
    made visible wherever the note is shown.
    """
    if note is None:
        return None
    try:
        note = note.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a surrogate that stands for no byte (\ud800): no text to recover
        note = "".join("\ufffd" if 0xD800 <= ord(char) <= 0xDFFF else char for char in note)
    return note.strip() or None


class Logged(NamedTuple):
    """What `log` did: the entry as stored and what the journal now says."""

    entry: record.PainEntry
    assessment: Assessment
    # The answer to "anything new with it?": yes, no, unsure, or None when it was not asked.
    new_symptoms: str | None = None

    @property
    def sends_to_triage(self) -> bool:
        """True when something new came with the pain (or the person was not sure): triage now."""
        return self.new_symptoms in ("yes", "unsure")


def add(
    conn: "Connection",
    kb: "KnowledgeBase",
    *,
    pain: int,
    note: str | None,
    tried: list[str],
    when: datetime,
    now: datetime,
    new_symptoms: str | None = None,
) -> Logged:
    """Add one checked entry (its time already read by parse_when) and assess the journal with it."""
    entry = record.add_pain_entry(conn, when, pain, clean_note(note), tried, new_symptoms)
    return Logged(entry, assess(conn, kb, now), new_symptoms)


class Visited(NamedTuple):
    """What `log --saw-doctor` did: the visit as stored and what the journal now says."""

    visit: record.Visit
    assessment: Assessment


def add_visit(
    conn: "Connection", kb: "KnowledgeBase", *, note: str | None, when: datetime, now: datetime
) -> Visited:
    """Record that a clinician saw the person (it settles earlier triage reminders) and assess the journal."""
    visit = record.add_visit(conn, when, clean_note(note))
    return Visited(visit, assess(conn, kb, now))
