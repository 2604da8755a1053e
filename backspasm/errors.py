"""One error hierarchy with named exit codes, caught once by the CLI and printed to stderr."""

from __future__ import annotations

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class BackspasmError(Exception):
    """An error the user can act on: printed as one line per problem, never as a traceback."""

    exit_code = EXIT_PROBLEMS

    def __init__(self, *problems: str) -> None:
        super().__init__(*problems)
        self.problems: list[str] = list(problems)

    def __str__(self) -> str:
        return "\n".join(self.problems)


class UsageError(BackspasmError):
    """Bad input on the command line or in an answers file: exit 2."""

    exit_code = EXIT_USAGE


class KnowledgeBaseError(BackspasmError):
    """The knowledge base failed validation or cross-reference checks: exit 1."""

    exit_code = EXIT_PROBLEMS


class StoreError(BackspasmError):
    """The local history database could not be used."""

    exit_code = EXIT_PROBLEMS


class Interrupted(BackspasmError):
    """The user pressed Ctrl-C or closed input: exit 130 after saying what was not finished."""

    exit_code = EXIT_INTERRUPTED


class InputEnded(Interrupted):
    """The input ended (end of file, Ctrl-D) before a question was answered: never an answer; exit 2."""

    exit_code = EXIT_USAGE


class Finished(BackspasmError):
    """A command that has said all it has to say and ends with this exit code (nothing more is printed)."""

    def __init__(self, exit_code: int = EXIT_OK) -> None:
        super().__init__()
        self.exit_code = exit_code


class Signalled(BackspasmError):
    """A timed command ended by a signal: the exit code is 128 + the signal number (130 for Ctrl-C)."""

    def __init__(self, number: int, *problems: str) -> None:
        super().__init__(*problems)
        self.exit_code = 128 + number
