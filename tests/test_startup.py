"""`backspasm --help` stays light: no heavy module is imported on the help path."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import journal_rows
import pytest
from conftest import DATA

pytestmark = pytest.mark.kb_cache  # the in-process runs fill the cache the fresh interpreters read

HEAVY = [
    "questionary",
    "prompt_toolkit",
    "yaml",
    "pydantic",
    "backspasm.kb.models",
    "backspasm.kb.loader",
    "rich.progress",
    "rich.live",
    "sqlite3",
    "reportlab",
]

PROBE = """
import json, sys
sys.argv = ["backspasm"] + ARGS
from backspasm.cli import main
try:
    main()
except SystemExit:
    pass
sys.stdout = sys.__stdout__
print("\\n" + json.dumps(sorted(sys.modules)))
"""


def imported_by(*args: str) -> set[str]:
    """The modules a fresh interpreter has imported after running backspasm with these arguments."""
    code = PROBE.replace("ARGS", json.dumps(list(args)))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def fill_cache() -> None:
    """Fill this test's knowledge-base cache (BACKSPASM_HOME) as any earlier run of a command does, in-process."""
    from backspasm.kb.loader import load_active

    load_active()


def test_help_imports_nothing_heavy() -> None:
    """`backspasm --help` imports none of questionary, prompt_toolkit, YAML, pydantic, models, rich.progress."""
    modules = imported_by("--help")
    assert "backspasm.cli" in modules
    assert [name for name in HEAVY if name in modules] == []


def test_bare_command_imports_nothing_heavy() -> None:
    """`backspasm` alone (the welcome) is as light as --help."""
    modules = imported_by()
    # Typer itself parses option values with pydantic; our models and the rest stay out.
    assert [name for name in HEAVY if name in modules and name != "pydantic"] == []


def test_probe_sees_heavy_imports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The probe works: a knowledge base of one's own (BACKSPASM_KB), not cached yet, is checked by the models."""
    shutil.copytree(DATA, tmp_path / "kb")
    monkeypatch.setenv("BACKSPASM_KB", str(tmp_path / "kb"))
    assert "backspasm.kb.models" in imported_by("remedies")


def test_first_run_of_the_built_in_knowledge_base_imports_no_models() -> None:
    """With no cache yet, the built-in knowledge base is read from its snapshot: no pydantic, models or YAML."""
    modules = imported_by("protocols")
    assert "backspasm.kb.snapshot" in modules
    assert [name for name in WARM_HEAVY if name in modules] == []


WARM_HEAVY = [
    "pydantic",
    "backspasm.kb.models",
    "backspasm.kb.files",
    "yaml",
    "questionary",
    "prompt_toolkit",
    "reportlab",  # only `report --format pdf` draws a PDF
]


@pytest.mark.parametrize(
    "args",
    [("remedies",), ("protocols",), ("history",), ("log", "--pain", "5"), ("stretch", "--list"), ("report",)],
    ids=" ".join,
)
def test_warm_cache_commands_import_no_models(args: tuple[str, ...]) -> None:
    """With the knowledge-base cache filled, everyday commands import no pydantic, models, YAML or questionary."""
    fill_cache()
    modules = imported_by(*args)
    assert "backspasm.kb.views" in modules
    assert "backspasm.kb.snapshot" not in modules  # the cache was read, not the snapshot
    assert [name for name in WARM_HEAVY if name in modules] == []


@pytest.mark.slow  # a real one-second session
def test_a_confirmed_plain_session_imports_no_questionary() -> None:
    """`session ice --yes --plain` asks nothing, so it imports neither questionary nor pydantic."""
    fill_cache()
    modules = imported_by("session", "ice", "--yes", "--plain", "--no-bell", "--duration", "1s")
    assert "backspasm.kb.views" in modules
    assert [name for name in WARM_HEAVY if name in modules] == []


@pytest.mark.parametrize(
    "args",
    [
        ("remedies", "--json"),
        ("protocols", "--json"),
        ("stretch", "--list", "--json"),
        ("history", "--json"),
        ("log", "--pain", "5", "--json"),
        ("today", "--json"),
    ],
    ids=" ".join,
)
def test_json_output_never_imports_rich(args: tuple[str, ...]) -> None:
    """A script asking for JSON gets it without rich: rich is imported only to draw on a terminal."""
    fill_cache()
    modules = imported_by(*args)
    assert "backspasm.cli" in modules
    assert sorted(name for name in modules if name == "rich" or name.startswith("rich.")) == []


PIPED = [
    ("remedies",),
    ("remedies", "show", "ice-pack"),
    ("remedies", "--mine"),
    ("causes",),
    ("warning-signs",),
    ("protocols",),
    ("history",),
    ("history", "--all", "--limit", "0"),
    ("log", "--pain", "5"),
    ("log", "--saw-doctor"),
    ("report",),
    ("stretch", "--list"),
    ("today",),
]


@pytest.mark.parametrize("args", PIPED, ids=" ".join)
def test_piped_output_never_imports_rich(args: tuple[str, ...]) -> None:
    """Piped (the probe's stdout is a pipe), everyday commands print plain lines without importing rich."""
    fill_cache()
    modules = imported_by(*args)
    assert "backspasm.cli" in modules
    assert sorted(name for name in modules if name == "rich" or name.startswith("rich.")) == []


