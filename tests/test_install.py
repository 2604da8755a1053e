"""The knowledge base loads in every install mode, from any working directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
from conftest import DATA, REPO

from backspasm.kb.location import builtin_dir


def run_elsewhere(executable: Path, *args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    """Run a backspasm executable from an unrelated directory with a private home."""
    env = {**os.environ, "BACKSPASM_HOME": str(home), "NO_COLOR": "1"}
    env.pop("BACKSPASM_KB", None)
    return subprocess.run([str(executable), *args], cwd=cwd, env=env, capture_output=True, text=True, check=False)


def test_source_checkout_finds_top_level_data() -> None:
    """Run from the source tree (or an editable install), the built-in knowledge base is data/."""
    assert builtin_dir() == DATA


def test_installed_script_works_from_another_directory(tmp_path: Path) -> None:
    """This environment's `backspasm` (an editable install in CI) lists remedies from any directory."""
    script = Path(sys.executable).parent / "backspasm"
    if not script.exists():
        pytest.fail(f"no backspasm script beside {sys.executable}; install the project first")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = run_elsewhere(script, "remedies", "--json", cwd=elsewhere, home=tmp_path / "home")
    assert done.returncode == 0, done.stderr
    assert any(r["id"] == "superficial-heat" for r in json.loads(done.stdout))


@pytest.mark.slow
def test_wheel_built_from_sdist_runs_from_another_directory(tmp_path: Path) -> None:
    """`python -m build` makes an sdist, then a wheel from it; installed in a fresh venv, it works anywhere."""
    dist = tmp_path / "dist"
    built = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(dist), str(REPO)], capture_output=True, text=True, check=False
    )
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    (sdist,) = dist.glob("*.tar.gz")
    (wheel,) = dist.glob("*.whl")
    with tarfile.open(sdist) as archive:
        names = archive.getnames()
    assert any(name.endswith("/data/remedies.yaml") for name in names)
    with zipfile.ZipFile(wheel) as archive:
        assert "backspasm/data/remedies.yaml" in archive.namelist()
        assert "backspasm/data/validated.json" in archive.namelist()  # the first run needs no pydantic
        # The PDF report's font, with its licence.
        assert {"backspasm/fonts/DejaVuSans.ttf", "backspasm/fonts/DejaVuSans-Bold.ttf"} <= set(archive.namelist())
        assert "backspasm/fonts/LICENSE" in archive.namelist()

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert pip.returncode == 0, pip.stderr[-2000:]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = run_elsewhere(venv / "bin" / "backspasm", "remedies", cwd=elsewhere, home=tmp_path / "home")
    assert done.returncode == 0, done.stderr
    assert "superficial-heat" in done.stdout
    pdf = run_elsewhere(venv / "bin" / "backspasm", "report", "-o", "r.pdf", cwd=elsewhere, home=tmp_path / "home")
    assert pdf.returncode == 0, pdf.stderr
    assert (elsewhere / "r.pdf").read_bytes().startswith(b"%PDF-")
    where = run_elsewhere(
        venv / "bin" / "python",
        "-c",
        "from backspasm.kb.location import builtin_dir; print(builtin_dir())",
        cwd=elsewhere,
        home=tmp_path / "home",
    )
    assert where.stdout.strip().startswith(str(venv)), where.stdout
    check = run_elsewhere(venv / "bin" / "backspasm", "kb", "check", cwd=elsewhere, home=tmp_path / "home")
    assert check.returncode == 0, check.stdout + check.stderr
