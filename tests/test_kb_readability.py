"""Reading grades of the knowledge base: text read by someone in pain, often frightened.

The grade is Flesch–Kincaid over each file's prose (tests/readability.py says which fields).
NHS and AMA guidance aims patient text at school grade 6. Goal: warning signs, triage questions
and advice, and escalation text at 6 or below; every file at 7 or below.
"""

from __future__ import annotations

import pytest
from readability import FILES, grade, user_texts

# Files held to grade 6: what is read when it may be time to see a doctor (warning signs, the
# triage questions and advice, escalation).
AT_MOST_6 = ("warning-signs.yaml", "triage.yaml", "escalation.yaml")
AT_MOST_7 = FILES


def test_the_grade_formula_reads_plain_and_hard_text_apart() -> None:
    """The measure gives short, common words a low grade and long medical sentences a high one."""
    plain = ["Put the pack on your back. Keep it there for a short time. Then take it off."]
    hard = [
        "Intermittent neurological deterioration accompanying radicular symptomatology necessitates "
        "immediate specialist evaluation, particularly where sphincter disturbance is suspected."
    ]
    assert grade(plain) < 4 < 12 < grade(hard)


def test_every_file_has_prose_to_measure() -> None:
    """Each file in the table yields text, so a renamed field cannot make a file pass by being empty."""
    for name in FILES:
        assert user_texts(name), name


@pytest.mark.parametrize("name", AT_MOST_6)
def test_doctor_facing_moments_read_at_grade_6(name: str) -> None:
    """Warning signs, triage questions and advice, and escalation text read at school grade 6 or below."""
    assert grade(user_texts(name)) <= 6.0, name


@pytest.mark.parametrize("name", AT_MOST_7)
def test_every_file_reads_at_grade_7(name: str) -> None:
    """Every knowledge-base file's prose reads at school grade 7 or below."""
    assert grade(user_texts(name)) <= 7.0, name
