""""What helped": each `log --tried X` against the next pain entry within 4 hours, per remedy, on a crafted journal."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import pytest
from journal_rows import NOW, NOW_TEXT, ago, pain, triage
from screen import broken_words, widest
from terminal import on_a_terminal
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.journal import what_helped
from backspasm.journal.what_helped import Helped


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fix "now" at journal_rows.NOW."""
    monkeypatch.setenv("BACKSPASM_NOW", NOW_TEXT)


# The crafted journal, as (hours before NOW, pain, remedies tried), oldest first:
# - superficial-heat, tried 3 times: 7 -> 4, 6 -> 5, 5 -> 3: median down 2, 2 of 3 fell by 2+;
# - ice-pack, tried twice: 8 -> 7 (down 1), and once with the next entry 5 hours later (not compared);
# - walking, tried once, with heat in one entry: 6 -> 5 (down 1);
# - massage, tried once, in the last entry: no pain entry after it.
JOURNAL: list[tuple[float, int, list[str]]] = [
    (60, 8, ["ice-pack"]),
    (59, 7, []),
    (50, 7, ["superficial-heat"]),
    (48, 4, []),
    (40, 6, ["superficial-heat", "walking"]),  # two remedies named in one entry: each gets the change
    (38, 5, ["superficial-heat"]),
    (37, 3, []),
    (30, 6, ["ice-pack"]),
    (25, 5, []),  # 5 hours after: too late to say what the ice did
    (2, 4, ["massage"]),
]
EXPECTED = {
    "superficial-heat": Helped("superficial-heat", 3, 3, -2.0, 2),
    "ice-pack": Helped("ice-pack", 2, 1, -1.0, 0),
    "walking": Helped("walking", 1, 1, -1.0, 0),
    "massage": Helped("massage", 1, 0, None, 0),
}


def entries() -> list[tuple[datetime, int, list[str]]]:
    """The crafted journal as values: (when, pain, remedies)."""
    return [(NOW - timedelta(hours=hours), score, tried) for hours, score, tried in JOURNAL]


def write_journal() -> None:
    """The crafted journal in the store, with a triage in between (not a pain entry: never the "next" one)."""
    for hours, score, tried in JOURNAL:
        pain(ago(hours=hours), score, tried=tried)
    triage(ago(hours=49), {"days_since_onset": 1})


def test_each_remedy_against_the_next_pain_entry_within_4_hours() -> None:
    """Per remedy: times tried, times compared, median change, falls of 2 or more; none after the last or too late."""
    found = {h.remedy: h for h in what_helped.from_entries(entries())}
    # walking shared its entry with heat: 6 -> 5 is down 1 for both.
    assert found == EXPECTED


def test_a_remedy_tried_once_and_one_with_no_entry_after() -> None:
    """A remedy tried once gets its one change; one in the last entry is tried but not compared."""
    found = {h.remedy: h for h in what_helped.from_entries(entries())}
    assert found["walking"].tried == 1 and found["walking"].median_change == -1.0
    assert what_helped.summary_words(found["walking"]) == "tried once: down 1"
    assert found["massage"] == Helped("massage", 1, 0, None, 0)
    assert what_helped.summary_words(found["massage"]) == "tried once; no pain entry within 4 hours after"
    assert what_helped.summary_words(found["superficial-heat"]) == "tried 3 times: median down 2; down by 2+ in 2 of 3"
    assert what_helped.summary_words(found["ice-pack"]) == (
        "tried 2 times, 1 with a pain entry within 4 h: down 1"
    )


def test_the_next_entry_at_exactly_4_hours_counts() -> None:
    """4 hours is within; 4 hours and a minute is not."""
    start = NOW - timedelta(hours=10)
    on_time = [(start, 7, ["ice-pack"]), (start + timedelta(hours=4), 4, [])]
    late = [(start, 7, ["ice-pack"]), (start + timedelta(hours=4, minutes=1), 4, [])]
    assert what_helped.from_entries(on_time)[0].median_change == -3
    assert what_helped.from_entries(late)[0].compared == 0


def test_most_helpful_first_and_suggestions() -> None:
    """Ordered by how often pain fell by 2+, then the median; suggestions are those that fell at least once."""
    ordered = what_helped.helped_first(what_helped.from_entries(entries()))
    assert [h.remedy for h in ordered] == ["superficial-heat", "ice-pack", "walking", "massage"]
    assert [h.remedy for h in what_helped.suggestions(ordered)] == ["superficial-heat"]


