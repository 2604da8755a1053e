"""`backspasm config set|get|unset|list`: settings kept once, in the data directory.

Options and help only; the work is in backspasm/config/actions.py.
"""

from __future__ import annotations

from typing import Annotated

import typer

config_app = typer.Typer(
    name="config",
    help="Your settings: your region (country) and the emergency number to show.",
    no_args_is_help=True,
)

KeyArgument = Annotated[
    str, typer.Argument(metavar="KEY", help="The setting: region or emergency-number.", show_default=False)
]
ValueArgument = Annotated[
    str, typer.Argument(metavar="VALUE", help="Its value, for example GB (a country code) or 999.", show_default=False)
]


@config_app.command("set")
def config_set(
    key: KeyArgument,
    value: ValueArgument,
) -> None:
    """Save a setting: region is your country's ISO code (an unknown code lists them); emergency-number
    is a number of your own, which wins over the region's.

    Example: backspasm config set region GB
    """
    from backspasm.config import actions

    actions.set_value(key, value)


@config_app.command("get")
def config_get(key: KeyArgument) -> None:
    """Print a setting's value (exit 1 when it is not set).

    Example: backspasm config get emergency-number
    """
    from backspasm.config import actions

    actions.get_value(key)


@config_app.command("unset")
def config_unset(key: KeyArgument) -> None:
    """Remove a setting, going back to the general wording.

    Example: backspasm config unset emergency-number
    """
    from backspasm.config import actions

    actions.unset_value(key)


@config_app.command("list")
def config_list(
    as_json: Annotated[bool, typer.Option("--json", help="Print the settings as one JSON object.")] = False,
) -> None:
    """List every setting, its value and what it is for.

    Example: backspasm config list
    """
    from backspasm.config import actions

    actions.list_values(as_json=as_json)


def register(app: typer.Typer) -> None:
    """Add the `config` group to the app."""
    app.add_typer(config_app)
