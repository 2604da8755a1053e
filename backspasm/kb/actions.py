"""What `backspasm kb check` does once its options are parsed: check a directory and say what is wrong."""

from __future__ import annotations

from pathlib import Path

from backspasm.errors import EXIT_PROBLEMS, Finished
from backspasm.render.text import say
from backspasm.text_safety import visible


def check(directory: Path | None) -> None:
    """Print one line per problem (exit 1), or say the knowledge base is valid (exit 0)."""
    from backspasm.kb.check import check as run_check
    from backspasm.kb.location import active_dir

    target = directory if directory is not None else active_dir()
    problems = run_check(target)
    for problem in problems:
        say(visible(problem))
    if problems:
        say(visible(f"{len(problems)} problem(s) in {target}"), err=True)
        raise Finished(EXIT_PROBLEMS)
    say(visible(f"{target}: the knowledge base is valid"), err=True)
