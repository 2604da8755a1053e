"""Shell completion of remedy, protocol and routine ids: the ids themselves, cheaply (no pydantic models, no YAML)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from backspasm.cli import app

PROBE = """
import json, sys
sys.argv = ["backspasm"]
from backspasm.cli import main
try:
    main()
except SystemExit:
    pass
sys.stdout = sys.__stdout__
print("\\n" + json.dumps(sorted(sys.modules)))
"""


def complete(home: Path, words: str) -> tuple[list[str], set[str]]:
    """What bash completes after `words` (the last one is being typed), and the modules it imported."""
    parts = words.split(" ")
    env = {
        **os.environ,
        "BACKSPASM_HOME": str(home),
        "_BACKSPASM_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(parts) - 1),
    }
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, env=env)
    *shown, modules = done.stdout.strip().splitlines()
    return [line for line in shown if line.strip()], set(json.loads(modules))


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("backspasm remedies show superficial", ["superficial-heat"]),
        ("backspasm session ", ["ice", "heat", "ice-massage"]),
        ("backspasm session ice-", ["ice-massage"]),
        ("backspasm stretch l", ["lower-back", "legs"]),
    ],
)
def test_ids_complete(runner: CliRunner, words: str, expected: list[str]) -> None:
    """Tab after `remedies show`, `session` and `stretch` offers the matching ids."""
    cword = str(len(words.split(" ")) - 1)
    env = {"_BACKSPASM_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": cword}
    done = runner.invoke(app, [], env=env, prog_name="backspasm")  # in-process: bash's request, as main() reads it
    assert done.exit_code == 0, done.output
    assert done.stdout.splitlines() == expected


def test_completion_is_cheap(isolated_home: Path) -> None:
    """Completing an id reads the cached plain data: no pydantic models, no YAML, no rich, no prompts."""
    complete(isolated_home, "backspasm session ")  # the first run may write the cache
    _, modules = complete(isolated_home, "backspasm remedies show ")
    heavy = ["backspasm.kb.models", "yaml", "rich.console", "questionary", "prompt_toolkit", "sqlite3"]
    assert [name for name in heavy if name in modules] == []
