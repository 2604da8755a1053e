"""The right emergency number for where the person is (issue 23): one value per command, on every screen."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import journal_rows as rows
import pytest
import yaml
from conftest import DATA, built_in_kb
from screen import COLUMNS, Terminal, broken_words
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.emergency.choose import choose, locale_region
from backspasm.emergency.number import GENERIC, EmergencyNumber, Helpline

GENERIC_WORDS = "local emergency number"
EMERGENCY = {"age": 50, "days_since_onset": 1, "bladder_bowel_change": True, "saddle_numbness": True}
URGENT = {"age": 50, "days_since_onset": 1, "fever": True}
GB_CALL = "Call 999 or 112 now (United Kingdom; change with `backspasm config set region`)."


def regions() -> dict[str, Any]:
    """The built-in table of countries, by code."""
    return {row.code: row for row in built_in_kb().regions}


def chosen(**kwargs: Any) -> EmergencyNumber:
    """choose() over the built-in table."""
    return choose(regions().get, **kwargs)


def flat(text: str) -> str:
    """Text with its line breaks (and a panel's borders) read as single spaces."""
    return " ".join(text.translate(str.maketrans("│╭╮╰╯─", "      ")).split())


def write_answers(tmp_path: Path, answers: dict[str, Any], name: str = "answers") -> str:
    """An answers file for `triage --answers`."""
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(answers), encoding="utf-8")
    return str(path)


def invoke(runner: CliRunner, *args: str, env: dict[str, str] | None = None) -> Any:
    """Run backspasm; the command must succeed."""
    result = runner.invoke(app, list(args), env=env)
    assert result.exit_code == 0, result.stderr
    return result


# ---------------------------------------------------------------- the locale


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "en_GB.UTF-8"}, ("GB", "LANG=en_GB.UTF-8")),
        ({"LANG": "en_US.UTF-8"}, ("US", "LANG=en_US.UTF-8")),
        ({"LANG": "de_DE.UTF-8"}, ("DE", "LANG=de_DE.UTF-8")),
        ({"LANG": "en_AU.UTF-8"}, ("AU", "LANG=en_AU.UTF-8")),
        ({"LANG": "sr_RS@latin"}, ("RS", "LANG=sr_RS@latin")),
        ({"LANG": "en_GB"}, ("GB", "LANG=en_GB")),
        ({"LANG": "C.UTF-8"}, None),
        ({"LANG": "C"}, None),
        ({"LANG": "POSIX"}, None),
        ({"LANG": "en"}, None),
        ({}, None),
        ({"LC_ALL": "fr_FR.UTF-8", "LANG": "en_GB.UTF-8"}, ("FR", "LC_ALL=fr_FR.UTF-8")),
        ({"LC_MESSAGES": "en_NZ.UTF-8", "LANG": "en_GB.UTF-8"}, ("NZ", "LC_MESSAGES=en_NZ.UTF-8")),
        ({"LC_ALL": "C", "LANG": "en_GB.UTF-8"}, None),
        ({"LANG": "en_GB.UTF-8", "TZ": "America/New_York"}, ("GB", "LANG=en_GB.UTF-8")),
    ],
)
def test_the_locale_names_the_territory_and_never_the_time_zone(
    environ: dict[str, str], expected: tuple[str, str] | None
) -> None:
    """LC_ALL, then LC_MESSAGES, then LANG: en_GB.UTF-8 is GB; C and POSIX name none; TZ is never read."""
    assert locale_region(environ) == expected


# ---------------------------------------------------------------- the order


def test_the_locale_gives_the_region_its_numbers_and_helpline() -> None:
    """en_GB: 999 or 112, the United Kingdom, NHS 111 for England, Scotland and Wales only."""
    number = chosen(environ={"LANG": "en_GB.UTF-8"})
    assert (number.text, number.region, number.chosen_by, number.source) == (
        "999 or 112",
        "GB",
        "locale",
        "LANG=en_GB.UTF-8",
    )
    assert number.call_now() == GB_CALL
    assert number.helpline is not None and number.helpline.text == "NHS 111"
    assert number.urgent_line().startswith(
        "Or call NHS 111 (England, Scotland and Wales; in Northern Ireland, call your GP or GP out of hours)."
    )


