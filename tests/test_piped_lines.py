"""Piped or redirected, the everyday commands print their screens' facts as plain lines (no rich).

CliRunner's stdout is no terminal, as a pipe: these tests read what a script or `| less` gets.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import journal_rows as rows
import pytest
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.kb.loader import load_active_data
from backspasm.kb.vocab import DISCLAIMER, STANCE_LABELS

# Box drawing and escape codes: what rich draws, and plain lines never hold.
DRAWN = re.compile("[\u2500-\u257f\x1b]")


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """The journal tests' fixed now, with 999 as the emergency number."""
    monkeypatch.setenv("BACKSPASM_NOW", rows.NOW_TEXT)
    monkeypatch.setenv("BACKSPASM_EMERGENCY_NUMBER", "999")


def piped(runner: CliRunner, *args: str) -> str:
    """What the command writes on stdout when it is not a terminal; it must succeed."""
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    assert not DRAWN.search(result.stdout), result.stdout
    return result.stdout


def flat(out: str) -> str:
    """The output with its line breaks and wrapping indents folded away, for phrase checks."""
    return " ".join(out.split())


def internal_names() -> list[str]:
    """The source ids (seed file names among them), which people never see."""
    return [source["id"] for source in load_active_data()["sources"]]


def assert_no_internal_names(out: str) -> None:
    """No seed file name or source id reaches the output."""
    leaked = [name for name in internal_names() if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", out)]
    assert leaked == []


def test_remedies_lists_each_remedy_with_its_stance_and_grade(runner: CliRunner) -> None:
    """`remedies` piped: one line per remedy with its name, id, stance and evidence grade, then the disclaimer."""
    out = piped(runner, "remedies")
    assert out.splitlines()[0] == "Remedies for back spasms:"
    for remedy in load_active_data()["remedies"]:
        said = f"- {remedy['name']} ({remedy['id']}): {STANCE_LABELS[remedy['stance']]}; "
        assert f"{said}evidence: {remedy['evidence']['grade']};" in flat(out)
    assert "Details: backspasm remedies show ID" in out and flat(out).endswith(DISCLAIMER)
    assert_no_internal_names(out)


def test_remedy_in_full_names_its_sources_by_title(runner: CliRunner) -> None:
    """`remedies show ice-pack` piped: steps, cautions, evidence grade and every source by title, never by id."""
    data = load_active_data()
    remedy = next(r for r in data["remedies"] if r["id"] == "ice-pack")
    out = piped(runner, "remedies", "show", "ice-pack")
    assert out.startswith(f"{remedy['name']}\n")
    assert "Steps:\n1. " in out and "Cautions:\n- " in out
    assert flat(f"Evidence: {remedy['evidence']['grade']} — {remedy['evidence']['summary']}") in flat(out)
    sources = {s["id"]: s for s in data["sources"]}
    for key in [*remedy["evidence"]["sources"], *remedy["sources"]]:
        assert flat(f"- {sources[key]['publisher']}: {sources[key]['title']}") in flat(out)
    assert flat(out).endswith(DISCLAIMER)
    assert_no_internal_names(out)


def test_causes_say_prevention_and_sources(runner: CliRunner) -> None:
    """`causes` piped: each cause with its tips, the remedies that help and its sources by title."""
    out = piped(runner, "causes")
    for cause in load_active_data()["causes"]:
        assert f"\n{cause['name']}:\n" in f"\n{out}" and flat(cause["description"]) in flat(out)
        assert all(flat(f"- {tip}") in flat(out) for tip in cause["prevention"])
    assert out.count("\nSources: ") == len(load_active_data()["causes"])
    assert flat(out).endswith(DISCLAIMER)
    assert_no_internal_names(out)


def test_warning_signs_come_most_urgent_first_with_whom_to_call(runner: CliRunner) -> None:
    """`warning-signs` piped: the emergency group first with whom to call, every sign, sources once."""
    out = piped(runner, "warning-signs")
    lines = out.splitlines()
    assert lines[0].startswith("Emergency") and lines[0].endswith(":")
    assert "999" in lines[1]
    for sign in load_active_data()["warning_signs"]:
        assert flat(f"- {sign['title']}: {sign['why']}") in flat(out)
    assert "\nSources:\n1. " in out and flat(out).endswith(DISCLAIMER)
    assert_no_internal_names(out)


def test_protocols_and_routines_name_their_ids_and_lengths(runner: CliRunner) -> None:
    """`protocols` and `stretch --list` piped: each id with its lengths, then how to start one and the disclaimer."""
    protocols = piped(runner, "protocols")
    assert "- Ice pack (ice): 15 min by default, at most 20 min; rest at least 40 min" in protocols
    assert "Start one: backspasm session ID" in protocols and flat(protocols).endswith(DISCLAIMER)
    routines = piped(runner, "stretch", "--list")
    for routine in load_active_data()["routines"]:
        assert f"({routine['id']}" in routines
    assert "Stop any stretch that makes the pain sharper or worse." in flat(routines)


def test_history_writes_a_line_per_row_and_the_trend(runner: CliRunner) -> None:
    """`history` piped: the window's title, a line per row with its time and kind, the pain by day."""
    rows.pains((3, 6), (2, 5), (1, 4))
    out = piped(runner, "history")
    assert out.startswith("Your journal: the last 30 days:\n")
    assert len(re.findall(r"^- \d{4}-\d\d-\d\d \d\d:\d\d pain: pain \d+/10", out, re.M)) == 3
    assert "Pain by day" in out


def test_history_all_rows_are_written_as_they_are_read(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """`history --all --limit 0` piped writes every row, a part at a time."""
    from backspasm.render import timeline

    monkeypatch.setattr(timeline, "PART_ROWS", 7)
    for n in range(30):
        rows.pain(rows.ago(n), 4)
    out = piped(runner, "history", "--all", "--limit", "0")
    assert out.count("pain: pain 4/10") == 30 and out.count("Your journal: everything:") == 1


def test_an_emergency_comes_first_in_log_and_history(runner: CliRunner) -> None:
    """After an emergency triage, piped `history` opens with it and `log` shows it after the entry, sources and all."""
    result = {"disposition": "emergency", "reasons": [{"title": "New trouble peeing"}], "advice": "", "unanswered": []}
    rows.triage(rows.ago(hours=1), {"days_since_onset": 1}, "emergency", result, onset_at=rows.ago(days=1, hours=1))
    log = piped(runner, "log", "--pain", "6", "--no-new-symptoms")
    assert log.startswith("Logged pain 6/10")  # what was written, then the box, as on the screen
    history = piped(runner, "history")
    for out in (log.split("\n\n", 1)[1], history):
        lines = out.splitlines()
        assert lines[0] == "Emergency:" and lines[1].startswith("Call 999 now")
        assert any(line.startswith("  Sources: ") for line in lines)
        assert any(line.startswith("Call 999 now (") for line in lines[2:])
        assert "Self-care guidance from your own record, not a diagnosis." in lines
        assert_no_internal_names(out)


def test_a_quiet_journal_says_so_after_the_entry(runner: CliRunner) -> None:
    """`log` piped with nothing to escalate: the entry, then that nothing says it is time to see a doctor."""
    out = piped(runner, "log", "--pain", "3", "--no-new-symptoms", "--note", "stiff")
    first, quiet = out.split("\n\n")
    assert first.startswith("Logged pain 3/10 at ") and first.endswith("; note: stiff")
    assert flat(quiet).startswith("Nothing in your journal says it is time to see a doctor.")


def test_a_visit_is_recorded_in_plain_words(runner: CliRunner) -> None:
    """`log --saw-doctor` piped: the visit, that earlier reminders are settled, and what the journal says."""
    out = piped(runner, "log", "--saw-doctor", "--note", "GP")
    assert out.startswith("Recorded: seen by a doctor at ") and "; note: GP\n" in out
    assert "Triage reminders from before this visit are settled." in out


def test_control_characters_in_a_note_are_shown_not_sent(runner: CliRunner) -> None:
    """A note with an escape sequence is written with the escape made visible, as the screens do."""
    rows.pain(rows.ago(hours=2), 4, note="red\x1b[31mtext")
    out = piped(runner, "history")
    assert "\x1b" not in out and "red" in out


def test_remedies_mine_piped_names_the_note(runner: CliRunner) -> None:
    """`remedies --mine` piped: each logged remedy with its grade and the person's own experience, then the note."""
    rows.pain(rows.ago(hours=3), 6, tried=["superficial-heat"])
    rows.pain(rows.ago(hours=2), 3)
    out = piped(runner, "remedies", "--mine")
    assert "Remedies you tried:" in out and "(superficial-heat): evidence: moderate quality; yours: " in flat(out)
    assert "your own experience from your journal, not evidence" in flat(out)


@pytest.mark.parametrize("args", [("remedies",), ("remedies", "show", "ice-pack"), ("causes",), ("warning-signs",)])
def test_lines_wrap_in_whole_words_to_the_width(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    """Piped lines wrap within 80 columns (COLUMNS when set) in whole words: the words are those of unwrapped lines."""
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("BACKSPASM_WIDTH", raising=False)
    wrapped = piped(runner, *args)
    assert max(len(line) for line in wrapped.splitlines()) <= 79
    monkeypatch.setenv("COLUMNS", "2000")
    whole = piped(runner, *args)
    assert max(len(line) for line in whole.splitlines()) > 79
    assert flat(wrapped) == flat(whole)


def test_a_piped_session_says_its_steps_and_each_event(runner: CliRunner) -> None:
    """`session ice --yes --plain` piped: its length, each numbered step, the disclaimer, then a line per event."""
    result = runner.invoke(app, ["session", "ice", "--yes", "--plain", "--no-bell", "--duration", "0.2s"])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert not DRAWN.search(out)
    assert out.startswith("Ice pack: ") and "\n  1. " in out and DISCLAIMER in flat(out)
    assert "Ice pack: started." in out and "Ice pack: done." in out


def test_a_piped_session_ruled_out_says_why_and_what_instead(runner: CliRunner) -> None:
    """A session whose safety check is answered "no" piped: why not, and what to do instead, as plain lines."""
    result = runner.invoke(app, ["session", "ice", "--plain", "--duration", "0.2s"], input="n\n")
    assert result.exit_code == 1
    assert "Ice pack: not safe to start now:" in result.stdout
    assert "\nWhy: " in result.stdout and "\nInstead: " in result.stdout
    assert not DRAWN.search(result.stdout)


def test_a_piped_emergency_triage_keeps_its_safety_words(runner: CliRunner, tmp_path: Path) -> None:
    """`triage --answers` piped says the level first and last, what to do now and the number to call, without boxes."""
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"age": 50, "saddle_numbness": True}), encoding="utf-8")
    out = piped(runner, "triage", "--answers", str(answers), "--no-save")
    lines = out.strip().splitlines()
    assert lines[0] == "Triage result: EMERGENCY"
    assert "What to do now:" in lines
    assert "Call 999 now" in flat(out)
    assert lines[-1].startswith("Call 999 now")
    assert any(line.startswith("EMERGENCY: Call 999 now") for line in lines[-4:-1])
    assert DISCLAIMER in flat(out)


