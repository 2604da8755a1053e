"""`backspasm log`, `check-in`, `history`, `report` and `data export|import|forget`: the person's record.

Options and help only; the work is in backspasm/journal/actions.py, imported when a command
runs, so `backspasm --help` stays fast.
"""

from __future__ import annotations

from typing import Annotated

import typer

from backspasm.journal.days import MAX_DAYS

data_app = typer.Typer(
    name="data",
    help="Your data: export everything as JSON, import it back, or delete it.",
    no_args_is_help=True,
)


def log(
    pain: Annotated[
        str | None,
        typer.Option(
            "--pain", "-p", metavar="0-10", help="Pain right now, 0 (none) to 10 (worst). Asked when left out."
        ),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", "-n", help="A few words: what you were doing, how it feels.")
    ] = None,
    tried: Annotated[
        list[str] | None,
        typer.Option(
            "--tried", "-t", metavar="REMEDY_ID", help="A remedy you tried (repeat, or separate ids with commas)."
        ),
    ] = None,
    at: Annotated[
        str | None,
        typer.Option("--at", metavar="WHEN", help="When: 2024-03-01 18:00, 'yesterday 18:00', '2h ago'. Default: now."),
    ] = None,
    saw_doctor: Annotated[
        bool,
        typer.Option(
            "--saw-doctor", help="Record that a doctor or other clinician has seen you (settles triage reminders)."
        ),
    ] = False,
    new_symptoms: Annotated[
        bool | None,
        typer.Option(
            "--new-symptoms/--no-new-symptoms",
            help="Anything new with the pain: numb or weak legs or arms, trouble peeing, numbness between the "
            "legs? Asked when left out (in a terminal). Yes sends you to triage now.",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the entry and the journal's verdict as JSON.")] = False,
) -> None:
    """Add a pain entry to your journal (several a day are fine), then check whether it is time to see a doctor.

    Example: backspasm log --pain 6 --tried superficial-heat --note "stiff after the drive"

    After a doctor has seen you: backspasm log --saw-doctor --note "GP: no red flags"
    """
    from backspasm.journal import actions

    actions.log(
        pain=pain, note=note, tried=tried, at=at, saw_doctor=saw_doctor, new_symptoms=new_symptoms, as_json=as_json
    )


def check_in(
    pain: Annotated[
        str | None,
        typer.Option(
            "--pain",
            metavar="0-10",
            help="Your pain on average in the past week: 0 = no pain, 10 = pain as bad as you can imagine.",
        ),
    ] = None,
    enjoyment: Annotated[
        str | None,
        typer.Option(
            "--enjoyment",
            metavar="0-10",
            help="How pain interfered with your enjoyment of life in the past week: 0 = does not interfere,"
            " 10 = completely interferes.",
        ),
    ] = None,
    activity: Annotated[
        str | None,
        typer.Option(
            "--activity",
            metavar="0-10",
            help="How pain interfered with your general activity in the past week: 0 = does not interfere,"
            " 10 = completely interferes.",
        ),
    ] = None,
    at: Annotated[
        str | None,
        typer.Option("--at", metavar="WHEN", help="When: 2024-03-01 18:00, 'yesterday 18:00', '2h ago'. Default: now."),
    ] = None,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace",
            help="Replace a check-in made less than 6 days from this one (without it, a script is refused"
            " and a person is asked).",
        ),
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the check-in and the change since the first as JSON.")
    ] = False,
    plain: Annotated[
        bool, typer.Option("--plain", help="Ask each question as a line of text (screen readers, TERM=dumb).")
    ] = False,
) -> None:
    """Check in once a week: three questions (the PEG scale) that show whether you are recovering.

    Answers left out are asked in a terminal; a script gives all three. Nothing is saved unless
    all three are whole numbers from 0 to 10. The source: Krebs et al., J Gen Intern Med 2009.

    Example: backspasm check-in --pain 6 --enjoyment 5 --activity 7
    """
    from backspasm.journal import actions

    actions.check_in(
        pain=pain, enjoyment=enjoyment, activity=activity, at=at, replace=replace, as_json=as_json, plain=plain
    )


