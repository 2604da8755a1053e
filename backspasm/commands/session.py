"""Ice and heat sessions (`protocols`, `session`) and the journal's timeline (`history`)."""

from __future__ import annotations

from typing import Annotated

import typer

from backspasm.commands.journal import MAX_DAYS

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead of a table.")]


def protocols(as_json: JsonOption = False) -> None:
    """List the ice and heat protocols with their default and maximum length and rest.

    Example: backspasm protocols
    """
    from backspasm.kb.loader import load_active
    from backspasm.render.session import protocols_json, render_protocols

    kb = load_active()
    if as_json:
        from backspasm.text_safety import dumps

        typer.echo(dumps(protocols_json(kb.protocols)))
        return
    render_protocols(kb.protocols, kb.phase_boundary.early_hours)


def session(
    protocol: Annotated[
        str | None,
        typer.Argument(
            metavar="PROTOCOL",
            help="ice, heat or ice-massage ('backspasm protocols'); without it one is suggested.",
            show_default=False,
        ),
    ] = None,
    duration: Annotated[
        str | None,
        typer.Option(
            "--duration",
            "-d",
            help="Length of each round: 15m, 90s, 1m30s or minutes (15). Never more than the protocol's maximum.",
            show_default=False,
        ),
    ] = None,
    rounds: Annotated[int, typer.Option("--rounds", "-r", min=1, max=10, help="Rounds, with a rest between them.")] = 1,
    rest: Annotated[
        str | None,
        typer.Option(
            "--rest", help="Rest between rounds (at least the protocol's minimum), like --duration.", show_default=False
        ),
    ] = None,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Confirm the safety checks (and a suggested protocol) without asking.")
    ] = False,
    plain: Annotated[
        bool, typer.Option("--plain", help="One line per event instead of a live display (screen readers, scripts).")
    ] = False,
    no_bell: Annotated[bool, typer.Option("--no-bell", help="No terminal bell at phase changes and the end.")] = False,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="When this episode began (2024-03-01 18:00, '2 days ago', '6h ago'), to suggest ice or heat.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Run a timed ice or heat session, with safety checks first.

    Keys: space or p pauses and resumes, q ends early. Ctrl-C ends it too; the time applied is
    saved in the history either way.
    Example: backspasm session ice --duration 15m
    """
    from backspasm.sessions.actions import SessionOptions, run

    run(SessionOptions(protocol, duration, rounds, rest, yes, plain, not no_bell, since))


def history(
    days: Annotated[
        int | None,
        typer.Option(
            "--days",
            "-d",
            min=1,
            max=MAX_DAYS,
            metavar="N",
            help="The last N days, today included (default 30).",
            show_default=False,
        ),
    ] = None,
    everything: Annotated[bool, typer.Option("--all", help="The whole journal instead of the last N days.")] = False,
    limit: Annotated[
        int,
        typer.Option(
            "--limit", "-n", min=0, metavar="ROWS", help="Show at most the newest ROWS in the table (0: all)."
        ),
    ] = 50,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the timeline, the pain trend and the verdict as one JSON object.")
    ] = False,
) -> None:
    """Your journal as a timeline: pain entries, triage results, sessions and stretches, with a pain trend.

    After the timeline it says when the journal shows it is time to see a doctor, and why.
    Example: backspasm history --days 7
    """
    from backspasm.errors import UsageError

    if everything and days is not None:
        raise UsageError("give --days N or --all, not both")
    from backspasm.clock.now import now
    from backspasm.journal.timeline import DEFAULT_DAYS, load
    from backspasm.kb.loader import load_active

    kb = load_active()
    timeline = load(kb, None if everything else (days or DEFAULT_DAYS), now())
    if as_json:
        from backspasm.render.timeline import timeline_json
        from backspasm.text_safety import dumps

        typer.echo(dumps(timeline_json(timeline)))
        return
    from backspasm.render.timeline import render_timeline

    render_timeline(kb, timeline, limit=limit)


QuickDuration = Annotated[
    str | None,
    typer.Option(
        "--duration",
        "-d",
        help="Length: 15m, 90s or minutes (15). Default and maximum: the protocol's ('backspasm protocols').",
        show_default=False,
    ),
]
QuickYes = Annotated[bool, typer.Option("--yes", "-y", help="Confirm the safety checks without asking.")]
QuickPlain = Annotated[bool, typer.Option("--plain", help="One line per event instead of a live display.")]


def ice(duration: QuickDuration = None, yes: QuickYes = False, plain: QuickPlain = False) -> None:
    """Start a default ice-pack session at once, with the same safety checks as `session ice`.

    Example: backspasm ice
    """
    from backspasm.sessions.actions import SessionOptions, run

    run(SessionOptions("ice", duration, 1, None, yes, plain, True, None))


def heat(duration: QuickDuration = None, yes: QuickYes = False, plain: QuickPlain = False) -> None:
    """Start a default heat session at once, with the same safety checks as `session heat`.

    Example: backspasm heat --duration 20m
    """
    from backspasm.sessions.actions import SessionOptions, run

    run(SessionOptions("heat", duration, 1, None, yes, plain, True, None))


def register(app: typer.Typer) -> None:
    """Add `protocols`, `session`, `ice`, `heat` and `history` to the app."""
    app.command("protocols")(protocols)
    app.command("session")(session)
    app.command("ice")(ice)
    app.command("heat")(heat)
    app.command("history")(history)
