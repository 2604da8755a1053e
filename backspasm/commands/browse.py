"""Browse the knowledge base: `remedies` (and `remedies show`), `causes`, `warning-signs`."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from backspasm.kb.vocab import CATEGORIES, PHASES, STANCES

Entry = dict[str, Any]

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead of a table.")]

remedies_app = typer.Typer(
    help="What helps with a back spasm, graded by the strength of the evidence.",
    invoke_without_command=True,
    no_args_is_help=False,
)


def _checked(option: str, value: str | None, allowed: tuple[str, ...]) -> str | None:
    from backspasm.errors import UsageError

    if value is None:
        return None
    normal = value.strip().lower().replace(" ", "-").replace("_", "-")
    if normal not in allowed:
        raise UsageError(f"{option} '{value}' is not allowed; choose one of: {', '.join(allowed)}")
    return normal


def _print_json(data: Any) -> None:
    from backspasm.text_safety import dumps

    typer.echo(dumps(data))


def _kb() -> dict[str, Any]:
    # Plain validated data: browsing never needs the pydantic models (see kb/cache.py).
    from backspasm.kb.loader import load_active_data

    return load_active_data()


def _index(entries: list[Entry]) -> dict[str, Entry]:
    return {entry["id"]: entry for entry in entries}


@remedies_app.callback()
def remedies(
    ctx: typer.Context,
    category: Annotated[
        str | None, typer.Option("--category", "-c", help=f"Only this category: {', '.join(CATEGORIES)}.")
    ] = None,
    phase: Annotated[
        str | None,
        typer.Option(
            "--phase",
            "-p",
            help="Only remedies suiting this phase: early (the first two days), later, prevention.",
        ),
    ] = None,
    stance: Annotated[
        str | None, typer.Option("--stance", "-s", help=f"Only this stance: {', '.join(STANCES)}.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """List remedies with their category, phase, evidence grade and stance.

    Example: backspasm remedies --phase early --stance recommended
    """
    if ctx.invoked_subcommand is not None:
        return
    wanted_category = _checked("--category", category, CATEGORIES)
    wanted_phase = _checked("--phase", phase, PHASES)
    wanted_stance = _checked("--stance", stance, STANCES)
    kb = _kb()
    chosen = [
        r
        for r in kb["remedies"]
        if (wanted_category is None or r["category"] == wanted_category)
        and (wanted_phase is None or wanted_phase in r["phases"])
        and (wanted_stance is None or r["stance"] == wanted_stance)
    ]
    if as_json:
        _print_json(chosen)
        return
    from backspasm.latest_triage import latest_triage_says_pregnant
    from backspasm.render.browse import render_remedies
    from backspasm.render.console import paged

    with paged() as console:
        render_remedies(chosen, kb["phase_boundary"]["early_hours"], console, pregnant=latest_triage_says_pregnant())


@remedies_app.command("show")
def remedies_show(
    remedy_id: Annotated[str, typer.Argument(metavar="ID", help="A remedy id from `backspasm remedies`.")],
    as_json: JsonOption = False,
) -> None:
    """Show one remedy in full: steps, cautions, evidence and sources.

    Example: backspasm remedies show superficial-heat
    """
    from backspasm.kb.lookup import find

    kb = _kb()
    remedy = find("remedy", remedy_id, _index(kb["remedies"]), "backspasm remedies")
    if as_json:
        _print_json(remedy)
        return
    from backspasm.latest_triage import latest_triage_location, latest_triage_says_pregnant
    from backspasm.render.browse import render_remedy
    from backspasm.render.console import paged

    early = kb["phase_boundary"]["early_hours"]
    pregnant, neck_pain = latest_triage_says_pregnant(), latest_triage_location() == "neck"
    with paged() as console:
        render_remedy(remedy, _index(kb["sources"]), early, console, pregnant=pregnant, neck_pain=neck_pain)


def causes(as_json: JsonOption = False) -> None:
    """List common causes of back spasms and how to prevent the next one.

    Example: backspasm causes
    """
    kb = _kb()
    if as_json:
        _print_json(kb["causes"])
        return
    from backspasm.render.browse import render_causes
    from backspasm.render.console import paged

    with paged() as console:
        render_causes(kb["causes"], _index(kb["remedies"]), _index(kb["sources"]), console)


def warning_signs(as_json: JsonOption = False) -> None:
    """List the warning signs that need a doctor, most urgent first.

    Example: backspasm warning-signs --json
    """
    from backspasm.kb.vocab import LEVELS

    kb = _kb()
    ordered = sorted(kb["warning_signs"], key=lambda s: LEVELS.index(s["level"]))
    if as_json:
        _print_json([{k: v for k, v in s.items() if k != "when"} for s in ordered])
        return
    from backspasm.render.browse import render_warning_signs
    from backspasm.render.console import paged

    with paged() as console:
        render_warning_signs(ordered, kb["levels"], _index(kb["sources"]), console)


def register(app: typer.Typer) -> None:
    """Add remedies, causes and warning-signs to the app."""
    app.add_typer(remedies_app, name="remedies")
    app.command("causes")(causes)
    app.command("warning-signs")(warning_signs)
