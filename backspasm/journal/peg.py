"""The weekly PEG check-in: three questions about the past week, their score, and what a change means.

The PEG (Krebs et al., J Gen Intern Med 2009) asks for average pain, and how pain interfered
with enjoyment of life and with general activity, each 0 to 10 over the past week; its score is
the mean of the three. It is free to use and responsive to change. A fall of 30% or more from
the first check-in is a change that matters to patients (IMMPACT, Dworkin 2008; Farrar 2001).

Pure: the check-ins come in as values (storage.check_ins.CheckIn, or anything with `at` and
`peg`); nothing here reads, prints or asks.

- A check-in is *due* while an episode lasts (journal/facts.py): at its start (no check-in of
  this episode yet), then once EVERY week after the latest.
- A check-in less than REPLACE_WITHIN from another one is the same week's: the person chooses
  to replace it (`--replace`), or nothing is stored.
- The check-ins *of an episode* are those from its onset on, and one made up to GRACE before it:
  a person may check in first and log the pain that starts the episode afterwards.
"""

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple, Protocol

from backspasm.journal.trend import spark

if TYPE_CHECKING:
    from backspasm.journal.facts import JournalFacts

# The knowledge base's source keys (data/sources.yaml): the scale, and what a change that matters is.
SOURCE = "krebs-2009"
CHANGE_SOURCES = ("dworkin-2008", "farrar-2001")
# What the check-in screen's last line says (the full reference: the knowledge base's source SOURCE).
CITATION = "The PEG scale: Krebs et al., J Gen Intern Med 2009."

EVERY = timedelta(days=7)
REPLACE_WITHIN = timedelta(days=6)
GRACE = timedelta(days=1)
# A fall of this share of the first check-in's score is a change that matters.
MATTERS = 0.30
HIGHEST = 10


class Item(NamedTuple):
    """One PEG question: its key (the column and the JSON name), its option, its words and anchors."""

    key: str
    option: str
    question: str
    low: str  # what 0 means
    high: str  # what 10 means

    @property
    def anchors(self) -> str:
        """The scale's ends in words: "0 = no pain, 10 = pain as bad as you can imagine"."""
        return f"0 = {self.low}, 10 = {self.high}"


# The three items in the words of Krebs et al. 2009 (Figure 1): never reworded.
ITEMS = (
    Item(
        "pain",
        "--pain",
        "What number best describes your pain on average in the past week?",
        "no pain",
        "pain as bad as you can imagine",
    ),
    Item(
        "enjoyment",
        "--enjoyment",
        "What number best describes how, during the past week, pain has interfered with your enjoyment of life?",
        "does not interfere",
        "completely interferes",
    ),
    Item(
        "activity",
        "--activity",
        "What number best describes how, during the past week, pain has interfered with your general activity?",
        "does not interfere",
        "completely interferes",
    ),
)


ALL_OPTIONS = "--pain, --enjoyment and --activity"


class Scored(Protocol):
    """A check-in as this module reads it."""

    @property
    def at(self) -> datetime: ...

    @property
    def peg(self) -> float: ...


def score(pain: int, enjoyment: int, activity: int) -> float:
    """The PEG score: the mean of the three answers, 0 to 10."""
    for value in (pain, enjoyment, activity):
        if not 0 <= value <= HIGHEST:
            raise ValueError(f"a PEG answer is 0 to 10 (got {value})")
    return (pain + enjoyment + activity) / 3


def score_text(peg: float) -> str:
    """A score as people read it: one decimal (5.3, 6.0 as 6)."""
    return f"{peg:.1f}".removesuffix(".0")


def problem(option: str, given: str) -> str | None:
    """What is wrong with one item typed on the command line ("--pain must be ..."), or None."""
    rule = f"{option} must be a whole number from 0 to 10"
    try:
        value = int(given.strip())
    except ValueError:
        return f"{rule} (got {given!r})"
    return None if 0 <= value <= HIGHEST else f"{rule} (got {value})"


