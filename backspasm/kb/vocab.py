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

PHASE_LABELS = {
    "early": "first 48–72 hours",
    "later": "after 72 hours",
    "prevention": "prevention",
}
STANCE_LABELS = {
    "recommended": "recommended",
    "optional": "optional",
    "not-recommended": "not recommended",
    "medical-only": "medical only",
}
LEVEL_LABELS = {
    "emergency": "Emergency: call the emergency number or go to the emergency department now",
    "urgent": "Urgent: speak to a doctor today",
    "soon": "Soon: book a doctor or physiotherapist in the coming days or weeks",
    "self_care": "Self-care: home care is reasonable now",
}

DISCLAIMER = "Self-care guidance, not a diagnosis. If in doubt, or if it gets worse, see a doctor."
