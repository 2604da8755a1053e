"""The knowledge base's closed vocabularies as plain tuples, for help texts and option checks.

Kept free of pydantic so that `--help` can name the allowed values without importing models;
tests/test_kb_models.py checks these tuples against the models' Literal types.
"""

from __future__ import annotations

CATEGORIES = (
    "cold",
    "heat",
    "movement",
    "stretch",
    "exercise",
    "manual-therapy",
    "medication",
    "topical",
    "supplement",
    "hydration",
    "rest",
    "medical-procedure",
    "device",
)
PHASES = ("early", "later", "prevention")
STANCES = ("recommended", "optional", "not-recommended", "medical-only")
LEVELS = ("emergency", "urgent", "soon")
# Triage outcomes, most urgent first: the warning-sign levels, then self-care.
DISPOSITIONS = (*LEVELS, "self_care")

# Phases in words; {hours} is the knowledge base's one early-phase boundary (phase_boundary).
PHASE_LABELS = {
    "early": "first {hours} hours",
    "later": "after {hours} hours",
    "prevention": "prevention",
}
SHORT_PHASE_LABELS = {"early": "first {hours} h", "later": "after {hours} h", "prevention": "prevention"}


def phase_label(phase: str, hours: int, short: bool = False) -> str:
    """One phase in words, with the knowledge base's boundary: "first 48 hours"."""
    return (SHORT_PHASE_LABELS if short else PHASE_LABELS)[phase].format(hours=hours)


STANCE_LABELS = {
    "recommended": "recommended",
    "optional": "optional",
    "not-recommended": "not recommended",
    "medical-only": "medical only",
}

DISCLAIMER = "Self-care guidance, not a diagnosis. If in doubt, or if it gets worse, see a doctor."

# The journal fields doctor-questions.yaml may name as `journal.<field>` (the report answers each;
# `kb check` refuses any other name).
DOCTOR_JOURNAL_FIELDS = (
    "episode_days",
    "pain_improving",
    "rising_entries",
    "episodes_past_year",
    "latest_pain",
    "entries",
    "pain",
    "pain_trend",
    "note",
    "notes",
    "tried",
    "remedies_tried",
    "medications",
)
