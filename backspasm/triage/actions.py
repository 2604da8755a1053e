"""What `backspasm triage` does once its options are parsed: scripted or interactive, then the result.

Kept out of backspasm/commands/triage.py so that module imports only typer. The scripted
`--json` path imports neither rich nor questionary: it reads, validates, evaluates and prints.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from backspasm.errors import EXIT_USAGE, InputEnded, Interrupted, UsageError
from backspasm.render.text import emergency_problems, say
from backspasm.triage.run import TriageRun, run_triage

if TYPE_CHECKING:
    from backspasm.emergency.number import EmergencyNumber

NOT_A_TERMINAL = (
    "triage asks its questions in a terminal, and this is not one (input or output is redirected); "
    "give the answers in a file with --answers FILE (or --answers - to read them from stdin)"
)


def triage_command(
    answers_file: str | None,
    *,
    json_output: bool,
    startback: bool,
    emergency_number: str | None,
    save: bool = True,
    plain: bool = False,
) -> TriageRun:
    """Run one triage as the options ask, show its result, and save it in the journal unless told not to."""
    given = _given_number(emergency_number)
    if answers_file is None:
        if json_output:
            raise UsageError(
                "--json needs --answers FILE (the result of an answers file) or --questions (the questionnaire as data)"
            )
        run = interactive(startback=startback, given=given, plain=plain)
    elif startback:
        raise UsageError(
            "--startback asks the STarT Back questions interactively; "
            "with --answers, put them under the 'startback' key"
        )
    else:
        run = scripted(answers_file, json_output=json_output, given=given)
    # Only a finished run gets here: an interrupted questionnaire raised Interrupted above.
    if save:
        save_in_journal(run, quiet=json_output)
    return run


def questions_command(*, json_output: bool, answers_file: str | None, startback: bool, plain: bool) -> None:
    """Print the questionnaire (every screen, its choices and what they answer), as text or JSON; nothing is asked."""
    given = [name for name, on in (("--answers", answers_file is not None), ("--startback", startback)) if on]
    if plain:
        given.append("--plain")
    if given:
        raise UsageError(f"--questions prints the questionnaire and asks nothing; it cannot be used with {given[0]}")
    from backspasm.kb.loader import load_active
    from backspasm.triage.listing import questionnaire_data

    data = questionnaire_data(load_active())
    if json_output:
        import json

        say(json.dumps(data, indent=2, ensure_ascii=False))
        return
    from backspasm.render.questionnaire import render_questionnaire

    render_questionnaire(data)


def save_in_journal(run: TriageRun, *, quiet: bool) -> None:
    """Write the run to the journal after its result was shown (a storage problem never hides the result)."""
    from backspasm.clock.now import now
    from backspasm.storage.db import connect, store_errors
    from backspasm.storage.triage_runs import save_run

    conn = connect()
    try:
        with store_errors("the triage result could not be saved in your journal"):
            save_run(conn, run.answers, run.assessment.disposition, run.assessment.to_dict(), now())
    finally:
        conn.close()
    if not quiet:
        say("Saved in your journal (see `backspasm history`; --no-save to skip).")


def _given_number(value: str | None) -> str | None:
    """--emergency-number as it will be shown; one that is not a phone number is a usage error (exit 2)."""
    if value is None or not value.strip():
        return None
    from backspasm.emergency.choose import phone_number

    number = phone_number(value)
    if number is None:
        raise UsageError("--emergency-number takes up to 20 digits, spaces, + and - only")
    return number


def _number(kb: Any, given: str | None) -> EmergencyNumber:
    """The number this run shows, worked out once from the option, settings and locale (emergency/)."""
    from backspasm.emergency.current import current

    number = current(kb.regions, given=given)
    emergency_problems(number)
    return number


def scripted(answers_file: str, *, json_output: bool, given: str | None = None) -> TriageRun:
    """Assess an answers file; print JSON, or the result screen."""
    from backspasm.triage.answers_file import read_answers, validate_answers

    raw = read_answers(answers_file)
    if json_output:
        # The light path: light views of the cached knowledge base, no pydantic (kb/views.py).
        import json

        from backspasm.kb.loader import load_active as load_plain

        plain: Any = load_plain()
        number = _number(plain, given)
        run = run_triage(plain, answers=validate_answers(plain, raw), emergency_number=number.text)
        result = {**run.assessment.to_dict(), "emergency_number": number.as_data()}
        say(json.dumps(result, indent=2, ensure_ascii=False))
        return run
    from backspasm.kb.loader import load_active

    kb = load_active()
    number = _number(kb, given)
    run = run_triage(kb, answers=validate_answers(kb, raw), emergency_number=number.text)
    from backspasm.render.text import to_terminal
    from backspasm.render.triage_lines import assessment_lines, draw
    from backspasm.triage.selfcare import self_care

    lines = assessment_lines(run.assessment, kb, self_care(kb, run.answers), number)
    if to_terminal():  # the same words, styled, drawn without rich
        draw(lines)
    else:  # piped or redirected: plain lines
        from backspasm.render.text import write_lines

        write_lines(lines)
    return run


def interactive(*, startback: bool, given: str | None = None, plain: bool = False) -> TriageRun:
    """Ask one question at a time; on Ctrl-C say what the answers so far mean, show the emergency signs, exit 130."""
    from backspasm.prompts import mode

    mode.use_plain(mode.plain_wanted(plain))
    # Before anything else: with no terminal to ask in, fail at once instead of hanging.
    if not mode.can_prompt():
        raise UsageError(NOT_A_TERMINAL)

    from backspasm.kb.loader import load_active
    from backspasm.render.console import make_console
    from backspasm.render.triage import render_intro, render_not_finished
    from backspasm.triage.ask import TerminalAsker
    from backspasm.triage.engine import evaluate
    from backspasm.triage.run import Unfinished

    kb = load_active()
    number = _number(kb, given)
    console = make_console()
    render_intro(number, console)
    try:
        run = run_triage(kb, asker=TerminalAsker(console), startback=startback, emergency_number=number.text)
    except Unfinished as stopped:
        # What the answers so far already reach is said first; it is never saved as a result.
        so_far = evaluate(kb, stopped.answers, emergency_number=number.text)
        render_not_finished(kb, number, console, so_far=so_far)
        if stopped.exit_code == EXIT_USAGE:
            raise InputEnded("triage was not finished: the input ended before every question was answered") from None
        raise Interrupted("triage was not finished") from None
    console.print()
    from backspasm.render.triage_lines import assessment_lines, draw
    from backspasm.triage.selfcare import self_care

    care = self_care(kb, run.answers)
    # The same result screen as `triage --answers` on a terminal (rich stays for the questions).
    draw(assessment_lines(run.assessment, kb, care, number, interactive=True))
    return run
