"""The journal read the way patients feel pain (clinical reference v3, "Reading the journal").

The clinical review's scenarios, each run through the real commands: `log --json` says which rules
fire, and `today --json` and `history --json` must say the same (one verdict on every screen).
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import journal_rows as rows
import pytest
from terminal import on_a_terminal
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.journal.pain_trend import IMPROVING, SAME, WORSE, DayHigh, day_highs, eased, read
from backspasm.storage.db import connect

Pains = list[tuple[float, int]]  # (days before now, pain)
D0 = date(2024, 3, 1)


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every scenario is measured from the journal tests' fixed now."""
    monkeypatch.setenv("BACKSPASM_NOW", rows.NOW_TEXT)


def days(*pains: int) -> list[DayHigh]:
    """One DayHigh per pain, on consecutive days."""
    return [DayHigh(D0 + timedelta(days=i), pain) for i, pain in enumerate(pains)]


# ---------------------------------------------------------------- the reading itself


@pytest.mark.parametrize(
    ("pains", "trend"),
    [
        ((9, 9, 8, 8, 8), SAME),  # 9 to 8 over 5 days: a person says "about the same"
        ((8, 3, 3, 6, 7), WORSE),  # the relapse
        ((8, 7, 6), IMPROVING),  # 2 points below the worst day
        ((3, 2), IMPROVING),  # 1 point, but 33%: a small score's change counts as a share
        ((10, 8), IMPROVING),
        ((10, 9), SAME),
        ((4, 5), WORSE),  # above the worst day
        ((8, 4, 6), WORSE),  # 2 below the worst, but 2 above the low: worse wins
        ((6, 6, 6), SAME),
        ((8, 2, 8, 5, 6), IMPROVING),  # read from the latest peak, not the first
    ],
)
def test_the_latest_day_is_read_against_the_worst_and_the_lowest(pains: tuple[int, ...], trend: str) -> None:
    """Improving is 2 points or 30% below the worst day; worse is above it, or 2 above the low since it."""
    found = read(days(*pains))
    assert found is not None and found.trend == trend


def test_one_day_is_no_trend() -> None:
    """A single day cannot be read as a trend."""
    assert read(days(7)) is None


def test_a_days_pain_is_its_highest_entry() -> None:
    """Several entries on one day count as that day's highest."""
    assert day_highs([(D0, 4), (D0, 7), (D0, 5), (D0 + timedelta(days=1), 2)]) == days(7, 2)


def test_eased_some_day_remembers_an_improving_day() -> None:
    """A day that was improving when it came is remembered after the pain settles back."""
    found = read(days(8, 6, 7))
    assert found is not None and (found.trend, found.eased_some_day) == (SAME, True)
    never = read(days(9, 9, 8, 8))
    assert never is not None and never.eased_some_day is False


def test_thirty_percent_is_measured_without_rounding() -> None:
    """30% below 10 is 7: exactly at the line counts."""
    assert eased(7, 10) and not eased(8, 9) and eased(0, 1) and not eased(0, 0)


# ---------------------------------------------------------------- the review's scenarios, on every screen


def write(pains: Pains) -> None:
    """Write the entries into the store."""
    rows.pains(*pains)


def verdicts(runner: CliRunner, last: tuple[float, int] | None = None, *log_args: str) -> dict[str, set[str]]:
    """The rule ids that fire, as `log` (logging `last`), `today` and `history` each say them."""
    found: dict[str, set[str]] = {}
    if last is not None:
        days_ago, pain = last
        result = runner.invoke(app, ["log", "--pain", str(pain), "--at", rows.ago(days_ago), "--json", *log_args])
        assert result.exit_code == 0, result.stderr
        found["log"] = {rule["id"] for rule in json.loads(result.stdout)["escalation"]}
    today = runner.invoke(app, ["today", "--json"])
    assert today.exit_code == 0, today.stderr
    escalation = json.loads(today.stdout)["escalation"]
    found["today"] = {rule["id"] for rule in escalation["rules"]} if escalation else set()
    history = runner.invoke(app, ["history", "--json"])
    assert history.exit_code == 0, history.stderr
    found["history"] = {rule["id"] for rule in json.loads(history.stdout)["escalation"]}
    return found


