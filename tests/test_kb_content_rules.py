"""`kb check` content rules: internal names, source addresses, the one 48-hour boundary."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import DATA
from typer.testing import CliRunner

from backspasm.cli import app
from backspasm.kb.check import check
from backspasm.kb.loader import load_active

KB = load_active()
SEED_IDS = [s.id for s in KB.sources if s.seed]


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    """A writable copy of the built-in knowledge base named kb/."""
    target = tmp_path / "kb"
    shutil.copytree(DATA, target)
    return target


def replace_in(directory: Path, name: str, old: str, new: str) -> None:
    """Change one file's text, which must contain `old`."""
    path = directory / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_builtin_knowledge_base_passes_the_content_rules() -> None:
    """The shipped knowledge base breaks none of the content rules."""
    assert check(DATA) == []


def test_a_seed_file_name_in_user_text_is_reported(kb_copy: Path) -> None:
    """A seed's file name, a repository path or "seed 003" in text people read is a problem."""
    replace_in(kb_copy, "remedies.yaml", "One article says heat must wait", "Seed 003 says heat must wait")
    replace_in(kb_copy, "causes.yaml", "This idea has weak support.", "See shared/clinical-reference.md.")
    problems = check(kb_copy)
    assert "kb/remedies.yaml: remedies[0] (superficial-heat).seed_claim: names 'Seed 003'" in problems[0]
    assert any("causes" in p and "'shared/clinical-reference.md'" in p for p in problems)


def test_a_source_without_an_address_is_reported(kb_copy: Path) -> None:
    """Every source other than a seed article needs a url (a DOI as its doi.org address)."""
    replace_in(kb_copy, "sources.yaml", "    url: https://www.nice.org.uk/guidance/ng41\n", "")
    [problem] = check(kb_copy)
    assert problem.startswith("kb/sources.yaml: sources[")
    assert problem.endswith("(nice-ng41): has no url; every source other than a seed article needs a url or a DOI")


def test_heat_held_back_early_is_reported(kb_copy: Path) -> None:
    """A heat remedy tagged `later` only contradicts the boundary: heat is never held back early."""
    replace_in(kb_copy, "remedies.yaml", "    phases: [early, later]\n", "    phases: [later]\n")
    assert check(kb_copy) == [
        "kb/remedies.yaml: remedies[0] (superficial-heat): heat lists 'later' but not 'early'; "
        "heat is never held back in the early phase",
        # The plan for today suggests heat in the early phase too, so it says so as well.
        "kb/today.yaml: today.phases[0] (early).remedies: remedy 'superficial-heat' is not for the early phase",
    ]


def test_a_later_stretch_in_an_early_routine_is_reported(kb_copy: Path) -> None:
    """An early-phase routine may not hold a stretch whose remedy is for later only (knee-to-chest)."""
    early = "stretches: [pelvic-tilt, short-walk]"
    replace_in(kb_copy, "stretches.yaml", early, "stretches: [pelvic-tilt, knee-to-chest]")
    [problem] = check(kb_copy)
    assert "(gentle-start): stretch 'knee-to-chest' is for later only" in problem


def test_kb_check_command_reports_content_rules(runner: CliRunner, kb_copy: Path) -> None:
    """`backspasm kb check DIR` prints a content-rule problem and exits non-zero."""
    replace_in(kb_copy, "remedies.yaml", "One article says heat must wait", "Seed 003 says heat must wait")
    result = runner.invoke(app, ["kb", "check", str(kb_copy)])
    assert result.exit_code != 0
    assert "names 'Seed 003'" in result.output


def test_the_boundary_lives_in_the_knowledge_base() -> None:
    """One early-phase boundary of 48 hours, with cold an option to 72, read from remedies.yaml."""
    assert (KB.phase_boundary.early_hours, KB.phase_boundary.cold_until_hours) == (48, 72)
    heat = [r for r in KB.remedies if r.category == "heat"]
    assert heat and all("early" in r.phases for r in heat)


def test_browse_output_never_shows_internal_names(runner: CliRunner) -> None:
    """`remedies show`, `causes` and `warning-signs` name sources by publisher and title, never by file."""
    outputs = [runner.invoke(app, ["remedies", "show", r.id]).stdout for r in KB.remedies]
    outputs += [runner.invoke(app, ["causes"]).stdout, runner.invoke(app, ["warning-signs"]).stdout]
    flat = " ".join(" ".join(out.split()) for out in outputs)
    for seed in SEED_IDS:
        assert seed not in flat
    for word in ("shared/", ".md", "Seed 0", "seed article", "What the articles claim"):
        assert word not in flat
    assert "NHS: Back pain" in flat
    # A web article whose address is not on record is named, with no "(web address not recorded)".
    assert "Web article: How To Fix Lower Back Spasms" in flat and "address not recorded" not in flat
    assert "What some popular articles claim" in flat


def test_new_medicines_follow_nice_ng59() -> None:
    """Codeine, benzodiazepines, gabapentinoids and oral steroids carry NICE NG59's stance, no dose."""
    stances = {r.id: r.stance for r in KB.remedies}
    assert stances["weak-opioids"] == "medical-only"
    assert stances["benzodiazepines"] == stances["gabapentinoids"] == stances["oral-steroids"] == "not-recommended"
    for rid in ("weak-opioids", "benzodiazepines", "gabapentinoids", "oral-steroids"):
        assert "nice-ng59" in KB.remedy_index[rid].evidence.sources
    assert "only if an NSAID is unsuitable" in KB.remedy_index["weak-opioids"].evidence.summary


def test_corrected_evidence_grades() -> None:
    """Exercise is moderate quality for chronic pain (ACP 2017), with Steffens 2016 on prevention."""
    for rid in ("core-strengthening", "physical-therapy"):
        evidence = KB.remedy_index[rid].evidence
        assert evidence.grade == "moderate quality"
        assert {"acp-2017", "steffens-2016"} <= set(evidence.sources)
    cochrane = KB.source_index["cochrane-exercise-2023"]
    assert "IJzelenberg" in cochrane.title and cochrane.url == "https://doi.org/10.1002/14651858.CD009365.pub2"
    assert "no clinically relevant" in KB.remedy_index["stretching"].evidence.summary
    assert "recover a little faster" not in KB.remedy_index["walking"].summary
    assert "sciatica" in KB.remedy_index["walking"].evidence.summary
    assert "replaced by NG234" in KB.source_index["nice-cg75"].title
    cited = {s for r in KB.remedies for s in r.sources} | {s for c in KB.causes for s in c.sources}
    assert "nice-cg75" not in cited


def test_safety_cautions_added() -> None:
    """NSAID, chiropractic, stretch and cold cautions the clinician review asked for are present."""
    nsaids = " ".join(KB.remedy_index["nsaids"].cautions).lower()
    for word in ("liver", "crohn", "dehydrated", "breastfeeding", "gels are nsaids", "protect the stomach"):
        assert word in nsaids, word
    assert KB.remedy_index["nsaids"].pregnancy
    assert "artery" in (KB.remedy_index["chiropractic"].neck or "")
    knee = " ".join(KB.stretch_index["knee-to-chest"].cautions)
    assert "osteoporosis" in knee and "hip replacement" in knee
    assert "osteoporosis" in " ".join(KB.stretch_index["childs-pose"].cautions)
    assert "16 weeks" in (KB.stretch_index["knee-to-chest"].pregnancy or "")
    heat_checks = " ".join(c.prompt for c in KB.protocol_index["heat"].checks)
    assert "cream" in heat_checks
    assert not any("tiptoe-stand" in r.stretches for r in KB.routines)
