"""Control characters never reach the terminal or a report, and knowledge-base URLs are checked."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import DATA, dump_yaml, load_yaml
from terminal import on_a_terminal
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.journal.doctor_report import Cited
from backspasm.journal.report_document import sources
from backspasm.kb.check import check
from backspasm.kb.safety import link_target, url_problem
from backspasm.render.report import html, markdown
from backspasm.render.report.document import Run
from backspasm.text_safety import visible

HOSTILE = "\x1b[2J\x1b[31mRED \x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\ bel\x07 csi\x9b del\x7f"
# Any control character but tab and newline, raw: what must never be printed.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fixed time, so the entry falls inside every window."""
    monkeypatch.setenv("BACKSPASM_NOW", "2024-03-10T18:00:00+01:00")


@pytest.fixture
def hostile_note(runner: CliRunner) -> None:
    """A journal entry whose note is a terminal attack."""
    result = runner.invoke(app, ["log", "-p", "6", "--note", HOSTILE])
    assert result.exit_code == 0
    assert not RAW_CONTROL.search(result.stdout)


@pytest.mark.parametrize(
    "command",
    [
        ["history"],
        ["history", "--json"],
        ["report"],
        ["report", "--format", "html"],
        ["report", "--format", "csv"],
        ["data", "export", "-"],
        ["log", "-p", "5", "--json"],
    ],
)
def test_note_control_characters_never_printed(runner: CliRunner, hostile_note: None, command: list[str]) -> None:
    """ESC, OSC 8, BEL, C1 and DEL in a note come out visible (or JSON-escaped), never raw."""
    result = runner.invoke(app, command)
    assert result.exit_code == 0, result.output
    assert not RAW_CONTROL.search(result.stdout)
    if command[0] == "history" and len(command) == 1:
        assert "␛[2J" in result.stdout


def test_json_export_keeps_the_note_exactly(runner: CliRunner, hostile_note: None) -> None:
    """The export escapes control characters as JSON escapes, so the data itself is unchanged."""
    exported = json.loads(runner.invoke(app, ["data", "export", "-"]).stdout)
    assert exported["tables"]["pain_entries"][0]["note"] == HOSTILE.strip()


def test_undecodable_note_byte_is_kept_as_a_replacement(runner: CliRunner) -> None:
    """A note holding a byte that is not UTF-8 (argv gives a lone surrogate) is saved with U+FFFD, no traceback."""
    result = runner.invoke(app, ["log", "-p", "6", "--note", "\udc9b"])
    assert result.exit_code == 0, result.output
    exported = json.loads(runner.invoke(app, ["data", "export", "-"]).stdout)
    assert exported["tables"]["pain_entries"][0]["note"] == "\ufffd"


def test_visible_replaces_each_control_character() -> None:
    """Each C0, DEL and C1 character has a visible stand-in; tab, newline and other text stay."""
    assert visible("a\x1bb\tc\nd\x7fe\x9bf é") == "a␛b\tc\nd␡e\ufffdf é"


