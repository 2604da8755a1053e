"""Which number, in which order: the rules of issue 23, pure (values in, an EmergencyNumber out).

1. The region the person set: BACKSPASM_REGION, else `config set region`.
2. A number the person gave wins for the number: --emergency-number, BACKSPASM_EMERGENCY_NUMBER,
   else `config set emergency-number` (the region still names the helpline).
3. Else the territory of the locale (LC_ALL, LC_MESSAGES, LANG: en_GB.UTF-8 is GB); C and
   POSIX name none, and the time zone is never used.
4. Else the general wording.

A value that cannot be used is skipped with a one-line problem that never repeats it raw
(a settings file or the environment may hold anything).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from backspasm.emergency.number import (
    DEFAULT,
    ENV_NUMBER,
    ENV_REGION,
    ENVIRONMENT,
    GIVEN_OPTION,
    LOCALE,
    OPTION,
    SAVED_NUMBER,
    SAVED_REGION,
    SETTINGS,
    EmergencyNumber,
    Helpline,
)

# A number as people may type it: up to 20 digits, spaces, + and -, with at least one digit.
_NUMBER = re.compile(r"(?=.*[0-9])[0-9+\- ]{1,20}")
_CODE = re.compile(r"[A-Za-z]{2}")
# Codes people use that are not ISO 3166-1's own: the United Kingdom is GB, Greece is GR.
ALIASES = {"UK": "GB", "EL": "GR"}
# The locale variables that say where messages are for, strongest first (POSIX).
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


if TYPE_CHECKING:  # the light views' shape; Protocol classes cost time to create on every start
    from typing import Protocol

    class HelplineRow(Protocol):
        """A region's helpline, as the light view has it."""

        name: str
        number: str
        where: str | None

    class RegionRow(Protocol):
        """A row of data/regions.yaml, as the knowledge base's light view has it."""

        code: str
        name: str
        emergency: str
        also: list[str]

        @property
        def helpline(self) -> HelplineRow | None: ...


Lookup = Callable[[str], "RegionRow | None"]


def region_code(value: str) -> str | None:
    """A two-letter code in capitals (aliases resolved), or None when the value is not one."""
    text = value.strip()
    if not _CODE.fullmatch(text):
        return None
    code = text.upper()
    return ALIASES.get(code, code)


def phone_number(value: str) -> str | None:
    """The number with its spaces tidied, or None when it is not one a person could dial."""
    text = " ".join(value.split())
    return text if _NUMBER.fullmatch(text) else None


def locale_region(environ: Mapping[str, str]) -> tuple[str, str] | None:
    """The locale's territory and what said so ("GB", "LANG=en_GB.UTF-8"); None for C, POSIX or none."""
    for name in LOCALE_VARIABLES:
        value = environ.get(name, "")
        if value:
            break
    else:
        return None
    base = value.split(".", 1)[0].split("@", 1)[0]
    language, underscore, territory = base.partition("_")
    if not underscore or not language or not _CODE.fullmatch(territory):
        return None
    code = territory.upper()
    return ALIASES.get(code, code), f"{name}={value}"


def choose(
    lookup: Lookup,
    *,
    option: str | None = None,
    env_number: str | None = None,
    saved_number: str | None = None,
    env_region: str | None = None,
    saved_region: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> EmergencyNumber:
    """The number to show, from what the person set and the locale, in the order of the module docstring."""
    problems: list[str] = []
    region: RegionRow | None = None
    region_by: str | None = None
    region_source: str | None = None
    for value, category, label in ((env_region, ENVIRONMENT, ENV_REGION), (saved_region, SETTINGS, SAVED_REGION)):
        if value is None or not value.strip():
            continue
        found = _known_region(lookup, value, label, problems)
        if found is not None:
            region, region_by, region_source = found, category, label
            break
    for value, category, label in (
        (option, OPTION, GIVEN_OPTION),
        (env_number, ENVIRONMENT, ENV_NUMBER),
        (saved_number, SETTINGS, SAVED_NUMBER),
    ):
        if value is None or not value.strip():
            continue
        number = phone_number(value)
        if number is None:
            problems.append(f"ignored {_what(label)}: it is not a phone number (digits, spaces, + and - only)")
            continue
        return _made((number,), region, category, label, region_by, problems)
    if region is not None:
        return _made(_numbers(region), region, region_by or SETTINGS, region_source, region_by, problems)
    found_locale = locale_region(environ if environ is not None else {})
    if found_locale is not None:
        code, said = found_locale
        row = lookup(code)
        if row is not None:
            return _made(_numbers(row), row, LOCALE, said, LOCALE, problems)
    return EmergencyNumber(chosen_by=DEFAULT, problems=tuple(problems))


def _what(label: str) -> str:
    """How a problem names what was ignored: "the saved region", "BACKSPASM_REGION"."""
    if label == SAVED_REGION:
        return "the saved region"
    if label == SAVED_NUMBER:
        return "the saved emergency-number"
    return label


def _known_region(lookup: Lookup, value: str, label: str, problems: list[str]) -> RegionRow | None:
    code = region_code(value)
    if code is None:
        problems.append(f"ignored {_what(label)}: it is not a two-letter country code")
        return None
    row = lookup(code)
    if row is None:
        problems.append(f"ignored {_what(label)} ({code}): backspasm has no emergency number for it")
    return row


def _numbers(region: RegionRow) -> tuple[str, ...]:
    return (region.emergency, *region.also)


def _made(
    numbers: tuple[str, ...],
    region: RegionRow | None,
    chosen_by: str,
    source: str | None,
    region_by: str | None,
    problems: list[str],
) -> EmergencyNumber:
    line = region.helpline if region is not None else None
    return EmergencyNumber(
        numbers=numbers,
        region=region.code if region is not None else None,
        region_name=region.name if region is not None else None,
        helpline=Helpline(line.name, line.number, line.where) if line is not None else None,
        chosen_by=chosen_by,
        source=source,
        region_chosen_by=region_by if region is not None else None,
        problems=tuple(problems),
    )
