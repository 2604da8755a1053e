"""The pure parts of guided stretches: plans, the routine loop, the words, and the journal rows."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest
from conftest import built_in_kb

from backspasm.errors import Interrupted, UsageError
from backspasm.kb.views import Stretch
from backspasm.storage import stretch_runs as record
from backspasm.storage.db import connect
from backspasm.stretch.narration import ReadyVoice, StretchVoice
from backspasm.stretch.routine import areas, choose, evidence, hold_plan, ready_plan, stretch_seconds, stretches_of
from backspasm.stretch.routine_loop import RoutineOutcome, Timed, run_routine
from backspasm.timer import Event, Plan, Segment, SessionTimer, Snapshot
from backspasm.timer.signals import Ended

KB = built_in_kb()
START = datetime(2024, 3, 10, 18, 0, tzinfo=timezone(timedelta(hours=1)))
LOWER_BACK = stretches_of(KB, KB.routine_index["lower-back"])


# ---------------------------------------------------------------- the routine made ready


def test_no_routine_means_the_first_and_an_unknown_one_names_the_closest() -> None:
    """choose() gives the first routine by default; a typo is a usage error with the nearest id."""
    assert choose(KB, None).id == KB.routines[0].id == "lower-back"
    assert choose(KB, "legs").id == "legs"
    with pytest.raises(UsageError, match="did you mean standing-calf"):
        choose(KB, "standing-calves")


def test_a_stretch_is_timed_as_get_ready_then_hold_rest_hold() -> None:
    """Pelvic tilt: 20 s to get into position (or --ready), then 5 holds of 10 s with 10 s rests."""
    tilt = KB.stretch_index["pelvic-tilt"]
    assert ready_plan(tilt) == Plan(apply_seconds=20)
    assert ready_plan(tilt, 45) == Plan(apply_seconds=45)
    assert ready_plan(tilt, 0) is None
    assert hold_plan(tilt) == Plan(apply_seconds=10, rest_seconds=10, rounds=5)
    assert stretch_seconds(tilt) == 20 + 5 * 10 + 4 * 10
    walk = KB.stretch_index["short-walk"]
    assert ready_plan(walk) is None and hold_plan(walk) == Plan(apply_seconds=180)


def test_a_stretch_without_a_timed_hold_has_no_hold_plan() -> None:
    """hold_seconds 0 (allowed by the model) means no timer for the holds, rather than a crash."""
    untimed = KB.stretch_index["chin-tuck"].replaced(hold_seconds=0)
    assert hold_plan(untimed) is None


def test_areas_are_the_locations_all_back_stretches_share_or_legs() -> None:
    """A short walk suits everywhere, yet the lower-back routine is for the lower back; leg routines say legs."""
    assert areas(LOWER_BACK) == ["lower back"]
    assert areas(stretches_of(KB, KB.routine_index["neck-and-upper-back"])) == ["neck", "upper back"]
    assert areas(stretches_of(KB, KB.routine_index["legs"])) == ["legs"]


def test_the_evidence_note_comes_from_the_stretching_remedy() -> None:
    """The note before a routine is the knowledge base's grade for stretching: very low certainty, with sources."""
    note = evidence(KB)
    assert note.text.startswith("Evidence: very low certainty.")
    assert "cochrane-exercise-2023" in note.sources


# ---------------------------------------------------------------- the routine loop


class Fake:
    """Stands in for the terminal: scripted timer results and answers, and a record of what happened."""

    def __init__(self, timed: dict[str, Timed] | None = None, worse: set[str] | None = None) -> None:
        self.timed = timed or {}
        self.worse_for = worse or set()
        self.shown: list[tuple[str, int]] = []
        self.asked: list[str] = []
        self.saved: list[list[str]] = []

    def run(self, stretches: list[Stretch]) -> RoutineOutcome:
        """Run the loop with this fake."""
        return run_routine(
            stretches,
            show=lambda s, n: self.shown.append((s.id, n)),
            perform=lambda s: self.timed.get(s.id, Timed(completed=True)),
            worse=self.worse,
            save=self.saved.append,
        )

    def worse(self, stretch: Stretch) -> bool:
        """Answer the question, or raise what was scripted for this stretch."""
        self.asked.append(stretch.id)
        if stretch.id == "raise-interrupted":
            raise Interrupted("not finished")
        return stretch.id in self.worse_for


