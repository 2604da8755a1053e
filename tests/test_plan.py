"""`backspasm plan`: the flare-up plan written, checked, versioned, and shown first when a spasm flares."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import journal_rows as rows
import pytest
from journal_rows import NOW, ago, pain, stretch, triage
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output.plain_text import PlainTextOutput
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.journal.flare_moment import why
from backspasm.journal.flare_plan import FIRST_LINE, PlanProblems, check
from backspasm.storage.db import DB_NAME

PLAN_YAML = """\
first:
  - Heat pad on my lower back
  - Lie on my back, knees bent
painkillers: The one my pharmacist said suits me
call: "GP: 01234 567890"
"""


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs at the journal tests' fixed now: Sun 10 Mar 2024, 18:00 (+01:00)."""
    monkeypatch.setenv("BACKSPASM_NOW", rows.NOW_TEXT)


def write_file(tmp_path: Path, text: str, name: str = "plan.yaml") -> str:
    """A plan file in the test's directory; its path."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def plan_json(runner: CliRunner, *args: str) -> dict[str, object]:
    """`backspasm plan --json ARGS` as data (it must succeed)."""
    result = runner.invoke(app, ["plan", "--json", *args])
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.stdout)
    return data


def written(runner: CliRunner, tmp_path: Path, text: str = PLAN_YAML) -> None:
    """Write the plan from a file (it must succeed)."""
    result = runner.invoke(app, ["plan", "write", "--from", write_file(tmp_path, text)])
    assert result.exit_code == 0, result.output


# ---------------------------------------------------------------- show, write --from, history


def test_no_plan_yet_says_how_to_write_one(runner: CliRunner) -> None:
    """The first time, `plan` says there is none yet and names both ways to write one."""
    result = runner.invoke(app, ["plan"])
    assert result.exit_code == 0, result.output
    assert "no flare-up plan yet" in result.stdout
    assert "backspasm plan write" in result.stdout and "--from FILE" in result.stdout
    assert plan_json(runner)["current"] is None


def test_a_plan_file_is_kept_and_shown(runner: CliRunner, tmp_path: Path) -> None:
    """A YAML file's parts are stored; `plan` shows them under the triage line, with the warning signs."""
    written(runner, tmp_path)
    out = runner.invoke(app, ["plan", "--plain"]).stdout
    lines = out.splitlines()
    assert lines[:2] == ["Your flare-up plan", FIRST_LINE]
    assert "- Heat pad on my lower back" in lines and "- GP: 01234 567890" in lines
    assert "- Weakness in both legs" in lines and "- New trouble peeing or with your bowels" in lines
    current = plan_json(runner)["current"]
    assert isinstance(current, dict) and current["version"] == 1
    assert current["plan"] == {
        "first": ["Heat pad on my lower back", "Lie on my back, knees bent"],
        "painkillers": ["The one my pharmacist said suits me"],
        "pacing": [],
        "tell": [],
        "call": ["GP: 01234 567890"],
    }


def test_json_files_are_read_too(runner: CliRunner, tmp_path: Path) -> None:
    """A JSON plan file is read like YAML."""
    path = write_file(tmp_path, json.dumps({"pacing": ["Short walks every hour"]}), "plan.json")
    assert runner.invoke(app, ["plan", "write", "--from", path]).exit_code == 0
    current = plan_json(runner)["current"]
    assert isinstance(current, dict) and current["plan"]["pacing"] == ["Short walks every hour"]


