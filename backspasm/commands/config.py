"""`backspasm config set|get|unset|list`: settings kept once, in the data directory."""

from __future__ import annotations

import os
from typing import Annotated

import typer

config_app = typer.Typer(
    name="config",
    help="Your settings, for example the emergency number to show.",
    no_args_is_help=True,
)

KeyArgument = Annotated[str, typer.Argument(metavar="KEY", help="The setting: emergency-number.", show_default=False)]


@config_app.command("set")
def config_set(
    key: KeyArgument,
    value: Annotated[str, typer.Argument(metavar="VALUE", help="Its value, for example 999.", show_default=False)],
) -> None:
    """Save a setting.

    Example: backspasm config set emergency-number 999
    """
    from backspasm import settings as config

    name = config.check_key(key)
    settings = config.read()
    settings[name] = config.check_value(name, value)
    path = config.write(settings)
    typer.echo(f"Saved {name} = {settings[name]} in {path}", err=True)


@config_app.command("get")
def config_get(key: KeyArgument) -> None:
    """Print a setting's value (exit 1 when it is not set).

    Example: backspasm config get emergency-number
    """
    from backspasm import settings as config
    from backspasm.errors import BackspasmError

    name = config.check_key(key)
    value = config.read().get(name)
    if value is None:
        raise BackspasmError(f"{name} is not set; set it with 'backspasm config set {name} VALUE'")
    typer.echo(value)


@config_app.command("unset")
def config_unset(key: KeyArgument) -> None:
    """Remove a setting, going back to the general wording.

    Example: backspasm config unset emergency-number
    """
    from backspasm import settings as config

    name = config.check_key(key)
    settings = config.read()
    if settings.pop(name, None) is None:
        typer.echo(f"{name} was not set.", err=True)
        return
    config.write(settings)
    typer.echo(f"Removed {name}.", err=True)


@config_app.command("list")
def config_list(
    as_json: Annotated[bool, typer.Option("--json", help="Print the settings as one JSON object.")] = False,
) -> None:
    """List every setting, its value and what it is for.

    Example: backspasm config list
    """
    from backspasm import settings as config

    settings = config.read()
    if as_json:
        import json

        typer.echo(json.dumps({key: settings.get(key) for key in config.KEYS}, indent=2, ensure_ascii=False))
        return
    for key, meaning in config.KEYS.items():
        typer.echo(f"{key} = {settings.get(key, '(not set)')}")
        typer.echo(f"  {meaning}")
    if os.environ.get(config.ENV_EMERGENCY_NUMBER, "").strip():
        typer.echo(f"  {config.ENV_EMERGENCY_NUMBER} is set, and is used instead.")
    typer.echo(f"Stored in {config.config_path()}")


def register(app: typer.Typer) -> None:
    """Add the `config` group to the app."""
    app.add_typer(config_app)
