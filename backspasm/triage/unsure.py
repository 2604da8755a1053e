"""What a result says about "unsure" answers (the value and the keys that accept it: kb/unsure.py).

An emergency sign that fires one level lower on an unsure answer gives an urgent result whose
action is "now, not later today" (clinical reference v3): its headline, its advice, the line a
result ends with and the Ctrl-C summary all say so, and none of them says "today" alone.
"""

from __future__ import annotations

UNSURE_EMERGENCY_HEADLINE = "Speak to a doctor or a medical helpline now, not later today"
UNSURE_EMERGENCY_ADVICE = (
    "You were not sure about: {titles}. Speak to a doctor, or call a medical helpline, "
    "now, not later today. They can check it with you. If you find that you do have it, call {emergency_number}."
)
UNSURE_EMERGENCY_CHANGES = (
    "Not sure about {what}? Call {emergency_number} if you find you have it, or if you get a sign in the first list."
)
UNSURE_ADVICE = "You were not sure about: {titles}. Ask the doctor to check it."

