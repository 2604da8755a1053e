"""`backspasm triage` from the command line: --answers, --json, errors, the emergency number, no terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from backspasm.cli import app

EMERGENCY = {"age": 45, "days_since_onset": 5, "bladder_bowel_change": True, "saddle_numbness": True}
ORDINARY = {"age": 30, "days_since_onset": 1, "trend": "improving", "pain_score": 6, "leg_pain_below_knee": "none"}
STARTBACK_HIGH = {
    "leg_pain_spread": False,
    "shoulder_or_neck_pain": True,
    "walked_short_distances": False,
    "dressed_slowly": True,
    "unsafe_to_be_active": True,
    "worrying_thoughts": True,
    "never_get_better": False,
    "not_enjoying_things": True,
    "bothersomeness": "extremely",
}
DEFAULT_NUMBER = "your local emergency number (for example 999, 911 or 112)"


def write(tmp_path: Path, answers: Any, name: str = "answers.yaml") -> str:
    """Write answers as YAML (or JSON for a .json name) and return the path."""
    path = tmp_path / name
    text = json.dumps(answers) if name.endswith(".json") else yaml.safe_dump(answers, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return str(path)


def triage(runner: CliRunner, *args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> Any:
    """Invoke `backspasm triage ARGS`."""
    return runner.invoke(app, ["triage", *args], input=stdin, env=env)


# ---------------------------------------------------------------- JSON result


def test_json_is_exactly_the_contract_object(runner: CliRunner, tmp_path: Path) -> None:
    """--json prints one object: the contract's keys, then whom to call (emergency_number); nothing else anywhere."""
    result = triage(runner, "--answers", write(tmp_path, EMERGENCY), "--json")
    assert result.exit_code == 0
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert list(data) == ["disposition", "reasons", "advice", "unanswered", "complete", "emergency_number"]
    assert data["disposition"] == "emergency"
    # Five days with the trend left out: read as "not improving" (reference v2), so that sign fires too.
    assert [r["id"] for r in data["reasons"]] == [
        "cauda-equina-bladder",
        "cauda-equina-saddle",
        "persisting-not-improving",
    ]
    for reason in data["reasons"]:
        assert list(reason) == ["id", "title", "why", "sources"]
        assert reason["title"] and reason["why"] and reason["sources"]
    assert DEFAULT_NUMBER in data["advice"]
    assert "age" not in data["unanswered"]
    assert "sexual_dysfunction" in data["unanswered"]


def test_json_has_startback_only_when_answered(runner: CliRunner, tmp_path: Path) -> None:
    """The startback object appears with total, psychosocial and risk when the items were given."""
    plain = json.loads(triage(runner, "--answers", write(tmp_path, ORDINARY), "--json").stdout)
    assert "startback" not in plain
    assert plain["disposition"] == "self_care"
    assert plain["reasons"] == []
    scored = json.loads(
        triage(runner, "--answers", write(tmp_path, {**ORDINARY, "startback": STARTBACK_HIGH}), "--json").stdout
    )
    assert scored["startback"] == {"total": 6, "psychosocial": 4, "risk": "high"}
    assert scored["disposition"] == "soon"
    assert "startback" not in scored["unanswered"]


def test_answers_from_json_file_and_stdin(runner: CliRunner, tmp_path: Path) -> None:
    """A .json file and '-' (stdin, JSON or YAML) give the same result as a YAML file."""
    from_file = triage(runner, "--answers", write(tmp_path, EMERGENCY, "a.json"), "--json")
    from_stdin = triage(runner, "--answers", "-", "--json", stdin=json.dumps(EMERGENCY))
    from_yaml_stdin = triage(runner, "-a", "-", "--json", stdin=yaml.safe_dump(EMERGENCY))
    assert from_file.exit_code == from_stdin.exit_code == from_yaml_stdin.exit_code == 0
    assert json.loads(from_file.stdout) == json.loads(from_stdin.stdout) == json.loads(from_yaml_stdin.stdout)


# ---------------------------------------------------------------- errors


def test_bad_answers_exit_2_with_one_line_per_problem(runner: CliRunner, tmp_path: Path) -> None:
    """Unknown keys, wrong types and out-of-range values: exit 2, a line each on stderr, nothing on stdout."""
    bad = {"age": 200, "fevr": True, "trend": "better", "chest_pain": "no"}
    result = triage(runner, "--answers", write(tmp_path, bad), "--json")
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 4
    assert lines[0] == "backspasm: age: must be a whole number from 0 to 120 (got 200)"
    assert lines[1].startswith("backspasm: fevr: not an answer key; did you mean 'fever'? (allowed: ")
    assert lines[2] == 'backspasm: trend: must be one of improving, same, worse (got "better")'
    assert lines[3] == 'backspasm: chest_pain: must be true, false or unsure (got "no")'


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "is empty; write {} to assess with no answers"),
        ("- fever\n- age\n", "answers: must be a mapping of answer keys to values (got list)"),
        ("fever: [true\n", "not valid YAML or JSON"),
    ],
)
def test_unusable_answers_file_exits_2(runner: CliRunner, tmp_path: Path, content: str, message: str) -> None:
    """An empty file, a list, or broken YAML is a usage error saying what is wrong."""
    path = tmp_path / "answers.yaml"
    path.write_text(content, encoding="utf-8")
    result = triage(runner, "--answers", str(path), "--json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr


def test_missing_answers_file_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    """A file that does not exist is named in the error."""
    result = triage(runner, "--answers", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert "nope.yaml: no such file" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--json"], "--json needs --answers FILE"),
        (["--startback", "--answers", "-"], "--startback asks the STarT Back questions interactively"),
    ],
)
def test_option_combinations_that_make_no_sense(runner: CliRunner, args: list[str], message: str) -> None:
    """--json without --answers, and --startback with --answers, are usage errors."""
    result = triage(runner, *args, stdin="{}")
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_not_a_terminal_without_answers_exits_2_at_once(runner: CliRunner) -> None:
    """No terminal and no --answers: exit 2 with a message pointing at --answers (no prompt, no hang)."""
    result = triage(runner)
    assert result.exit_code == 2
    assert "--answers" in result.stderr
    assert result.stdout == ""


