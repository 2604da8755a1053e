"""The words that mark a note the latest triage put first (triage/latest.py decides when)."""

from __future__ import annotations

PREGNANT = "Your latest triage says you are pregnant."
NECK = "Your latest triage says the pain is in your neck."