def test_an_invalid_file_keeps_the_old_plan(runner: CliRunner, tmp_path: Path) -> None:
    """Each problem of a bad file is one line on stderr with its line; exit 2; the plan in use is unchanged."""
    written(runner, tmp_path)
    bad = "first: 3\nwarning_signs: [none]\npace: slowly\ncall:\n  - " + "x" * 120 + "\n"
    result = runner.invoke(app, ["plan", "write", "--from", write_file(tmp_path, bad, "bad.yaml")])
    assert result.exit_code == 2
    problems = result.stderr.splitlines()
    assert len(problems) == 4
    assert all(line.startswith("backspasm: --from ") for line in problems)
    assert "line 1: 'first' must be a line of text or a list of lines" in problems[0]
    assert "line 2: 'warning_signs' cannot be written" in problems[1]
    assert "line 3: unknown part 'pace'; the parts are: first, painkillers, pacing, tell, call" in problems[2]
    assert "line 4: 'call' line 1: is 120 characters long" in problems[3]
    assert result.stdout == ""
    history = plan_json(runner, "--history")["versions"]
    assert isinstance(history, list) and len(history) == 1


def test_files_that_are_no_plan_are_refused(runner: CliRunner, tmp_path: Path) -> None:
    """An empty file, a list, a plan with no line and a missing file: exit 2, one line each, nothing stored."""
    for text in ("", "- a\n- b\n", "first: []\n", "first: [\n"):
        result = runner.invoke(app, ["plan", "write", "--from", write_file(tmp_path, text)])
        assert result.exit_code == 2, text
        assert len(result.stderr.splitlines()) == 1, result.stderr
    result = runner.invoke(app, ["plan", "write", "--from", str(tmp_path / "none.yaml")])
    assert result.exit_code == 2 and "no such file" in result.stderr
    assert plan_json(runner)["current"] is None


def test_each_new_plan_is_a_version(runner: CliRunner, tmp_path: Path) -> None:
    """A second plan is version 2; the first stays readable in --history; the same plan again adds none."""
    written(runner, tmp_path)
    written(runner, tmp_path, "first: A hot shower\n")
    result = runner.invoke(app, ["plan", "write", "--from", write_file(tmp_path, "first: A hot shower\n")])
    assert "unchanged (version 2)" in result.stdout
    versions = plan_json(runner, "--history")["versions"]
    assert isinstance(versions, list)
    assert [v["version"] for v in versions] == [1, 2]
    assert versions[0]["plan"]["first"][0] == "Heat pad on my lower back"
    out = runner.invoke(app, ["plan", "--history", "--plain"]).stdout
    assert out.index("Version 2 (in use)") < out.index("Version 1,") < out.index("Not a normal spasm")


def test_a_plan_goes_into_the_export_and_back(runner: CliRunner, tmp_path: Path, isolated_home: Path) -> None:
    """data export holds the plan as an object; forget removes it; import brings the plan back."""
    written(runner, tmp_path)
    exported = runner.invoke(app, ["data", "export", "-"]).stdout
    [row] = json.loads(exported)["tables"]["flare_plans"]
    assert row["plan"]["call"] == ["GP: 01234 567890"]
    (tmp_path / "export.json").write_text(exported, encoding="utf-8")
    assert runner.invoke(app, ["data", "forget", "--yes"]).exit_code == 0
    assert not (isolated_home / DB_NAME).exists()
    assert plan_json(runner)["current"] is None
    result = runner.invoke(app, ["data", "import", str(tmp_path / "export.json")])
    assert result.exit_code == 0 and "1 flare-up plan version" in result.stdout
    current = plan_json(runner)["current"]
    assert isinstance(current, dict) and current["plan"]["call"] == ["GP: 01234 567890"]


# ---------------------------------------------------------------- plan edit


def editor(tmp_path: Path, script: str) -> str:
    """An editor command: a Python script that changes the file it is given."""
    path = tmp_path / "editor.py"
    path.write_text("import sys\nfrom pathlib import Path\nfile = Path(sys.argv[1])\n" + script, encoding="utf-8")
    return f"{sys.executable} {path}"


