"""`backspasm triage`: is this back pain dangerous? Asked one question at a time, or from an answers file.

Only typer is imported here; the knowledge base, the engine, rich and questionary are imported
inside the command, and the `--answers --json` path never imports rich or questionary.
"""

from __future__ import annotations

from typing import Annotated

import typer

# Paragraphs are single lines: the help formatter keeps line breaks inside a paragraph.
HELP = "\n\n".join(
    [
        "Is this back pain dangerous? Answer a few questions and get what to do now.",
        "Asks one question at a time, emergency questions first, and stops at once if an answer means you need "
        "emergency care. With --answers, reads the answers from a YAML or JSON file instead (keys and values: see "
        "the README); --json prints the result as JSON.",
        "Every finished triage is saved in your journal (answers, level, reasons, and when the pain began, which "
        "`backspasm session` then uses to suggest ice or heat); --no-save keeps it out. An interrupted one is never "
        "saved.",
        "Exit code 0 for every result, including emergency; 2 for answers that are not allowed; 130 if interrupted.",
    ]
)


def register(app: typer.Typer) -> None:
    """Add `backspasm triage` to the app."""

    @app.command("triage", help=HELP)
    def triage(
        answers: Annotated[
            str | None,
            typer.Option(
                "--answers",
                "-a",
                metavar="FILE",
                help="Read the answers from a YAML or JSON file ('-' for stdin) instead of asking.",
            ),
        ] = None,
        json_output: Annotated[
            bool, typer.Option("--json", help="Print the result as one JSON object on stdout (needs --answers).")
        ] = False,
        startback: Annotated[
            bool,
            typer.Option("--startback", help="Also ask the Keele STarT Back questions, even before two weeks of pain."),
        ] = False,
        emergency_number: Annotated[
            str | None,
            typer.Option(
                "--emergency-number",
                metavar="TEXT",
                help="The emergency number to show, for example 999, 911 or 112. Default: "
                "BACKSPASM_EMERGENCY_NUMBER, your saved number, else your region's ('backspasm config set region').",
            ),
        ] = None,
        no_save: Annotated[bool, typer.Option("--no-save", help="Do not save this triage in your journal.")] = False,
        plain: Annotated[
            bool,
            typer.Option(
                "--plain",
                help="Ask each question as plain lines of text, answered by typing (screen readers; TERM=dumb too).",
            ),
        ] = False,
    ) -> None:
        from backspasm.triage.actions import triage_command

        triage_command(
            answers,
            json_output=json_output,
            startback=startback,
            emergency_number=emergency_number,
            save=not no_save,
            plain=plain,
        )
