"""The `backspasm` command: the Typer app and its command groups.

Only typer and the light command modules are imported here; each command imports what it
needs (pydantic models, YAML, questionary, rich) when it runs, so `backspasm --help` is fast.
"""

import importlib
import os
import sys
from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple

import typer
from typer.core import TyperGroup

from backspasm import __version__
from backspasm.errors import EXIT_INTERRUPTED, EXIT_PROBLEMS, EXIT_USAGE, BackspasmError
from backspasm.text_safety import visible

if TYPE_CHECKING:
    from backspasm.emergency.number import EmergencyNumber

class Command(NamedTuple):
    """A command's line in the table: the module of commands/ that registers it, and its summary."""

    module: str
    summary: str


# Every command, in the order of `backspasm --help` (the urgent question first): the module of
# commands/ whose register() adds it, and its one-line summary there. A run of one command builds
# only its module's commands: Typer turns every registered command's options into click
# parameters on each run, and importing every command module costs time too (together about
# 25 ms of a 150 ms start). A new command is one line here and its module's register().
COMMANDS: dict[str, Command] = {
    "triage": Command("triage", "Is this dangerous? A few questions, then what to do now."),
    "today": Command("today", "Your plan for today: what first, what next, what is done."),
    "plan": Command("plan", "Your flare-up plan: written on a good day, shown first on a bad one."),
    "remedies": Command("browse", "What helps, graded by the evidence."),
    "warning-signs": Command("browse", "The symptoms that need a doctor, emergency first."),
    "causes": Command("browse", "Common causes and how to prevent the next spasm."),
    "session": Command("session", "A timed ice or heat session, safety checks first."),
    "ice": Command("session", "Start an ice-pack session now (same checks as session ice)."),
    "heat": Command("session", "Start a heat session now (same checks as session heat)."),
    "protocols": Command("session", "The ice and heat protocols: length, maximum, rest."),
    "stretch": Command("stretch", "A guided stretch routine with counted holds."),
    "log": Command("journal", "Add a pain entry to your journal."),
    "check-in": Command("journal", "Three questions a week that show whether you are recovering."),
    "history": Command("journal", "Your timeline: pain, triage, sessions, stretches."),
    "report": Command("journal", "A report to take to the doctor."),
    "data": Command("journal", "Export, import or delete your data."),
    "kb": Command("kb", "Check a knowledge-base directory."),
    "config": Command("config", "Your settings, such as the emergency number."),
    "help": Command("help", "Show the help of a command, like --help."),
}
# The modules of commands/, each once, in the order of their first command.
GROUPS = tuple(dict.fromkeys(command.module for command in COMMANDS.values()))


