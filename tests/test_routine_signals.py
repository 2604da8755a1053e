"""Between a routine's holds, an ending signal ends the question being asked, or else raises Ended."""

from __future__ import annotations

import os
import signal
import threading

import pytest

from backspasm.prompts.questionnaire import end_question
from backspasm.timer.signals import Ended, signals_end_routine

pytestmark = pytest.mark.skipif(
    threading.current_thread() is not threading.main_thread(), reason="signal handlers need the main thread"
)


def test_a_signal_at_a_question_ends_it_through_the_hook_the_action_hands_in() -> None:
    """With a question being asked, SIGTERM goes to the hook as Ended(SIGTERM) and raises nothing here."""
    handed: list[BaseException] = []

    def asking(error: BaseException) -> bool:
        handed.append(error)
        return True

    with signals_end_routine(asking):
        os.kill(os.getpid(), signal.SIGTERM)
    assert [(type(error), getattr(error, "number", None)) for error in handed] == [(Ended, signal.SIGTERM)]


def test_a_signal_with_no_question_asked_raises_ended() -> None:
    """When the hook says nothing is being asked (or there is no hook), SIGTERM raises Ended at once."""
    with pytest.raises(Ended) as ended, signals_end_routine(lambda error: False):
        os.kill(os.getpid(), signal.SIGTERM)
    assert ended.value.number == signal.SIGTERM
    with pytest.raises(Ended), signals_end_routine():
        os.kill(os.getpid(), signal.SIGHUP)


def test_the_old_handlers_come_back_after_the_routine() -> None:
    """Leaving the block restores whatever handled SIGTERM before it."""
    before = signal.getsignal(signal.SIGTERM)
    with signals_end_routine(end_question):
        assert signal.getsignal(signal.SIGTERM) is not before
    assert signal.getsignal(signal.SIGTERM) is before


def test_prompts_end_no_question_when_none_is_asked() -> None:
    """prompts' hook says False when no question is running, so the routine's own Ended ends it."""
    assert end_question(Ended(signal.SIGTERM)) is False