def agreed(found: dict[str, set[str]]) -> set[str]:
    """The one verdict every screen gave (they must agree)."""
    values = list(found.values())
    assert all(v == values[0] for v in values), found
    return values[0]


def test_rising_pain_on_day_0_fires_nothing(runner: CliRunner) -> None:
    """Pain from 4 to 7 on the first day: nothing fires before day 3."""
    write([(0.3, 4), (0.2, 5), (0.1, 6)])
    assert agreed(verdicts(runner, (0, 7))) == set()


def test_improving_at_day_30_is_not_the_four_week_rule(runner: CliRunner) -> None:
    """Pain steadily improving at day 30: the 4-week rule stays silent (it is for pain not improving)."""
    write([(30, 8), (25, 7), (20, 6), (15, 5), (10, 4), (5, 3)])
    assert agreed(verdicts(runner, (0, 3))) == set()


def test_six_weeks_fires_whatever_the_trend(runner: CliRunner) -> None:
    """At 6 weeks the rule fires even though the pain is improving."""
    write([(43, 8), (35, 7), (25, 6), (15, 5), (5, 3)])
    assert agreed(verdicts(runner, (0, 2))) == {"very-long-episode"}


def test_nine_to_eight_over_five_days_is_about_the_same(runner: CliRunner) -> None:
    """9 to 8 over 5 days is "about the same", so the 3-day rule fires."""
    write([(5, 9), (4, 9), (3, 8), (2, 8), (1, 8)])
    found = verdicts(runner, (0, 8))
    assert agreed(found) == {"persisting-not-improving"}
    log = runner.invoke(app, ["log", "--pain", "8", "--json"])
    journal = json.loads(log.stdout)["escalation"][0]["journal"]
    assert "pain is about the same: 8/10 on Sun 10 Mar 2024; the worst day was 9/10 on Wed 6 Mar 2024" in journal


def test_the_relapse_is_worse(runner: CliRunner) -> None:
    """8, 3, 3, 6, 7 by day 4: worse again, and the pain-worse rule says so."""
    write([(4, 8), (3, 3), (2, 3), (1, 6)])
    assert agreed(verdicts(runner, (0, 7))) == {"pain-worse"}
    log = runner.invoke(app, ["log", "--pain", "7", "--json"])
    journal = json.loads(log.stdout)["escalation"][0]["journal"]
    assert "pain is worse again: 7/10 on Sun 10 Mar 2024, up from 3/10 on Fri 8 Mar 2024" in journal