def test_installed_command_without_terminal_exits_2_without_prompt_toolkit_warning(tmp_path: Path) -> None:
    """A real process with stdin from /dev/null exits 2 quickly and prints no prompt_toolkit warning."""
    env = {**os.environ, "BACKSPASM_HOME": str(tmp_path), "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "backspasm", "triage"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=20,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert "--answers" in done.stderr
    assert "Warning" not in done.stderr
    assert len(done.stderr.splitlines()) == 1


def test_json_path_imports_no_rich_or_questionary(tmp_path: Path) -> None:
    """`triage --answers F --json` never imports rich, questionary or prompt_toolkit (startup cost)."""
    path = write(tmp_path, EMERGENCY)
    code = (
        "import sys\n"
        "from backspasm.cli import app\n"
        "try:\n"
        f"    app(['triage', '--answers', {path!r}, '--json'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'rich', 'questionary', 'prompt_toolkit'})\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    env = {**os.environ, "BACKSPASM_HOME": str(tmp_path / "home"), "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=30, check=False
    )
    assert "HEAVY []" in done.stderr, done.stderr
    assert json.loads(done.stdout)["disposition"] == "emergency"


# ---------------------------------------------------------------- the emergency number


def test_emergency_number_option_env_and_default(runner: CliRunner, tmp_path: Path) -> None:
    """--emergency-number wins over BACKSPASM_EMERGENCY_NUMBER, which wins over the general wording."""
    path = write(tmp_path, EMERGENCY)
    default = json.loads(triage(runner, "--answers", path, "--json").stdout)["advice"]
    from_env = json.loads(triage(runner, "--answers", path, "--json", env={"BACKSPASM_EMERGENCY_NUMBER": "112"}).stdout)
    from_option = triage(
        runner, "--answers", path, "--json", "--emergency-number", "911", env={"BACKSPASM_EMERGENCY_NUMBER": "112"}
    )
    assert default.startswith(f"Call {DEFAULT_NUMBER} now")
    assert from_env["advice"].startswith("Call 112 now")
    assert json.loads(from_option.stdout)["advice"].startswith("Call 911 now")


# ---------------------------------------------------------------- the result screen


def test_emergency_screen_says_what_to_do_why_and_what_to_tell_them(runner: CliRunner, tmp_path: Path) -> None:
    """Without --json an emergency shows what to do now, why, and what to tell them; exit 0."""
    result = triage(runner, "--answers", write(tmp_path, EMERGENCY), "--emergency-number", "999")
    assert result.exit_code == 0
    out = result.stdout
    assert "EMERGENCY" in out
    assert "Call 999 now" in out
    for heading in ("What to do now", "Why", "What to tell them"):
        assert heading in out
    assert "New trouble peeing or with your bowels" in out
    assert "Sources: NHS: Back pain" in out
    assert "not a diagnosis" in out


def test_self_care_screen_shows_remedies_for_the_phase(runner: CliRunner, tmp_path: Path) -> None:
    """Self-care lists remedies for the phase with their evidence grade and points at `backspasm session`."""
    early = triage(runner, "--answers", write(tmp_path, ORDINARY)).stdout
    later = triage(runner, "--answers", write(tmp_path, {**ORDINARY, "days_since_onset": 5})).stdout
    assert "SELF-CARE" in early
    assert "first 48 hours" in early
    # Heat is never held back early (it has the better evidence); ice is an early-phase option.
    assert "(ice-pack)" in early and "(superficial-heat)" in early
    assert "(superficial-heat)" in later and "(ice-pack)" not in later
    assert "moderate quality" in later
    assert "backspasm session" in early
    assert "What to watch for" in early
    assert "not a diagnosis" in early


def test_result_screen_shows_reasons_startback_and_keele_notice(runner: CliRunner, tmp_path: Path) -> None:
    """A soon result lists its reasons, the STarT Back risk group, and Keele's copyright line."""
    answers = {**ORDINARY, "days_since_onset": 17, "trend": "improving", "startback": STARTBACK_HIGH}
    out = triage(runner, "--answers", write(tmp_path, answers)).stdout
    assert "SOON" in out
    assert "STarT Back questions show a medium or high risk" in out
    assert "Risk group: high (total 6 of 9, psychosocial 4 of 5)" in out
    assert "© Keele University, part-funded by Arthritis Research UK" in out
    assert "not given, so triage could not check them" in out


def test_help_lists_every_option(runner: CliRunner) -> None:
    """`triage --help` documents --answers, --json, --startback and --emergency-number."""
    result = runner.invoke(app, ["triage", "--help"])
    assert result.exit_code == 0
    for option in ("--answers", "--json", "--startback", "--emergency-number", "BACKSPASM_EMERGENCY_NUMBER"):
        assert option in result.stdout
