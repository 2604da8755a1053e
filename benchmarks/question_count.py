"""How many screens an ordinary interactive triage shows: the questions a person answers.

Run: python benchmarks/question_count.py. An ordinary run is a new lower-back spasm of a day
or two, answered "no" (or "none", or "None of these") to every warning sign; the profiles
below vary what changes the count (a woman of 35, whose pregnancy question applies; a man of
45, whose does not; someone of 60 who would rather not say their sex, asked about pregnancy and
about sudden pain; a neck spasm). Prints one line per profile. A measurement, not a test: the
test suite pins the first number in tests/test_triage_flow.py and holds every profile to at
most 24 screens in tests/test_triage_rules_and_questions.py.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from backspasm.kb.loader import load_active
from backspasm.triage.run import ask

# `sex: None` is "I'd rather not say".
PROFILES: dict[str, dict[str, Any]] = {
    "ordinary, woman of 35, lower back, day 1": {
        "age": 35,
        "sex": "female",
        "location": "lower_back",
        "days_since_onset": 1,
    },
    "ordinary, man of 45, lower back, day 2 (no pregnancy question)": {
        "age": 45,
        "sex": "male",
        "location": "lower_back",
        "days_since_onset": 2,
    },
    "ordinary, 60, sex not said, lower back, day 2 (pregnancy and sudden pain asked)": {
        "age": 60,
        "sex": None,
        "location": "lower_back",
        "days_since_onset": 2,
    },
    "ordinary, woman of 35, neck, day 1": {"age": 35, "sex": "female", "location": "neck", "days_since_onset": 1},
}


class NoToEverything:
    """Answers every warning sign "no": the first choice, no to gates, the profile's facts."""

    def __init__(self, facts: dict[str, Any]) -> None:
        self.facts = {"trend": "improving", "pain_score": 6, "episodes_past_year": 0, **facts}
        self.screens = 0

    def gate(self, gate: Any) -> bool:
        """"No" (or "None of these")."""
        self.screens += 1
        return False

    def question(self, question: Any) -> Any:
        """The profile's fact (None: declined), else "no" or the first choice."""
        self.screens += 1
        if question.key in self.facts:
            return self.facts[question.key]
        return False if question.type == "bool" else question.choices[0].value

    def startback(self, tool: Any) -> dict[str, Any]:
        """Not reached in a new episode."""
        self.screens += len(tool.items)
        return {item.key: item.choices[0].value if item.choices else False for item in tool.items}


def count(facts: dict[str, Any]) -> int:
    """The number of screens the questionnaire shows for this profile."""
    person = NoToEverything(facts)
    ask(load_active(), person)
    return person.screens


def main() -> None:
    for name, facts in PROFILES.items():
        print(f"{count(facts):3d} screens  {name}")


if __name__ == "__main__":
    main()
