"""Every public triage vignette, run through `backspasm triage --answers FILE --json`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, dump_yaml, load_yaml
from typer.testing import CliRunner

from backspasm.cli import app

VIGNETTES_FILE = Path(__file__).parent / "vignettes" / "triage-vignettes.yaml"
SHARED_FILE = REPO.parent / "shared" / "triage-vignettes.yaml"
VIGNETTES: list[dict[str, Any]] = load_yaml(VIGNETTES_FILE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("vignette", VIGNETTES, ids=[v["id"] for v in VIGNETTES])
def test_vignette_reaches_expected_disposition(vignette: dict[str, Any], runner: CliRunner, tmp_path: Path) -> None:
    """Each vignette's answers, given as a file, give exactly its expected disposition."""
    answers = tmp_path / f"{vignette['id']}.yaml"
    answers.write_text(dump_yaml(vignette["answers"]), encoding="utf-8")
    result = runner.invoke(app, ["triage", "--answers", str(answers), "--json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["disposition"] == vignette["expected"], vignette["rationale"]


def test_vignettes_cover_every_level() -> None:
    """The suite holds 46 cases with every disposition represented (15/11/10/10)."""
    counts = {
        level: sum(v["expected"] == level for v in VIGNETTES) for level in ("emergency", "urgent", "soon", "self_care")
    }
    assert counts == {"emergency": 15, "urgent": 11, "soon": 10, "self_care": 10}


@pytest.mark.skipif(not SHARED_FILE.is_file(), reason="the shared vignettes are not beside the repository")
def test_copy_matches_shared_vignettes() -> None:
    """tests/vignettes/triage-vignettes.yaml is an exact copy of shared/triage-vignettes.yaml."""
    assert VIGNETTES_FILE.read_bytes() == SHARED_FILE.read_bytes()
