"""A journal of a realistic size for the report's page tests: an episode of three weeks."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

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


# A fuller episode for the one-page tests: what someone who uses every part of the app for three
# weeks would have, each day's entries with what they tried and a note.
EPISODE_NOTES = [
    "Bent to lift the laundry basket; back seized up, could not stand straight",
    "Could not sit through dinner; lay on the floor with knees bent",
    "Heat pad helped for about an hour",
    "Walked to the shop and back, stiff after",
    "Slept better with a pillow under the knees",
    "Worse after the car journey to my mother's",
    "Sharp when getting out of bed, eased by mid-morning",
    "Saw the GP: keep moving, physio referral",
    "Managed a 20 minute walk without stopping",
    "Back at work, standing desk in the afternoon",
    "Tight after a long meeting",
    "Physio: pelvic tilts twice a day",
    "Good day, did the shopping",
    "Twinge lifting my daughter, settled with heat",
    "Slept through the night",
    "Long drive, stopped every hour",
    "Stiff in the morning only",
    "Swam a few lengths, felt fine",
    "Gardening for an hour, a bit sore",
    "Nearly back to normal",
    "No pain until the evening",
]
EPISODE_TRIED = [
    ["superficial-heat", "walking"],
    ["nsaids"],
    ["walking"],
    ["superficial-heat"],
    ["pelvic-tilt", "paracetamol"],
]
EPISODE_START = 20  # the first day, days before the journal tests' NOW
FIRST_TRIAGE = {
    **ANSWERS,
    "trauma": "none",
    "saddle_numbness": False,
    "sexual_dysfunction": False,
    "leg_weakness": "none",
    "fever": False,
    "leg_pain_below_knee": "one_leg",
    "startback": {
        "leg_pain_spread": True,
        "shoulder_or_neck_pain": False,
        "walked_short_distances": True,
        "dressed_slowly": True,
        "unsafe_to_be_active": True,
        "worrying_thoughts": True,
        "never_get_better": False,
        "not_enjoying_things": True,
        "bothersomeness": "very_much",
    },
}
# A week or two on: better, and the STarT Back items not asked again.
LATER_TRIAGE = {key: value for key, value in FIRST_TRIAGE.items() if key != "startback"} | {"trend": "improving"}
PLAN = {
    "first": ["Heat pad on my lower back, 20 minutes", "Lie on my back with my knees bent", "A short walk every hour"],
    "painkillers": "The one my pharmacist said suits me, as on the pack",
    "pacing": ["Short walks every hour", "No lifting for 3 days", "Standing desk in the afternoons"],
    "tell": "I have a back spasm; it usually eases within days",
    "call": ["GP: 01234 567890", "Physio: 01234 987654"],
}


def episode(invoke: Callable[..., object], folder: Path) -> None:
    """Three weeks of an episode with every part of the app: two entries a day with what was tried and
    a note, three triage runs, ice and heat sessions, stretch routines, weekly check-ins and a plan.

    `invoke(*args, now=...)` runs a backspasm command at that time; `folder` holds the answer files.
    """
    start = EPISODE_START
    for day in range(start + 1):
        before = start - day
        pain = max(2, 8 - day // 3)
        tried = EPISODE_TRIED[day % len(EPISODE_TRIED)]
        rows.pain(rows.ago(before, hours=10), pain, EPISODE_NOTES[day], tried)
        rows.pain(rows.ago(before, hours=7.5), max(1, pain - (day % 3)))  # after trying it
        if day % 2 == 0:
            rows.session("heat" if day % 4 else "ice", rows.ago(before, hours=6), 1200, 1200)
        if day >= 3 and day % 3 == 0:
            rows.stretch("lower-back", rows.ago(before, hours=5), "completed", ["pelvic-tilt", "knee-to-chest"])
    for week, (answers, peg) in enumerate(
        [
            (FIRST_TRIAGE, ("8", "7", "8")),
            ({**LATER_TRIAGE, "days_since_onset": 8, "pain_score": 5}, ("6", "5", "6")),
            ({**LATER_TRIAGE, "days_since_onset": 15, "pain_score": 3}, ("3", "3", "4")),
        ]
    ):
        at = rows.ago(start - 7 * week, hours=7)
        file = folder / f"answers-{week}.json"
        file.write_text(json.dumps(answers), encoding="utf-8")
        invoke("triage", "--answers", str(file), now=at)
        pain, enjoyment, activity = peg
        invoke("check-in", "--pain", pain, "--enjoyment", enjoyment, "--activity", activity, now=at)
    plan = folder / "plan.json"
    plan.write_text(json.dumps(PLAN), encoding="utf-8")
    invoke("plan", "write", "--from", str(plan), now=rows.ago(start - 3))
