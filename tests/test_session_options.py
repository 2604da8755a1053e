"""Pure rules of the session command: durations, the onset, the suggestion, clamping and the minimum rest."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from backspasm.clock.read import AT_FORMS, DURATION_FORMS, parse_duration
from backspasm.clock.show import clock_text, words
from backspasm.errors import UsageError
from backspasm.kb.loader import KnowledgeBase, load_active
from backspasm.kb.views import ProtocolCheck
from backspasm.session.gate import first_ruling_out
from backspasm.session.onset import parse_since, suggest_protocol
from backspasm.session.rounds import settle

NOW = datetime(2024, 3, 10, 18, 0, tzinfo=timezone(timedelta(hours=1)))


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    """The built-in knowledge base."""
    return load_active()


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("15m", 900), ("90s", 90), ("1m30s", 90), ("15", 900), ("1.5", 90), ("2 min", 120), ("1h", 3600), ("1S", 1)],
)
def test_durations_people_type(text: str, seconds: float) -> None:
    """15m, 90s, 1m30s and a bare number of minutes are read as seconds."""
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("0", "must be longer than zero"),
        ("0s", "must be longer than zero"),
        ("-5m", "must be longer than zero"),
        ("-5", "must be longer than zero"),
        ("abc", "is not a length of time"),
        ("", "is not a length of time"),
        ("5x", "is not a length of time"),
        ("m", "is not a length of time"),
    ],
)
def test_bad_durations_name_the_accepted_forms(text: str, problem: str) -> None:
    """Zero, negative and unreadable lengths are usage errors that list what is accepted."""
    with pytest.raises(UsageError) as caught:
        parse_duration(text, "--rest")
    assert str(caught.value) == f"--rest '{text}' {problem}; use {DURATION_FORMS}"


def test_time_is_shown_rounded_up_and_in_words() -> None:
    """The clock shows 0:01 until the very end; words give minutes and seconds."""
    assert [clock_text(s) for s in (899.2, 60, 0.4, 0, 3725)] == ["15:00", "1:00", "0:01", "0:00", "1:02:05"]
    assert [words(s) for s in (900, 90, 45.4, 0)] == ["15 min", "1 min 30 s", "45 s", "0 s"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 days ago", NOW - timedelta(days=2)),
        ("6h ago", NOW - timedelta(hours=6)),
        ("90 minutes ago", NOW - timedelta(minutes=90)),
        ("2024-03-09 08:30+01:00", datetime(2024, 3, 9, 8, 30, tzinfo=timezone(timedelta(hours=1)))),
        ("2024-03-09T07:30Z", datetime(2024, 3, 9, 7, 30, tzinfo=timezone.utc)),
    ],
)
def test_onset_forms(text: str, expected: datetime) -> None:
    """--since takes a date/time or a time ago."""
    assert parse_since(text, NOW) == expected


def test_onset_without_offset_is_local_time() -> None:
    """A date and time without an offset is the local wall-clock time; a date alone is its midday."""
    assert parse_since("2024-03-09 08:30", NOW) == datetime(2024, 3, 9, 8, 30).astimezone()
    assert parse_since("2024-03-08", NOW) == datetime(2024, 3, 8, 12, 0).astimezone()


@pytest.mark.parametrize("text", ["soon", "3 fortnights ago"])
def test_bad_onsets_are_usage_errors(text: str) -> None:
    """Unreadable onsets say what is accepted, as every option that takes a past time does."""
    with pytest.raises(UsageError) as caught:
        parse_since(text, NOW)
    assert str(caught.value) == f"--since must be {AT_FORMS} (got {text!r})"


def test_onset_in_the_future_is_refused() -> None:
    """An onset after now is a mistake, not a phase."""
    with pytest.raises(UsageError, match="in the future"):
        parse_since("2024-03-11 09:00+01:00", NOW)


@pytest.mark.parametrize(
    ("hours", "protocol"), [(0, "ice"), (47.9, "ice"), (48, "heat"), (71.9, "heat"), (72, "heat"), (24 * 10, "heat")]
)
def test_ice_in_the_first_48_hours_then_heat(kb: KnowledgeBase, hours: float, protocol: str) -> None:
    """suggest_protocol picks ice before the knowledge base's 48-hour boundary and heat from then on, and says why."""
    assert kb.phase_boundary.early_hours == 48
    suggestion = suggest_protocol(kb, NOW - timedelta(hours=hours), NOW)
    assert suggestion.protocol.id == protocol
    assert "began" in suggestion.why


