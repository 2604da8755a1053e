"""The knowledge base's files, in the order they are checked, and how messages name them.

Names only, importing nothing: the models of the files' contents live in kb/files.py (pydantic),
which only checking a knowledge base or rebuilding the cache imports.
"""

from __future__ import annotations

from pathlib import Path

FILE_NAMES = (
    "sources.yaml",
    "remedies.yaml",
    "causes.yaml",
    "warning-signs.yaml",
    "triage.yaml",
    "startback.yaml",
    "protocols.yaml",
    "stretches.yaml",
    "doctor-questions.yaml",
    "escalation.yaml",
    "today.yaml",
    "regions.yaml",
)


def label_for(directory: Path, name: str) -> str:
    """How messages name a file: the directory's own name and the file (data/remedies.yaml)."""
    return f"{directory.name}/{name}" if directory.name else name