def test_the_same_pain_for_three_days(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same pain for 3 days fires nothing before day 3, and the 3-day rule once day 3 comes."""
    write([(2.5, 6), (1.5, 6)])
    assert agreed(verdicts(runner, (0.5, 6))) == set()  # 2.5 days since it began
    later = rows.NOW + timedelta(days=0.5)
    monkeypatch.setenv("BACKSPASM_NOW", later.isoformat())
    assert agreed(verdicts(runner)) == {"persisting-not-improving"}  # day 3


def test_after_an_urgent_triage(runner: CliRunner) -> None:
    """An urgent triage today with pain rising on day 0: the triage is remembered, no pain rule fires."""
    rows.triage(rows.ago(0.2), {"days_since_onset": 0.2, "fever": True}, "urgent", onset_at=rows.ago(0.4))
    write([(0.1, 5)])
    assert agreed(verdicts(runner, (0, 8))) == {"triage-said-urgent"}
    today = json.loads(runner.invoke(app, ["today", "--json"]).stdout)
    assert today["on_hold"] is True and today["next_steps"] == []


def test_after_a_soon_triage(runner: CliRunner) -> None:
    """A soon triage: remembered on every screen, and today still plans self-care around it."""
    rows.triage(rows.ago(1), {"days_since_onset": 1, "age": 72}, "soon", onset_at=rows.ago(2))
    write([(1, 6)])
    assert agreed(verdicts(runner, (0, 6))) == {"triage-said-soon"}
    today = json.loads(runner.invoke(app, ["today", "--json"]).stdout)
    assert today["on_hold"] is False and today["next_steps"]


# ---------------------------------------------------------------- new symptoms told to `log`


def test_new_symptoms_send_to_triage_on_every_screen(runner: CliRunner) -> None:
    """`log --new-symptoms`: the panel says run triage now, first; today and history say the same."""
    result = runner.invoke(app, ["log", "--pain", "5", "--new-symptoms"])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.index("Run backspasm triage now.") < out.index("Logged pain 5/10")
    assert "Urgent" in out.splitlines()[0]
    assert agreed(verdicts(runner)) == {"new-symptoms"}
    today = json.loads(runner.invoke(app, ["today", "--json"]).stdout)
    assert today["escalation"]["advice"].startswith("Run backspasm triage now.")
    assert today["on_hold"] is True and today["next_steps"] == []


def test_a_triage_after_new_symptoms_settles_them(runner: CliRunner) -> None:
    """Once a triage follows the entry, the new-symptoms rule no longer fires."""
    runner.invoke(app, ["log", "--pain", "5", "--new-symptoms", "--at", rows.ago(0.2)])
    rows.triage(rows.ago(0.1), {"days_since_onset": 0.3}, "self_care", onset_at=rows.ago(0.4))
    assert "new-symptoms" not in agreed(verdicts(runner))


def test_no_new_symptoms_is_stored_and_fires_nothing(runner: CliRunner) -> None:
    """`--no-new-symptoms` is stored as "no" and sends no one to triage."""
    result = runner.invoke(app, ["log", "--pain", "5", "--no-new-symptoms", "--json"])
    assert json.loads(result.stdout)["entry"]["new_symptoms"] == "no"
    assert json.loads(result.stdout)["escalation"] == []
    conn = connect()
    assert conn.execute("SELECT new_symptoms FROM pain_entries").fetchone()[0] == "no"
    conn.close()


def test_new_symptoms_do_not_go_with_saw_doctor(runner: CliRunner) -> None:
    """`--saw-doctor --new-symptoms` is a usage error: exit 2, one line."""
    result = runner.invoke(app, ["log", "--saw-doctor", "--new-symptoms"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "--new-symptoms goes with a pain entry" in result.stderr


def test_in_a_terminal_log_asks_about_new_symptoms(runner: CliRunner) -> None:
    """In a terminal, log asks the one-line question; "Not sure" counts as a reason to triage now."""
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text("u\r")
        result = runner.invoke(app, ["log", "--pain", "4"])
    assert result.exit_code == 0, result.stderr
    assert "Run backspasm triage now." in result.stdout
    conn = connect()
    assert conn.execute("SELECT new_symptoms FROM pain_entries").fetchone()[0] == "unsure"
    conn.close()


def test_new_symptoms_at_the_moment_of_a_triage_still_send_to_triage(runner: CliRunner) -> None:
    """An entry at the very moment of the latest triage is not settled by it: triage comes first."""
    rows.triage(rows.NOW_TEXT, {"days_since_onset": 1}, "self_care", onset_at=rows.ago(1))
    result = runner.invoke(app, ["log", "--pain", "7", "--new-symptoms", "--json"])
    assert [rule["id"] for rule in json.loads(result.stdout)["escalation"]] == ["new-symptoms"]


def test_a_backdated_entry_with_new_symptoms_still_says_triage_now_first(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """New symptoms on an entry dated before a later triage: `log` still opens with "Run backspasm triage now."."""
    rows.triage(rows.ago(0.1), {"days_since_onset": 1}, "self_care", onset_at=rows.ago(1))
    piped = runner.invoke(app, ["log", "--pain", "7", "--new-symptoms", "--at", rows.ago(0.5)]).stdout
    assert piped.splitlines()[:2] == ["Urgent:", "Run backspasm triage now."]
    assert piped.index("Run backspasm triage now.") < piped.index("Logged pain 7/10")
    on_a_terminal(monkeypatch)
    out = runner.invoke(app, ["log", "--pain", "7", "--new-symptoms", "--at", rows.ago(0.5)]).stdout
    assert out.splitlines()[:2] == ["Urgent:", "Run backspasm triage now."]
    assert out.index("Run backspasm triage now.") < out.index("Logged pain 7/10")


def test_ctrl_c_at_the_new_symptoms_question_stores_nothing(runner: CliRunner) -> None:
    """Ctrl-C at "anything new with it?": exit 130, no entry stored (an unanswered question is never a no)."""
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text("\x03")
        result = runner.invoke(app, ["log", "--pain", "4"])
    assert result.exit_code == 130
    assert rows.count("pain_entries") == 0
