"""What `backspasm plan`, `plan write` and `plan edit` do once their options are parsed.

Each function opens the journal, loads the knowledge base, asks, checks and draws for one
command. A plan is stored only when it passes the check; the plan in use is never touched by a
plan that fails it (a new version is a new row).
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from backspasm.errors import BackspasmError, UsageError
from backspasm.render.text import say

if TYPE_CHECKING:
    from backspasm.journal.flare_plan import FlarePlan
    from backspasm.kb.loader import KnowledgeBase
    from backspasm.storage.flare_plans import PlanVersion

NONE_YET = (
    "You have no flare-up plan yet.",
    "Write one on a good day, so that on a bad one you follow your own steps:",
    "  backspasm plan write                  a few questions, with suggestions",
    "  backspasm plan write --from FILE      from a YAML or JSON file",
)
# How far back the journal is read for what helped (plan write is rare; a journal may be large).
HELPED_OVER = timedelta(days=730)


def _context() -> tuple[KnowledgeBase, str, list[str]]:
    """The knowledge base, the emergency number's words, and the warning signs the plan shows."""
    from backspasm.emergency.current import current
    from backspasm.journal.flare_first import sign_titles
    from backspasm.journal.flare_plan import warning_lines
    from backspasm.kb.loader import load_active
    from backspasm.render.text import emergency_problems

    kb = load_active()
    number = current(kb.regions)
    emergency_problems(number)
    return kb, number.text, warning_lines(sign_titles(kb.warning_signs))


def _versions() -> list[PlanVersion]:
    from backspasm.storage.db import connect, store_errors
    from backspasm.storage.flare_plans import versions

    conn = connect(reading=True)
    try:
        with store_errors("the journal could not be read"):
            return versions(conn)
    finally:
        conn.close()


def _usable(found: list[PlanVersion]) -> list[tuple[PlanVersion, FlarePlan]]:
    """The versions whose plan still passes the check (another program may have changed a row)."""
    from backspasm import unreadable
    from backspasm.journal.flare_plan import from_stored

    usable = []
    for version in found:
        plan = from_stored(version.plan)
        if plan is None:
            unreadable.note_line(f"version {version.version} of your flare-up plan could not be read and is left out")
            continue
        usable.append((version, plan))
    return usable


def show(*, as_json: bool, plain: bool, history: bool) -> None:
    """`backspasm plan`: the plan in use (or every version with --history), as a screen, plain lines or JSON."""
    from backspasm.journal.explain import moment_text as when_text
    from backspasm.journal.flare_plan import FIRST_LINE, TITLE, sections
    from backspasm.render import flareplan as view

    _, number, signs = _context()
    found = _usable(_versions())
    if as_json:
        from backspasm.text_safety import dumps

        listed = [_version_data(version, plan) for version, plan in found]
        if history:
            say(dumps({"title": TITLE, "first_line": FIRST_LINE, "versions": listed, "warning_signs": signs}))
        else:
            current = listed[-1] if listed else None
            say(dumps({"title": TITLE, "first_line": FIRST_LINE, "current": current, "warning_signs": signs}))
        return
    if not found:
        for line in NONE_YET:
            say(line)
        return
    if history:
        parts = []
        for version, plan in reversed(found):
            in_use = " (in use)" if version is found[-1][0] else ""
            head = f"Version {version.version}{in_use}, written {when_text(version.written_at)}"
            parts.append((head, sections(plan, (), number)))
        always = sections(found[-1][1], signs, number)[-1:] if signs else []  # the warning signs, once
        view.show_history(TITLE, parts, FIRST_LINE, always, plain=plain)
        return
    version, plan = found[-1]
    footer = [
        f"Version {version.version}, written {when_text(version.written_at)}."
        " Change it: backspasm plan edit (or plan write). Older versions: backspasm plan --history"
    ]
    view.show(TITLE, FIRST_LINE, sections(plan, signs, number), footer, plain=plain)


def _version_data(version: PlanVersion, plan: FlarePlan) -> dict[str, Any]:
    return {
        "version": version.version,
        "written_at": version.written_at.isoformat(timespec="seconds"),
        "plan": plan.as_data(),
    }


def write(*, from_file: str | None, plain: bool) -> None:
    """`backspasm plan write`: from a file, or by asking each part with suggestions; then stored as a new version."""
    from backspasm.flareplan import ask

    if from_file is not None:
        from backspasm.flareplan.plan_file import read_plan_file

        _store(read_plan_file(from_file))
        return
    from backspasm.prompts.mode import plain_wanted, use_plain

    use_plain(plain_wanted(plain))
    if not ask.can_ask():
        raise UsageError(
            "plan write asks its questions in a terminal; from a script: backspasm plan write --from FILE"
        )
    from backspasm.journal.flare_plan import FIRST_LINE, PARTS, TITLE, PlanProblems, check, sections
    from backspasm.render import flareplan as view

    kb, number, signs = _context()
    offered, current = _suggestions(kb)
    say("Your flare-up plan: what you will do when a spasm comes back.")
    say("backspasm adds the signs that mean it is not a normal spasm, always.")
    answers = {key: ask.part(question, offered[key], current.get(key, ())) for key, _, question in PARTS}
    try:
        plan = check(answers)
    except PlanProblems:
        say("Nothing was written, so nothing was saved; the plan you had (if any) is kept.")
        return
    say()
    view.show(TITLE, FIRST_LINE, sections(plan, signs, number), (), plain=plain)
    if not ask.keep():
        say("Not saved; the plan you had (if any) is kept.")
        return
    _store(plan)


