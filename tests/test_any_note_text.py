"""Any text at all as `log --note`: exit 0 or 2, no traceback, short errors, and no control characters later."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from backspasm.cli import app

RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
LATER = [
    ["history", "--all"],
    ["history", "--all", "--json"],
    ["report"],
    ["report", "--format", "html"],
    ["report", "--format", "csv"],
    ["data", "export", "-"],
]
# Every code point, lone surrogates (undecodable argv bytes) and control characters included,
# with the dangerous ones drawn often.
NOTES = st.lists(
    st.one_of(
        st.text(st.characters(exclude_categories=[]), max_size=20),
        st.sampled_from(["\x1b", "\x07", "\x9b", "\x1b[2J", "\x1b]8;;http://x\x1b\\", "\r", "\x00", "\udc9b"]),
    ),
    max_size=10,
).map("".join)


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fixed time, so every entry is inside every window."""
    monkeypatch.setenv("BACKSPASM_NOW", "2024-03-10T18:00:00+01:00")


def check_note(runner: CliRunner, note: str) -> None:
    """`log --note` with this text exits 0 or 2 without a traceback, and every later output stays clean."""
    result = runner.invoke(app, ["log", "-p", "5", f"--note={note}"])
    assert result.exit_code in (0, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert len(result.stderr.splitlines()) <= 25
    assert not RAW_CONTROL.search(result.stdout)
    for command in LATER:
        later = runner.invoke(app, command)
        assert later.exit_code == 0, (command, later.output)
        assert not RAW_CONTROL.search(later.stdout), command
        assert not RAW_CONTROL.search(later.stderr), command


# Each example runs seven commands: a few in the edit loop, many more in the full suite (slow).
SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@example(note="\ud800")  # a surrogate that stands for no byte
@example(note="\udcff tail")  # a byte that is not UTF-8, as Python passes it on
@settings(SETTINGS, max_examples=5)  # and the two examples above; the slow twin draws 100
@given(note=NOTES)
def test_any_note_is_safe(runner: CliRunner, note: str) -> None:
    """Arbitrary --note text: exit 0 or 2, never a traceback, stderr at most 25 lines, later output clean."""
    check_note(runner, note)


@pytest.mark.slow
@settings(SETTINGS, max_examples=100)
@given(note=NOTES)
def test_any_note_is_safe_for_many_notes(runner: CliRunner, note: str) -> None:
    """The same over many more notes (slow)."""
    check_note(runner, note)