def test_edit_keeps_a_changed_plan(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """plan edit shows the plan as text with its headings; a line added under one is kept as a new version."""
    written(runner, tmp_path)
    script = (
        "text = file.read_text()\n"
        "assert '- Heat pad on my lower back' in text and 'Pacing the first days:' in text\n"
        "file.write_text(text.replace('Pacing the first days:', 'Pacing the first days:\\n- Walk every hour'))\n"
    )
    monkeypatch.setenv("VISUAL", editor(tmp_path, script))
    result = runner.invoke(app, ["plan", "edit"])
    assert result.exit_code == 0, result.output
    current = plan_json(runner)["current"]
    assert isinstance(current, dict) and current["version"] == 2
    assert current["plan"]["pacing"] == ["Walk every hour"]


def test_a_bad_edit_keeps_the_old_plan(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An edit with a stray line: exit 2, the problem with its line number, what was written kept in a file."""
    written(runner, tmp_path)
    monkeypatch.setenv("VISUAL", editor(tmp_path, "file.write_text(file.read_text() + 'just some words\\n')\n"))
    result = runner.invoke(app, ["plan", "edit"])
    assert result.exit_code == 2
    [problem, kept] = result.stderr.splitlines()
    assert "plan edit: line" in problem and "a heading such as 'Who to call:', or a line starting with '- '" in problem
    assert "your plan is kept as it was" in kept
    assert Path(kept.rsplit(" ", 1)[1]).read_text().endswith("just some words\n")
    assert len(plan_json(runner, "--history")["versions"]) == 1  # type: ignore[arg-type]


def test_edit_without_an_editor_says_how(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """No VISUAL nor EDITOR: exit 2 naming both."""
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    result = runner.invoke(app, ["plan", "edit"])
    assert result.exit_code == 2 and "VISUAL or EDITOR" in result.stderr


def test_the_text_form_reads_back_what_it_shows() -> None:
    """to_text and from_text are each other's inverse; the warning signs are notes, not parts."""
    from backspasm.flareplan.text_form import from_text, to_text

    plan = check({"first": ["Heat"], "call": ["GP 123"]})
    text = to_text(plan, ["Weakness in both legs"])
    assert "#   Weakness in both legs" in text
    assert from_text(text) == plan
    with pytest.raises(PlanProblems) as bad:
        from_text("- orphan\nWhat to do first:\n- ok\nWhat to do first:\n")
    assert [p.split(":")[0] for p in bad.value.problems] == ["line 1", "line 4"]


# ---------------------------------------------------------------- plan write: the questions


@pytest.fixture
def keyboard() -> Iterator[tuple[PipeInput, io.StringIO]]:
    """A person at a terminal: what the test sends is typed; what the prompts show is kept to read."""
    screen = io.StringIO()
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=PlainTextOutput(screen)):
        yield pipe, screen


def suggestion_number(screen: str, words: str) -> str:
    """The number the screen gives the suggestion whose line has these words (as a person finds it)."""
    for line in screen.splitlines():
        if words in line:
            return line.split(".", 1)[0].split()[-1]
    raise AssertionError(f"{words!r} is not offered:\n{screen}")


def test_a_remedy_that_helped_is_suggested(
    runner: CliRunner, keyboard: tuple[PipeInput, io.StringIO], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Heat logged at 7, then 4 an hour later: plan write offers it as what helped; picking it keeps it."""
    pain(ago(days=20), 7, tried=["superficial-heat"])
    pain(ago(days=20, hours=-1), 4)
    pain(ago(days=19), 6, tried=["bed-rest"])
    pain(ago(days=19, hours=-1), 6)
    stretch("gentle-start", ago(days=18), "completed", [])
    pipe, screen = keyboard
    # First the person only reads: they skip every part (nothing is then saved).
    pipe.send_text("\r" * 5)
    result = runner.invoke(app, ["plan", "write"])
    assert result.exit_code == 0, result.output
    assert "Nothing was written" in result.stdout
    shown = screen.getvalue()
    said = " ".join(shown.split())
    assert "Heat pad, heat wrap or hot water bottle (your journal: pain fell by 2+ within 4 hours once of 1)" in said
    assert "Bed rest" not in said  # pain did not fall after it
    assert "Gentle start (first 2 days) (you finished it once)" in said
    assert "Staying active and short walks (recommended by the evidence)" in said
    assert "mg" not in said.split()  # never a dose
    heat = suggestion_number(shown, "your journal: pain fell")
    # Then they pick it, add their own words, skip the rest and keep the plan.
    pipe.send_text(f"{heat}; lie down for 10 minutes\r\r\r\rGP 0123\ry\r")
    result = runner.invoke(app, ["plan", "write"])
    assert result.exit_code == 0, result.output
    assert "Saved your flare-up plan (version 1)" in result.stdout
    current = plan_json(runner)["current"]
    assert isinstance(current, dict)
    assert current["plan"]["first"] == ["Heat pad, heat wrap or hot water bottle", "lie down for 10 minutes"]
    assert current["plan"]["call"] == ["GP 0123"]


def test_write_without_a_terminal_names_the_file_option(runner: CliRunner) -> None:
    """No terminal to ask in: exit 2 naming --from."""
    result = runner.invoke(app, ["plan", "write"])
    assert result.exit_code == 2 and "--from FILE" in result.stderr


# ---------------------------------------------------------------- shown first


def test_the_rule_of_when_it_comes_first() -> None:
    """A triage, a first entry in 2 weeks, a rise of 3 within a day, or pain of 7 bring the plan up for a day."""
    hour = timedelta(hours=1)
    assert why(NOW, [(NOW - 20 * 24 * hour, 3)], []) is None  # nothing in the last day
    assert why(NOW, [(NOW - 3 * hour, 3)], []) == "a new episode: your first entry in 2 weeks"
    calm = [(NOW - 3 * 24 * hour, 3), (NOW - 3 * hour, 4)]
    assert why(NOW, calm, []) is None
    assert why(NOW, calm, [NOW - 2 * hour]) == "a new episode: you ran triage"
    assert why(NOW, [*calm, (NOW - hour, 7)], []) == "your pain reached 7 or more"
    assert why(NOW, [(NOW - 3 * 24 * hour, 2), (NOW - 20 * hour, 2), (NOW - hour, 5)], []) == (
        "your pain rose by 3 or more within a day"
    )
    assert why(NOW, [(NOW - 3 * 24 * hour, 2), (NOW - 30 * hour, 2), (NOW - hour, 4)], []) is None
    assert why(NOW, [(NOW - 30 * hour, 9)], []) is None  # a day ago is over


def test_a_pain_jump_shows_the_plan_first_below_an_urgent_triage(runner: CliRunner, tmp_path: Path) -> None:
    """After an urgent triage yesterday, a rise of 3: today and log show the plan first, but below the triage."""
    written(runner, tmp_path)
    triage(ago(hours=30), {"days_since_onset": 1, "fever": True}, "urgent", onset_at=ago(days=2))
    pain(ago(hours=28), 2)
    pain(ago(hours=5), 5)
    out = runner.invoke(app, ["today", "--plain"]).stdout
    assert out.index("Do this now:") < out.index("Your flare-up plan") < out.index(FIRST_LINE)
    assert out.index(FIRST_LINE) < out.index("Heat pad on my lower back") < out.index("This episode began")
    assert "Shown first because your pain rose by 3 or more within a day." in out
    data = json.loads(runner.invoke(app, ["today", "--json"]).stdout)
    assert data["flare_plan"]["first_line"] == FIRST_LINE and data["escalation"]["level"] == "urgent"
    result = runner.invoke(app, ["log", "--pain", "5", "--no-new-symptoms"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.index("Urgent") < out.index("Your flare-up plan") < out.index("Logged pain 5/10")
    logged = json.loads(runner.invoke(app, ["log", "--pain", "5", "--no-new-symptoms", "--json"]).stdout)
    assert logged["flare_plan"]["title"] == "Your flare-up plan"


def test_without_an_urgent_result_the_plan_is_first(runner: CliRunner, tmp_path: Path) -> None:
    """Pain of 7 with no triage: the plan opens today's screen, log's and the welcome."""
    written(runner, tmp_path)
    pain(ago(days=3), 3)
    pain(ago(hours=2), 4)
    assert "Your flare-up plan" not in runner.invoke(app, ["today", "--plain"]).stdout
    result = runner.invoke(app, ["log", "--pain", "7", "--no-new-symptoms"])
    # Piped, log says why the plan is shown under its title, as `today --plain` does.
    assert result.stdout.startswith("Your flare-up plan\n") and FIRST_LINE in result.stdout.splitlines()[:3]
    assert runner.invoke(app, ["today", "--plain"]).stdout.startswith("Your flare-up plan\n")
    welcome = runner.invoke(app, []).stdout
    assert welcome.startswith("Your flare-up plan\n" + FIRST_LINE)
    assert "What to do first: Heat pad on my lower back • Lie on my back, knees bent" in welcome
    assert len(welcome.splitlines()) <= 24 and max(map(len, welcome.splitlines())) <= 80


def test_no_plan_no_change(runner: CliRunner) -> None:
    """Without a plan, a pain of 8 shows no plan and `today --json` gives flare_plan null."""
    result = runner.invoke(app, ["log", "--pain", "8", "--no-new-symptoms"])
    assert "flare-up plan" not in result.stdout
    assert json.loads(runner.invoke(app, ["today", "--json"]).stdout)["flare_plan"] is None


def test_the_report_section_is_plain_data() -> None:
    """plan_report_lines gives (label, text) pairs: each part, then the warning signs."""
    from backspasm.journal.flare_plan import plan_report_lines

    plan = check({"first": ["Heat", "Walk"], "call": "GP 123"})
    assert plan_report_lines(plan, ["Weakness in both legs"]) == [
        ("What to do first", "Heat; Walk"),
        ("Who to call", "GP 123"),
        ("Not a normal spasm", "Weakness in both legs"),
    ]


def test_a_typed_answer_picks_and_completes_suggestions() -> None:
    """Numbers pick, own words stay as typed, and words after the number of a 'My GP practice:' complete it."""
    from backspasm.flareplan.suggestions import GENERAL, read_answer

    call = GENERAL["call"]
    assert read_answer("1 01234 567890; my sister", call).lines == ["My GP practice: 01234 567890", "my sister"]
    assert read_answer("", call).lines == []
    assert read_answer("5", call).problem == "There is no suggestion 5 (the numbers are 1 to 2)."
    assert read_answer("2 walks a day", GENERAL["pacing"]).lines == ["2 walks a day"]
    assert read_answer("a; b; c; d; e; f; g", call).problem == "Keep it to 6 lines or fewer (you gave 7)."


FULL_PLAN = """\
first:
  - Heat pad on my lower back for 20 minutes
  - Lie on my back with my knees bent
  - A short walk every hour
  - My stretches from the physio, twice a day
painkillers: [The one my pharmacist said suits me, as on the pack]
pacing: [Short walks every hour, No lifting for three days]
tell: [I have a back spasm and it eases within days, I will work from home for a day or two]
call: ['GP: 01234 567890', 'Physio: 09876 543210']
"""


@pytest.mark.parametrize("urgent", [False, True])
def test_the_welcome_with_a_full_plan_fits_80x24(runner: CliRunner, tmp_path: Path, urgent: bool) -> None:
    """A full plan: the welcome keeps to 24 lines of 80, the plan's title first (after an urgent result)."""
    written(runner, tmp_path, FULL_PLAN)
    if urgent:
        triage(ago(hours=30), {"days_since_onset": 1, "fever": True}, "urgent", onset_at=ago(days=2))
    pain(ago(hours=2), 8)
    welcome = runner.invoke(app, []).stdout
    lines = welcome.splitlines()
    assert len(lines) <= 24 and max(map(len, lines)) <= 80
    assert "The whole plan: backspasm plan." in welcome and "call your local emergency number" in welcome
    if urgent:
        assert welcome.index("Speak to a doctor today") < welcome.index("Your flare-up plan")
    else:
        assert welcome.startswith("Your flare-up plan\n")


def test_the_report_section_reads_the_plan_in_use(runner: CliRunner, tmp_path: Path) -> None:
    """report_section gives the newest version's number, time and lines; None before any plan."""
    from backspasm.journal.flare_first import report_section
    from backspasm.kb.loader import load_active
    from backspasm.storage.db import connect

    signs = load_active().warning_signs
    conn = connect()
    try:
        assert report_section(conn, signs) is None
    finally:
        conn.close()
    written(runner, tmp_path)
    written(runner, tmp_path, "tell: Back in a few days\n")
    conn = connect()
    try:
        section = report_section(conn, signs)
    finally:
        conn.close()
    assert section is not None and section.version == 2 and section.written_at == NOW
    assert section.lines[0] == ("What to tell work or family", "Back in a few days")
    assert section.lines[-1][0] == "Not a normal spasm" and "Weakness in both legs" in section.lines[-1][1]


def test_a_plan_can_come_from_stdin(runner: CliRunner) -> None:
    """--from - reads the plan from stdin."""
    result = runner.invoke(app, ["plan", "write", "--from", "-"], input='{"tell": "Back soon"}')
    assert result.exit_code == 0, result.output
    current = plan_json(runner)["current"]
    assert isinstance(current, dict) and current["plan"]["tell"] == ["Back soon"]


def test_writing_again_keeps_what_is_not_changed(
    runner: CliRunner, tmp_path: Path, keyboard: tuple[PipeInput, io.StringIO]
) -> None:
    """With a plan in use, Enter alone keeps a part, '-' empties it, and typed words replace it."""
    written(runner, tmp_path)
    pipe, screen = keyboard
    pipe.send_text("\r-\rPace myself\r\r\ry\r")
    result = runner.invoke(app, ["plan", "write"])
    assert result.exit_code == 0, result.output
    assert "Enter alone keeps what your plan has now" in " ".join(screen.getvalue().split())
    current = plan_json(runner)["current"]
    assert isinstance(current, dict) and current["version"] == 2
    assert current["plan"] == {
        "first": ["Heat pad on my lower back", "Lie on my back, knees bent"],
        "painkillers": [],
        "pacing": ["Pace myself"],
        "tell": [],
        "call": ["GP: 01234 567890"],
    }


def test_a_bad_edit_can_be_fixed_in_the_editor(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keyboard: tuple[PipeInput, io.StringIO]
) -> None:
    """At a terminal, a bad edit is said once and the editor opens again with the problem noted; the fix is kept."""
    written(runner, tmp_path)
    script = (
        "text = file.read_text()\n"
        "if '# problem: line' not in text:\n"
        "    file.write_text(text + 'stray words\\n')\n"
        "else:\n"
        "    text = text.replace('stray words', '')\n"
        "    file.write_text(text.replace('\\nWho to call:', '\\nWho to call:\\n- Physio 999'))\n"
    )
    monkeypatch.setenv("VISUAL", editor(tmp_path, script))
    pipe, _ = keyboard
    pipe.send_text("y\r")
    result = runner.invoke(app, ["plan", "edit"])
    assert result.exit_code == 0, result.output
    assert len(result.stderr.splitlines()) == 1 and "plan edit: line" in result.stderr
    current = plan_json(runner)["current"]
    assert isinstance(current, dict) and current["plan"]["call"] == ["Physio 999", "GP: 01234 567890"]
