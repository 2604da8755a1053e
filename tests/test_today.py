"""`backspasm today`: the plan for today from the episode's onset, the journal and the knowledge base."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA, dump_yaml, load_yaml
from journal_rows import NOW_TEXT, ago, pain, pains, session, stretch, triage
from screen import broken_words, widest
from test_startup import imported_by
from typer.testing import CliRunner

from backspasm.cli import WELCOME, app, welcome_emergency
from backspasm.kb.check import check


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs at the journal tests' fixed now: Sun 10 Mar 2024, 18:00 (+01:00)."""
    monkeypatch.setenv("BACKSPASM_NOW", NOW_TEXT)


def today(runner: CliRunner, *args: str) -> dict[str, Any]:
    """`backspasm today --json ARGS` as data (it must succeed)."""
    result = runner.invoke(app, ["today", "--json", *args])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def plain(runner: CliRunner, *args: str) -> str:
    """`backspasm today --plain ARGS` (it must succeed)."""
    result = runner.invoke(app, ["today", "--plain", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def step(data: dict[str, Any], kind: str) -> dict[str, Any]:
    """The first next step of one kind."""
    return next(s for s in data["next_steps"] if s["kind"] == kind)


def test_empty_journal_says_how_to_start(runner: CliRunner, isolated_home: Path) -> None:
    """With nothing recorded, today says to start with triage or log, and creates no journal."""
    data = today(runner)
    assert data["phase"] is None and data["episode"] is None and data["next_steps"] == []
    assert "backspasm triage" in data["where"][0] and "backspasm log" in data["where"][0]
    assert not (isolated_home / "backspasm.sqlite3").exists()
    out = plain(runner)
    assert "Nothing is in your journal yet" in out and "not a diagnosis" in out


def test_day_zero_is_early_with_ice_ready(runner: CliRunner) -> None:
    """Pain first logged this afternoon: it began today, the early phase, ice can start now, a gentle routine."""
    pain(ago(hours=4), 7)
    data = today(runner)
    assert data["episode"] == {"day": 0, "began": "2024-03-10T14:00:00+01:00", "from": "journal"}
    assert data["where"][0] == (
        "This episode began today at 14:00, 4 hours ago (from the first entry in your journal)."
    )
    assert data["where"][1] == "Pain today: 7. Weekly check-in due: backspasm check-in"  # no check-in yet this episode
    assert data["phase"] == "early"
    ice = step(data, "session")
    assert (ice["id"], ice["state"], ice["from"]) == ("ice", "ready", None)
    assert ice["text"] == "Ice pack: you can start a session now: backspasm session ice"
    assert step(data, "stretch")["id"] == "gentle-start"
    assert step(data, "move")["id"] == "walking"
    assert {s["id"]: s["grade"] for s in data["next_steps"] if s["kind"] == "remedy"} == {
        "superficial-heat": "moderate quality",
        "walking": "moderate quality",
    }
    assert data["escalation"] is None


def test_day_two_from_the_triage_onset_is_later_with_heat(runner: CliRunner) -> None:
    """A triage an hour ago said the pain began 2 days ago: day 2, after 48 hours, heat, the lower-back routine."""
    answers = {"days_since_onset": 2, "location": "lower_back", "pain_score": 6}
    triage(ago(hours=1), answers, onset_at=ago(days=2, hours=1))
    pain(ago(days=1), 7)
    data = today(runner)
    assert data["episode"] == {"day": 2, "began": "2024-03-08T17:00:00+01:00", "from": "triage"}
    assert data["where"][0] == (
        "This episode began on Fri 8 Mar at 17:00, 2 days ago (as you said at triage on Sun 10 Mar)."
    )
    assert data["phase"] == "later" and data["phase_name"] == "after 48 hours"
    assert step(data, "session")["id"] == "heat"
    assert step(data, "stretch")["id"] == "lower-back"
    assert "physical-therapy" in [s["id"] for s in data["next_steps"] if s["kind"] == "remedy"]


def test_day_ten_of_an_easing_episode(runner: CliRunner) -> None:
    """Ten days in and easing: day 10, the later phase, today's one score read against the worst day."""
    pains((10, 7), (5, 5), (0.1, 3))
    data = today(runner)
    assert data["episode"]["day"] == 10
    assert data["phase"] == "later"
    assert data["pain_today"] == {"scores": [3], "trend": "easing"}
    assert data["where"][1] == "Pain today: 3 (easing). Weekly check-in due: backspasm check-in"
    assert data["escalation"] is None
    # The later phase's watch line follows the day-3 rule, never "do not wait more than 4 weeks".
    watch = [s["text"] for s in data["next_steps"] if s["kind"] == "watch"]
    assert any("3 days after it began" in text for text in watch)
    assert not any("4 weeks" in text for text in watch)


def test_pain_today_is_read_as_log_and_history_read_it(runner: CliRunner) -> None:
    """Today's scores are read against the worst day, as log reads them (8, then 5 and 6: easing)."""
    pains((1, 8), (0.4, 5), (0.1, 6))
    data = today(runner)
    assert data["pain_today"] == {"scores": [5, 6], "trend": "easing"}
    assert "Pain today: 5, 6 (easing). Weekly check-in due: backspasm check-in" in data["where"]
    log = json.loads(runner.invoke(app, ["log", "--pain", "6", "--json"]).stdout)
    assert log["facts"]["pain_improving"] is True


def test_a_session_in_its_rest_period(runner: CliRunner) -> None:
    """An ice session that ended 10 minutes ago: the next may start 40 minutes after it ended."""
    pain(ago(hours=6), 6)
    session("ice", ago(minutes_ago(25)), 900, 900)
    data = today(runner)
    ice = step(data, "session")
    assert ice["state"] == "resting"
    assert ice["from"] == "2024-03-10T18:30:00+01:00"
    assert ice["rest_minutes"] == 40
    assert ice["text"] == "Ice pack: next session from 18:30; the skin rests 40 min after ice."
    [done] = [d for d in data["done_today"] if d["kind"] == "session"]
    assert (done["id"], done["minutes"], done["text"]) == ("ice", 15.0, "Ice pack: 15 min at 17:35")


def minutes_ago(minutes: float) -> float:
    """Days for journal_rows.ago from a number of minutes."""
    return minutes / (24 * 60)


def test_a_running_session_is_shown_as_running(runner: CliRunner) -> None:
    """A session whose process is still going (this test's own) is on now, not resting."""
    from journal_rows import with_conn

    pain(ago(hours=3), 6)
    with_conn(
        "INSERT INTO sessions (protocol, started_at, ended_at, planned_seconds, applied_seconds, status, pid)"
        " VALUES ('ice', ?, ?, 900, 300, 'running', ?)",
        ago(minutes_ago(5)),
        ago(),
        os.getpid(),
    )
    data = today(runner)
    assert step(data, "session")["state"] == "running"
    assert step(data, "session")["text"] == "Ice pack: a session is on now."
    assert [d["status"] for d in data["done_today"] if d["kind"] == "session"] == ["running"]


def test_a_session_after_its_rest_can_start_now(runner: CliRunner) -> None:
    """An ice session that ended two hours ago no longer holds the next one back."""
    pain(ago(hours=6), 6)
    session("ice", ago(hours=2.5), 900, 900)
    assert step(today(runner), "session")["state"] == "ready"


def test_an_escalation_comes_first(runner: CliRunner) -> None:
    """A triage yesterday said URGENT: the plan opens with what to do about it, before the next steps."""
    result = {
        "disposition": "urgent",
        "reasons": [{"id": "fever", "title": "A high temperature with back pain"}],
        "advice": "",
        "unanswered": [],
    }
    triage(ago(days=1), {"days_since_onset": 1, "fever": True}, "urgent", result, onset_at=ago(days=2))
    data = today(runner)
    escalation = data["escalation"]
    assert escalation["level"] == "urgent"
    assert escalation["advice"] == "If you have not been seen yet: Speak to a doctor today."
    assert [rule["id"] for rule in escalation["rules"]] == ["triage-said-urgent"]
    assert "a high temperature with back pain" in escalation["rules"][0]["journal"][0]
    out = plain(runner)
    # What to do now comes first, before the day; no self-care plan until a doctor has been seen.
    assert out.index("Do this now:") < out.index("Speak to a doctor today") < out.index("This episode began")
    assert "Next steps" not in out and data["next_steps"] == [] and data["on_hold"] is True
    assert "Ice, heat and stretches can wait." in out
    assert "backspasm log --saw-doctor" in out


def test_a_doctor_visit_settles_the_escalation(runner: CliRunner) -> None:
    """After `log --saw-doctor`, the triage no longer comes first."""
    triage(ago(days=1), {"days_since_onset": 1}, "urgent", onset_at=ago(days=2))
    assert runner.invoke(app, ["log", "--saw-doctor"]).exit_code == 0
    assert today(runner)["escalation"] is None


def test_json_schema(runner: CliRunner) -> None:
    """--json has the documented keys and kinds, with times as ISO 8601 with their offset."""
    pain(ago(hours=5), 6)
    session("heat", ago(hours=1), 1200, 1200)
    stretch("gentle-start", ago(hours=2), "completed", ["pelvic-tilt", "short-walk"])
    data = today(runner)
    assert list(data) == [
        "now",
        "phase",
        "phase_name",
        "episode",
        "on_hold",
        "where",
        "pain_today",
        "escalation",
        "next_steps",
        "done_today",
        "cautions",
        "check_in_due",
        "disclaimer",
        "emergency_number",
        "flare_plan",
    ]
    assert data["now"] == NOW_TEXT
    step_keys = ["kind", "id", "text", "state", "from", "rest_minutes", "grade", "note"]
    assert all(list(s) == step_keys for s in data["next_steps"])
    assert {s["kind"] for s in data["next_steps"]} == {"move", "session", "stretch", "remedy", "watch"}
    done_keys = ["kind", "id", "text", "at", "minutes", "status", "scores"]
    assert all(list(d) == done_keys for d in data["done_today"])
    assert [d["kind"] for d in data["done_today"]] == ["stretch", "session", "pain"]
    assert "not a diagnosis" in data["disclaimer"]


def test_plain_is_one_line_per_item(runner: CliRunner) -> None:
    """--plain: headings end with a colon, each item is one '- ' line, no bullets or escape codes."""
    pains((0.3, 6), (0.1, 5))
    out = plain(runner)
    lines = out.splitlines()
    assert lines[0] == "Today, Sun 10 Mar, 18:00"
    assert "Next steps (first 48 hours):" in lines
    assert "- Stretches: Gentle start (first 2 days), about 5 min: backspasm stretch gentle-start" in lines
    assert "Done today:" in lines and "- Pain scores: 6 at 10:48, 5 at 15:36" in lines
    assert "•" not in out and "\x1b" not in out


def test_piped_today_prints_the_plain_lines(runner: CliRunner) -> None:
    """Without a terminal, `today` prints the same lines as --plain."""
    pain(ago(hours=2), 5)
    assert runner.invoke(app, ["today"]).stdout == plain(runner)


def test_since_does_not_override_the_journals_onset(runner: CliRunner) -> None:
    """Once the journal dates the episode, --since is not used (one onset on every screen), and says so."""
    pain(ago(hours=1), 5)
    result = runner.invoke(app, ["today", "--json", "--since", "3 days ago"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["episode"]["from"] == "journal"
    assert result.stderr == "backspasm: --since is not used: your journal already dates this episode (see below)\n"


def test_since_sets_the_onset_of_an_empty_journal(runner: CliRunner) -> None:
    """--since reads times as `log --at` does when the journal shows no episode."""
    data = today(runner, "--since", "3 days ago")
    assert data["episode"] == {"day": 3, "began": "2024-03-07T18:00:00+01:00", "from": "since"}
    assert data["phase"] == "later"
    assert today(runner, "--since", "yesterday 20:00")["episode"]["day"] == 0  # 22 hours: not yet a day


def test_since_alone_starts_an_episode(runner: CliRunner, isolated_home: Path) -> None:
    """With an empty journal, --since still gives a plan for that phase (and creates no journal)."""
    data = today(runner, "--since", "6h ago")
    assert (data["phase"], data["episode"]["day"]) == ("early", 0)
    assert data["where"][1] == "No pain score yet today. Add one: backspasm log"
    assert not (isolated_home / "backspasm.sqlite3").exists()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("soon", "backspasm: --since must be a date and time like 2024-03-01 18:00"),
        ("tomorrow 10:00", "backspasm: --since must be a date and time like 2024-03-01 18:00"),
        ("2030-01-01", "backspasm: --since '2030-01-01' is in the future; give when this episode of back pain began"),
    ],
)
def test_bad_since_is_one_line_and_exit_2(runner: CliRunner, value: str, message: str) -> None:
    """An unreadable or future --since: one line on stderr naming the forms allowed, exit 2."""
    result = runner.invoke(app, ["today", "--since", value])
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert len(result.stderr.splitlines()) == 1
    assert result.stdout == ""


def test_a_stretch_done_today_is_not_suggested_again(runner: CliRunner) -> None:
    """After the lower-back routine today, the plan says stretches are done rather than repeat it."""
    triage(ago(hours=1), {"days_since_onset": 3, "location": "lower_back"}, onset_at=ago(days=3, hours=1))
    stretch("lower-back", ago(hours=2), "completed", ["pelvic-tilt"])
    data = today(runner)
    assert step(data, "stretch")["state"] == "done"
    assert step(data, "stretch")["text"] == "Stretches: done today. A short walk is fine at any time."
    [done] = [d for d in data["done_today"] if d["kind"] == "stretch"]
    assert done["text"] == "Stretches: Lower back at 16:00 (done)"


def test_neck_pain_gets_the_neck_routine(runner: CliRunner) -> None:
    """The latest triage says neck: after the early phase the neck and upper back routine is suggested."""
    triage(ago(hours=1), {"days_since_onset": 4, "location": "neck"}, onset_at=ago(days=4))
    assert step(today(runner), "stretch")["id"] == "neck-and-upper-back"


def test_pregnancy_from_the_latest_triage_is_a_caution(runner: CliRunner) -> None:
    """The latest triage says pregnant: the plan ends with the pregnancy caution."""
    triage(ago(hours=2), {"days_since_onset": 1, "pregnancy": "pregnant"}, onset_at=ago(days=1, hours=2))
    data = today(runner)
    assert [c["id"] for c in data["cautions"]] == ["pregnant"]
    out = plain(runner)
    assert out.index("Take care:") < out.index("Keep heat off your belly") < out.index("not a diagnosis")


def test_no_current_episode_gives_the_prevention_steps(runner: CliRunner) -> None:
    """A journal whose last spasm ended weeks ago: no day count, the steps that keep the next one away."""
    pains((40, 6), (39, 0))
    data = today(runner)
    assert data["phase"] == "prevention" and data["episode"] is None
    assert data["where"][0].startswith("Your journal shows no spasm now.")
    assert [s["kind"] for s in data["next_steps"]][:2] == ["move", "stretch"]
    assert "session" not in [s["kind"] for s in data["next_steps"]]


def test_welcome_shows_the_short_plan_during_an_episode(runner: CliRunner) -> None:
    """`backspasm` alone, during an episode: the day, the next session and `backspasm today`, then the welcome."""
    pains((1, 7), (0.1, 6))
    session("ice", ago(minutes_ago(25)), 900, 900)
    out = runner.invoke(app, []).stdout
    lines = out.splitlines()
    assert lines[0] == "This episode began yesterday at 18:00, 1 day ago (from the first entry in your"
    assert lines[1].startswith("journal). Pain today: 6 (about the same). Weekly check-in due:")
    assert "Ice pack: next session from 18:30" in out
    assert out.index("Your plan for today: backspasm today") < out.index("backspasm: self-care for back spasms")
    assert max(len(line) for line in lines) <= 80


def test_welcome_is_unchanged_without_an_episode(runner: CliRunner, isolated_home: Path) -> None:
    """With no journal the welcome is exactly as before, and no journal is created."""
    out = runner.invoke(app, []).stdout
    from backspasm.emergency.number import EmergencyNumber

    assert out == WELCOME + "\n" + "\n".join(welcome_emergency(EmergencyNumber())) + "\n"
    assert not (isolated_home / "backspasm.sqlite3").exists()


def test_welcome_survives_a_damaged_journal(runner: CliRunner, isolated_home: Path) -> None:
    """A journal that is not a database costs the short plan, never the welcome."""
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "backspasm.sqlite3").write_bytes(b"not a database" * 100)
    result = runner.invoke(app, [])
    assert result.exit_code == 0
    assert "backspasm: self-care for back spasms" in result.stdout


def test_the_screen_fits_80_columns_without_broken_words(monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    """Drawn at 80 columns an ordinary day fits the width and the screen's 24 lines, words whole."""
    from backspasm.clock.now import now
    from backspasm.emergency.number import EmergencyNumber
    from backspasm.render.today import draw
    from backspasm.today.actions import make

    monkeypatch.setenv("BACKSPASM_WIDTH", "80")
    pains((1, 7), (0.3, 6), (0.1, 5))
    session("ice", ago(minutes_ago(25)), 900, 900)
    draw(make(now(), None, EmergencyNumber()), EmergencyNumber())
    out = capsys.readouterr().out
    assert widest(out) <= 80
    assert broken_words(out) == []
    assert len(out.splitlines()) <= 23
    assert "- Ice pack: next session from 18:30" in out


def test_kb_check_catches_a_bad_reference_in_today(tmp_path: Path, runner: CliRunner) -> None:
    """today.yaml naming a remedy or protocol that does not exist fails `kb check` with its place."""
    kb = tmp_path / "kb"
    shutil.copytree(DATA, kb)
    path = kb / "today.yaml"
    data = load_yaml(path.read_text(encoding="utf-8"))
    data["today"]["phases"][0]["remedies"].append("moon-bathing")
    data["today"]["phases"][1]["session"] = "sauna"
    path.write_text(dump_yaml(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert check(kb) == [
        "kb/today.yaml: today.phases[0] (early).remedies: remedy 'moon-bathing' does not exist",
        "kb/today.yaml: today.phases[1] (later).session: protocol 'sauna' does not exist",
    ]
    result = runner.invoke(app, ["kb", "check", str(kb)])
    assert result.exit_code == 1


def test_kb_check_catches_an_unknown_placeholder(tmp_path: Path) -> None:
    """A sentence naming a value it is not given ({dose}) is a schema problem naming what is allowed."""
    kb = tmp_path / "kb"
    shutil.copytree(DATA, kb)
    path = kb / "today.yaml"
    data = load_yaml(path.read_text(encoding="utf-8"))
    data["today"]["words"]["session_ready"] = "{name}: take {dose} now"
    path.write_text(dump_yaml(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert check(kb) == ["kb/today.yaml: today.words: session_ready names {dose}; it may name {id}, {name}"]


def test_kb_check_catches_a_remedy_outside_its_phase(tmp_path: Path) -> None:
    """A plan suggesting a later-only remedy in the early phase, or one advised against, is reported."""
    kb = tmp_path / "kb"
    shutil.copytree(DATA, kb)
    path = kb / "today.yaml"
    data = load_yaml(path.read_text(encoding="utf-8"))
    data["today"]["phases"][0]["remedies"] += ["yoga", "bed-rest"]
    path.write_text(dump_yaml(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert check(kb) == [
        "kb/today.yaml: today.phases[0] (early).remedies: remedy 'yoga' is not for the early phase",
        "kb/today.yaml: today.phases[0] (early).remedies: remedy 'bed-rest' is not-recommended; "
        "a plan never suggests it",
    ]


def test_caution_conditions_read_triage_questions(tmp_path: Path) -> None:
    """A caution reading an answer key triage never asks is reported."""
    kb = tmp_path / "kb"
    shutil.copytree(DATA, kb)
    path = kb / "today.yaml"
    data = load_yaml(path.read_text(encoding="utf-8"))
    data["today"]["cautions"][0]["when"] = {"answer": "star_sign", "equals": "leo"}
    path.write_text(dump_yaml(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert check(kb) == ["kb/today.yaml: today.cautions[0] (pregnant).when: reads 'star_sign', which is not a question"]


def test_routine_lengths_agree_with_the_stretch_command() -> None:
    """The plan's routine minutes are the ones `backspasm stretch` times, for every routine."""
    from backspasm.kb.loader import load_active, load_active_data
    from backspasm.stretch.routine import routine_seconds, stretches_of
    from backspasm.today.knowledge import from_data

    kb = load_active()
    knowledge = from_data(load_active_data())
    assert {r.routine.id: r.seconds for r in knowledge.routines} == {
        r.id: routine_seconds(stretches_of(kb, r)) for r in kb.routines
    }


def test_remembered_triage_span_agrees_with_triage_saved() -> None:
    """The plan remembers a triage as long as `session` and `stretch` do (two weeks)."""
    from backspasm.journal.facts import EPISODE_GAP
    from backspasm.storage.triage_runs import REMEMBER_FOR

    assert EPISODE_GAP == REMEMBER_FOR


@pytest.mark.kb_cache  # warms the cache for the fresh interpreters
def test_today_json_and_plain_import_no_pydantic_or_rich(isolated_home: Path) -> None:
    """`today --json` and `--plain` read the knowledge base's plain data: no pydantic models, no rich."""
    assert runner_ok(["remedies", "--json"])  # warms the knowledge-base cache, as any earlier run would
    for args in (["today", "--json"], ["today", "--plain"]):
        modules = imported_by(*args)
        assert [m for m in ("backspasm.kb.models", "rich", "questionary", "yaml") if m in modules] == [], args


def runner_ok(args: list[str]) -> bool:
    """Run a command through CliRunner; True when it exits 0."""
    return CliRunner().invoke(app, args).exit_code == 0


def test_an_emergency_names_the_emergency_number(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """An EMERGENCY triage today: the plan says to call the configured number now, first."""
    monkeypatch.setenv("BACKSPASM_EMERGENCY_NUMBER", "999")
    result = {"disposition": "emergency", "reasons": [{"title": "New trouble peeing"}], "advice": "", "unanswered": []}
    triage(
        ago(hours=3), {"days_since_onset": 1, "bladder_bowel_change": True}, "emergency", result, onset_at=ago(days=1)
    )
    data = today(runner)
    assert data["escalation"]["level"] == "emergency"
    assert data["escalation"]["advice"].startswith("If you have not been seen yet: Call 999 now")
    assert data["on_hold"] is True and data["next_steps"] == []
    welcome = runner.invoke(app, []).stdout
    assert welcome.startswith("Do this now: If you have not been seen yet: Call 999 now")
    assert welcome.index("Call 999 now") < welcome.index("This episode began") < welcome.index("backspasm: self-care")
    assert "Ice pack" not in welcome.split("backspasm: self-care")[0]  # no session planned


def test_many_scores_today_are_cut_to_the_first_and_last(runner: CliRunner) -> None:
    """Ten scores today read as the first, then the last four; the JSON keeps all ten."""
    pains(*[(0.5 - i / 100, i) for i in range(10)])
    data = today(runner)
    assert data["where"][1] == "Pain today: 0, …, 6, 7, 8, 9. Weekly check-in due: backspasm check-in"
    assert data["pain_today"]["scores"] == list(range(10))


def test_a_journal_rule_comes_first_without_the_doctor_visit_hint(runner: CliRunner) -> None:
    """A journal rule (pain worse) comes first, without --saw-doctor, the onset said once, the plan going on."""
    pains((4, 8), (3, 3), (2, 3), (1, 6), (0.1, 7))
    data = today(runner)
    assert [rule["id"] for rule in data["escalation"]["rules"]] == ["pain-worse"]
    out = plain(runner)
    assert "- The pain is getting worse: pain is worse again: 7/10 on Sun 10 Mar 2024, up from 3/10" in out
    assert "--saw-doctor" not in out and "Next steps" in out
    # The onset is said once, above the box: not again in the rule's line.
    assert out.count("This episode began") == 1 and "this episode began" not in out


def test_a_stretch_that_hurt_today_stops_the_suggestion(runner: CliRunner) -> None:
    """A routine stopped today because it hurt more: no routine is suggested, walks still are."""
    pain(ago(hours=5), 6)
    stretch("gentle-start", ago(hours=2), "worse", [], stopped_at="pelvic-tilt")
    data = today(runner)
    assert step(data, "stretch")["state"] == "worse"
    assert step(data, "stretch")["text"].startswith("Stretches: one hurt more today")
    assert step(data, "move")["id"] == "walking"