def test_every_stretch_is_shown_timed_saved_and_asked_about_in_order() -> None:
    """A routine with no problems runs each stretch and asks after each one, the last included."""
    fake = Fake()
    outcome = fake.run(LOWER_BACK)
    ids = [s.id for s in LOWER_BACK]
    assert outcome == RoutineOutcome("completed", ids, None)
    assert fake.shown == [(sid, n) for n, sid in enumerate(ids, start=1)]
    assert fake.asked == ids
    assert fake.saved[-1] == ids and len(fake.saved) == len(ids)


def test_worse_stops_at_that_stretch() -> None:
    """Worse after knee to chest ends the routine there; child's pose and the walk never start."""
    fake = Fake(worse={"knee-to-chest"})
    outcome = fake.run(LOWER_BACK)
    assert outcome == RoutineOutcome("worse", ["pelvic-tilt", "knee-to-chest"], "knee-to-chest")
    assert [sid for sid, _ in fake.shown] == ["pelvic-tilt", "knee-to-chest"]


def test_q_stops_without_counting_that_stretch_or_asking() -> None:
    """q during child's pose: stopped there, the two before done, no question about an unfinished stretch."""
    fake = Fake(timed={"childs-pose": Timed(completed=False, by_key=True)})
    outcome = fake.run(LOWER_BACK)
    assert outcome == RoutineOutcome("stopped", ["pelvic-tilt", "knee-to-chest"], "childs-pose")
    assert fake.asked == ["pelvic-tilt", "knee-to-chest"]


def test_a_signal_during_a_hold_is_an_interrupted_outcome_with_that_signal() -> None:
    """SIGTERM while pelvic tilt is timed: interrupted, nothing done, the signal kept for the exit code."""
    fake = Fake(timed={"pelvic-tilt": Timed(completed=False, signal=signal.SIGTERM)})
    assert fake.run(LOWER_BACK) == RoutineOutcome("interrupted", [], "pelvic-tilt", signal.SIGTERM)


def test_ctrl_c_at_the_question_is_interrupted_never_a_no() -> None:
    """An unanswered worse question ends the routine as interrupted (exit 130), not as "not worse"."""
    odd = KB.stretch_index["pelvic-tilt"].replaced(id="raise-interrupted")
    outcome = Fake().run([odd, *LOWER_BACK])
    assert outcome == RoutineOutcome("interrupted", ["raise-interrupted"], "raise-interrupted", signal.SIGINT)


def test_a_signal_between_holds_is_an_interrupted_outcome() -> None:
    """Ended (raised by the between-holds signal handler) becomes an interrupted outcome with its signal."""

    def hangup(stretch: Stretch, number: int) -> None:
        if number == 2:
            raise Ended(signal.SIGHUP)

    outcome = run_routine(LOWER_BACK, show=hangup, perform=lambda s: Timed(True), worse=lambda s: False, save=print)
    assert outcome == RoutineOutcome("interrupted", ["pelvic-tilt"], "knee-to-chest", signal.SIGHUP)


# ---------------------------------------------------------------- the words


def voice_lines(voice: StretchVoice | ReadyVoice, plan: Plan) -> list[str]:
    """Every line a plain view would print for a whole timer run (a fake clock)."""
    from fakes import FakeClock

    clock, timer = FakeClock(), SessionTimer(plan)
    events = timer.start(clock.now())
    while not timer.finished:
        events += timer.poll(clock.advance(0.5))
    snap = timer.snapshot(clock.now())
    return [voice.line(e, snap) for e in events]


