"""The conventions people expect of a CLI: `help COMMAND`, completion, plain usage, errors in people's words."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput
from typer.main import get_command
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.errors import UsageError
from backspasm.kb.loader import load_active
from backspasm.kb.lookup import find
from backspasm.stretch.routine import choose

SCRIPT = Path(sys.executable).parent / "backspasm"


def installed(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run this environment's installed `backspasm` script at 80 columns."""
    if not SCRIPT.exists():
        pytest.fail(f"no backspasm script beside {sys.executable}; install the project first")
    full = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1", **(env or {})}
    return subprocess.run([str(SCRIPT), *args], env=full, capture_output=True, text=True, check=False)


def command_paths() -> list[list[str]]:
    """Every command and group of the app, as argument lists (the root is [])."""
    found: list[list[str]] = [[]]

    def walk(command: Any, path: list[str]) -> None:
        for name, child in (getattr(command, "commands", None) or {}).items():
            found.append([*path, name])
            walk(child, [*path, name])

    walk(get_command(app), [])
    return found


# ---------------------------------------------------------------- help


@pytest.mark.parametrize("path", [[], ["data"], ["data", "export"], ["session"], ["remedies", "show"]])
def test_help_command_prints_the_same_as_dash_dash_help(runner: CliRunner, path: list[str]) -> None:
    """`backspasm help X Y` prints exactly what `backspasm X Y --help` prints, exit 0."""
    by_command = runner.invoke(app, ["help", *path])
    by_option = runner.invoke(app, [*path, "--help"])
    assert by_command.exit_code == 0, by_command.stderr
    assert by_command.stdout == by_option.stdout
    assert by_command.stdout.startswith(f"Usage: {' '.join(['backspasm', *path])} ")


def test_help_of_an_unknown_command_is_one_line(runner: CliRunner) -> None:
    """`backspasm help data nope`: exit 2, one line naming it and where the commands are listed."""
    result = runner.invoke(app, ["help", "data", "nope"])
    assert result.exit_code == 2
    assert result.stderr == "backspasm: no command 'data nope'; 'backspasm data --help' lists the commands\n"


@pytest.mark.slow  # runs the installed command
def test_help_through_the_installed_command() -> None:
    """The installed `backspasm help data export` matches `backspasm data export --help`."""
    by_command = installed("help", "data", "export")
    assert by_command.returncode == 0, by_command.stderr
    assert by_command.stdout == installed("data", "export", "--help").stdout
    assert by_command.stdout.startswith("Usage: backspasm data export [OPTIONS] FILE\n")


def test_usage_lines_never_wrap_an_argument_in_braces(runner: CliRunner) -> None:
    """No command's help shows `{ID}`-style metavars; required arguments read `FILE`, `KEY`, `ID`."""
    braced = []
    for path in command_paths():
        usage = runner.invoke(app, [*path, "--help"]).stdout.splitlines()[0]
        if "{" in usage or "}" in usage:
            braced.append(usage)
    assert braced == []
    assert runner.invoke(app, ["remedies", "show", "--help"]).stdout.startswith(
        "Usage: backspasm remedies show [OPTIONS] ID\n"
    )


def test_command_summaries_are_never_cut(runner: CliRunner) -> None:
    """Every group's list of commands gives whole summaries, never one cut short with "..."."""
    cut = []
    for path in command_paths():
        text = runner.invoke(app, [*path, "--help"]).stdout
        if "\nCommands:\n" in text:
            listing = text.split("\nCommands:\n", 1)[1]
            cut += [line for line in listing.splitlines() if "..." in line]
    assert cut == []
    listing = runner.invoke(app, ["data", "--help"]).stdout
    assert "stores about you (every table) as one JSON file." in " ".join(listing.split())


@pytest.mark.slow  # runs the installed command
def test_every_help_fits_80_columns() -> None:
    """At 80 columns the new help screens (root, config, help) have no line wider than 80."""
    for args in (["--help"], ["config", "--help"], ["config", "set", "--help"], ["help", "--help"]):
        lines = installed(*args).stdout.splitlines()
        assert max(len(line) for line in lines) <= 80, args


# ---------------------------------------------------------------- completion


def test_completion_options_are_offered(runner: CliRunner) -> None:
    """`backspasm --help` lists --install-completion and --show-completion."""
    text = runner.invoke(app, ["--help"]).stdout
    assert "--install-completion" in text and "--show-completion" in text


@pytest.mark.slow  # runs the installed command
def test_show_completion_prints_a_bash_script_from_the_installed_command() -> None:
    """The installed `backspasm --show-completion bash` prints a script that registers `backspasm`."""
    done = installed("--show-completion", "bash")
    assert done.returncode == 0, done.stderr
    assert "complete -o default -F _backspasm_completion backspasm" in done.stdout