@pytest.mark.parametrize(("hours", "still_cold"), [(50, True), (71.9, True), (72, False)])
def test_after_48_hours_cold_stays_an_option_to_72(kb: KnowledgeBase, hours: float, still_cold: bool) -> None:
    """From 48 hours heat is suggested; up to 72 hours the reason says cold is still an option."""
    why = suggest_protocol(kb, NOW - timedelta(hours=hours), NOW).why
    assert "heat is the usual choice" in why
    assert ("cold is still an option up to 72 hours" in why) is still_cold


def test_the_boundary_is_read_from_the_knowledge_base(kb: KnowledgeBase) -> None:
    """Moving the knowledge base's boundary moves the suggestion: no second copy of 48 in code."""
    moved = kb.replaced(phase_boundary=kb.phase_boundary.replaced(early_hours=24))
    assert suggest_protocol(moved, NOW - timedelta(hours=30), NOW).protocol.id == "heat"
    assert suggest_protocol(kb, NOW - timedelta(hours=30), NOW).protocol.id == "ice"


def test_duration_above_the_maximum_is_clamped_with_a_message(kb: KnowledgeBase) -> None:
    """45 minutes of ice becomes 20 and the note says so and why."""
    settled = settle(kb.protocol_index["ice"], duration=45 * 60)
    assert settled.plan.apply_seconds == 20 * 60
    assert settled.notes == (
        "45 min is more than the safe maximum for Ice pack (20 min at a time; longer risks an ice burn): "
        "running 20 min instead",
    )


@pytest.mark.parametrize(("protocol", "maximum"), [("ice", 20), ("heat", 30), ("ice-massage", 15)])
def test_every_protocol_is_capped(kb: KnowledgeBase, protocol: str, maximum: float) -> None:
    """Cold 20 min, heat 30, ice massage 15: nothing longer is ever planned."""
    assert settle(kb.protocol_index[protocol], duration=10_000).plan.apply_seconds == maximum * 60
    assert settle(kb.protocol_index[protocol], duration=maximum * 60).notes == ()


def test_default_length_and_rest(kb: KnowledgeBase) -> None:
    """Without options a protocol runs its default length; rounds rest the protocol's minimum."""
    settled = settle(kb.protocol_index["heat"], duration=None, rounds=3)
    assert (settled.plan.apply_seconds, settled.plan.rest_seconds, settled.plan.rounds) == (1200, 1200, 3)
    assert settled.notes == ()


def test_short_rest_is_raised_to_the_minimum_with_a_message(kb: KnowledgeBase) -> None:
    """--rest 5m between ice rounds becomes 40 minutes, and the note says so; a longer rest is kept."""
    raised = settle(kb.protocol_index["ice"], duration=None, rounds=2, rest=300)
    assert raised.plan.rest_seconds == 2400
    assert raised.notes == (
        "a rest of 5 min is shorter than the minimum for Ice pack: the skin needs at least 40 min between "
        "rounds, so each rest is 40 min",
    )
    assert settle(kb.protocol_index["ice"], duration=None, rounds=2, rest=3600).plan.rest_seconds == 3600


def test_rest_with_one_round_is_pointed_out(kb: KnowledgeBase) -> None:
    """--rest without --rounds has no effect, and the note says so."""
    assert settle(kb.protocol_index["ice"], duration=None, rest=3600).notes == (
        "--rest only matters with --rounds 2 or more; running one round",
    )


def test_gate_stops_at_the_first_answer_that_rules_out(kb: KnowledgeBase) -> None:
    """Answers equal to a check's stop_if rule the session out; the rest are not asked."""
    ice = kb.protocol_index["ice"]
    asked: list[str] = []

    def answer(check: ProtocolCheck) -> bool:
        asked.append(check.id)
        return check.id != "cloth"

    ruled_out = first_ruling_out(ice, answer)
    assert ruled_out is not None and ruled_out.check.id == "cloth" and not ruled_out.unsure
    assert asked == ["cloth"]
    safe = {check.id: not check.stop_if for check in ice.checks}
    assert first_ruling_out(ice, lambda check: safe[check.id]) is None


def test_not_sure_to_any_check_rules_the_session_out(kb: KnowledgeBase) -> None:
    """"Not sure" counts as the unsafe answer, whichever answer a check stops on."""
    ice = kb.protocol_index["ice"]
    safe = {check.id: not check.stop_if for check in ice.checks}
    for unsure_at in ice.checks:

        def answer(check: ProtocolCheck, unsure_at: ProtocolCheck = unsure_at) -> bool | str:
            return "unsure" if check.id == unsure_at.id else safe[check.id]

        ruled_out = first_ruling_out(ice, answer)
        assert ruled_out is not None and ruled_out.check.id == unsure_at.id and ruled_out.unsure
