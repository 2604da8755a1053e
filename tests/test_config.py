"""`backspasm config`: the emergency number saved once, read by triage and the welcome screen."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from backspasm.cli import app

EMERGENCY = {"age": 45, "days_since_onset": 5, "bladder_bowel_change": True, "saddle_numbness": True}


def set_number(runner: CliRunner, value: str) -> None:
    """Save the emergency number through the CLI."""
    result = runner.invoke(app, ["config", "set", "emergency-number", value])
    assert result.exit_code == 0, result.stderr


def test_set_then_get_prints_the_value(runner: CliRunner) -> None:
    """`config set emergency-number 999` then `config get emergency-number` prints 999."""
    set_number(runner, "999")
    result = runner.invoke(app, ["config", "get", "emergency-number"])
    assert (result.exit_code, result.stdout) == (0, "999\n")


def test_the_file_is_private_and_in_the_data_directory(runner: CliRunner, isolated_home: Path) -> None:
    """The settings are config.json in BACKSPASM_HOME: the file 0600, the directory 0700, no temp files left."""
    set_number(runner, "+44 20 7946 0000")
    path = isolated_home / "config.json"
    assert json.loads(path.read_text(encoding="utf-8")) == {"emergency-number": "+44 20 7946 0000"}
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(isolated_home.stat().st_mode) == 0o700
    assert sorted(p.name for p in isolated_home.iterdir()) == ["config.json"]


def test_unset_goes_back_to_nothing(runner: CliRunner, isolated_home: Path) -> None:
    """`config unset` removes the value; `config get` then exits 1 saying how to set it."""
    set_number(runner, "112")
    assert runner.invoke(app, ["config", "unset", "emergency-number"]).exit_code == 0
    result = runner.invoke(app, ["config", "get", "emergency-number"])
    assert result.exit_code == 1
    assert result.stderr == (
        "backspasm: emergency-number is not set; set it with 'backspasm config set emergency-number VALUE'\n"
    )
    assert not (isolated_home / "config.json").exists()


def test_list_shows_every_setting_and_json(runner: CliRunner) -> None:
    """`config list` names each setting and its value; --json: one object (null when unset), the number in use."""
    value = json.loads(runner.invoke(app, ["config", "list", "--json"]).stdout)
    assert {key: value[key] for key in ("emergency-number", "region")} == {"emergency-number": None, "region": None}
    assert value["emergency_number"]["chosen_by"] == "default"
    set_number(runner, "911")
    text = runner.invoke(app, ["config", "list"]).stdout
    assert "emergency-number = 911" in text
    value = json.loads(runner.invoke(app, ["config", "list", "--json"]).stdout)
    assert value["emergency-number"] == "911"
    assert value["emergency_number"]["numbers"] == ["911"]


@pytest.mark.parametrize("value", ["call 999", "999; rm", "1" * 21, "", "   "])
def test_a_bad_number_is_one_line_and_saves_nothing(runner: CliRunner, isolated_home: Path, value: str) -> None:
    """Letters, other symbols, more than 20 characters or nothing: exit 2, one line, no file written."""
    result = runner.invoke(app, ["config", "set", "emergency-number", value])
    assert result.exit_code == 2
    assert result.stderr == "backspasm: emergency-number takes up to 20 digits, spaces, + and - only\n"
    assert not (isolated_home / "config.json").exists()


def test_an_unknown_key_is_one_line(runner: CliRunner) -> None:
    """`config set colour red`: exit 2 naming the settings there are."""
    result = runner.invoke(app, ["config", "set", "colour", "red"])
    assert result.exit_code == 2
    assert result.stderr == "backspasm: unknown setting 'colour'; the settings are: emergency-number, region\n"


def test_a_damaged_file_is_one_line_not_a_traceback(runner: CliRunner, isolated_home: Path) -> None:
    """A config.json that is not JSON: `config get` exits 1 with one line naming the file."""
    isolated_home.mkdir()
    (isolated_home / "config.json").write_text("{not json", encoding="utf-8")
    result = runner.invoke(app, ["config", "get", "emergency-number"])
    assert result.exit_code == 1
    assert result.stderr.startswith("backspasm: your settings in ") and result.stderr.count("\n") == 1


def triage_advice(runner: CliRunner, tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> str:
    """The advice of a scripted emergency triage."""
    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump(EMERGENCY), encoding="utf-8")
    result = runner.invoke(app, ["triage", "--answers", str(answers), "--json", "--no-save", *args], env=env)
    assert result.exit_code == 0, result.stderr
    return str(json.loads(result.stdout)["advice"])


def test_triage_uses_the_saved_number_below_the_option_and_env(runner: CliRunner, tmp_path: Path) -> None:
    """Triage: --emergency-number, then BACKSPASM_EMERGENCY_NUMBER, then the saved number."""
    set_number(runner, "999")
    assert triage_advice(runner, tmp_path).startswith("Call 999 now")
    assert triage_advice(runner, tmp_path, env={"BACKSPASM_EMERGENCY_NUMBER": "112"}).startswith("Call 112 now")
    assert triage_advice(
        runner, tmp_path, "--emergency-number", "911", env={"BACKSPASM_EMERGENCY_NUMBER": "112"}
    ).startswith("Call 911 now")


def test_triage_with_a_damaged_file_still_gives_the_emergency_advice(
    runner: CliRunner, tmp_path: Path, isolated_home: Path
) -> None:
    """A damaged settings file never hides the advice: the general wording is used."""
    isolated_home.mkdir()
    (isolated_home / "config.json").write_text("[]", encoding="utf-8")
    assert triage_advice(runner, tmp_path).startswith("Call your local emergency number")


def welcome(runner: CliRunner, env: dict[str, str] | None = None) -> str:
    """The bare command's output with its line breaks read as spaces."""
    return " ".join(runner.invoke(app, [], env=env).stdout.split())


def test_welcome_uses_the_saved_number_and_the_env(runner: CliRunner) -> None:
    """Bare `backspasm` says to call the saved number; BACKSPASM_EMERGENCY_NUMBER overrides it."""
    assert "call your local emergency number (for example 999, 911 or 112) now." in welcome(runner)
    set_number(runner, "999")
    said = welcome(runner)
    assert "call 999 now (your saved number; change with `backspasm config set emergency-number`)." in said
    assert "local emergency number" not in said
    assert "call 112 now (from BACKSPASM_EMERGENCY_NUMBER)." in welcome(runner, {"BACKSPASM_EMERGENCY_NUMBER": "112"})


def test_welcome_and_config_list_fit_80_columns_with_the_longest_number(runner: CliRunner) -> None:
    """With a 20-character number the welcome and `config list` (without the path line) stay within 80 columns."""
    set_number(runner, "+44 20 7946 0000 123")
    shown = runner.invoke(app, []).stdout
    assert "call +44 20 7946 0000 123 now" in " ".join(shown.split())
    listing = runner.invoke(app, ["config", "list"]).stdout.splitlines()[:-1]
    assert max(len(line) for line in [*shown.splitlines(), *listing]) <= 79


def test_list_says_when_the_environment_wins(runner: CliRunner) -> None:
    """With BACKSPASM_EMERGENCY_NUMBER set, `config list` says it is used instead of the saved number."""
    set_number(runner, "999")
    text = runner.invoke(app, ["config", "list"], env={"BACKSPASM_EMERGENCY_NUMBER": "112"}).stdout
    assert "BACKSPASM_EMERGENCY_NUMBER is set, and is used instead." in text
    assert "is used instead" not in runner.invoke(app, ["config", "list"]).stdout