def history(
    days: Annotated[
        int | None,
        typer.Option(
            "--days",
            "-d",
            min=1,
            max=MAX_DAYS,
            metavar="N",
            help="The last N days, today included (default 30).",
            show_default=False,
        ),
    ] = None,
    everything: Annotated[bool, typer.Option("--all", help="The whole journal instead of the last N days.")] = False,
    limit: Annotated[
        int,
        typer.Option(
            "--limit", "-n", min=0, metavar="ROWS", help="Show at most the newest ROWS in the table (0: all)."
        ),
    ] = 50,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the timeline, the pain trend and the verdict as one JSON object.")
    ] = False,
) -> None:
    """Your journal as a timeline: pain entries, triage results, sessions and stretches, with a pain trend.

    After the timeline it says when the journal shows it is time to see a doctor, and why.
    Example: backspasm history --days 7
    """
    from backspasm.journal import actions

    actions.history(days=days, everything=everything, limit=limit, as_json=as_json)


def report(
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="markdown|html|pdf|csv",
            help="markdown (default), html (with a chart), pdf (to print or email: A4 or --paper letter, "
            "its chart the last 4 weeks) or csv (the raw journal). Default: from --output's suffix.",
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write to FILE (readable by you alone) instead of stdout."),
    ] = None,
    days: Annotated[
        int | None,
        typer.Option("--days", "-d", metavar="N", help="Cover the last N days (default 30; csv: the whole journal)."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the --output file if it already exists (atomically).")
    ] = False,
    name: Annotated[
        str | None, typer.Option("--name", metavar="NAME", help="Your name, for the report's title (not csv).")
    ] = None,
    paper: Annotated[
        str | None,
        typer.Option("--paper", metavar="a4|letter", help="The PDF's page size: a4 (default) or letter (US)."),
    ] = None,
) -> None:
    """Make a report to take to the doctor: answers to their usual questions, triage, pain trend, what you tried.

    Example: backspasm report --output for-the-doctor.pdf --name "Alex Smith"
    """
    from backspasm.journal import actions

    actions.report(fmt=fmt, output=output, days=days, force=force, name=name, paper=paper)


@data_app.command("export")
def data_export(
    file: Annotated[
        str, typer.Argument(metavar="FILE", help="Where to write the JSON (readable by you alone); '-' for stdout.")
    ],
    force: Annotated[
        bool, typer.Option("--force", help="Replace FILE if it already exists (atomically).")
    ] = False,
) -> None:
    """Write everything backspasm stores about you (every table) as one JSON file.

    Example: backspasm data export my-backspasm.json
    """
    from backspasm.journal import actions

    actions.data_export(file, force=force)


@data_app.command("import")
def data_import(
    file: Annotated[
        str, typer.Argument(metavar="FILE", help="A file made by `backspasm data export`; '-' reads stdin.")
    ],
) -> None:
    """Read an export back into your journal: restore a backup, or merge one without duplicating rows.

    Example: backspasm data import my-backspasm.json
    """
    from backspasm.journal import actions

    actions.data_import(file)


@data_app.command("forget")
def data_forget(
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Delete without listing or asking (for scripts).")
    ] = False,
) -> None:
    """Delete everything backspasm stores about you: journal, triage runs, sessions, stretches.

    It lists what will be deleted and asks you to type the word forget; nothing can bring it back,
    so run 'backspasm data export FILE' first to keep a copy.
    Example: backspasm data forget
    """
    from backspasm.journal import actions

    actions.data_forget(yes=yes)


def register(app: typer.Typer) -> None:
    """Add `log`, `check-in`, `history`, `report` and the `data` group to the app."""
    app.command("log")(log)
    app.command("check-in")(check_in)
    app.command("history")(history)
    app.command("report")(report)
    app.add_typer(data_app)
