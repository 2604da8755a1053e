"""What `backspasm config set|get|unset|list` do once their options are parsed."""

from __future__ import annotations

import os

from backspasm import settings as config
from backspasm.errors import BackspasmError
from backspasm.render.text import say


def set_value(key: str, value: str) -> None:
    """`config set`: check the key and value, save them, and say where."""
    name = config.check_key(key)
    settings = config.read()
    settings[name] = config.check_value(name, value)
    path = config.write(settings)
    say(f"Saved {name} = {settings[name]} in {path}", err=True)


def get_value(key: str) -> None:
    """`config get`: print the value; one that is not set is an error (exit 1) saying how to set it."""
    name = config.check_key(key)
    value = config.read().get(name)
    if value is None:
        raise BackspasmError(f"{name} is not set; set it with 'backspasm config set {name} VALUE'")
    say(value)


def unset_value(key: str) -> None:
    """`config unset`: remove the setting, or say it was not set."""
    name = config.check_key(key)
    settings = config.read()
    if settings.pop(name, None) is None:
        say(f"{name} was not set.", err=True)
        return
    config.write(settings)
    say(f"Removed {name}.", err=True)


def list_values(*, as_json: bool) -> None:
    """`config list`: every setting with its value and meaning (or one JSON object), and where they are kept."""
    settings = config.read()
    if as_json:
        import json

        say(json.dumps({key: settings.get(key) for key in config.KEYS}, indent=2, ensure_ascii=False))
        return
    for key, meaning in config.KEYS.items():
        say(f"{key} = {settings.get(key, '(not set)')}")
        say(f"  {meaning}")
    if os.environ.get(config.ENV_EMERGENCY_NUMBER, "").strip():
        say(f"  {config.ENV_EMERGENCY_NUMBER} is set, and is used instead.")
    say(f"Stored in {config.config_path()}")
