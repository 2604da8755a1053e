"""Ice and heat sessions: `protocols`, `session`, and the quick `ice` and `heat`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from backspasm.completion.actions import completer

if TYPE_CHECKING:
    from backspasm.session.actions import SessionOptions

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead of a table.")]


def protocols(as_json: JsonOption = False) -> None:
    """List the ice and heat protocols with their default and maximum length and rest.

    Example: backspasm protocols
    """
    from backspasm.browse import actions

    actions.protocols(as_json=as_json)


Duration = Annotated[
    str | None,
    typer.Option(
        "--duration",
        "-d",
        help="Length of each round: 15m, 90s, 1m30s or minutes (15). Never more than the protocol's maximum.",
        show_default=False,
    ),
]
Rounds = Annotated[int, typer.Option("--rounds", "-r", min=1, max=10, help="Rounds, with a rest between them.")]
Rest = Annotated[
    str | None,
    typer.Option(
        "--rest", help="Rest between rounds (at least the protocol's minimum), like --duration.", show_default=False
    ),
]
Yes = Annotated[
    bool, typer.Option("--yes", "-y", help="Confirm the safety checks (and a suggested protocol) without asking.")
]
Plain = Annotated[
    bool, typer.Option("--plain", help="One line per event instead of a live display (screen readers, scripts).")
]
NoBell = Annotated[bool, typer.Option("--no-bell", help="No terminal bell at phase changes and the end.")]
Since = Annotated[
    str | None,
    typer.Option(
        "--since",
        help="When this episode began (2024-03-01 18:00, '2 days ago', '6h ago'), to suggest ice or heat.",
        show_default=False,
    ),
]
ForceEarly = Annotated[
    bool,
    typer.Option(
        "--force-early",
        help="Start although the skin's rest after the last session is not over (asks once more; recorded).",
    ),
]


def session(
    protocol: Annotated[
        str | None,
        typer.Argument(
            metavar="PROTOCOL",
            help="ice, heat or ice-massage ('backspasm protocols'); without it one is suggested.",
            show_default=False,
            autocompletion=completer("protocol"),
        ),
    ] = None,
    duration: Duration = None,
    rounds: Rounds = 1,
    rest: Rest = None,
    yes: Yes = False,
    plain: Plain = False,
    no_bell: NoBell = False,
    since: Since = None,
    force_early: ForceEarly = False,
) -> None:
    """Run a timed ice or heat session, with safety checks first.

    The skin rests after each session (40 min after ice, 20 after heat): a session within that
    rest is refused with the time it may start, unless --force-early. Keys: space or p pauses
    (take the pack off while paused), q ends early. Ctrl-C ends it too; the time applied is
    saved in the history either way.
    Example: backspasm session ice --duration 15m
    """
    from backspasm.session.actions import run

    run(_options(protocol, duration, rounds, rest, yes, plain, no_bell, since, force_early))


def _options(
    protocol: str | None,
    duration: str | None,
    rounds: int,
    rest: str | None,
    yes: bool,
    plain: bool,
    no_bell: bool,
    since: str | None,
    force_early: bool,
) -> SessionOptions:
    """The options of `session`, `ice` and `heat`, each by its name."""
    from backspasm.session.actions import SessionOptions

    return SessionOptions(
        protocol=protocol,
        duration=duration,
        rounds=rounds,
        rest=rest,
        yes=yes,
        plain=plain,
        bell=not no_bell,
        since=since,
        force_early=force_early,
    )


def ice(
    duration: Duration = None,
    rounds: Rounds = 1,
    rest: Rest = None,
    yes: Yes = False,
    plain: Plain = False,
    no_bell: NoBell = False,
    since: Since = None,
    force_early: ForceEarly = False,
) -> None:
    """Start an ice-pack session at once: `session ice`, with the same options and safety checks.

    Example: backspasm ice
    """
    from backspasm.session.actions import run

    run(_options("ice", duration, rounds, rest, yes, plain, no_bell, since, force_early))


def heat(
    duration: Duration = None,
    rounds: Rounds = 1,
    rest: Rest = None,
    yes: Yes = False,
    plain: Plain = False,
    no_bell: NoBell = False,
    since: Since = None,
    force_early: ForceEarly = False,
) -> None:
    """Start a heat session at once: `session heat`, with the same options and safety checks.

    Example: backspasm heat --duration 20m
    """
    from backspasm.session.actions import run

    run(_options("heat", duration, rounds, rest, yes, plain, no_bell, since, force_early))


def register(app: typer.Typer) -> None:
    """Add `protocols`, `session`, `ice` and `heat` to the app."""
    app.command("protocols")(protocols)
    app.command("session")(session)
    app.command("ice")(ice)
    app.command("heat")(heat)