def test_the_store_gives_the_same_as_the_pure_module() -> None:
    """journal/course.what_you_tried (one pass of the time index) agrees with what_helped on the same journal."""
    from backspasm.journal.course import what_you_tried
    from backspasm.storage.db import connect

    write_journal()
    conn = connect()
    try:
        found = {h.remedy: h for h in what_you_tried(conn, None, NOW)}
        assert found == EXPECTED
        # A span: only what was tried in it, though the next entry may fall after it.
        since, until = NOW - timedelta(hours=51), NOW - timedelta(hours=49)
        assert what_you_tried(conn, since, until) == [Helped("superficial-heat", 1, 1, -3.0, 1)]
    finally:
        conn.close()


def mine(runner: CliRunner, *args: str) -> Any:
    """`backspasm remedies --mine ARGS`."""
    result = runner.invoke(app, ["remedies", "--mine", *args])
    assert result.exit_code == 0, result.stderr
    return result


def test_remedies_mine_json(runner: CliRunner) -> None:
    """--mine --json: each remedy tried with its numbers, words, name and evidence grade, and the note."""
    write_journal()
    data = json.loads(mine(runner, "--json").stdout)
    assert [r["remedy"] for r in data["remedies"]] == ["superficial-heat", "ice-pack", "walking", "massage"]
    heat = data["remedies"][0]
    assert heat["tried"] == 3 and heat["median_change"] == -2.0 and heat["fell_by_2_or_more"] == 2
    assert heat["name"] and heat["evidence_grade"]
    assert data["note"] == what_helped.OWN_EXPERIENCE and "not evidence" in data["note"]


def test_remedies_mine_fits_80_columns_and_says_it_is_their_own_experience(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 80 columns: the person's column beside the evidence grade, ids whole, and the plain note."""
    monkeypatch.setenv("BACKSPASM_WIDTH", "80")
    on_a_terminal(monkeypatch)
    write_journal()
    out = mine(runner).stdout
    assert widest(out) <= 80 and broken_words(out) == []
    flat = " ".join(out.split())
    for remedy_id in EXPECTED:  # each id whole, its evidence grade before the person's own experience
        assert any(f"({remedy_id}):" in line for line in out.splitlines()), remedy_id
        row = flat[flat.index(f"({remedy_id}):") :]
        assert row.index("evidence:") < row.index("yours:"), remedy_id
    assert "your own experience from your journal, not evidence" in " ".join(out.split())


def test_remedies_mine_with_nothing_tried(runner: CliRunner) -> None:
    """No journal, or no remedy logged: says how to log one, and makes no journal."""
    from backspasm.storage.paths import journal_file

    out = mine(runner).stdout
    assert "No remedy in your journal yet" in out and "backspasm log --pain N --tried ID" in out
    assert not journal_file().exists()


def test_remedies_mine_keeps_the_filters(runner: CliRunner) -> None:
    """--mine with --category: only the remedies tried in that category."""
    write_journal()
    data = json.loads(mine(runner, "--json", "--category", "heat").stdout)
    assert [r["remedy"] for r in data["remedies"]] == ["superficial-heat"]


def test_the_store_agrees_with_the_pure_module_on_a_random_journal() -> None:
    """300 random entries, gaps of 30 min to 10 h: the counted SQL path gives what_helped's numbers."""
    import random

    from backspasm.journal.course import what_you_tried
    from backspasm.storage.db import connect

    rng = random.Random(21)
    made: list[tuple[datetime, int, list[str]]] = []
    at = NOW - timedelta(days=60)  # 300 gaps of at most 10 hours end before NOW
    for _ in range(300):
        at += timedelta(minutes=rng.choice([30, 120, 239, 240, 241, 600]))
        made.append((at, rng.randint(0, 10), rng.sample(["ice-pack", "walking", "massage", "yoga"], rng.randint(0, 2))))
    for when, score, tried in made:
        pain(when.isoformat(timespec="seconds"), score, tried=tried)
    conn = connect()
    try:
        stored = {h.remedy: h for h in what_you_tried(conn, None, made[-1][0])}
    finally:
        conn.close()
    assert stored == {h.remedy: h for h in what_helped.from_entries(made)}