def test_a_stretch_says_hold_relax_and_done() -> None:
    """Plain lines for 2 holds: hold 1 of 2, relax with the rest length, hold 2 of 2, done."""
    lines = voice_lines(StretchVoice("Pelvic tilt", 2, 10, 5), Plan(10, 5, 2))
    assert lines == [
        "Pelvic tilt: hold 1 of 2 now, for 10 s.",
        "Pelvic tilt: relax. Rest 5 s before hold 2 of 2.",
        "Pelvic tilt: hold 2 of 2 now, for 10 s.",
        "Pelvic tilt: done, 2 of 2. Relax.",
    ]


def test_a_walk_says_keep_going_and_its_minutes() -> None:
    """One long go without rest (the short walk) is "keep going", with minute marks."""
    lines = voice_lines(StretchVoice("Short walk", 1, 180, 0), Plan(180))
    assert lines[0] == "Short walk: keep going for 3 min."
    assert "Short walk: 2 min left." in lines and "Short walk: 1 min left." in lines
    assert lines[-1] == "Short walk: done. Relax."


def test_the_bell_rings_at_relax_hold_done_and_begin() -> None:
    """Alerts when the person must change what they do; none at the very start (the get-ready bell covers it)."""
    voice = StretchVoice("Neck turn", 2, 10, 5)
    segment = Segment("rest", 1, 5)
    snap = Snapshot("running", segment, 2, 5, 10, 1, 0)
    assert voice.alert(Event("phase", segment, 5)) == ("Neck turn: relax", "Rest 5 s.")
    assert voice.alert(Event("phase", Segment("apply", 2, 10), 10)) == (
        "Neck turn: hold 2 of 2",
        "hold 2 of 2 now, for 10 s",
    )
    assert voice.alert(Event("started", Segment("apply", 1, 10), 10)) is None
    assert ReadyVoice("Neck turn").alert(Event("completed", Segment("apply", 1, 5), 0)) is not None
    assert voice.heading(snap) == "Relax · next: hold 2 of 2"


# ---------------------------------------------------------------- the journal rows


def dead_pid() -> int:
    """The id of a process that has just ended."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(done.stdout)


def test_a_row_goes_from_running_to_finished_with_what_was_done() -> None:
    """begin writes a running row with this process's id; progress saves done; finish closes it."""
    conn = connect()
    run_id = record.begin(conn, "lower-back", started_at=START)
    record.progress(conn, run_id, done=["pelvic-tilt"], at=START + timedelta(minutes=2))
    row = conn.execute("SELECT * FROM stretch_runs").fetchone()
    assert (row["status"], json.loads(row["done"]), row["pid"]) == ("running", ["pelvic-tilt"], os.getpid())
    record.finish(conn, run_id, status="worse", done=["pelvic-tilt"], stopped_at="pelvic-tilt", at=START)
    row = conn.execute("SELECT * FROM stretch_runs").fetchone()
    assert (row["status"], row["stopped_at_stretch"]) == ("worse", "pelvic-tilt")
    conn.close()


def test_rows_of_dead_processes_become_interrupted() -> None:
    """A routine left running by a process that is gone is marked interrupted; a live one is left alone."""
    conn = connect()
    gone = record.begin(conn, "legs", started_at=START, pid=dead_pid())
    alive = record.begin(conn, "legs", started_at=START, pid=os.getppid())
    assert record.mark_interrupted(conn) == [gone]
    statuses = dict(conn.execute("SELECT id, status FROM stretch_runs").fetchall())
    assert statuses == {gone: "interrupted", alive: "running"}
    conn.close()


def test_one_sided_holds_say_which_side() -> None:
    """Knee to chest alternates legs, left first: "Hold 2 of 4, right leg", and the rest says what is next."""
    voice = StretchVoice("Knee to chest", 4, 20, 10, sides="leg")
    assert [voice.side(n) for n in (1, 2, 3, 4)] == ["left leg", "right leg", "left leg", "right leg"]
    lines = voice_lines(voice, Plan(20, 10, 4))
    assert "Knee to chest: hold 1 of 4 now, left leg, for 20 s." in lines
    assert "Knee to chest: relax. Rest 10 s before hold 2 of 4, right leg." in lines
    assert KB.stretch_index["knee-to-chest"].sides == "leg"
    assert KB.stretch_index["neck-turn"].sides == "side"
