"""What `backspasm config set|get|unset|list` do once their options are parsed."""

from __future__ import annotations

from backspasm import settings as config
from backspasm.emergency.number import (
    ENV_NUMBER,
    ENV_REGION,
    ENVIRONMENT,
    LOCALE,
    SAVED_NUMBER,
    SAVED_REGION,
    SETTINGS,
    EmergencyNumber,
)
from backspasm.errors import BackspasmError
from backspasm.render.text import say


def set_value(key: str, value: str) -> None:
    """`config set`: check the key and value, save them, and say where."""
    name = config.check_key(key)
    checked = config.check_value(name, value)
    if name == config.REGION:
        from backspasm.emergency.current import check_region

        checked = check_region(checked)
    settings = config.read()
    settings[name] = checked
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
    """`config list`: every setting with its value and meaning (or one JSON object), the number in use and why."""
    from backspasm.emergency.current import current
    from backspasm.render.text import emergency_problems

    settings = config.read()
    in_use = current()
    emergency_problems(in_use)
    if as_json:
        import json

        shown = {key: settings.get(key) for key in config.KEYS}
        say(json.dumps({**shown, "emergency_number": in_use.as_data()}, indent=2, ensure_ascii=False))
        return
    for key, meaning in config.KEYS.items():
        say(f"{key} = {settings.get(key, '(not set)')}")
        say(f"  {meaning}")
    # Say so when the environment wins over what is saved (and only when its value was usable).
    if in_use.source == ENV_NUMBER:
        say(f"  {ENV_NUMBER} is set, and is used instead.")
    if in_use.region_chosen_by == ENVIRONMENT:
        say(f"  {ENV_REGION} is set, and is used instead.")
    for line in in_use_lines(in_use):
        say(line)
    say(f"Stored in {config.config_path()}")


def in_use_lines(in_use: EmergencyNumber) -> list[str]:
    """Which number the screens use now and what chose it, each line within 80 columns."""
    import textwrap

    if not in_use.numbers:
        lines = ["In use: the general wording; set your country with 'backspasm config set region CODE'"]
    else:
        lines = [f"In use: {in_use.text}, from {_named(in_use.source)}"]
        if in_use.region is not None:
            by = in_use.region_chosen_by
            said = in_use.source if by == LOCALE else _named(_REGION_SOURCES.get(by))
            lines.append(f"  region: {in_use.region_name} ({in_use.region}), from {said}")
        if in_use.helpline is not None:
            lines.append(f"  urgent helpline: {in_use.helpline.text}")
    wrapped: list[str] = []
    for line in lines:
        wrapped += textwrap.wrap(line, 79, subsequent_indent="    ", break_long_words=False, break_on_hyphens=False)
    return wrapped


_REGION_SOURCES: dict[str | None, str] = {ENVIRONMENT: ENV_REGION, SETTINGS: SAVED_REGION}


def _named(source: str | None) -> str:
    """A source as config list says it: "the region setting", "LANG=en_GB.UTF-8"."""
    if source in (SAVED_REGION, SAVED_NUMBER):
        return f"the {source}"
    return source or "nothing"