def test_the_set_region_wins_over_the_locale_and_the_environment_over_the_setting() -> None:
    """`config set region` beats the locale; BACKSPASM_REGION beats the setting."""
    assert chosen(saved_region="US", environ={"LANG": "en_GB.UTF-8"}).text == "911"
    both = chosen(env_region="de", saved_region="US", environ={"LANG": "en_GB.UTF-8"})
    assert (both.region, both.chosen_by, both.source) == ("DE", "environment", "BACKSPASM_REGION")


def test_a_number_the_person_gave_wins_for_the_number_and_the_region_keeps_its_helpline() -> None:
    """`config set emergency-number` wins for the number; a set region still names its helpline."""
    number = chosen(saved_number="112", saved_region="GB")
    assert (number.text, number.region, number.chosen_by) == ("112", "GB", "settings")
    assert number.helpline is not None and number.helpline.name == "NHS 111"
    assert number.call_now() == "Call 112 now (your saved number; change with `backspasm config set emergency-number`)."


def test_a_saved_number_stops_the_locale_from_choosing() -> None:
    """With a saved number and no set region, the locale is not read: no region, no helpline."""
    number = chosen(saved_number="999", environ={"LANG": "en_US.UTF-8"})
    assert (number.text, number.region, number.helpline) == ("999", None, None)


def test_option_then_environment_then_settings_for_the_number() -> None:
    """--emergency-number, then BACKSPASM_EMERGENCY_NUMBER, then the saved number."""
    assert chosen(option="911", env_number="112", saved_number="999").text == "911"
    assert chosen(env_number="112", saved_number="999").call_now() == "Call 112 now (from BACKSPASM_EMERGENCY_NUMBER)."
    assert chosen(option="911").call_now() == "Call 911 now."


def test_nothing_known_is_the_general_wording() -> None:
    """C locale, nothing set: the general sentence, and no extra line on any screen."""
    number = chosen(environ={"LANG": "C.UTF-8"})
    assert (number.text, number.chosen_by, number.region) == (GENERIC, "default", None)
    assert number.line_for("emergency") is None and number.line_for("urgent") is None


def test_a_country_not_in_the_table_gets_the_general_wording() -> None:
    """A locale whose country has no confirmed number (South Africa) falls back to the general wording."""
    assert chosen(environ={"LANG": "en_ZA.UTF-8"}).text == GENERIC


def test_uk_is_read_as_gb() -> None:
    """The common but non-ISO code UK means GB."""
    assert chosen(saved_region="uk").region == "GB"


@pytest.mark.parametrize(
    "bad",
    ["\x1b[31m999", "['999']", "None", "call 999", "999; rm -rf", "1" * 21, "+-"],
)
def test_a_bad_saved_or_environment_number_is_ignored_and_never_repeated_raw(bad: str) -> None:
    """Escapes, lists, null or words in the number: skipped with a one-line problem that does not repeat it."""
    number = chosen(env_number=bad, saved_number=bad, environ={"LANG": "en_US.UTF-8"})
    assert number.text == "911"
    assert len(number.problems) == 2
    assert all(bad not in problem and "\x1b" not in problem for problem in number.problems)
    assert number.problems[0] == (
        "ignored BACKSPASM_EMERGENCY_NUMBER: it is not a phone number (digits, spaces, + and - only)"
    )


@pytest.mark.parametrize(("bad", "why"), [("ZZ", "(ZZ): backspasm has no"), ("\x1b[0m", "not a two-letter")])
def test_an_unknown_or_bad_region_is_ignored_with_a_warning(bad: str, why: str) -> None:
    """A region that is not in the table falls back to the locale, saying why in one line."""
    number = chosen(env_region=bad, environ={"LANG": "en_AU.UTF-8"})
    assert number.text == "000"
    assert len(number.problems) == 1 and why in number.problems[0] and "\x1b" not in number.problems[0]