class Change(NamedTuple):
    """The check-ins of an episode read together: the first, the latest, the change and its words."""

    baseline: Scored
    latest: Scored
    check_ins: int  # how many check-ins the episode has
    percent: int | None  # the latest against the first, in %: negative is less; None from a first score of 0
    matters: bool  # fell by 30% or more
    words: str
    sparkline: str


def change(found: Sequence[Scored]) -> Change | None:
    """The first check-in against the latest (`found` oldest first); None without any."""
    if not found:
        return None
    first, last = found[0], found[-1]
    line = "".join(spark(c.peg) for c in found)
    if len(found) == 1:
        return Change(first, last, 1, None, False, "your first check-in: the baseline to compare with", line)
    percent = None if first.peg == 0 else round((last.peg - first.peg) / first.peg * 100)
    matters = first.peg > 0 and (first.peg - last.peg) >= MATTERS * first.peg - 1e-9
    return Change(first, last, len(found), percent, matters, change_words(first.peg, last.peg, percent), line)


def change_words(first: float, last: float, percent: int | None) -> str:
    """The change in words: "down 40% since the first week: a change that matters", or "...: no real change yet"."""
    if percent is None:
        return "no pain at the first check-in: no real change yet" if last == 0 else "up from 0 since the first week"
    if percent == 0 or first == last:
        return "the same as the first week: no real change yet"
    way = "down" if percent < 0 else "up"
    said = f"{way} {abs(percent)}% since the first week"
    if (first - last) >= MATTERS * first - 1e-9:
        return f"{said}: a change that matters"
    if (last - first) >= MATTERS * first - 1e-9:
        return f"{said}: worse by a margin that matters"
    return f"{said}: no real change yet"


def episode_start(facts: "JournalFacts") -> datetime | None:
    """The onset of the current episode (journal/facts.py), or None when there is none."""
    return facts.current.start if facts.current is not None else None


def of_episode(found: Sequence[Scored], start: datetime | None) -> list[Scored]:
    """The check-ins of the episode that began at `start` (all of them when None), oldest first."""
    if start is None:
        return list(found)
    return [c for c in found if c.at >= start - GRACE]


def due(start: datetime | None, latest: datetime | None, now: datetime) -> str | None:
    """Whether a check-in is due: "first" at the start of an episode, "weekly" a week after the latest, else None."""
    if start is None:
        return None
    if latest is None or latest < start - GRACE:
        return "first"
    if now - latest >= EVERY:
        return "weekly"
    return None


def next_due(latest: datetime) -> datetime:
    """When the next weekly check-in is due."""
    return latest + EVERY


def change_data(found: Change | None) -> dict[str, object] | None:
    """The episode's check-ins read together, as JSON-ready values (None without any)."""
    from backspasm.clock.now import stamp

    if found is None:
        return None
    return {
        "check_ins": found.check_ins,
        "baseline": {"at": stamp(found.baseline.at), "peg": round(found.baseline.peg, 2)},
        "latest": {"at": stamp(found.latest.at), "peg": round(found.latest.peg, 2)},
        "change_percent": found.percent,
        "matters": found.matters,
        "words": found.words,
        "sparkline": found.sparkline,
    }


def summary_lines(found: Change | None, episode: bool) -> tuple[str, ...]:
    """The PEG line of `history`: the sparkline, first and latest score, the change in words.

    Without a check-in, a line saying how to make one while an episode lasts (`episode`), else nothing.
    """
    from backspasm.clock.now import local_day
    from backspasm.journal.explain import day_text

    if found is None:
        return ("Weekly check-in (PEG): none yet this episode: backspasm check-in",) if episode else ()
    first_day, last_day = (day_text(local_day(c.at)) for c in (found.baseline, found.latest))
    if found.check_ins == 1:
        return (
            f"Weekly check-in (PEG, 0-10), {first_day}:",
            f"  {found.sparkline}  {score_text(found.latest.peg)}: {found.words}",
        )
    scores = f"{score_text(found.baseline.peg)} to {score_text(found.latest.peg)}"
    return (
        f"Weekly check-in (PEG, 0-10), first {first_day}, latest {last_day}:",
        f"  {found.sparkline}  {scores}: {found.words}",
    )