@pytest.fixture
def kb_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of the built-in knowledge base, in use through BACKSPASM_KB."""
    target = tmp_path / "kb"
    shutil.copytree(DATA, target)
    monkeypatch.setenv("BACKSPASM_KB", str(target))
    return target


def set_first(directory: Path, name: str, section: str, field: str, value: str) -> None:
    """Set one field of the first entry of a section of a knowledge-base file."""
    path = directory / name
    data = load_yaml(path.read_text(encoding="utf-8"))
    data[section][0][field] = value
    path.write_text(dump_yaml(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_knowledge_base_text_with_escape_is_refused(runner: CliRunner, kb_copy: Path) -> None:
    """A remedy name holding ESC is a knowledge-base problem: `kb check` names it, `remedies` prints nothing raw."""
    set_first(kb_copy, "remedies.yaml", "remedies", "name", "Heat\x1b[2J")
    assert check(kb_copy) == ["kb/remedies.yaml: remedies[0].name: contains a control character (U+001B); remove it"]
    result = runner.invoke(app, ["remedies"])
    assert result.exit_code == 1
    assert not RAW_CONTROL.search(result.output)


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)//) [x](http://evil", "data:text/html,hi", "ftp://example.org/x", "https://", "http://a b"],
)
def test_unsafe_source_url_fails_kb_check(runner: CliRunner, kb_copy: Path, url: str) -> None:
    """`kb check` accepts only http(s) URLs and DOIs: anything else is named with what is allowed."""
    set_first(kb_copy, "sources.yaml", "sources", "url", url)
    result = runner.invoke(app, ["kb", "check", str(kb_copy)])
    assert result.exit_code == 1
    assert "sources[0].url: must be an https:// or http:// address, or a DOI like 10.1234/abcd" in result.output


@pytest.mark.parametrize(
    "url", ["https://www.nice.org.uk/guidance/ng59", "http://example.org/a?b=c", "10.1136/bmj.m2856"]
)
def test_web_urls_and_dois_pass_kb_check(kb_copy: Path, url: str) -> None:
    """https, http and DOI sources pass; a DOI links through doi.org."""
    set_first(kb_copy, "sources.yaml", "sources", "url", url)
    assert check(kb_copy) == []
    assert url_problem(url) is None
    assert link_target("10.1136/bmj.m2856") == "https://doi.org/10.1136/bmj.m2856"


def _sources_line(cited: list[Cited], writer: Callable[[tuple[Run, ...]], str]) -> str:
    """The sources line as the builder words it and a writer lays it out."""
    return writer(sources(cited).runs).removeprefix("Sources: ")


def test_markdown_link_cannot_be_broken_out_of() -> None:
    """In a Markdown link, ) and ] in the URL are encoded, so the link ends where it should."""
    line = _sources_line([Cited("s", "A [title]", "https://example.org/a_(b)]x")], markdown.inline)
    assert line == "[A \\[title\\]](https://example.org/a_%28b%29%5Dx)"


def test_unsafe_url_never_becomes_a_link() -> None:
    """A javascript: URL that slipped past the check is shown as a title only, in Markdown and HTML."""
    cited = [Cited("s", "Title", "javascript:alert(1)//) [x](http://evil")]
    assert _sources_line(cited, markdown.inline) == "Title"
    assert "href" not in _sources_line(cited, html.inline)
    assert "javascript" not in _sources_line(cited, html.inline)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<script>", "vbscript:x"])
def test_writers_refuse_a_script_link_however_the_document_was_made(url: str) -> None:
    """A document handed a javascript: or data: link (not through the builder) still draws no link."""
    runs = (Run("Title", "link", url),)
    assert markdown.inline(runs) == "Title"
    assert html.inline(runs) == "Title"


@pytest.mark.parametrize(
    "command",
    [["log", "-p", "5", "--tried", "\x1b[2Jheat"], ["remedies", "show", "\x1b]8;;x\x07"], ["log", "-p", "\x9b"]],
)
def test_error_messages_quoting_input_are_clean(runner: CliRunner, command: list[str]) -> None:
    """An error that quotes what was typed shows its control characters, never sends them raw."""
    result = runner.invoke(app, command)
    assert result.exit_code == 2
    assert not RAW_CONTROL.search(result.stderr)


def test_visible_note_keeps_the_screen_inside_the_terminal(
    runner: CliRunner, hostile_note: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a terminal, history with a hostile note stays short of 80 columns and sends no raw control character."""
    monkeypatch.setenv("BACKSPASM_WIDTH", "80")
    on_a_terminal(monkeypatch)
    result = runner.invoke(app, ["history"])
    text = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)  # the screen's own styles, and nothing else
    assert "note:" in text
    assert not RAW_CONTROL.search(text.replace("\n", ""))
    assert max(len(line) for line in text.splitlines()) <= 79  # one column short of the terminal