def test_a_piped_self_care_triage_is_no_all_clear(runner: CliRunner, tmp_path: Path) -> None:
    """A piped self-care result from a short answers file says what was not asked, its remedies and the level last."""
    answers = tmp_path / "answers.json"
    no_signs = {"age": 35, "location": "lower_back", "days_since_onset": 4, "trend": "improving", "pain_score": 4}
    answers.write_text(json.dumps(no_signs), encoding="utf-8")
    out = flat(piped(runner, "triage", "--answers", str(answers), "--no-save"))
    assert out.startswith("Triage result: SELF-CARE")
    assert "so this is not an all-clear. Not asked about:" in out
    assert "- Heat pad, heat wrap or hot water bottle (superficial-heat): recommended; evidence:" in out
    assert "answers were not given, so triage could not check them" in out
    assert "SELF-CARE: " in out.rsplit(DISCLAIMER, 1)[1]


@pytest.mark.slow  # a real routine of one stretch, about 3 s
def test_a_piped_stretch_routine_says_its_card_events_and_end(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A piped routine says what it is, the stretch's steps, timing and cautions, each event and the end, unboxed."""
    from stretch_kb import tiny_kb

    monkeypatch.setenv("BACKSPASM_KB", str(tiny_kb(tmp_path)))
    out = piped(runner, "stretch", "tiny-one", "--yes", "--no-bell", "--ready", "0")
    lines = out.splitlines()
    assert lines[0] == "One tiny stretch:"
    assert "Keys: space or p pauses and resumes, q ends the routine." in lines
    assert "Stretch 1 of 1: Pelvic tilt" in lines
    assert "  1. Lie on your back with your knees bent and your feet flat on the floor." in lines
    assert "     Hold 1 s, 2 times, with 1 s rest between." in lines
    assert "   ! Stop if the pain gets sharper or worse." in lines
    assert "Pelvic tilt: done, 2 of 2. Relax." in lines
    assert lines[-2] == "Routine done: 1 of 1 stretches. Saved in your journal."
    assert lines[-1] == "See your record: backspasm history"
    assert DISCLAIMER in flat(out)
