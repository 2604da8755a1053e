"""A copy of the knowledge base whose stretches take seconds, for tests that really run a routine."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import DATA

TINY_ROUTINES = """
  - id: tiny
    name: Tiny test routine
    summary: Two stretches with one-second holds, for tests.
    stretches: [pelvic-tilt, knee-to-chest]
    sources: [nhs-back-pain]

  - id: tiny-one
    name: One tiny stretch
    summary: One stretch with one-second holds, for tests.
    stretches: [pelvic-tilt]
    sources: [nhs-back-pain]
"""


def tiny_kb(tmp_path: Path) -> Path:
    """data/ copied to tmp_path/kb: every hold and rest 1 s, 2 repetitions, plus routines `tiny` and `tiny-one`.

    One stretch then takes 3 s: 1 s to get into position, hold, rest, hold.
    """
    kb = tmp_path / "kb"
    shutil.copytree(DATA, kb)
    path = kb / "stretches.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"hold_seconds: \d+", "hold_seconds: 1", text)
    text = re.sub(r"rest_seconds: \d+", "rest_seconds: 1", text)
    text = re.sub(r"repetitions: \d+", "repetitions: 2", text)
    path.write_text(text.rstrip("\n") + "\n" + TINY_ROUTINES, encoding="utf-8")
    return kb