class BackspasmGroup(TyperGroup):
    """Turns every error into one line per problem on stderr and a named exit code, never a traceback."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from backspasm.commands.help_format import tidy

        tidy(self)

    def list_commands(self, ctx: Any) -> list[str]:
        order = list(COMMANDS)
        names = super().list_commands(ctx)
        return sorted(names, key=lambda name: order.index(name) if name in order else len(order))

    def get_command(self, ctx: Any, name: str) -> Any:
        command = super().get_command(ctx, name)
        if command is not None and name in COMMANDS:
            command.short_help = COMMANDS[name].summary
        return command

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        def run() -> Any:
            return super(BackspasmGroup, self).main(
                args, prog_name, complete_var, False, windows_expand_args, **extra
            )

        if not standalone_mode:
            return run()
        _replace_what_the_terminal_cannot_show()
        from backspasm import unreadable

        unreadable.speak_with(_say)
        try:
            result = run()
        except typer.TyperException as error:
            # click's errors (typer vendors click privately; TyperException is their public base).
            if error.exit_code != EXIT_USAGE:
                typer.echo(f"backspasm: {visible(error.format_message())}", err=True)
                sys.exit(error.exit_code)
            # A usage error (click's UsageError and its kinds): one line naming what was wrong,
            # instead of click's usage block and boxed panel.
            ctx = getattr(error, "ctx", None)
            where = ctx.command_path if ctx is not None else "backspasm"
            if not error.format_message():  # a group run without a command: its help was shown
                sys.exit(EXIT_USAGE)
            from backspasm.commands.usage_words import plain_message

            message = plain_message(error) or error.format_message()
            typer.echo(f"backspasm: {visible(message)} (see '{where} --help')", err=True)
            sys.exit(EXIT_USAGE)
        except typer.Abort:
            typer.echo("backspasm: stopped", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except OSError as error:
            # Outside any command (--install-completion writing a shell's start-up file that is
            # a directory): one line, never a traceback.
            typer.echo(f"backspasm: {failure_text(error)}", err=True)
            sys.exit(EXIT_PROBLEMS)
        sys.exit(result if isinstance(result, int) else 0)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except BackspasmError as error:
            for problem in error.problems:  # they may quote what was typed: no control character gets through
                typer.echo(f"backspasm: {visible(problem)}", err=True)
            raise typer.Exit(error.exit_code) from None
        except BrokenPipeError:
            _silence_stdout()  # the reader went away (`| head`): nothing to say, as other tools do
            raise typer.Exit(EXIT_PROBLEMS) from None
        except (OSError, UnicodeError, OverflowError) as error:
            # The last line of defence: a failure the commands did not word themselves (a full
            # disk behind stdout, a lock held too long) still gets one line, never a traceback.
            typer.echo(f"backspasm: {failure_text(error)}", err=True)
            _silence_stdout_if_broken()
            raise typer.Exit(EXIT_PROBLEMS) from None
        except Exception as error:
            sqlite3 = sys.modules.get("sqlite3")
            if sqlite3 is None or not isinstance(error, sqlite3.Error):
                raise
            from backspasm.storage.db import after_error

            after_error(error)  # the next open checks the journal before using it
            typer.echo(f"backspasm: {failure_text(error)}", err=True)
            raise typer.Exit(EXIT_PROBLEMS) from None
        finally:
            _say_unreadable_rows()


def _say(line: str) -> None:
    """One line on stderr, as every message of backspasm (anything it quotes made visible)."""
    typer.echo(f"backspasm: {visible(line)}", err=True)


def _say_unreadable_rows() -> None:
    """The journal rows this command could not read, once each (the readers showed what they could)."""
    from backspasm import unreadable

    for line in unreadable.lines():
        typer.echo(f"backspasm: {visible(line)}", err=True)


def _replace_what_the_terminal_cannot_show() -> None:
    """On a terminal whose encoding is not UTF-8 (PYTHONIOENCODING=ascii), text it cannot show prints as '?'.

    Output is never the place a command fails: by then an entry may already be saved, and an
    error would invite typing it again.
    """
    for stream in (sys.stdout, sys.stderr):
        encoding = str(getattr(stream, "encoding", "") or "").lower().replace("-", "").replace("_", "")
        if stream is None or encoding == "utf8" or getattr(stream, "errors", "") != "strict":
            continue
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="replace")
            except (OSError, ValueError):
                continue


def failure_text(error: BaseException) -> str:
    """One line for an unexpected failure of the system under the program."""
    sqlite3 = sys.modules.get("sqlite3")
    if sqlite3 is not None and isinstance(error, sqlite3.Error):
        from backspasm.storage.db import busy_message, is_busy

        return busy_message() if is_busy(error) else f"the journal could not be used: {error}"
    if isinstance(error, OSError):
        reason = error.strerror or str(error)
        return f"cannot write {error.filename}: {reason}" if error.filename else f"output failed: {reason}"
    if isinstance(error, UnicodeEncodeError):
        return "some text could not be written in this terminal's encoding; anything saved was kept"
    if isinstance(error, UnicodeError):
        return "text that is not valid Unicode could not be handled"
    return "a number or date was out of range"


def _silence_stdout_if_broken() -> None:
    """After a failed write to stdout, drop what is still buffered there instead of failing again at exit."""
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except (OSError, ValueError):
        _silence_stdout()


def _silence_stdout() -> None:
    """Point stdout at /dev/null so unwritable buffered output is not retried at exit."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:
        pass


WELCOME = """backspasm: self-care for back spasms (not a diagnosis).

  backspasm triage          is this dangerous? a few questions, then what to do
  backspasm remedies        what helps, graded by the evidence
  backspasm session ice     a safe, timed ice or heat session
  backspasm warning-signs   the symptoms that need a doctor now
  backspasm --help          every command
"""
# Said after the commands, wrapped to the terminal's 80 columns (one short, as every screen).
EMERGENCY = (
    "If you have new trouble peeing, numbness around your bottom or genitals, weakness in both legs, "
    "or chest pain: call {number} now{aside}."
)
SET_REGION = "Set your country once, for its own number: backspasm config set region CODE (for example GB)."
WELCOME_WIDTH = 79


def welcome_emergency(number: "EmergencyNumber") -> list[str]:
    """The welcome's last lines: whom to call in an emergency, and how to set the country when it is not known."""
    import textwrap

    said = EMERGENCY.format(number=number.text, aside=number.aside)
    lines = textwrap.wrap(said, WELCOME_WIDTH, break_long_words=False, break_on_hyphens=False)
    if not number.numbers:
        lines += textwrap.wrap(SET_REGION, WELCOME_WIDTH, break_long_words=False, break_on_hyphens=False)
    return lines


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"backspasm {__version__}")
        raise typer.Exit()


