"""The person's settings: a small JSON file in the data directory (`backspasm config`).

Read by the welcome screen on every bare `backspasm`, so this module imports only the standard
library's light modules (json is imported when a file is actually there). What the `config`
commands do is in backspasm/config/actions.py.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from backspasm.errors import BackspasmError, UsageError
from backspasm.user_dirs import home_dir as home_dir

CONFIG_NAME = "config.json"
EMERGENCY_NUMBER = "emergency-number"
ENV_EMERGENCY_NUMBER = "BACKSPASM_EMERGENCY_NUMBER"
REGION = "region"
ENV_REGION = "BACKSPASM_REGION"

# What each key is for, in the order `config list` shows them.
KEYS = {
    EMERGENCY_NUMBER: "The number triage and the welcome screen tell you to call (999, 911 or 112).",
    REGION: "Your country's code (GB, US, DE...): its emergency number and helpline.",
}

_NUMBER = re.compile(r"[0-9+\- ]{1,20}")


def config_path() -> Path:
    """Where the settings live."""
    return home_dir() / CONFIG_NAME


def check_key(key: str) -> str:
    """The key in its stored spelling; an unknown key is a one-line usage error."""
    normal = key.strip().lower().replace("_", "-")
    if normal not in KEYS:
        raise UsageError(f"unknown setting '{key}'; the settings are: {', '.join(KEYS)}")
    return normal


def check_value(key: str, value: str) -> str:
    """The value as it will be stored; a value that is not allowed is a one-line usage error."""
    text = " ".join(value.split())
    if key == EMERGENCY_NUMBER and not _NUMBER.fullmatch(text):
        raise UsageError(f"{EMERGENCY_NUMBER} takes up to 20 digits, spaces, + and - only")
    # A region is checked against the table of countries by `config set` (emergency/current.py).
    return text


# A settings file holds a handful of short values; anything far larger is not one.
MAX_BYTES = 64 * 1024


def read() -> dict[str, str]:
    """The stored settings, each checked as `config set` checks it; none when there is no file.

    A value that `config set` would refuse (a number that is not one, null, a list) is left out
    with a one-line warning, never shown. A file that cannot be read at all (not JSON, a FIFO,
    a device) is a one-line error.
    """
    from backspasm.safe_read import read_regular

    path = config_path()
    try:
        raw = read_regular(path, MAX_BYTES)
    except FileNotFoundError:
        return {}
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise BackspasmError(f"cannot read your settings in {path}: {reason}") from None
    import json

    try:
        data: Any = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):
        raise BackspasmError(f"your settings in {path} are not valid JSON; fix or delete that file") from None
    if not isinstance(data, dict):
        raise BackspasmError(f"your settings in {path} are not a JSON object; fix or delete that file")
    found = {}
    for key, value in data.items():
        if key not in KEYS:
            continue
        try:
            # A JSON number (999) reads as its digits; null, a list or true fail the check as text.
            found[key] = check_value(key, value if isinstance(value, str) else json.dumps(value))
        except UsageError as bad:
            _warn(f"your settings in {path}: {bad}; that value is ignored")
    return found


def _warn(line: str) -> None:
    """A problem with the settings, said once when the command ends (the command goes on)."""
    from backspasm import unreadable

    unreadable.note_line(line)


def write(settings: dict[str, str]) -> Path:
    """Replace the settings file atomically: 0600 in a 0700 directory; no file when nothing is set."""
    import json

    from backspasm.atomic_file import atomic_write

    home = home_dir()
    path = home / CONFIG_NAME
    try:
        home.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(home, 0o700)
        if not settings:
            path.unlink(missing_ok=True)
            return path
        # 0600, and the new settings appear all at once.
        atomic_write(path, json.dumps(settings, indent=2, sort_keys=True) + "\n")
    except OSError as exc:
        raise BackspasmError(f"cannot write your settings in {path}: {exc.strerror or exc}") from None
    return path
