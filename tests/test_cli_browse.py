"""The foundation commands through CliRunner: welcome, version, remedies, causes, warning signs."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import built_in_kb
from typer.testing import CliRunner

from backspasm import __version__
from backspasm.cli import app

KB = built_in_kb()


def test_bare_command_prints_a_welcome(runner: CliRunner) -> None:
    """`backspasm` alone names the main commands and the emergency advice."""
    result = runner.invoke(app, [])
    assert result.exit_code == 0
    for command in ("backspasm triage", "backspasm remedies", "backspasm session", "backspasm warning-signs"):
        assert command in result.stdout
    assert "emergency number" in result.stdout


def test_version(runner: CliRunner) -> None:
    """--version prints the package version."""
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"backspasm {__version__}"


def test_every_command_has_help(runner: CliRunner) -> None:
    """Every command and group answers --help with its own help text."""
    from typer.main import get_command

    root = get_command(app)
    paths: list[list[str]] = []

    def walk(command: object, path: list[str]) -> None:
        sub = getattr(command, "commands", None)
        if path:
            paths.append(path)
        for name, child in (sub or {}).items():
            assert (child.help or "").strip(), f"{' '.join([*path, name])} has no help text"
            walk(child, [*path, name])

    walk(root, [])
    assert ["remedies", "show"] in paths
    for path in paths:
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, path
        assert "Usage" in result.stdout


def test_remedies_table_lists_every_remedy(runner: CliRunner) -> None:
    """`remedies` shows every remedy's id, evidence grade and the disclaimer."""
    result = runner.invoke(app, ["remedies"])
    assert result.exit_code == 0, result.output
    for remedy in KB.remedies:
        assert remedy.id in result.stdout
    assert "not a diagnosis" in result.stdout


def test_remedies_json_has_the_same_entries(runner: CliRunner) -> None:
    """`remedies --json` prints the entries as JSON on stdout and nothing on stderr."""
    result = runner.invoke(app, ["remedies", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [r["id"] for r in data] == [r.id for r in KB.remedies]
    assert {"name", "category", "phases", "evidence", "stance", "sources"} <= set(data[0])
    assert result.stderr == ""


def test_remedies_filters_combine(runner: CliRunner) -> None:
    """--category, --phase and --stance keep only matching remedies."""
    result = runner.invoke(app, ["remedies", "--phase", "early", "--stance", "recommended", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    expected = [r.id for r in KB.remedies if "early" in r.phases and r.stance == "recommended"]
    assert [r["id"] for r in data] == expected
    assert expected
    heat = json.loads(runner.invoke(app, ["remedies", "--category", "heat", "--json"]).stdout)
    assert heat and all(r["category"] == "heat" for r in heat)


def test_remedies_filter_accepts_spaces_and_case(runner: CliRunner) -> None:
    """`--stance "Not recommended"` means not-recommended."""
    result = runner.invoke(app, ["remedies", "--stance", "Not recommended", "--json"])
    assert result.exit_code == 0
    assert all(r["stance"] == "not-recommended" for r in json.loads(result.stdout))


def test_bad_filter_is_one_line_with_the_allowed_values(runner: CliRunner) -> None:
    """An unknown --phase exits 2 with one line that lists the allowed phases."""
    result = runner.invoke(app, ["remedies", "--phase", "tomorrow"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "backspasm: --phase 'tomorrow' is not allowed; choose one of: early, later, prevention\n"


def test_remedy_show_prints_everything(runner: CliRunner) -> None:
    """`remedies show ID` shows steps, cautions, evidence and resolved sources."""
    remedy = KB.remedy_index["superficial-heat"]
    result = runner.invoke(app, ["remedies", "show", "superficial-heat"])
    assert result.exit_code == 0, result.output
    flat = " ".join(result.stdout.split())
    assert remedy.name in result.stdout
    assert remedy.evidence.grade in flat
    for key in remedy.sources:
        source = KB.source_index[key]
        assert f"{source.publisher}: {source.title}" in flat
        assert key not in flat  # ids are internal, seed file names above all
    for step in remedy.steps[:1]:
        assert " ".join(step.split()[:4]) in flat


def test_remedy_show_json(runner: CliRunner) -> None:
    """`remedies show ID --json` prints that one entry."""
    result = runner.invoke(app, ["remedies", "show", "ice-pack", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["id"] == "ice-pack"


def test_unknown_remedy_suggests_the_closest_ids(runner: CliRunner) -> None:
    """An unknown id exits 2 with one line naming the closest ids."""
    result = runner.invoke(app, ["remedies", "show", "ice-pak"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "unknown remedy 'ice-pak'" in result.stderr
    assert "ice-pack" in result.stderr


def test_causes_list_prevention(runner: CliRunner) -> None:
    """`causes` shows each cause and its prevention tips; --json has the same entries."""
    result = runner.invoke(app, ["causes"])
    assert result.exit_code == 0
    for cause in KB.causes:
        assert cause.name in result.stdout
    data = json.loads(runner.invoke(app, ["causes", "--json"]).stdout)
    assert [c["id"] for c in data] == [c.id for c in KB.causes]


def test_warning_signs_are_grouped_emergency_first(runner: CliRunner) -> None:
    """`warning-signs` groups signs by level, emergency before urgent before soon."""
    result = runner.invoke(app, ["warning-signs"])
    assert result.exit_code == 0
    out = result.stdout
    positions = [out.index(heading) for heading in ("Emergency:", "Urgent:", "Soon:") if heading in out]
    assert positions == sorted(positions) and positions
    data = json.loads(runner.invoke(app, ["warning-signs", "--json"]).stdout)
    levels = [s["level"] for s in data]
    order = {"emergency": 0, "urgent": 1, "soon": 2}
    assert levels == sorted(levels, key=order.__getitem__)
    assert {s["id"] for s in data} == {s.id for s in KB.warning_signs}
    assert all(s["sources"] for s in data)


def test_unknown_option_is_one_line(runner: CliRunner) -> None:
    """A mistyped option exits 2 with a single line on stderr, not a usage box."""
    result = runner.invoke(app, ["remedies", "--colour"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "--colour" in result.stderr


def test_python_dash_m_runs_the_cli() -> None:
    """`python -m backspasm --version` works like the script."""
    done = subprocess.run(
        [sys.executable, "-m", "backspasm", "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert done.stdout.strip() == f"backspasm {__version__}"


def test_top_level_help_lists_commands_in_order(runner: CliRunner) -> None:
    """`backspasm --help` lists every command once, triage first, each with its one-line summary."""
    from backspasm.cli import COMMANDS

    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.stdout.split("Commands:")[1].splitlines() if line.startswith("  ")]
    listed = [name for name in listed if name in COMMANDS]
    from typer.main import get_command

    assert set(get_command(app).commands) == set(COMMANDS)  # type: ignore[attr-defined]
    assert listed[0] == "triage"
    assert listed == [name for name in COMMANDS if name in listed]
    assert "What helps, graded by the evidence." in result.stdout


def test_each_command_is_registered_by_the_module_its_table_names() -> None:
    """A run of one command builds only the module of commands/ that cli.COMMANDS names, and finds it there."""
    from typer.main import get_command

    from backspasm.cli import COMMANDS, GROUPS, groups_for, make_app

    for name, command in COMMANDS.items():
        alone = (command.module,) if command.module != "help" else GROUPS  # help shows any command's help
        assert groups_for([name, "--json"]) == alone
        assert name in get_command(make_app(alone)).commands  # type: ignore[attr-defined]