def _suggestions(kb: KnowledgeBase) -> tuple[dict[str, Any], dict[str, tuple[str, ...]]]:
    """Each part's suggestions from the journal (when there is one), the knowledge base and general lines;
    and the lines of the plan in use (Enter alone keeps them)."""
    from backspasm.clock.now import now as clock_now
    from backspasm.flareplan.suggestions import MOST_SHOWN, RemedyFacts, for_parts
    from backspasm.journal.flare_plan import from_stored
    from backspasm.journal.what_helped import from_entries
    from backspasm.storage.paths import journal_exists

    helped: list[Any] = []
    finished: dict[str, int] = {}
    current: dict[str, tuple[str, ...]] = {}
    if journal_exists():
        from backspasm.storage import journal as record
        from backspasm.storage.db import connect, store_errors
        from backspasm.storage.flare_plans import latest

        conn = connect(reading=True)
        try:
            with store_errors("the journal could not be read"):
                since = clock_now() - HELPED_OVER
                helped = from_entries((e.at, e.pain, e.tried) for e in record.pain_entries(conn, since))
                for run in record.stretch_runs(conn, since):
                    if run.status == "completed":
                        finished[run.routine] = finished.get(run.routine, 0) + 1
                found = latest(conn)
                plan = from_stored(found.plan) if found is not None else None
                if plan is not None:
                    current = dict(plan.parts)
        finally:
            conn.close()
    remedies = [RemedyFacts(r.id, r.name, r.category, r.stance) for r in kb.remedies]
    routines = {r.id: r.name for r in kb.routines}
    offered = for_parts(helped, finished, remedies, routines, current)
    return {key: found[:MOST_SHOWN] for key, found in offered.items()}, current


def _store(plan: FlarePlan) -> None:
    """Keep the plan as a new version, unless it is the plan in use already."""
    from backspasm.clock.now import now as clock_now
    from backspasm.journal.flare_plan import from_stored
    from backspasm.storage.db import connect, store_errors
    from backspasm.storage.flare_plans import add_version, latest

    conn = connect()
    try:
        with store_errors("the plan could not be saved"):
            conn.execute("BEGIN IMMEDIATE")
            try:
                found = latest(conn)
                if found is not None and from_stored(found.plan) == plan:
                    conn.execute("COMMIT")
                    say(f"Your flare-up plan is unchanged (version {found.version}).")
                    return
                add_version(conn, clock_now(), plan.as_data())
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            number = found.version + 1 if found is not None else 1
    finally:
        conn.close()
    say(f"Saved your flare-up plan (version {number}). See it with: backspasm plan")


def edit() -> None:
    """`backspasm plan edit`: the plan as text in $VISUAL or $EDITOR, checked and stored as a new version."""
    import os

    from backspasm.flareplan.text_form import to_text

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor or not editor.strip():
        raise UsageError("plan edit opens your editor: set VISUAL or EDITOR (for example EDITOR=nano)")
    from backspasm.journal.flare_plan import from_stored

    _, _, signs = _context()
    found = _versions()
    current = from_stored(found[-1].plan) if found else None
    _edit_until_right(editor, to_text(current, signs), current)


def _edit_until_right(editor: str, text: str, current: FlarePlan | None) -> None:
    """Open the editor on the text until it gives a plan, the person gives up, or nothing changed."""
    import tempfile
    from pathlib import Path

    from backspasm.flareplan import ask
    from backspasm.flareplan.text_form import from_text
    from backspasm.journal.flare_plan import PlanProblems

    folder = Path(tempfile.mkdtemp(prefix="backspasm-plan-"))  # 0700: the plan is health data
    path = folder / "flare-up-plan.txt"
    _write_private(path, text)
    keep_file = False
    try:
        while True:
            _run_editor(editor, path)
            edited = path.read_text(encoding="utf-8", errors="replace")
            if edited == text:
                say("No change: your flare-up plan is kept as it was.")
                return
            try:
                plan = from_text(edited)
            except PlanProblems as bad:
                problems = [f"plan edit: {problem}" for problem in bad.problems]
                if ask.can_ask():  # said now, before the question; not again after it
                    for problem in problems:
                        say(f"backspasm: {problem}", err=True)
                    if ask.edit_again():
                        text = _with_problems(edited, bad.problems)
                        _write_private(path, text)
                        continue
                    problems = []
                keep_file = True
                raise UsageError(
                    *problems, f"plan edit: your plan is kept as it was; what you wrote is in {path}"
                ) from None
            if current is not None and plan == current:
                say("No change: your flare-up plan is kept as it was.")
                return
            _store(plan)
            return
    finally:
        if not keep_file:
            path.unlink(missing_ok=True)
            folder.rmdir()


def _write_private(path: Any, text: str) -> None:
    """Write the text to a file readable by the person alone (0600 from the start)."""
    import os

    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)


def _with_problems(text: str, problems: list[str]) -> str:
    """The edited text again, the problems as notes at the end (so that the line numbers they give still hold)."""
    kept = [line for line in text.splitlines() if not line.startswith("# problem: ")]
    notes = [f"# problem: {problem}" for problem in problems]
    return "\n".join(kept + notes) + "\n"


def _run_editor(editor: str, path: Any) -> None:
    """Run the person's editor on the file and wait for it; a failure to start or a failed run is an error."""
    import shlex
    import subprocess

    try:
        command = shlex.split(editor)
    except ValueError:
        raise UsageError(f"the editor command cannot be read: {editor!r}") from None
    try:
        done = subprocess.run([*command, str(path)], check=False)
    except OSError as exc:
        raise BackspasmError(
            f"cannot start the editor {command[0]!r} ({exc.strerror or exc}); set VISUAL or EDITOR to one you have"
        ) from None
    if done.returncode != 0:
        raise BackspasmError(f"the editor ended with an error (exit {done.returncode}); your plan is kept as it was")

