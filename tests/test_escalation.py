"""Escalation rules of data/escalation.yaml: each fires on a real journal and stays silent in a near miss.

Each scenario writes its earlier entries to the store and logs the last one through
`backspasm log --json`, then reads which rules fired. A meta-test checks that every rule of
the knowledge base has a firing scenario and at least one near miss.
"""

from __future__ import annotations

import json
from typing import Any

import journal_rows as rows
import pytest
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.kb.loader import load_active

Pains = list[tuple[float, int]]  # (days before now, pain)

# rule id -> (a journal that fires it, near misses that must not)
SCENARIOS: dict[str, tuple[Pains, list[Pains]]] = {
    "persisting-not-improving": (
        [(3, 6), (2, 6), (1, 6), (0, 6)],  # the same pain for 3 days, on day 3
        [
            [(2, 6), (1, 6), (0, 6)],  # the same pain, but before day 3
            [(4, 6), (2, 6), (0, 4)],  # easing by 2 points
            [(4, 8), (3, 6), (0, 7)],  # about the same now, but a day was improving
            [(4, 6), (2, 6), (0, 8)],  # worse: the pain-worse rule says it instead
        ],
    ),
    "pain-worse": (
        [(4, 8), (3, 3), (2, 3), (1, 6), (0, 7)],  # the relapse: 8, 3, 3, 6, 7
        [
            [(2, 4), (1, 5), (0, 7)],  # rising, but before day 3
            [(4, 8), (3, 3), (2, 3), (1, 4), (0, 4)],  # up 1 from the low: not worse
        ],
    ),
    "recurrent-episodes": (
        [(200, 5), (100, 5), (0, 5)],
        [
            [(200, 5), (190, 5), (0, 5)],  # ten days apart: one earlier episode
            [(380, 5), (100, 5), (0, 5)],  # one began more than a year ago
        ],
    ),
    "long-episode": (
        [(29, 7), (20, 6), (10, 6), (0, 6)],  # 4 weeks and not improving
        [
            [(27, 7), (20, 6), (10, 6), (0, 6)],  # not yet 4 weeks
            [(30, 8), (20, 6), (10, 5), (0, 3)],  # improving at day 30
            [(29, 7), (15, 6), (0, 6)],  # a 14-day gap: this is a new episode
        ],
    ),
    "very-long-episode": (
        [(43, 8), (30, 6), (20, 5), (10, 4), (0, 2)],  # 6 weeks, even though improving
        [
            [(41, 8), (30, 6), (20, 5), (10, 4), (0, 2)],  # not yet 6 weeks
        ],
    ),
    "severe-after-a-week": (
        [(8, 9), (0, 8)],
        [
            [(8, 9), (0, 7)],  # no longer very severe
            [(7, 9), (0, 8)],  # a week, not more
        ],
    ),
}


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every scenario is measured from the same fixed time."""
    monkeypatch.setenv("BACKSPASM_NOW", rows.NOW_TEXT)


def fired_after(runner: CliRunner, pains: Pains) -> dict[str, Any]:
    """Write all but the last entry, log the last through the CLI, return the fired rules by id."""
    rows.pains(*pains[:-1])
    days, pain = pains[-1]
    result = runner.invoke(app, ["log", "--pain", str(pain), "--at", rows.ago(days), "--json"])
    assert result.exit_code == 0, result.stderr
    return {rule["id"]: rule for rule in json.loads(result.stdout)["escalation"]}


CASES = [(rule, "fires", journal) for rule, (journal, _) in SCENARIOS.items()] + [
    (rule, f"near miss {i + 1}", near) for rule, (_, misses) in SCENARIOS.items() for i, near in enumerate(misses)
]


@pytest.mark.parametrize(("rule", "case", "journal"), CASES, ids=[f"{r}: {c}" for r, c, _ in CASES])
def test_rule_on_a_journal(runner: CliRunner, rule: str, case: str, journal: Pains) -> None:
    """The rule fires on its scenario and stays silent on each near miss."""
    fired = fired_after(runner, journal)
    if case == "fires":
        assert rule in fired, f"{rule} did not fire; fired: {sorted(fired)}"
    else:
        assert rule not in fired, f"{rule} fired on a near miss ({case})"


def test_every_rule_has_a_scenario_and_a_near_miss() -> None:
    """Each escalation rule in the knowledge base is covered both ways here."""
    # The triage-said rules read saved triage runs, not pain entries: tests/test_triage_reminder.py;
    # the new-symptoms rule reads what `log` was told: tests/test_journal_reading.py.
    rules = {
        rule.id
        for rule in load_active().escalation_rules
        if not rule.id.startswith("triage-said-") and rule.id != "new-symptoms"
    }
    assert set(SCENARIOS) == rules
    assert all(misses for _, misses in SCENARIOS.values())


def test_a_fired_rule_carries_its_level_why_and_sources(runner: CliRunner) -> None:
    """The JSON names the rule's level, why and sources exactly as the knowledge base has them."""
    rule = next(r for r in load_active().escalation_rules if r.id == "recurrent-episodes")
    fired = fired_after(runner, SCENARIOS["recurrent-episodes"][0])["recurrent-episodes"]
    assert (fired["level"], fired["title"], fired["why"], fired["sources"]) == (
        rule.level,
        rule.title,
        rule.why,
        list(rule.sources),
    )
    assert fired["journal"] == ["2 earlier episodes in the past year (began Wed 23 Aug 2023, Fri 1 Dec 2023)"]


def test_triage_answers_count_towards_recurrence(runner: CliRunner) -> None:
    """Earlier episodes told at triage in this episode fire the recurrence rule with a thin journal."""
    rows.triage(rows.ago(1), {"episodes_past_year": 2, "pain_score": 5}, onset_at=rows.ago(2))
    fired = fired_after(runner, [(0, 5)])
    assert "recurrent-episodes" in fired
    assert fired["recurrent-episodes"]["journal"] == ["2 earlier episodes in the past year (as told at triage)"]


def test_triage_trend_and_onset_fire_persistence(runner: CliRunner) -> None:
    """One entry today, but triage said four days ago it began and is the same: not improving."""
    rows.triage(rows.ago(0.2), {"trend": "same", "days_since_onset": 4}, onset_at=rows.ago(4.2))
    fired = fired_after(runner, [(0, 6)])["persisting-not-improving"]
    assert fired["journal"] == [
        "this episode began on Wed 6 Mar 2024 (as you said at triage on Sun 10 Mar 2024), 4.2 days ago",
        "at triage you said the pain was about the same",
    ]


def test_a_thin_journal_never_escalates(runner: CliRunner) -> None:
    """A single entry, however painful, fires no rule (missing facts are false)."""
    assert fired_after(runner, [(0, 10)]) == {}