@pytest.mark.slow  # runs the installed command
@pytest.mark.parametrize("option", ["--show-completion", "--install-completion"])
def test_a_completion_option_uses_the_shell_named_even_from_sh(option: str, tmp_path: Path) -> None:
    """Run from `sh -c`, `--show-completion bash` and `--install-completion bash` use bash, not sh."""
    env = {**os.environ, "HOME": str(tmp_path), "COLUMNS": "80", "NO_COLOR": "1"}
    env.pop("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", None)
    done = subprocess.run(["sh", "-c", f'"$0" {option} bash', str(SCRIPT)], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr + done.stdout
    assert "not supported" not in done.stdout + done.stderr
    if option == "--show-completion":
        assert "complete -o default -F _backspasm_completion backspasm" in done.stdout
    else:
        assert "_backspasm_completion" in (tmp_path / ".bash_completions" / "backspasm.sh").read_text(encoding="utf-8")


@pytest.mark.slow  # runs the installed command
@pytest.mark.parametrize(
    ("words", "cword", "expected"),
    [
        ("backspasm da", 1, ["data"]),
        ("backspasm data ", 2, ["export", "import", "forget"]),
        ("backspasm config u", 2, ["unset"]),
    ],
)
def test_the_installed_command_completes_commands(words: str, cword: int, expected: list[str]) -> None:
    """What bash asks of the installed command (as the script does) completes command names."""
    done = installed(env={"_BACKSPASM_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == expected


# ---------------------------------------------------------------- errors in people's words


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["history", "--days", "-1"], "--days must be from 1 to 36500"),
        (["history", "--days", "0"], "--days must be from 1 to 36500"),
        (["history", "--days", "abc"], "--days must be a whole number, from 1 to 36500 (got 'abc')"),
        (["history", "--limit", "-5"], "--limit must be 0 or more"),
        (["session", "ice", "--rounds", "11"], "--rounds must be from 1 to 10"),
        (["session", "ice", "-r", "0"], "--rounds must be from 1 to 10"),
    ],
)
def test_bad_numbers_are_one_line_in_peoples_words(runner: CliRunner, args: list[str], message: str) -> None:
    """Out-of-range and non-numeric values: exit 2, one line saying what is allowed, no `x>=1`."""
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr == f"backspasm: {message} (see 'backspasm {args[0]} --help')\n"


def test_unknown_options_keep_clicks_wording(runner: CliRunner) -> None:
    """Errors that are not about a value's range still name the problem in one line."""
    result = runner.invoke(app, ["history", "--nope"])
    assert result.exit_code == 2
    assert result.stderr == "backspasm: No such option: --nope (see 'backspasm history --help')\n"


# ---------------------------------------------------------------- ids in any case


def test_remedy_ids_are_case_insensitive(runner: CliRunner) -> None:
    """`remedies show Superficial-Heat` shows superficial-heat."""
    result = runner.invoke(app, ["remedies", "show", "Superficial-Heat", "--json"])
    assert result.exit_code == 0, result.stderr
    assert '"id": "superficial-heat"' in result.stdout


@pytest.mark.usefixtures("instant")  # the session runs on a fake clock, at once
def test_protocol_ids_are_case_insensitive(runner: CliRunner) -> None:
    """`session ICE` runs the ice protocol."""
    result = runner.invoke(app, ["session", "ICE", "--yes", "--plain", "--no-bell", "--duration", "0.2s"])
    assert result.exit_code == 0, result.stderr
    assert "Ice pack" in result.stdout


def test_routine_ids_are_case_insensitive() -> None:
    """The routine `Lower-Back` is lower-back."""
    assert choose(load_active(), "Lower-Back").id == "lower-back"


def test_unknown_ids_still_fail_with_suggestions() -> None:
    """An id that matches in no case is still a usage error naming the closest ids."""
    with pytest.raises(UsageError, match="did you mean superficial-heat"):
        find("remedy", "Superficial-Hea", {"superficial-heat": 1}, "backspasm remedies")


# ---------------------------------------------------------------- grammar


@pytest.fixture
def keyboard() -> Iterator[PipeInput]:
    """A person at a terminal."""
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe


def test_ctrl_c_at_the_safety_checks_reads_as_english(runner: CliRunner, keyboard: PipeInput) -> None:
    """Ctrl-C during a session's checks says "the safety check was not finished", not "checks was"."""
    keyboard.send_text("\x03")
    result = runner.invoke(app, ["session", "ice", "--duration", "0.2s"])
    assert result.exit_code == 130
    assert "backspasm: the safety check was not finished\n" in result.stderr
    assert "checks was" not in result.stderr


def test_option_metavars_and_ranges_read_as_words(runner: CliRunner) -> None:
    """No help shows `<str>`, `<int range>` or `x>=1`: options read `--days N`, ranges "1 to 10", "1 or more"."""
    odd = []
    for path in command_paths():
        text = runner.invoke(app, [*path, "--help"]).stdout
        odd += [line for line in text.splitlines() if re.search(r"<[a-z ]+>|x[<>]=|[<>]=x", line)]
    assert odd == []
    flat = " ".join(runner.invoke(app, ["session", "--help"]).stdout.split())
    assert "--duration DURATION" in flat and "[default: 1; 1 to 10]" in flat
    assert "[1 to 36500]" in " ".join(runner.invoke(app, ["history", "--help"]).stdout.split())
