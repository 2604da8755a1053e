"""Files the program reads but did not write: a FIFO never hangs it, a device never fills memory, bad values named."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.kb import cache
from backspasm.triage.answers_file import TOO_LARGE

REPO = Path(__file__).resolve().parent.parent
EMERGENCY = {"age": 45, "days_since_onset": 5, "bladder_bowel_change": True, "saddle_numbness": True}


def fifo(path: Path) -> Path:
    """A named pipe at `path` that no one ever writes to (opening it for reading would wait forever)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    return path


def device(path: Path) -> Path:
    """`path` pointing at /dev/zero, a file without end."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to("/dev/zero")
    return path


SPECIALS = {"fifo": fifo, "device": device}


@pytest.mark.parametrize("make", SPECIALS.values(), ids=SPECIALS.keys())
def test_the_reader_refuses_what_is_not_a_regular_file(tmp_path: Path, make: object) -> None:
    """read_regular opens without blocking and refuses a FIFO or a device at once, naming what it is."""
    from backspasm.safe_read import NotReadable, read_regular

    path = make(tmp_path / "special")  # type: ignore[operator]
    with pytest.raises(NotReadable, match="not a regular file"):
        read_regular(path, 1000)


def test_the_reader_caps_the_size(tmp_path: Path) -> None:
    """A regular file over the cap is refused before it is read."""
    from backspasm.safe_read import TooLarge, read_regular

    path = tmp_path / "big"
    path.write_bytes(b"x" * 2000)
    with pytest.raises(TooLarge):
        read_regular(path, 1000)
    assert read_regular(path, 2000) == b"x" * 2000


@pytest.mark.parametrize("make", SPECIALS.values(), ids=SPECIALS.keys())
def test_a_special_settings_file_never_stops_the_emergency_advice(
    runner: CliRunner, isolated_home: Path, tmp_path: Path, make: object
) -> None:
    """config.json as a FIFO or /dev/zero: the welcome screen and triage go on with the general wording, one line."""
    make(isolated_home / "config.json")  # type: ignore[operator]
    welcome = runner.invoke(app, [])
    assert welcome.exit_code == 0
    assert "call your local emergency number" in " ".join(welcome.stdout.split())
    assert len(welcome.stderr.splitlines()) == 1 and "not a regular file" in welcome.stderr
    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump(EMERGENCY), encoding="utf-8")
    triage = runner.invoke(app, ["triage", "--answers", str(answers), "--json", "--no-save"])
    assert triage.exit_code == 0, triage.output
    assert json.loads(triage.stdout)["advice"].startswith("Call your local emergency number")
    assert triage.stderr.count("\n") == 1 and "the general emergency wording" in triage.stderr
    listed = runner.invoke(app, ["config", "list"])
    assert listed.exit_code == 1 and len(listed.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    ("stored", "problem"),
    [
        (None, "null"),
        (["999"], "a list"),
        ("\x1b]0;pwned\x07 999", "an escape"),
        ("call 999", "words"),
        (True, "true"),
    ],
    ids=["null", "list", "escape", "words", "true"],
)
def test_a_stored_value_is_checked_as_config_set_checks_it(
    runner: CliRunner, isolated_home: Path, stored: object, problem: str
) -> None:
    """A saved emergency number that `config set` would refuse is never shown: ignored with a one-line warning."""
    isolated_home.mkdir()
    (isolated_home / "config.json").write_text(json.dumps({"emergency-number": stored}), encoding="utf-8")
    welcome = runner.invoke(app, [])
    assert "call your local emergency number" in " ".join(welcome.stdout.split())
    assert "None" not in welcome.stdout and "[" not in welcome.stdout and "\x1b" not in welcome.stdout
    assert welcome.stderr.count("\n") == 1 and "that value is ignored" in welcome.stderr
    for command in (["config", "get", "emergency-number"], ["config", "list"], ["config", "list", "--json"]):
        shown = runner.invoke(app, command)
        assert "\x1b" not in shown.output and "pwned" not in shown.stdout, command


def test_a_stored_number_written_as_a_json_number_is_read(runner: CliRunner, isolated_home: Path) -> None:
    """{"emergency-number": 999} (a number, not text) is the number 999."""
    isolated_home.mkdir()
    (isolated_home / "config.json").write_text('{"emergency-number": 999}', encoding="utf-8")
    assert "call 999 now" in runner.invoke(app, []).stdout


def test_the_environment_number_shows_its_escapes(runner: CliRunner) -> None:
    """BACKSPASM_EMERGENCY_NUMBER with an OSC title or an OSC 8 link is ignored, said, never shown raw."""
    for hostile in ("\x1b]0;pwned\x07112", "\x1b]8;;http://evil.example\x1b\\112\x1b]8;;\x1b\\"):
        welcome = runner.invoke(app, [], env={"BACKSPASM_EMERGENCY_NUMBER": hostile})
        assert welcome.exit_code == 0
        assert "\x1b" not in welcome.stdout and "\x07" not in welcome.stdout
        assert "your local emergency number" in welcome.stdout
        assert "BACKSPASM_EMERGENCY_NUMBER" in welcome.stderr and "\x1b" not in welcome.stderr


@pytest.mark.parametrize("make", SPECIALS.values(), ids=SPECIALS.keys())
@pytest.mark.kb_cache
def test_a_special_cache_file_is_rebuilt(runner: CliRunner, isolated_home: Path, make: object) -> None:
    """A FIFO or a device at the cache file's name: remedies and log do not hang; the cache is written afresh."""
    assert runner.invoke(app, ["remedies"]).exit_code == 0
    (path,) = (isolated_home / "cache").glob("kb-*.json")
    path.unlink()
    make(path)  # type: ignore[operator]
    for command in (["remedies"], ["log", "-p", "4"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 0, (command, result.output)
    assert path.is_file() and not path.is_symlink()


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["remedies"][0].update(steps=5),
        lambda d: d["remedies"][0].update(phases=["sometime"]),
        lambda d: d["remedies"][0]["evidence"].update(grade=None),
        lambda d: d["questions"][0].update(minimum="low"),
        lambda d: d["today"].update(phases=[]) if isinstance(d["today"].get("phases"), dict) else d.update(today=[]),
        lambda d: d.update(levels={}),
    ],
    ids=["steps-number", "unknown-phase", "grade-null", "minimum-text", "today-shape", "levels-object"],
)
@pytest.mark.kb_cache
def test_a_cache_of_the_wrong_types_is_rebuilt(runner: CliRunner, isolated_home: Path, change: object) -> None:
    """A cache with the right fingerprint and checksum but a wrong type anywhere: rebuilt, remedies and today work."""
    assert runner.invoke(app, ["remedies"]).exit_code == 0
    (path,) = (isolated_home / "cache").glob("kb-*.json")
    good = path.read_bytes()
    head, _, body = good.partition(b"\n")
    data = json.loads(body)
    change(data)  # type: ignore[operator]
    for command in (["remedies"], ["today"], ["remedies", "--json"], ["remedies", "show", "superficial-heat"]):
        path.write_bytes(cache.seal(json.loads(head)["fingerprint"], json.dumps(data).encode()))
        result = runner.invoke(app, command)
        assert result.exit_code == 0, (command, result.output)
        assert "Traceback" not in result.output
        assert path.read_bytes() == good, command  # rebuilt, as it was


