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
        "--questions prints the questionnaire itself: every screen's words, its choices and the answers each "
        "choice gives (--json: as data, for review or for programs).",
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
            bool,
            typer.Option(
                "--json", help="Print the result (with --answers) or the questionnaire (with --questions) as JSON."
            ),
        ] = False,
        questions: Annotated[
            bool,
            typer.Option(
                "--questions",
                help="Print the questionnaire instead of asking it: each screen's words, choices and the answers "
                "they give.",
            ),
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
        from backspasm.triage.actions import questions_command, triage_command

        if questions:
            questions_command(json_output=json_output, answers_file=answers, startback=startback, plain=plain)
            return
        triage_command(
            answers,
            json_output=json_output,
            startback=startback,
            emergency_number=emergency_number,
            save=not no_save,
            plain=plain,
        )
