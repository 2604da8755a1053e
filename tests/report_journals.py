"""A journal of a realistic size for the report's page tests: an episode of three weeks."""

from __future__ import annotations

import journal_rows as rows

# Three weeks of an episode, as someone keeping the diary might write it.
EPISODE_DAYS = 21
NOTES = [
    "Bent to lift the laundry basket; back seized up",
    "Could not sit through dinner",
    "Heat helped for an hour",
    "Walked to the shop and back, stiff after",
    "Slept better with a pillow under the knees",
    "Worse after the car journey",
    "Sharp when getting out of bed",
    "Back at work, standing desk",
]
# A note with a long link: at a phone's width it must wrap, not push the page sideways.
LINK_NOTE = "Physio's exercises: https://www.nhs.uk/conditions/back-pain/self-care-and-treatment-advice/"
# A note in Greek and Cyrillic: any name or note must print in letters, not boxes.
NON_LATIN_NOTE = "Πόνος στη μέση — боль в пояснице после сна"
SOON_RESULT = {
    "disposition": "soon",
    "reasons": [
        {
            "id": "startback-high-risk",
            "title": "High risk on the STarT Back tool",
            "why": "Worry and low mood can slow recovery; a physiotherapist can help.",
            "sources": ["nice-ng59"],
        }
    ],
    "advice": "Book a GP or physiotherapist appointment in the coming days.",
    "unanswered": ["fever"],
    "startback": {"total": 5, "psychosocial": 4, "risk": "high"},
}
ANSWERS = {
    "age": 44,
    "location": "lower_back",
    "days_since_onset": 1,
    "trend": "worse",
    "pain_score": 8,
    "bladder_bowel_change": False,
    "leg_pain_below_knee": "none",
    "leg_numbness": "none",
    "episodes_past_year": 1,
    "steroid_use": False,
}


def _episode_pain(day: int) -> int:
    """Pain on an episode's day: 8 at the start, easing to about 3 by the third week."""
    return max(2, 8 - day // 3)


def three_weeks() -> None:
    """An episode of 21 days: two entries a day in the first week, one after, notes, a triage, sessions, a visit."""
    start = EPISODE_DAYS - 1
    rows.triage(rows.ago(start, hours=-2), ANSWERS, "soon", SOON_RESULT, onset_at=rows.ago(start + 1))
    for day in range(EPISODE_DAYS):
        before = start - day
        pain = _episode_pain(day)
        note = NOTES[day // 3] if day % 3 == 0 else None
        if day == 4:
            note = NON_LATIN_NOTE
        if day == 10:
            note = LINK_NOTE
        tried = [["superficial-heat"], ["walking"], ["nsaids", "walking"], []][day % 4]
        rows.pain(rows.ago(before, hours=10), pain, note, tried)
        if day < 7:
            rows.pain(rows.ago(before, hours=1), min(10, pain + 1))
        if day % 2 == 0:
            rows.session("heat" if day % 4 else "ice", rows.ago(before, hours=6), 1200, 1200)
        if day >= 5 and day % 3 == 2:
            rows.stretch("lower-back", rows.ago(before, hours=5), "completed", ["pelvic-tilt", "knee-to-chest"])
    rows.with_conn(
        "INSERT INTO doctor_visits (at, note) VALUES (?, ?)", rows.ago(start - 6, hours=8), "GP: keep moving, physio"
    )