@pytest.mark.parametrize("make", SPECIALS.values(), ids=SPECIALS.keys())
def test_a_special_knowledge_base_file_is_one_line(runner: CliRunner, tmp_path: Path, make: object) -> None:
    """kb check DIR with remedies.yaml as a FIFO or /dev/zero: one line naming the file, exit 1, no hang."""
    import shutil

    kb = tmp_path / "kb"
    shutil.copytree(REPO / "data", kb)
    (kb / "remedies.yaml").unlink()
    make(kb / "remedies.yaml")  # type: ignore[operator]
    result = runner.invoke(app, ["kb", "check", str(kb)])
    assert result.exit_code == 1
    assert "remedies.yaml: cannot be read (it is a" in result.output and "not a regular file" in result.output


@pytest.mark.parametrize("make", SPECIALS.values(), ids=SPECIALS.keys())
def test_a_special_answers_file_is_one_line(runner: CliRunner, tmp_path: Path, make: object) -> None:
    """triage --answers naming a FIFO or a device: exit 2, one line pointing at --answers -, no hang."""
    path = make(tmp_path / "answers.json")  # type: ignore[operator]
    result = runner.invoke(app, ["triage", "--answers", str(path)])
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert "not a regular file; to pipe answers in, use --answers -" in result.stderr


@pytest.mark.parametrize("days", [36_501, 800_000, 1e300])
def test_an_onset_past_a_hundred_years_is_refused(runner: CliRunner, days: float) -> None:
    """days_since_onset beyond 36,500 in an answers file: exit 2 naming the range; nothing saved, report still works."""
    result = runner.invoke(app, ["triage", "--answers", "-"], input=json.dumps({"days_since_onset": days}))
    assert result.exit_code == 2, result.output
    assert "days_since_onset: must be a number from 0 to 36500" in result.stderr
    assert runner.invoke(app, ["report"]).exit_code == 0


def test_an_onset_of_a_hundred_years_is_kept(runner: CliRunner) -> None:
    """days_since_onset 36,500 is allowed, saved with its onset, and the report reads it."""
    result = runner.invoke(app, ["triage", "--answers", "-"], input=json.dumps({"days_since_onset": 36_500}))
    assert result.exit_code == 0, result.output
    report = runner.invoke(app, ["report"])
    assert report.exit_code == 0 and report.stderr == ""


def test_a_typed_onset_past_a_hundred_years_is_asked_again() -> None:
    """The interactive onset question reads "800000" (days) as too far back, as the answers file does."""
    from datetime import datetime, timezone

    from backspasm.clock.read import read_days_ago

    with pytest.raises(ValueError, match="more than 100 years ago"):
        read_days_ago("800000", datetime(2024, 3, 10, tzinfo=timezone.utc))
    assert read_days_ago("36500", datetime(2024, 3, 10, tzinfo=timezone.utc)) == 36_500


def test_a_large_answers_file_is_refused_before_it_is_read(runner: CliRunner, tmp_path: Path) -> None:
    """A regular answers file over 1 MB: exit 2, one line saying so (the size is read from the file, not its bytes)."""
    path = tmp_path / "answers.yaml"
    path.write_bytes(b"# " + b"x" * 1_100_000 + b"\n{}\n")
    result = runner.invoke(app, ["triage", "--answers", str(path)])
    assert result.exit_code == 2
    assert result.stderr == f"backspasm: --answers: {path}: {TOO_LARGE}\n"
