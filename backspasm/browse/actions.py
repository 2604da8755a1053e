"""What the browse commands do once their options are parsed: choose entries, then JSON or a paged screen.

`remedies`, `remedies show`, `causes`, `warning-signs` and `protocols` read the knowledge base
and print lines (styled on a terminal, render/screen.py); no path imports rich. Kept out of
backspasm/commands/ so those modules import only typer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from backspasm.browse.filters import by_urgency, checked, index, matching
from backspasm.kb.vocab import CATEGORIES, PHASES, STANCES
from backspasm.render.screen import show_lines
from backspasm.render.text import say

if TYPE_CHECKING:
    from backspasm.storage.triage_runs import RecentTriage


def _kb() -> dict[str, Any]:
    # Plain validated data: browsing never needs the pydantic models (see kb/cache.py).
    from backspasm.kb.loader import load_active_data

    return load_active_data()


def _print_json(data: Any) -> None:
    from backspasm.text_safety import dumps

    say(dumps(data))


def remedies(*, category: str | None, phase: str | None, stance: str | None, as_json: bool, mine: bool = False) -> None:
    """`backspasm remedies`: the remedies the filters allow, as JSON or a table (--mine: those the person tried)."""
    wanted_category = checked("--category", category, CATEGORIES)
    wanted_phase = checked("--phase", phase, PHASES)
    wanted_stance = checked("--stance", stance, STANCES)
    kb = _kb()
    chosen = matching(kb["remedies"], category=wanted_category, phase=wanted_phase, stance=wanted_stance)
    if mine:
        _mine(chosen, filtered=any((category, phase, stance)), as_json=as_json)
        return
    if as_json:
        _print_json(chosen)
        return
    from backspasm.triage.latest import cautions_called_for, says_pregnant

    recent = _recent_triage()
    pregnant, cautions = says_pregnant(recent), cautions_called_for(recent, kb["result_cautions"])
    early = kb["phase_boundary"]["early_hours"]
    from backspasm.render.browse_lines import remedies_lines

    show_lines(remedies_lines(chosen, early, pregnant=pregnant, cautions=cautions))


def _mine(chosen: list[dict[str, Any]], *, filtered: bool, as_json: bool) -> None:
    """`remedies --mine`: each remedy the person logged, their own experience beside its evidence grade.

    A remedy no longer in the knowledge base is still theirs, and shown by its id (unless filters
    were given, which it cannot match).
    """
    from backspasm.clock.now import now
    from backspasm.journal.course import tried_data, what_you_tried
    from backspasm.journal.what_helped import summary_words
    from backspasm.storage.paths import journal_exists

    helped = []
    if journal_exists():  # a person who never logged has no journal, and none is made here
        from backspasm.storage.db import connect, store_errors

        conn = connect(reading=True)
        try:
            with store_errors("the journal could not be read"):
                helped = what_you_tried(conn, None, now())
        finally:
            conn.close()
    by_id = index(chosen)
    known = {r["id"] for r in _kb()["remedies"]}
    helped = [h for h in helped if h.remedy in by_id or (not filtered and h.remedy not in known)]
    names = {key: str(r["name"]) for key, r in by_id.items()}
    data = tried_data(helped, names)
    if as_json:
        for row in data["remedies"]:
            row["evidence_grade"] = by_id[row["remedy"]]["evidence"]["grade"] if row["remedy"] in by_id else None
        _print_json(data)
        return
    rows = [
        (
            names.get(h.remedy, h.remedy),
            h.remedy,
            by_id[h.remedy]["evidence"]["grade"] if h.remedy in by_id else "-",
            summary_words(h),
        )
        for h in helped
    ]
    from backspasm.render.browse_lines import mine_lines

    show_lines(mine_lines(rows, data["note"]))


def remedy(remedy_id: str, *, as_json: bool) -> None:
    """`backspasm remedies show ID`: one remedy in full, as JSON or a card."""
    from backspasm.kb.lookup import find

    kb = _kb()
    chosen = find("remedy", remedy_id, index(kb["remedies"]), "backspasm remedies")
    if as_json:
        _print_json(chosen)
        return
    from backspasm.triage.latest import cautions_called_for, says_neck, says_pregnant

    early = kb["phase_boundary"]["early_hours"]
    recent = _recent_triage()
    pregnant, neck_pain = says_pregnant(recent), says_neck(recent)
    cautions = cautions_called_for(recent, kb["result_cautions"], chosen["id"])
    from backspasm.render.browse_lines import remedy_lines

    show_lines(
        remedy_lines(chosen, index(kb["sources"]), early, pregnant=pregnant, neck_pain=neck_pain, cautions=cautions)
    )


def _recent_triage() -> RecentTriage:
    """What the latest recent triage answered (nothing when there is no journal to read)."""
    from backspasm.clock.now import now
    from backspasm.storage.triage_runs import peek_recent_triage

    return peek_recent_triage(now())


def causes(*, as_json: bool) -> None:
    """`backspasm causes`: the common causes and their prevention, as JSON or a list."""
    kb = _kb()
    if as_json:
        _print_json(kb["causes"])
        return
    from backspasm.render.browse_lines import causes_lines

    show_lines(causes_lines(kb["causes"], index(kb["remedies"]), index(kb["sources"])))


def warning_signs(*, as_json: bool) -> None:
    """`backspasm warning-signs`: the signs that need a doctor, most urgent first, as JSON or a list."""
    kb = _kb()
    ordered = by_urgency(kb["warning_signs"])
    if as_json:
        # `when` is the condition triage evaluates over the answers, not text for a person.
        _print_json([{k: v for k, v in s.items() if k != "when"} for s in ordered])
        return
    from backspasm.emergency.current import current
    from backspasm.kb.views import Region
    from backspasm.render.text import emergency_problems

    # Whom to call at the emergency and urgent levels, worked out once (emergency/).
    number = current([Region(row) for row in kb.get("regions") or []])
    emergency_problems(number)
    from backspasm.render.browse_lines import warning_signs_lines

    show_lines(warning_signs_lines(ordered, kb["levels"], index(kb["sources"]), number))


def protocols(*, as_json: bool) -> None:
    """`backspasm protocols`: the ice and heat protocols, as JSON or a table."""
    from backspasm.kb.loader import load_active
    from backspasm.render.json_views import protocols_json

    kb = load_active()
    if as_json:
        _print_json(protocols_json(kb.protocols))
        return
    from backspasm.render.browse_lines import protocols_lines

    show_lines(protocols_lines(kb.protocols, kb.phase_boundary.early_hours))
