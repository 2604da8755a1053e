"""The knowledge base's closed vocabularies, declared once: the models, the views and `--help` read them here.

Each is a `Literal` type (what the pydantic models accept and the type checker sees) and, for help
texts and option checks, the same values as a tuple taken from it. Kept free of pydantic so that
`--help` can name the allowed values without importing the models; `typing` is loaded by then.
"""

from __future__ import annotations

from typing import Literal, get_args

Level = Literal["emergency", "urgent", "soon"]
# Triage outcomes, most urgent first: the warning-sign levels, then self-care.
Disposition = Literal[Level, "self_care"]
Phase = Literal["early", "later", "prevention"]
Category = Literal[
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
]
Stance = Literal["recommended", "optional", "not-recommended", "medical-only"]
# The words of shared/clinical-reference.md section 2, strongest first.
Grade = Literal[
    "high quality",
    "moderate quality",
    "low quality",
    "very low certainty",
    "insufficient evidence",
    "no good evidence",
    "not effective",
    "specialist treatment",
]
Location = Literal["lower_back", "mid_back", "upper_back", "neck"]
# A value an answer (or a journal fact) may take in a condition.
Scalar = bool | int | float | str

CATEGORIES: tuple[str, ...] = get_args(Category)
PHASES: tuple[str, ...] = get_args(Phase)
STANCES: tuple[str, ...] = get_args(Stance)
LEVELS: tuple[str, ...] = get_args(Level)
DISPOSITIONS: tuple[str, ...] = get_args(Disposition)

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
