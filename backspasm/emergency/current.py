"""The number for this command, read once by the action: the option, the environment, the settings,
the locale and the table of countries (data/regions.yaml).

Light on purpose: the welcome screen calls it on every bare `backspasm`. A command that has
loaded the knowledge base passes its regions; otherwise the built-in table is read from the
snapshot validated ahead (kb/snapshot.py), without pydantic, YAML or the loader. Nothing that
goes wrong here may hide the emergency advice: a damaged file only costs the general wording.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING

from backspasm.emergency.choose import ALIASES, choose, region_code
from backspasm.emergency.number import EmergencyNumber
from backspasm.errors import BackspasmError, UsageError

if TYPE_CHECKING:
    from backspasm.kb.views import Region


def current(regions: Iterable[Region] | None = None, *, given: str | None = None) -> EmergencyNumber:
    """The number, region and helpline to show; `given` is --emergency-number, `regions` the loaded table."""
    from backspasm import settings

    problems: list[str] = []
    try:
        saved = settings.read()
    except BackspasmError as error:
        saved = {}
        problems.append(f"{error}; using your locale or the general emergency wording")
    table = _Table(regions)
    found = choose(
        table.get,
        option=given,
        env_number=os.environ.get(settings.ENV_EMERGENCY_NUMBER),
        saved_number=saved.get(settings.EMERGENCY_NUMBER),
        env_region=os.environ.get(settings.ENV_REGION),
        saved_region=saved.get(settings.REGION),
        environ=os.environ,
    )
    if not problems:
        return found
    return found.with_problems(*problems)


def check_region(value: str, regions: Iterable[Region] | None = None) -> str:
    """The code as it will be saved ("uk" -> "GB"); one the table does not have is a usage error listing the codes."""
    table = _Table(regions)
    code = region_code(value)
    if code is not None and table.get(code) is not None:
        return code
    shown = code if code is not None else "that"
    raise UsageError(
        f"unknown region '{shown}'; the regions are: {', '.join(table.codes())} "
        f"(or set the number itself with 'backspasm config set emergency-number NUMBER')"
    )


class _Table:
    """The countries by code, read only when a code has to be looked up."""

    def __init__(self, regions: Iterable[Region] | None) -> None:
        self._given = regions
        self._rows: dict[str, Region] | None = None

    def rows(self) -> dict[str, Region]:
        if self._rows is None:
            rows = self._given if self._given is not None else load_regions()
            self._rows = {row.code: row for row in rows}
        return self._rows

    def get(self, code: str) -> Region | None:
        return self.rows().get(ALIASES.get(code, code))

    def codes(self) -> list[str]:
        return sorted(self.rows())


def load_regions() -> list[Region]:
    """The table of countries of the active knowledge base, the light way; [] when it cannot be read."""
    from backspasm.kb.location import active_dir, builtin_dir

    try:
        directory = active_dir()
        if directory == builtin_dir():
            from backspasm.kb import snapshot

            data = snapshot.read(directory)
            if data is not None and isinstance(data.get("regions"), list):
                from backspasm.kb.views import Region

                return [Region(row) for row in data["regions"]]
        from backspasm.kb.loader import load_active

        return load_active().regions
    except (BackspasmError, OSError, KeyError, TypeError):
        return []  # a damaged knowledge base: the general wording, never no advice
