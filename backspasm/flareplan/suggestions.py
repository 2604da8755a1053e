"""What `plan write` offers for each part: the person's own record first, then the knowledge base.

Pure: what the journal and the knowledge base hold comes in as values. From the journal: the
remedies after which pain fell by 2 points or more within 4 hours (journal.what_helped), and the
stretch routines finished. From the knowledge base: the recommended remedies only, with their
stance. Never a dose: the painkillers part offers ways to find what suits, not amounts.
"""

from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from backspasm.journal.what_helped import Helped, suggestions

# A remedy of this category goes under painkillers, not under what to do first.
MEDICATION = "medication"


class Suggestion(NamedTuple):
    """A line the person may pick, and why it is offered (shown beside it, not kept in the plan)."""

    text: str
    why: str


class RemedyFacts(NamedTuple):
    """What the suggestions need of a knowledge-base remedy."""

    id: str
    name: str
    category: str
    stance: str


# General lines for each part, after the person's own and the knowledge base's.
GENERAL: Mapping[str, tuple[Suggestion, ...]] = {
    "first": (
        Suggestion("Heat or ice on the sore area, with a cloth between", "a usual first step"),
        Suggestion("A position that eases it: lying on my back, knees bent", "a usual first step"),
        Suggestion("A short walk every hour or two", "a usual first step"),
    ),
    "painkillers": (
        Suggestion("The painkiller my pharmacist or GP said suits me, as on the pack", "your own words are best"),
        Suggestion("Ask a pharmacist which painkiller suits me", "if you are not sure"),
    ),
    "pacing": (
        Suggestion("Keep moving gently, no bed rest beyond a day", "spasms ease faster with movement"),
        Suggestion("Break tasks into short bits, with rests between", "pacing"),
        Suggestion("Back to usual activities step by step over a few days", "pacing"),
    ),
    "tell": (
        Suggestion("I have a back spasm: it usually eases within days", "to say it plainly"),
        Suggestion("I may need short breaks or to work from home for a few days", "for work"),
        Suggestion("I may need help lifting and carrying for a few days", "for family"),
    ),
    "call": (
        Suggestion("My GP practice:", "type 1 and the number"),
        Suggestion("My physiotherapist:", "type 2 and the number"),
    ),
}


def helped_words(helped: Helped) -> str:
    """Why a remedy from the journal is offered: how often pain fell after it."""
    times = "once" if helped.fell == 1 else f"{helped.fell} times"
    return f"your journal: pain fell by 2+ within 4 hours {times} of {helped.compared}"


def for_parts(
    helped: Iterable[Helped],
    finished: Mapping[str, int],
    remedies: Sequence[RemedyFacts],
    routine_names: Mapping[str, str],
    current: Mapping[str, Sequence[str]],
) -> dict[str, list[Suggestion]]:
    """Each part's suggestions, in order: the plan as it is now, the journal, the knowledge base, general lines.

    `finished` counts the finished runs of each routine id; `current` is the plan in use.
    """
    by_id = {remedy.id: remedy for remedy in remedies}
    found: dict[str, list[Suggestion]] = {key: [] for key in GENERAL}

    def add(key: str, suggestion: Suggestion) -> None:
        if all(s.text.lower() != suggestion.text.lower() for s in found[key]):
            found[key].append(suggestion)

    for key, lines in current.items():
        if key in found:
            for line in lines:
                add(key, Suggestion(line, "in your plan now"))
    for item in suggestions(helped):
        remedy = by_id.get(item.remedy)
        if remedy is None:
            continue
        why = helped_words(item)
        if remedy.stance != "recommended":
            why += f"; the evidence: {remedy.stance.replace('-', ' ')}"
        add("painkillers" if remedy.category == MEDICATION else "first", Suggestion(remedy.name, why))
    for routine, count in sorted(finished.items(), key=lambda pair: -pair[1]):
        if routine in routine_names:
            times = "once" if count == 1 else f"{count} times"
            add("first", Suggestion(f"My stretches: {routine_names[routine]}", f"you finished it {times}"))
    for remedy in remedies:
        if remedy.stance == "recommended" and remedy.category != MEDICATION:
            add("first", Suggestion(remedy.name, "recommended by the evidence"))
    for key, general in GENERAL.items():
        for suggestion in general:
            add(key, suggestion)
    return found


# At most this many suggestions are offered for a part: with the question, they fit 80x24.
MOST_SHOWN = 7


class Picked(NamedTuple):
    """What a typed answer gives: the lines picked and written, or why it cannot be read."""

    lines: list[str]
    problem: str | None = None


def _takes_words(offered: Sequence[Suggestion], number: int) -> bool:
    """A suggestion ending in ':' ("My GP practice:") takes the words typed after its number."""
    return 1 <= number <= len(offered) and offered[number - 1].text.endswith(":")


# Typed alone, leaves a part empty (when Enter alone would keep the plan's lines).
EMPTY = "-"


def read_answer(typed: str, offered: Sequence[Suggestion], current: Sequence[str] = ()) -> Picked:
    """A typed answer: numbers pick suggestions, anything else is the person's own words; ';' separates.

    After the number of a suggestion that ends in ':', the words typed complete it: "1 01234 567890"
    gives "My GP practice: 01234 567890". Nothing typed keeps the `current` lines of the plan in
    use; EMPTY alone leaves the part empty.
    """
    from backspasm.journal.flare_plan import MAX_CHARS, MAX_ITEMS

    if not typed.strip():
        return Picked(list(current))
    if typed.strip() == EMPTY:
        return Picked([])
    lines: list[str] = []
    for piece in typed.split(";"):
        words = " ".join(piece.split())
        if not words:
            continue
        first, _, rest = words.partition(" ")
        if first.isdigit() and (not rest or _takes_words(offered, int(first))):
            number = int(first)
            if not 1 <= number <= len(offered):
                allowed = f"1 to {len(offered)}" if offered else "none here"
                return Picked([], f"There is no suggestion {number} (the numbers are {allowed}).")
            words = f"{offered[number - 1].text} {rest}".strip()
        if len(words) > MAX_CHARS:
            return Picked([], f"Keep each line to {MAX_CHARS} characters (one has {len(words)}); split it with ';'.")
        if words.lower() not in (line.lower() for line in lines):
            lines.append(words)
    if len(lines) > MAX_ITEMS:
        return Picked([], f"Keep it to {MAX_ITEMS} lines or fewer (you gave {len(lines)}).")
    return Picked(lines)
