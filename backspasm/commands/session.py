"""Ice and heat sessions: `protocols`, `session`, and the quick `ice` and `heat`."""

from __future__ import annotations

from typing import Annotated

import typer

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead of a table.")]


def protocols(as_json: JsonOption = False) -> None:
    """List the ice and heat protocols with their default and maximum length and rest.

    Example: backspasm protocols
    """
    from backspasm.browse import actions

    actions.protocols(as_json=as_json)


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
    """Add `protocols`, `session`, `ice` and `heat` to the app."""
    app.command("protocols")(protocols)
    app.command("session")(session)
    app.command("ice")(ice)
    app.command("heat")(heat)
