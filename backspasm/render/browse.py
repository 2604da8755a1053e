"""Rich views of knowledge-base entries: remedies, one remedy, causes, warning signs.

They take the entries as plain data (each model's JSON dump), the same objects `--json` prints.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from backspasm.kb.cite import source_line, source_names
from backspasm.kb.vocab import DISCLAIMER, LEVELS, STANCE_LABELS, phase_label
from backspasm.render.browse_lines import MINE_INTRO, NONE_MINE  # the words both forms share
from backspasm.render.console import LEVEL_STYLES, make_console, table_width
from backspasm.render.notes import NECK, PREGNANT
from backspasm.render.styles import STANCE_STYLES as STANCE_STYLES

Entry = Mapping[str, Any]

if TYPE_CHECKING:
    from backspasm.emergency.number import EmergencyNumber


def hanging(console: Console, marker: str, text: str | Text, indent: int = 2, style: str = "") -> None:
    """Print `marker text` with wrapped lines aligned under the text, not under the marker."""
    console.print(hung(console, marker, text, indent, style), soft_wrap=True)


def hung(console: Console, marker: str, text: str | Text, indent: int = 2, style: str = "") -> Text:
    """`marker text` wrapped to the console with a hanging indent, as lines ready to print.

    Exactly what a two-column `Table.grid` prints (tests/test_render_hanging.py holds it to
    that), made by wrapping the text once: warning signs and causes print over a hundred of
    these, and a table for each took most of their time.
    """
    body = text if isinstance(text, Text) else Text(text, style=style)
    left = indent + len(marker)
    room = max(console.width - left - 1, 1)
    lines = body.wrap(console, room, overflow="fold")
    # The text column is as wide as the text's longest line, at most the room; a table pads to it.
    widest = min(max((line.cell_len for line in body.split("\n", allow_blank=True)), default=0), room)
    widest = max([widest, *(line.cell_len for line in lines)])
    out = Text()
    for number, line in enumerate(lines or [Text()]):
        if number:
            out.append("\n")
        out.append((marker if number == 0 else "").rjust(left) + " ")
        if widest == 0:  # an empty cell still gets its padding
            out.append(" ", style=body.style)
            continue
        line.pad_right(widest - line.cell_len)
        out.append_text(line)
    return out


def print_lines(console: Console, parts: Sequence[Text]) -> None:
    """Print ready lines (from `hung`) in one go: the same text as one print each, drawn once."""
    if parts:
        console.print(Text("\n").join(parts), soft_wrap=True)


def phases_label(phases: Sequence[str], early_hours: int) -> str:
    """Phases in words: "first 48 hours, after 48 hours"."""
    return ", ".join(phase_label(p, early_hours) for p in phases)


def disclaimer(console: Console) -> None:
    """The short disclaimer shown wherever advice is given."""
    console.print(Text(DISCLAIMER, style="dim italic"))


# Widths at which the less important columns come back (the table never cuts the Stance).
PHASE_COLUMN_FROM = 88
CATEGORY_COLUMN_FROM = 108
SEPARATE_STANCE_FROM = 70  # narrower: stance and evidence share one column, stacked
LIST_BELOW = 50  # narrower still: a list, not a table, so that no id is ever broken


def render_remedies(
    remedies: Sequence[Entry],
    early_hours: int,
    console: Console | None = None,
    *,
    pregnant: bool = False,
    cautions: Sequence[str] = (),
) -> None:
    """A table of remedies that fits the width it is given: name and id, evidence and stance always,
    phase and category where there is room (never a column cut to a letter)."""
    console = console or make_console()
    if not remedies:
        console.print("No remedy matches those filters.")
        return
    width = table_width(console)
    if width < LIST_BELOW:
        _remedy_list(remedies, console)
    else:
        _remedy_table(remedies, early_hours, console, width)
    if cautions:
        # What the latest triage's answers rule out (an NSAID on blood thinners), as its result said.
        console.print(Text("From your latest triage:", style="bold yellow"))
        print_lines(console, [hung(console, "!", text, style="bold yellow") for text in cautions])
    noted = [r["id"] for r in remedies if r.get("pregnancy")]
    if pregnant and noted:
        text = f"{PREGNANT} These have a note for pregnancy (see `remedies show ID`): {', '.join(noted)}."
        console.print(Text(text, style="bold yellow"))
    console.print("Details: backspasm remedies show ID")
    disclaimer(console)


def render_mine(rows: Sequence[tuple[str, str, str, str]], note: str, console: Console | None = None) -> None:
    """`remedies --mine`: each remedy tried (name, id, evidence grade, the person's own experience), then the note.

    The person's column sits beside the evidence grade; it fits 80 columns, the id never broken.
    """
    console = console or make_console()
    if not rows:
        console.print(NONE_MINE)
    else:
        width = table_width(console)
        console.print(Text(MINE_INTRO, style="italic"))
        table = Table(title="Remedies you tried", title_justify="left", expand=True, box=box.SIMPLE_HEAD)
        longest_id = max(len(row[1]) for row in rows)
        table.add_column("Remedy (id)", overflow="fold", min_width=min(28, longest_id, max(width // 3, 10)), ratio=3)
        # As wide as the longest word of a grade ("insufficient"): a grade is never cut.
        longest_word = max(len(word) for row in rows for word in row[2].split() or [""])
        table.add_column("Evidence", min_width=max(8, longest_word), max_width=max(12, longest_word))
        table.add_column("Your experience", ratio=4)
        for name, remedy_id, grade, own in rows:
            table.add_row(Text.assemble((name, "bold"), "\n", (remedy_id, "dim")), grade, own)
        console.print(table, width=width)
    console.print(Text(note, style="bold"))
    disclaimer(console)


def _remedy_list(remedies: Sequence[Entry], console: Console) -> None:
    """Narrow terminals: each remedy as a few lines (name, id, stance and evidence), so no id is ever broken."""
    console.print(Text("Remedies for back spasms", style="italic"))
    parts: list[Text] = []
    for r in remedies:
        parts += Text(r["name"], style="bold").wrap(console, table_width(console))
        parts.append(hung(console, "", Text(r["id"], style="dim"), indent=1))
        stance = Text.assemble((STANCE_LABELS[r["stance"]], STANCE_STYLES[r["stance"]]), f", {r['evidence']['grade']}")
        parts.append(hung(console, "", stance, indent=1))
    print_lines(console, parts)


def _remedy_table(remedies: Sequence[Entry], early_hours: int, console: Console, width: int) -> None:
    """The remedies as a table: name and id, evidence and stance always, phase and category where there is room."""
    table = Table(title="Remedies for back spasms", title_justify="left", expand=False, box=box.SIMPLE_HEAD)
    longest_id = max(len(r["id"]) for r in remedies)
    stance_width = max(len(label) for label in STANCE_LABELS.values())
    # Wide enough that ids never fold (people copy them into `remedies show`), unless the
    # terminal is too narrow to keep the stance whole: then the id folds, the stance does not.
    room = max(width - stance_width - 8, 10)
    table.add_column("Remedy (id)", overflow="fold", min_width=min(28, longest_id, room), ratio=3)
    if width >= CATEGORY_COLUMN_FROM:
        table.add_column("Category", no_wrap=True)
    if width >= PHASE_COLUMN_FROM:
        table.add_column("Phase", max_width=12)
    separate = width >= SEPARATE_STANCE_FROM
    if separate:
        table.add_column("Evidence", min_width=12, ratio=1)
        table.add_column("Stance", no_wrap=True, min_width=stance_width)
    else:
        table.add_column("Stance, evidence", min_width=stance_width, ratio=2)
    for r in remedies:
        cells: list[Any] = [Text.assemble((r["name"], "bold"), "\n", (r["id"], "dim"))]
        if width >= CATEGORY_COLUMN_FROM:
            cells.append(r["category"])
        if width >= PHASE_COLUMN_FROM:
            cells.append(", ".join(phase_label(p, early_hours, short=True) for p in r["phases"]))
        stance = Text(STANCE_LABELS[r["stance"]], style=STANCE_STYLES[r["stance"]])
        if separate:
            cells += [r["evidence"]["grade"], stance]
        else:
            cells.append(Text.assemble(stance, "\n", (r["evidence"]["grade"], "dim")))
        table.add_row(*cells)
    console.print(table, width=width)


def render_sources(keys: Sequence[str], sources: Mapping[str, Entry], console: Console) -> None:
    """Each cited source with its publisher, year and address."""
    for key in keys:
        hanging(console, "-", source_line(sources.get(key)))


def _bullets(title: str, items: Sequence[str], console: Console, numbered: bool = False) -> None:
    if not items:
        return
    console.print(Text(title, style="bold"))
    for index, item in enumerate(items, start=1):
        hanging(console, f"{index}." if numbered else "-", item)


def render_remedy(
    remedy: Entry,
    sources: Mapping[str, Entry],
    early_hours: int,
    console: Console | None = None,
    *,
    pregnant: bool = False,
    neck_pain: bool = False,
    cautions: Sequence[str] = (),
) -> None:
    """One remedy in full; pregnancy and neck notes, and the latest triage's cautions against it, come first."""
    console = console or make_console()
    console.print(Text(remedy["name"], style="bold underline"))
    console.print(
        Text.assemble(
            ("Stance: ", "bold"),
            (STANCE_LABELS[remedy["stance"]], STANCE_STYLES[remedy["stance"]]),
            ("   Category: ", "bold"),
            remedy["category"],
            ("   Phase: ", "bold"),
            phases_label(remedy["phases"], early_hours),
        )
    )
    console.print(Text(remedy["summary"]))
    for caution in cautions:
        console.print(Text(f"From your latest triage: {caution}", style="bold yellow"))
    later: list[str] = []
    for text, applies, marker in ((remedy.get("pregnancy"), pregnant, PREGNANT), (remedy.get("neck"), neck_pain, NECK)):
        if text and applies:
            console.print(Text(f"{marker} {text}", style="bold yellow"))
        elif text:
            later.append(text)
    _bullets("Steps", remedy["steps"], console, numbered=True)
    _bullets("Cautions", [*remedy["cautions"], *later], console)
    evidence = remedy["evidence"]
    console.print(Text.assemble(("Evidence: ", "bold"), evidence["grade"], " — ", evidence["summary"]))
    if remedy.get("seed_claim"):
        console.print(Text.assemble(("What some popular articles claim: ", "bold"), remedy["seed_claim"]))
    console.print(Text("Sources", style="bold"))
    keys = list(dict.fromkeys([*remedy["evidence"]["sources"], *remedy["sources"]]))
    render_sources(keys, sources, console)
    disclaimer(console)


def render_causes(
    causes: Sequence[Entry],
    remedies: Mapping[str, Entry],
    sources: Mapping[str, Entry],
    console: Console | None = None,
) -> None:
    """Each cause with its description and prevention tips."""
    console = console or make_console()
    for cause in causes:
        console.print(Text(cause["name"], style="bold"))
        parts = [hung(console, "", cause["description"], indent=1)]
        parts += [hung(console, "-", tip) for tip in cause["prevention"]]
        if cause["related_remedies"]:
            names = ", ".join(remedies[r]["name"] for r in cause["related_remedies"])
            parts.append(hung(console, "Helps:", Text(names, style="dim"), indent=2))
        parts.append(hung(console, "Sources:", Text(source_names(sources, cause["sources"]), style="dim"), indent=2))
        print_lines(console, parts)
    disclaimer(console)


def render_warning_signs(
    signs: Sequence[Entry],
    levels: Sequence[Entry],
    sources: Mapping[str, Entry] | None = None,
    console: Console | None = None,
    number: EmergencyNumber | None = None,
) -> None:
    """Warning signs grouped by level, emergency first, each group under its level's name and action,
    and at the emergency and urgent levels whom to call (`number`).

    Each sign names its sources by number ("[1, 3]"), and the sources are listed once at the
    end: the same few guidelines back most signs, and repeating them after each sign made the
    list several screens longer than the signs themselves.
    """
    console = console or make_console()
    from backspasm.kb.views import TriageLevel

    numbers: dict[str, int] = {}
    for sign in signs:
        for key in sign["sources"]:
            numbers.setdefault(key, len(numbers) + 1)
    labels = {entry["level"]: TriageLevel(entry).label for entry in levels}
    for level in LEVELS:
        group = [s for s in signs if s["level"] == level]
        if not group:
            continue
        console.print(Text(labels.get(level, level), style=LEVEL_STYLES[level]))
        call = number.line_for(level) if number is not None else None
        parts: list[Text] = [hung(console, "", Text(call, style="bold"), indent=1)] if call else []
        for sign in group:
            cited = ", ".join(str(numbers[key]) for key in sign["sources"])
            body = Text.assemble((sign["title"], "bold"), f": {sign['why']}", (f" [{cited}]" if cited else "", "dim"))
            parts.append(hung(console, "-", body))
        print_lines(console, parts)
        console.print()
    if numbers:
        console.print(Text("Sources", style="bold"))
        # Names only: every address is in `remedies show` and the knowledge base, and a long one folds.
        parts = [hung(console, f"{n}.", source_names(sources or {}, [key])) for key, n in numbers.items()]
        print_lines(console, parts)
        console.print()
    disclaimer(console)
