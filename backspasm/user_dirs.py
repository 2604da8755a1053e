"""Where backspasm keeps its files: BACKSPASM_HOME when set, else the platform's user directories.

On Linux and the other Unix systems this is the XDG Base Directory lookup, a few lines that
cost nothing ($XDG_DATA_HOME or ~/.local/share, $XDG_CACHE_HOME or ~/.cache, each followed by
"backspasm"). macOS, Windows and Android keep their own conventions, which platformdirs knows:
it is imported there alone (it takes a few milliseconds to import, on every journal command).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP = "backspasm"
# Each kind of directory: the XDG variable that moves it, and where it is without one.
_XDG = {"data": ("XDG_DATA_HOME", "~/.local/share"), "cache": ("XDG_CACHE_HOME", "~/.cache")}


def _xdg() -> bool:
    """True where the XDG lookup is the platform's own (not macOS, Windows, iOS or an Android app)."""
    if sys.platform in ("win32", "cygwin", "darwin", "ios") or hasattr(sys, "getandroidapilevel"):
        return False
    return not (os.environ.get("ANDROID_DATA") == "/data" and os.environ.get("ANDROID_ROOT") == "/system")


def user_dir(kind: str) -> str:
    """The user's `kind` directory for backspasm ("data" or "cache"), as platformdirs would give it."""
    if _xdg():
        variable, default = _XDG[kind]
        base = os.environ.get(variable, "")
        if not os.path.isabs(base):  # unset, empty or relative: the XDG specification ignores it
            base = os.path.expanduser(default)
        return os.path.join(base, APP)
    import platformdirs

    if kind == "cache":
        return platformdirs.user_cache_dir(APP, appauthor=False)
    return platformdirs.user_data_dir(APP, appauthor=False)


def home_dir() -> Path:
    """The user's data directory (the journal, the settings): BACKSPASM_HOME, else the platform's."""
    override = os.environ.get("BACKSPASM_HOME")
    if override:
        return Path(override).expanduser()
    return Path(user_dir("data"))


def cache_dir() -> Path:
    """The knowledge base's cache: BACKSPASM_HOME/cache when it is set (tests), else the platform's."""
    override = os.environ.get("BACKSPASM_HOME")
    if override:
        return Path(override).expanduser() / "cache"
    return Path(user_dir("cache"))