def _root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Self-care for back spasms: triage, remedies graded by evidence, and ice/heat timers."""
    if ctx.invoked_subcommand is None:
        from backspasm.emergency.current import current
        from backspasm.render.text import emergency_problems
        from backspasm.today.actions import welcome_lines

        number = current()
        emergency_problems(number)
        for line in welcome_lines(number):  # the short plan, while an episode is going on
            typer.echo(line)
        typer.echo(WELCOME)
        for line in welcome_emergency(number):
            typer.echo(line)




def make_app(groups: Iterable[str] = GROUPS, command: str | None = None) -> typer.Typer:
    """The Typer app with the commands of these groups (all of them by default), or only `command` of them."""
    made = typer.Typer(
        cls=BackspasmGroup,
        name="backspasm",
        help="A self-care assistant for back spasms: is it dangerous, what helps, and a timer for ice or heat.",
        epilog="Self-care guidance, not a diagnosis. In an emergency call your local emergency number.",
        invoke_without_command=True,
        no_args_is_help=False,
        add_completion=True,  # --install-completion / --show-completion: typer imports its completion code anyway
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    made.callback()(_root)
    for group in groups:
        importlib.import_module(f"backspasm.commands.{group}").register(made)
    if command is not None:
        _keep_only(made, command)
    return made


def _keep_only(made: typer.Typer, command: str) -> None:
    """Keep only the command being run of its module's: Typer builds every registered command's
    options as click objects before it runs one (about 1 ms a command; `journal` registers five)."""

    def named(value: object) -> str | None:
        return value if isinstance(value, str) else None  # a name not given is Typer's placeholder

    made.registered_commands = [info for info in made.registered_commands if named(info.name) == command]
    made.registered_groups = [
        info
        for info in made.registered_groups
        if (named(info.name) or named(info.typer_instance.info.name if info.typer_instance else None)) == command
    ]


def command_for(args: Sequence[str]) -> str | None:
    """The one command a command line runs, or None when it needs them all (as groups_for)."""
    groups = groups_for(args)
    return next((arg for arg in args if not arg.startswith("-")), None) if len(groups) == 1 else None


def groups_for(args: Sequence[str]) -> tuple[str, ...]:
    """The groups a command line needs: its command's alone, or all (help, completion, no or unknown command)."""
    if any(name.endswith("_COMPLETE") for name in os.environ):  # shell completion lists every command
        return GROUPS
    command = next((arg for arg in args if not arg.startswith("-")), None)
    group = COMMANDS[command].module if command in COMMANDS else None
    return GROUPS if group is None or group == "help" else (group,)


_full_app: typer.Typer | None = None


def __getattr__(name: str) -> Any:
    """`backspasm.cli.app`: the whole app, built on first use (tests and tools import it)."""
    global _full_app
    if name != "app":
        raise AttributeError(name)
    if _full_app is None:
        _full_app = make_app()
    return _full_app


def main() -> None:
    """Entry point of the `backspasm` script and of `python -m backspasm`."""
    if sys.stdout is None:  # started with stdout closed (>&-): whatever it printed would be lost
        print("backspasm: standard output is closed, so nothing was done", file=sys.stderr)
        sys.exit(EXIT_PROBLEMS)
    _use_the_shell_named(sys.argv[1:])
    try:
        make_app(groups_for(sys.argv[1:]), command_for(sys.argv[1:]))()
    except SystemExit as done:
        _flush_stdout()
        raise done from None
    _flush_stdout()


COMPLETION_OPTIONS = ("--show-completion", "--install-completion")
SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def _use_the_shell_named(args: Sequence[str]) -> None:
    """`--show-completion bash`: the shell named, not one guessed from the processes above this one.

    With shellingham installed, Typer's completion options guess the shell and take no value, so a
    name given after them was ignored: run from `sh -c`, `--show-completion bash` said "Shell sh not
    supported". Typer's own switch (meant for its tests) makes the options take the name.
    """
    for option, value in pairwise(args):
        if option in COMPLETION_OPTIONS and value in SHELLS:
            os.environ["_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION"] = "1"


def _flush_stdout() -> None:
    """Output still buffered must reach stdout; a full disk or closed pipe there is an error (exit 1)."""
    if sys.stdout is None:
        return
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(EXIT_PROBLEMS)
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        print(f"backspasm: output failed: {reason}", file=sys.stderr)
        _silence_stdout()
        sys.exit(EXIT_PROBLEMS)