@pytest.mark.slow  # a real one-second session
def test_a_piped_session_imports_no_rich() -> None:
    """`session ice --yes --plain` piped writes its intro and one line per event without importing rich."""
    fill_cache()
    modules = imported_by("session", "ice", "--yes", "--plain", "--no-bell", "--duration", "1s")
    assert "backspasm.timer.runner" in modules
    assert sorted(name for name in modules if name == "rich" or name.startswith("rich.")) == []


JOURNAL_PIPED = [("history",), ("log", "--pain", "5"), ("today",), ("report",)]


@pytest.mark.parametrize("args", JOURNAL_PIPED, ids=" ".join)
def test_piped_journal_commands_define_no_dataclass(args: tuple[str, ...]) -> None:
    """The journal's values are named tuples: a piped journal command never imports dataclasses (0.5 ms a class)."""
    fill_cache()
    journal_rows.pains((2, 6), (1, 5))
    modules = imported_by(*args)
    assert "backspasm.journal.facts" in modules
    assert "dataclasses" not in modules


def test_piped_log_imports_no_question_code() -> None:
    """`log --pain 5` piped asks nothing, so it never imports the questionnaire to learn that it cannot ask."""
    fill_cache()
    modules = imported_by("log", "--pain", "5")
    assert "backspasm.journal.entries" in modules
    assert "backspasm.prompts.questionnaire" not in modules


def test_a_piped_triage_result_imports_no_rich(tmp_path: Path) -> None:
    """`triage --answers FILE` piped (no --json) writes its result as plain lines without importing rich."""
    fill_cache()
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"age": 50, "saddle_numbness": True}), encoding="utf-8")
    modules = imported_by("triage", "--answers", str(answers), "--no-save")
    assert "backspasm.triage.engine" in modules
    assert sorted(name for name in modules if name == "rich" or name.startswith("rich.")) == []


@pytest.mark.parametrize(
    ("args", "built"),
    [
        (("report",), ["report"]),
        (("data", "export", "x.json"), ["data"]),
        (("remedies", "show", "ice-pack"), ["remedies"]),
    ],
    ids=["report", "data export", "remedies show"],
)
def test_a_run_builds_only_its_command(args: tuple[str, ...], built: list[str]) -> None:
    """A run turns only its own command's options into click's objects, not those of its module's other commands."""
    from typer.main import get_group

    from backspasm.cli import command_for, groups_for, make_app

    group = get_group(make_app(groups_for(args), command_for(args)))
    assert sorted(group.commands) == built


@pytest.mark.slow  # a real routine of one stretch, about 3 s
def test_a_piped_stretch_routine_imports_no_rich(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`stretch --yes` piped writes its intro, each card, one line per event and the end without importing rich."""
    from stretch_kb import tiny_kb

    monkeypatch.setenv("BACKSPASM_KB", str(tiny_kb(tmp_path)))
    modules = imported_by("stretch", "tiny-one", "--yes", "--no-bell", "--ready", "0")
    assert "backspasm.timer.runner" in modules
    assert sorted(name for name in modules if name == "rich" or name.startswith("rich.")) == []


TERMINAL_PROBE = """
import json, os, sys
sys.argv = ["backspasm"] + ARGS
from backspasm.cli import main
try:
    main()
except SystemExit:
    pass
with open(os.environ["PROBE_OUT"], "w") as out:
    json.dump(sorted(sys.modules), out)
"""


def imported_on_a_terminal(tmp_path: Path, *args: str) -> set[str]:
    """The modules a fresh interpreter imports running backspasm with stdout on an 80x24 pseudo-terminal."""
    import os
    import pty

    code = TERMINAL_PROBE.replace("ARGS", json.dumps(list(args)))
    out = tmp_path / "modules.json"
    main_end, child_end = pty.openpty()
    env = {**os.environ, "PROBE_OUT": str(out), "COLUMNS": "80", "LINES": "24", "TERM": "xterm-256color"}
    try:
        child = subprocess.Popen(
            [sys.executable, "-c", code], stdout=child_end, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, env=env
        )
        os.close(child_end)
        while True:  # read the screen as it comes, so the child never blocks on a full terminal
            try:
                if not os.read(main_end, 65536):
                    break
            except OSError:
                break
        child.wait(timeout=60)
    finally:
        os.close(main_end)
    return set(json.loads(out.read_text(encoding="utf-8")))


ON_A_TERMINAL = [
    ("remedies",),
    ("remedies", "show", "ice-pack"),
    ("remedies", "--mine"),
    ("causes",),
    ("warning-signs",),
    ("protocols",),
    ("history",),
    ("log", "--pain", "5", "--no-new-symptoms"),
    ("log", "--saw-doctor"),
    ("stretch", "--list"),
    ("today",),
    ("triage", "--answers", "ANSWERS", "--no-save"),  # ANSWERS: an emergency's answers file
]


@pytest.mark.parametrize("args", ON_A_TERMINAL, ids=" ".join)
def test_terminal_screens_never_import_rich(tmp_path: Path, args: tuple[str, ...]) -> None:
    """On a terminal, the list screens are drawn as styled lines without importing rich."""
    fill_cache()
    answers = tmp_path / "answers.json"
    answers.write_text('{"age": 50, "saddle_numbness": true}', encoding="utf-8")
    modules = imported_on_a_terminal(tmp_path, *(str(answers) if arg == "ANSWERS" else arg for arg in args))
    assert "backspasm.render.screen" in modules
    assert sorted(name for name in modules if name == "rich" or name.startswith("rich.")) == []
