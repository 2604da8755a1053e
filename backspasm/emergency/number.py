"""The number to call as one value, and its words for every screen: "Call 999 or 112 now (United Kingdom; ...)".

Pure and light: the welcome screen reads it on every bare `backspasm`.
"""

from __future__ import annotations

from typing import Any

# The wording when no number is known: as before regions existed.
GENERIC = "your local emergency number (for example 999, 911 or 112)"
CHANGE_REGION = "change with `backspasm config set region`"
CHANGE_NUMBER = "change with `backspasm config set emergency-number`"

# How a number or a region was chosen (`chosen_by` in JSON), strongest first.
OPTION = "option"
ENVIRONMENT = "environment"
SETTINGS = "settings"
LOCALE = "locale"
DEFAULT = "default"

# Exactly what chose a number (`source` in JSON); a locale is named with its value ("LANG=en_GB.UTF-8").
GIVEN_OPTION = "--emergency-number"
ENV_NUMBER = "BACKSPASM_EMERGENCY_NUMBER"
SAVED_NUMBER = "emergency-number setting"
ENV_REGION = "BACKSPASM_REGION"
SAVED_REGION = "region setting"


class _Value:
    """A small read-only value: its fields are set once, compared and shown by name.

    Hand-written rather than a dataclass: the welcome screen imports this on every bare
    `backspasm`, and generating a dataclass's methods costs about a millisecond each.
    """

    __slots__: tuple[str, ...] = ()

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def _set(self, **fields: Any) -> None:
        for name, value in fields.items():
            object.__setattr__(self, name, value)

    def _fields(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other._fields() == self._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({shown})"


class Helpline(_Value):
    """An urgent medical helpline: for advice when it is urgent but not an emergency."""

    __slots__ = ("name", "number", "where")
    name: str
    number: str
    where: str | None

    def __init__(self, name: str, number: str, where: str | None = None) -> None:
        self._set(name=name, number=number, where=where)

    @property
    def text(self) -> str:
        """"NHS 111", or "Healthline on 0800 611 116" when the name does not say the number."""
        return self.name if self.number in self.name else f"{self.name} on {self.number}"

    def as_data(self) -> dict[str, Any]:
        """The helpline as JSON-ready data."""
        return {"name": self.name, "number": self.number, "where": self.where}


class EmergencyNumber(_Value):
    """The number to call for this command, where it is from, and the urgent helpline there.

    `numbers` is empty when nothing is known: then every screen uses the general wording.
    `source` names exactly what chose the number ("LANG=en_GB.UTF-8", "BACKSPASM_REGION");
    `problems` are one-line warnings about settings that were ignored, for the action to print.
    """

    __slots__ = (
        "chosen_by",
        "helpline",
        "numbers",
        "problems",
        "region",
        "region_chosen_by",
        "region_name",
        "source",
    )
    numbers: tuple[str, ...]
    region: str | None
    region_name: str | None
    helpline: Helpline | None
    chosen_by: str
    source: str | None
    region_chosen_by: str | None
    problems: tuple[str, ...]

    def __init__(
        self,
        numbers: tuple[str, ...] = (),
        region: str | None = None,
        region_name: str | None = None,
        helpline: Helpline | None = None,
        chosen_by: str = DEFAULT,
        source: str | None = None,
        region_chosen_by: str | None = None,
        problems: tuple[str, ...] = (),
    ) -> None:
        self._set(
            numbers=numbers,
            region=region,
            region_name=region_name,
            helpline=helpline,
            chosen_by=chosen_by,
            source=source,
            region_chosen_by=region_chosen_by,
            problems=problems,
        )

    def with_problems(self, *problems: str) -> EmergencyNumber:
        """The same number with more problems to say (first)."""
        fields = {name: getattr(self, name) for name in self.__slots__}
        return EmergencyNumber(**{**fields, "problems": (*problems, *self.problems)})

    @property
    def text(self) -> str:
        """What fills {emergency_number}: "999 or 112", a saved number, or the general wording."""
        return " or ".join(self.numbers) if self.numbers else GENERIC

    @property
    def aside(self) -> str:
        """What follows the number: " (United Kingdom; change with ...)", or "" for the general wording."""
        if not self.numbers or self.source == GIVEN_OPTION:
            return ""
        if self.source == ENV_NUMBER:
            return f" (from {ENV_NUMBER})"
        if self.source == SAVED_NUMBER or self.region_name is None:
            return f" (your saved number; {CHANGE_NUMBER})"
        return f" ({self.region_name}; {CHANGE_REGION})"

    def fill(self, text: str) -> str:
        """Knowledge-base text with {emergency_number} filled in."""
        return text.replace("{emergency_number}", self.text)

    def refill(self, text: str) -> str:
        """Advice saved before a number was known, with the general wording replaced by the number now known."""
        return text.replace(GENERIC, self.text) if self.numbers else text

    def call_now(self) -> str:
        """The emergency line: "Call 999 or 112 now (United Kingdom; change with ...)."."""
        return f"Call {self.text} now{self.aside}."

    def urgent_line(self) -> str:
        """The urgent line: the helpline where there is one, then the number for an emergency (the level says when)."""
        emergency = f"In an emergency, call {self.text}{self.aside}."
        if self.helpline is None:
            return emergency
        where = f" ({self.helpline.where})" if self.helpline.where else ""
        # No "today" here: an unsure emergency sign is urgent too, and its words say "now".
        return f"Or call {self.helpline.text}{where}. {emergency}"

    def line_for(self, level: str) -> str | None:
        """What an emergency or urgent screen adds about whom to call; None at other levels, and None
        when no number is known (those screens keep the general wording of their advice, as before)."""
        if not self.numbers:
            return None
        if level == "emergency":
            return self.call_now()
        if level == "urgent":
            return self.urgent_line()
        return None

    def as_data(self) -> dict[str, Any]:
        """The `emergency_number` object of --json output (docs/emergency-numbers.md)."""
        return {
            "text": self.text,
            "numbers": list(self.numbers),
            "region": self.region,
            "region_name": self.region_name,
            "helpline": self.helpline.as_data() if self.helpline is not None else None,
            "chosen_by": self.chosen_by,
            "source": self.source,
            "region_chosen_by": self.region_chosen_by,
        }