def test_a_helpline_without_its_number_in_the_name_says_it() -> None:
    """"Healthline on 0800 611 116"; "NHS 111" already says its number."""
    assert Helpline("Healthline", "0800 611 116").text == "Healthline on 0800 611 116"
    assert chosen(saved_region="NZ").urgent_line() == (
        "Or call Healthline on 0800 611 116. "
        "In an emergency, call 111 (New Zealand; change with `backspasm config set region`)."
    )


# ---------------------------------------------------------------- the table


def test_the_table_covers_the_countries_the_issue_names() -> None:
    """EU/EEA, UK, US, Canada, Australia, New Zealand, India, Japan, China, Brazil, Mexico, Singapore."""
    eu = {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE"}
    eu |= {"IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"}
    others = {"IS", "LI", "NO", "GB", "US", "CA", "AU", "NZ", "IN", "JP", "CN", "BR", "MX", "SG"}
    assert len(eu) == 27 and eu | others <= set(regions())


def test_112_is_said_beside_a_national_number_and_norway_is_113() -> None:
    """The UK is "999 or 112"; in Norway 112 is the police, so the medical 113 alone."""
    table = regions()
    assert (table["GB"].emergency, table["GB"].also) == ("999", ["112"])
    assert (table["NO"].emergency, table["NO"].also) == ("113", [])


def test_irelands_hse_live_is_not_shown_as_an_urgent_helpline() -> None:
    """HSE Live is an information line, not an urgent medical helpline: Ireland has none in the table."""
    assert regions()["IE"].helpline is None


def test_every_row_cites_sources_with_addresses() -> None:
    """Each country cites at least one source, and each of those has a web address."""
    kb = built_in_kb()
    for region in kb.regions:
        assert region.sources
        assert all(kb.source_index[key].url for key in region.sources)


def test_kb_check_names_a_country_twice_and_an_unknown_source(tmp_path: Path) -> None:
    """`kb check`: a code used twice and a source that is not in sources.yaml, one line each."""
    from backspasm.kb.check import check

    kb = tmp_path / "kb"
    shutil.copytree(DATA, kb)
    data = yaml.safe_load((kb / "regions.yaml").read_text(encoding="utf-8"))
    data["regions"].append({"code": "GB", "name": "Twice", "emergency": "999", "sources": ["no-such-source"]})
    (kb / "regions.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    problems = check(kb)
    last = len(data["regions"]) - 1
    assert f"kb/regions.yaml: regions[{last}] (GB): code 'GB' is used twice" in problems
    assert f"kb/regions.yaml: regions[{last}] (GB): source 'no-such-source' is not in sources.yaml" in problems


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"code": "gb"}, "regions[0].code"),
        ({"emergency": "9-9-9"}, "regions[0].emergency"),
        ({"also": ["999"], "emergency": "999"}, "also must not repeat the emergency number"),
        ({"helpline": {"name": "x", "number": "999"}, "emergency": "999"}, "the helpline must not be"),
    ],
)
def test_the_model_refuses_bad_rows(tmp_path: Path, change: dict[str, Any], message: str) -> None:
    """A lower-case code, a number with dashes, a repeated number, a helpline that is an emergency number."""
    from backspasm.kb.check import check

    kb = tmp_path / "kb"
    shutil.copytree(DATA, kb)
    data = yaml.safe_load((kb / "regions.yaml").read_text(encoding="utf-8"))
    data["regions"][0].update(change)
    (kb / "regions.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert any(message in problem for problem in check(kb))


# ---------------------------------------------------------------- config


def test_config_set_region_saves_the_code_in_capitals(runner: CliRunner, isolated_home: Path) -> None:
    """`config set region gb` saves GB; `uk` is saved as GB."""
    invoke(runner, "config", "set", "region", "gb")
    assert json.loads((isolated_home / "config.json").read_text(encoding="utf-8")) == {"region": "GB"}
    invoke(runner, "config", "set", "region", "uk")
    assert invoke(runner, "config", "get", "region").stdout == "GB\n"


@pytest.mark.parametrize("value", ["XX", "ZA", "G", "\x1b[31mGB"])
def test_an_unknown_region_is_exit_2_with_the_list_of_codes(
    runner: CliRunner, isolated_home: Path, value: str
) -> None:
    """Exit 2, one line naming the codes there are; nothing saved, nothing printed raw."""
    result = runner.invoke(app, ["config", "set", "region", value])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "\x1b" not in result.stderr
    assert "the regions are: AT, AU, BE," in result.stderr and ", US " in result.stderr
    assert not (isolated_home / "config.json").exists()


def test_config_list_shows_the_region_and_where_it_came_from(runner: CliRunner) -> None:
    """From the locale, from the setting, from BACKSPASM_REGION; lines within 80 columns."""
    text = invoke(runner, "config", "list", env={"LANG": "en_GB.UTF-8"}).stdout
    assert "In use: 999 or 112, from LANG=en_GB.UTF-8" in text
    assert "  region: United Kingdom (GB), from LANG=en_GB.UTF-8" in text
    assert "  urgent helpline: NHS 111" in text
    invoke(runner, "config", "set", "region", "AU")
    text = invoke(runner, "config", "list", env={"LANG": "en_GB.UTF-8"}).stdout
    assert "region = AU" in text and "In use: 000, from the region setting" in text
    text = invoke(runner, "config", "list", env={"BACKSPASM_REGION": "NZ"}).stdout
    assert "  region: New Zealand (NZ), from BACKSPASM_REGION" in text
    assert "BACKSPASM_REGION is set, and is used instead." in text
    assert max(len(line) for line in text.splitlines()[:-1]) <= 79


def test_a_damaged_settings_value_warns_once_and_still_gives_advice(
    runner: CliRunner, isolated_home: Path, tmp_path: Path
) -> None:
    """config.json with a list, null and escapes: one warning line each on stderr, raw never printed."""
    isolated_home.mkdir()
    (isolated_home / "config.json").write_text(
        json.dumps({"emergency-number": ["999"], "region": "\x1b]0;pwned\x07"}), encoding="utf-8"
    )
    result = runner.invoke(app, ["triage", "--answers", write_answers(tmp_path, EMERGENCY), "--json", "--no-save"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["advice"].startswith("Call your local emergency number")
    assert "\x1b" not in result.stdout + result.stderr and "pwned" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 2
    assert "backspasm: ignored the saved region: it is not a two-letter country code" in lines
    assert any("emergency-number takes up to 20 digits" in line and "ignored" in line for line in lines)


def test_a_bad_environment_number_never_stops_triage(runner: CliRunner, tmp_path: Path) -> None:
    """BACKSPASM_EMERGENCY_NUMBER with an escape: triage still answers (exit 0), warning once, general wording."""
    answers = write_answers(tmp_path, EMERGENCY)
    env = {"BACKSPASM_EMERGENCY_NUMBER": "\x1b[2J999"}
    result = runner.invoke(app, ["triage", "--answers", answers, "--json", "--no-save"], env=env)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["emergency_number"]["chosen_by"] == "default"
    assert result.stderr == (
        "backspasm: ignored BACKSPASM_EMERGENCY_NUMBER: it is not a phone number (digits, spaces, + and - only)\n"
    )


def test_a_bad_emergency_number_option_is_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    """--emergency-number with letters or escapes: exit 2, one line."""
    result = runner.invoke(
        app, ["triage", "--answers", write_answers(tmp_path, EMERGENCY), "--emergency-number", "\x1b[2J999"]
    )
    assert result.exit_code == 2
    assert result.stderr == "backspasm: --emergency-number takes up to 20 digits, spaces, + and - only\n"


# ---------------------------------------------------------------- triage, text and JSON, by locale

LOCALES = [
    ("en_GB.UTF-8", "999 or 112", "United Kingdom"),
    ("en_US.UTF-8", "911", "United States"),
    ("de_DE.UTF-8", "112", "Germany"),
    ("en_AU.UTF-8", "000", "Australia"),
]


@pytest.mark.parametrize(("lang", "said", "country"), LOCALES)
def test_triage_json_and_text_name_the_locales_number(
    runner: CliRunner, tmp_path: Path, lang: str, said: str, country: str
) -> None:
    """An emergency triage under each locale: the advice and the emergency_number object, the screen's last line."""
    answers = write_answers(tmp_path, EMERGENCY)
    data = json.loads(invoke(runner, "triage", "--answers", answers, "--json", "--no-save", env={"LANG": lang}).stdout)
    assert data["advice"].startswith(f"Call {said} now")
    assert data["emergency_number"]["text"] == said
    assert data["emergency_number"]["region_name"] == country
    assert (data["emergency_number"]["chosen_by"], data["emergency_number"]["source"]) == ("locale", f"LANG={lang}")
    text = flat(invoke(runner, "triage", "--answers", answers, "--no-save", env={"LANG": lang}).stdout)
    assert text.endswith(f"Call {said} now ({country}; change with `backspasm config set region`).")
    assert GENERIC_WORDS not in text


def test_triage_under_the_c_locale_keeps_the_general_wording(runner: CliRunner, tmp_path: Path) -> None:
    """C.UTF-8: the general sentence, emergency_number says default, no extra line."""
    answers = write_answers(tmp_path, EMERGENCY)
    data = json.loads(invoke(runner, "triage", "--answers", answers, "--json", "--no-save").stdout)
    assert data["advice"].startswith("Call your local emergency number (for example 999, 911 or 112) now")
    assert data["emergency_number"] == {
        "text": GENERIC,
        "numbers": [],
        "region": None,
        "region_name": None,
        "helpline": None,
        "chosen_by": "default",
        "source": None,
        "region_chosen_by": None,
    }
    text = flat(invoke(runner, "triage", "--answers", answers, "--no-save").stdout)
    assert "change with `backspasm config set" not in text


def test_a_config_override_beats_the_locale_in_text_and_json(runner: CliRunner, tmp_path: Path) -> None:
    """`config set region US` under en_GB: 911 everywhere, chosen by the settings."""
    invoke(runner, "config", "set", "region", "US")
    answers = write_answers(tmp_path, EMERGENCY)
    env = {"LANG": "en_GB.UTF-8"}
    data = json.loads(invoke(runner, "triage", "--answers", answers, "--json", "--no-save", env=env).stdout)
    assert data["emergency_number"]["text"] == "911" and data["emergency_number"]["chosen_by"] == "settings"
    text = flat(invoke(runner, "triage", "--answers", answers, "--no-save", env=env).stdout)
    assert "Call 911 now (United States; change with `backspasm config set region`)." in text
    assert "999" not in text


def test_the_urgent_result_names_the_helpline(runner: CliRunner, tmp_path: Path) -> None:
    """URGENT under en_GB: "Or call NHS 111", then the emergency number with its region."""
    text = flat(
        invoke(
            runner, "triage", "--answers", write_answers(tmp_path, URGENT), "--no-save", env={"LANG": "en_GB.UTF-8"}
        ).stdout
    )
    assert "Or call NHS 111 (England, Scotland and Wales; in Northern Ireland" in text
    assert "In an emergency, call 999 or 112 (United Kingdom; change with `backspasm config set region`)." in text


# ---------------------------------------------------------------- every command, with a configured number


@pytest.fixture
def remembered_emergency(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An EMERGENCY triage saved in the journal a day ago, with the region set to GB."""
    monkeypatch.setenv("BACKSPASM_NOW", rows.ago(0))
    invoke(runner, "triage", "--answers", write_answers(tmp_path, EMERGENCY), "--json")
    monkeypatch.setenv("BACKSPASM_NOW", rows.ago(-1))
    invoke(runner, "config", "set", "region", "GB")


COMMANDS = [
    ("log", "--pain", "5"),
    ("log", "--pain", "5", "--json"),
    ("history",),
    ("history", "--json"),
    ("report",),
    ("report", "--format", "html"),
    ("today",),
    ("today", "--plain"),
    ("today", "--json"),
    (),
    ("warning-signs",),
    ("session", "heat", "--yes", "--duration", "0.2s", "--plain", "--no-bell"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: " ".join(args) or "welcome")
def test_every_screen_with_an_emergency_line_names_the_configured_number(
    runner: CliRunner, remembered_emergency: None, args: tuple[str, ...]
) -> None:
    """With the region set, no generic sentence remains: each command says 999 or 112 and the United Kingdom."""
    result = invoke(runner, *args)
    said = flat(result.stdout + result.stderr).replace("\\`", "`")  # Markdown escapes its backticks
    assert GENERIC_WORDS not in said
    assert "999 or 112" in said
    if "--json" in args:
        assert json.loads(result.stdout)["emergency_number"]["region"] == "GB"
    else:
        assert GB_CALL[1:] in said  # "Call ..." or, inside the welcome's sentence, "call ..."


def test_the_report_as_csv_has_no_generic_sentence(runner: CliRunner, remembered_emergency: None) -> None:
    """CSV is the raw journal: no advice at all, so no generic sentence either."""
    assert GENERIC_WORDS not in invoke(runner, "report", "--format", "csv").stdout


def test_a_saved_number_reaches_log_and_report_too(
    runner: CliRunner, remembered_emergency: None, isolated_home: Path
) -> None:
    """The bug of issue 23: `config set emergency-number 999` was ignored by log and report."""
    invoke(runner, "config", "unset", "region")
    invoke(runner, "config", "set", "emergency-number", "999")
    for args in (("log", "--pain", "4"), ("report",), ("history",)):
        said = flat(invoke(runner, *args).stdout).replace("\\`", "`")
        assert GENERIC_WORDS not in said
        assert "Call 999 now (your saved number; change with `backspasm config set emergency-number`)." in said


@pytest.mark.parametrize("args", [("log", "--pain", "5", "--json"), ("history", "--json"), ("today", "--json")])
@pytest.mark.parametrize(("lang", "said", "country"), [*LOCALES, ("C.UTF-8", GENERIC, None)])
def test_journal_json_carries_the_emergency_number_object(
    runner: CliRunner, args: tuple[str, ...], lang: str, said: str, country: str | None
) -> None:
    """log, history and today --json: the emergency_number object under each locale."""
    value = json.loads(invoke(runner, *args, env={"LANG": lang}).stdout)["emergency_number"]
    assert (value["text"], value["region_name"]) == (said, country)


# ---------------------------------------------------------------- speed


def test_the_welcome_with_a_locale_imports_no_models_yaml_or_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading the region for the bare command stays light: no pydantic models, YAML or loader."""
    from test_startup import HEAVY, imported_by

    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    modules = imported_by()
    assert "backspasm.emergency.current" in modules
    assert [name for name in HEAVY if name in modules and name != "pydantic"] == []


# ---------------------------------------------------------------- 80x24


@pytest.mark.slow
def test_the_emergency_screen_ends_with_the_number_at_80x24(isolated_home: Path, tmp_path: Path) -> None:
    """In a real 80x24 terminal under en_GB, the last lines of the emergency screen say 999 or 112."""
    answers = write_answers(tmp_path, EMERGENCY)
    terminal = Terminal(isolated_home, "triage", "--answers", answers, "--no-save", env={"LANG": "en_GB.UTF-8"})
    try:
        assert terminal.finish() == 0
    finally:
        terminal.close()
    last = flat("\n".join(line for line in terminal.lines() if line.strip())[-400:])
    assert "EMERGENCY: Call 999 or 112 now" in last
    assert GB_CALL in last
    assert max(len(line) for line in terminal.lines()) <= COLUMNS
    assert broken_words(terminal.raw) == []
