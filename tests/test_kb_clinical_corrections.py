"""The clinical review's corrections to the knowledge base (issue 19, content items 1-14), and the
`kb check` rules that keep them: each item says what the reference says, with its source."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import DATA

from backspasm.kb.check import check
from backspasm.kb.loader import load_active

KB = load_active()


def flat(text: str) -> str:
    """Text with its line breaks folded, for phrase checks."""
    return " ".join(text.split())


def remedy_text(remedy_id: str) -> str:
    """Everything a remedy says to people, as one line."""
    r = KB.remedy_index[remedy_id]
    return flat(" ".join([r.summary, *r.steps, *r.cautions, r.pregnancy or ""]))


def protocol_text(protocol_id: str) -> str:
    """Everything a protocol says to people, as one line."""
    p = KB.protocol_index[protocol_id]
    checks = [f"{c.prompt} {c.reason} {c.alternative}" for c in p.checks]
    return flat(" ".join([p.summary, *p.steps, *checks, p.pregnancy or ""]))


def cause_text(cause_id: str) -> str:
    """Everything a cause says to people, as one line."""
    c = next(c for c in KB.causes if c.id == cause_id)
    return flat(" ".join([c.description, *c.prevention]))


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
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("protocol_id", ["ice", "heat", "ice-massage"])
def test_the_fall_asleep_check_names_drowsy_medicines(protocol_id: str) -> None:
    """1. Each protocol's "might you fall asleep?" check names diazepam, codeine, pregabalin and gabapentin."""
    check_ = next(c for c in KB.protocol_index[protocol_id].checks if c.id == "falling-asleep")
    prompt = flat(check_.prompt)
    for medicine in ("diazepam", "codeine", "co-codamol", "pregabalin", "gabapentin"):
        assert medicine in prompt, medicine
    assert {"nhs-diazepam", "nhs-codeine"} <= set(KB.protocol_index[protocol_id].sources)


@pytest.mark.parametrize("entry", ["ice", "heat", "ice-massage"])
def test_older_or_thin_skin_always_a_cover_and_the_shorter_time(entry: str) -> None:
    """2. Heat and ice say: on older or thin skin, always a cover (or cloth), and the shorter time."""
    text = protocol_text(entry)
    assert "older or thin skin" in text and "shorter time" in text
    assert "nhs-burns-and-scalds" in KB.protocol_index[entry].sources


@pytest.mark.parametrize("remedy_id", ["superficial-heat", "ice-pack"])
def test_heat_and_ice_remedies_warn_about_older_skin_and_children(remedy_id: str) -> None:
    """Heat and ice remedies: older or thin skin needs a cover and the shorter time; an adult helps a child."""
    text = remedy_text(remedy_id)
    assert "Older or thin skin" in text and "shorter time" in text
    assert "For a child, an adult puts" in text and "shorter" in text


@pytest.mark.parametrize("protocol_id", ["ice", "heat", "ice-massage"])
def test_children_have_an_adult_apply_and_check_shorter_sessions(protocol_id: str) -> None:
    """13. Each protocol says an adult applies and checks it for a child, and keeps the session short."""
    text = protocol_text(protocol_id)
    assert "For a child, an adult" in text and "checks the skin" in text and "short" in text


def test_the_heat_skin_check_names_an_operation_wound_as_the_ice_check_does() -> None:
    """3. The heat and ice skin checks both name the wound of a recent operation."""
    for protocol_id in ("heat", "ice", "ice-massage"):
        skin = next(c for c in KB.protocol_index[protocol_id].checks if c.id == "skin")
        assert "recent operation" in flat(skin.prompt), protocol_id
        assert skin.stop_if is True
    assert "recent operation" in remedy_text("superficial-heat")


@pytest.mark.parametrize("remedy_id", ["benzodiazepines", "gabapentinoids", "muscle-relaxants", "weak-opioids"])
def test_drowsy_medicines_say_do_not_drive_and_no_heat_or_ice_while_drowsy(remedy_id: str) -> None:
    """4. Benzodiazepines, gabapentinoids, muscle relaxants and codeine: no driving, no heat or ice while drowsy."""
    text = remedy_text(remedy_id)
    assert "Do not drive" in text
    assert "Do not use a heat pad or ice pack while drowsy" in text


def test_drug_driving_law_names_diazepam() -> None:
    """4. The benzodiazepine caution says the UK drug-driving law names diazepam, citing GOV.UK."""
    assert "drug-driving law names diazepam" in remedy_text("benzodiazepines")
    assert "gov-uk-drug-driving" in KB.remedy_index["benzodiazepines"].sources
    assert KB.source_index["gov-uk-drug-driving"].url == "https://www.gov.uk/drug-driving-law"


def test_codeine_is_not_for_breastfeeding() -> None:
    """5. Codeine says not while breastfeeding, citing the MHRA's 2013 Drug Safety Update."""
    text = remedy_text("weak-opioids")
    assert "Do not take codeine while breastfeeding" in text and "(MHRA 2013)" in text
    assert "mhra-codeine-2013" in KB.remedy_index["weak-opioids"].sources
    assert KB.source_index["mhra-codeine-2013"].year == 2013


def test_paracetamol_has_a_pregnancy_note_and_keeps_its_grade() -> None:
    """6. Paracetamol's pregnancy note says it is the painkiller usually suggested (NHS); grade unchanged."""
    paracetamol = KB.remedy_index["paracetamol"]
    assert paracetamol.pregnancy is not None
    assert "painkiller usually suggested (NHS)" in flat(paracetamol.pregnancy)
    assert "nhs-paracetamol" in paracetamol.sources
    assert (paracetamol.evidence.grade, paracetamol.stance) == ("not effective", "not-recommended")


def test_lifting_technique_is_not_claimed_to_prevent_back_pain() -> None:
    """7. Lifting advice no longer claims technique prevents back pain; it says what helps (Cochrane, Verbeek 2011)."""
    text = cause_text("lifting-heavy-objects")
    assert "Lift with your legs" not in text and "Lift with your legs" not in cause_text("nerve-compression")
    assert "has not been shown to prevent back pain" in text
    assert "close" in text and "Get help" in text and "strength" in text
    assert "cochrane-verbeek-2011" in next(c for c in KB.causes if c.id == "lifting-heavy-objects").sources


def test_sciatica_timing_matches_the_reference() -> None:
    """8. One-leg sciatica not getting better after 2 weeks, and one-leg numbness over a week."""
    text = cause_text("nerve-compression")
    assert "after 2 weeks" in text and "numbness in one leg lasts over a week" in text
    assert "after a few weeks" not in text


def test_falls_name_age_65_neck_pain_and_blood_thinners() -> None:
    """9. The fall cause names a fall at 65 or over, with neck pain at 65 or over, and blood thinners."""
    text = cause_text("fall-or-trauma")
    assert "a fall at 65 or over with neck pain" in text.lower()
    assert "A fall at 65 or over needs a doctor the same day" in text
    assert "On blood thinners, an injury with very bad pain or a bruise that keeps growing" in text
    assert "nhs-anticoagulants" in next(c for c in KB.causes if c.id == "fall-or-trauma").sources


def test_spinal_cord_warnings_say_neck_or_upper_back() -> None:
    """10. Every spinal cord warning says "in the neck or upper back"."""
    cord = [s for s in KB.warning_signs if "spinal cord in the neck" in flat(s.why)]
    assert {s.id for s in cord} == {"arms-both", "clumsy-or-unsteady-recent", "clumsy-or-unsteady-gradual"}
    for sign in cord:
        assert "spinal cord in the neck or upper back" in flat(sign.why), sign.id


def test_ice_is_not_the_usual_first_choice() -> None:
    """11. Ice says "ice or heat, whichever eases you; the evidence favours heat", never "usual first choice"."""
    text = remedy_text("ice-pack")
    assert "usual first choice" not in text
    assert "ice or heat, whichever eases you more; the evidence favours heat" in text


def test_ice_massage_has_a_pregnancy_note() -> None:
    """12. Ice massage (done lying face down) has a pregnancy note in the protocol and the remedy."""
    for note in (KB.protocol_index["ice-massage"].pregnancy, KB.remedy_index["ice-massage"].pregnancy):
        assert note is not None and "do not lie face down" in flat(note)


def test_stretches_lying_on_the_back_say_so_and_have_a_pregnancy_routine() -> None:
    """12. Stretches done lying on the back are marked, have a pregnancy note, and a routine without them exists."""
    lying = {s.id for s in KB.stretches if s.lying_on_back}
    assert {"pelvic-tilt", "knee-to-chest", "calf-stretch-strap", "hamstring-stretch-strap"} <= lying
    assert all(KB.stretch_index[s].pregnancy for s in lying)
    standing = [r for r in KB.routines if r.for_pregnancy]
    assert standing and not lying & set(standing[0].stretches)
    assert {"early", "later"} <= set(standing[0].phases)


def test_the_typo_is_gone() -> None:
    """14. "Nethemher" reads "Neither"."""
    for name in ("remedies.yaml", "causes.yaml", "protocols.yaml", "stretches.yaml", "today.yaml"):
        assert "Nethemher" not in (DATA / name).read_text(encoding="utf-8")
    assert "Neither NICE NG59 nor ACP 2017" in flat(KB.remedy_index["enzyme-supplements"].evidence.summary)


def test_every_new_source_resolves_with_an_address() -> None:
    """Every source the corrections cite exists and has an address."""
    for key in (
        "nhs-diazepam",
        "nhs-codeine",
        "nhs-pregabalin",
        "nhs-gabapentin",
        "nhs-paracetamol",
        "gov-uk-drug-driving",
        "mhra-codeine-2013",
        "nhs-burns-and-scalds",
        "cochrane-verbeek-2011",
    ):
        assert KB.source_index[key].url, key


# ---------------------------------------------------------------- kb check keeps them


def test_kb_check_asks_for_a_pregnancy_note_on_a_face_down_protocol(kb_copy: Path) -> None:
    """`kb check` reports a protocol done lying face down without a pregnancy note."""
    replace_in(
        kb_copy,
        "protocols.yaml",
        """    pregnancy: >-
      In pregnancy, do not lie face down for this. Sit leaning forward on a chair, or lie on your
      side, while your helper moves the ice.
""",
        "",
    )
    assert check(kb_copy) == [
        "kb/protocols.yaml: protocols[2] (ice-massage): a step is done lying face down, so it needs a pregnancy note"
    ]


def test_kb_check_asks_for_a_pregnancy_note_on_a_stretch_lying_on_the_back(kb_copy: Path) -> None:
    """`kb check` reports a stretch done lying on the back without a pregnancy note."""
    note = "    pregnancy: After about 16 weeks of pregnancy, skip it. It is done lying on your back.\n"
    replace_in(kb_copy, "stretches.yaml", note, "")
    assert check(kb_copy) == [
        "kb/stretches.yaml: stretches[1] (knee-to-chest): it is done lying on the back, so it needs a pregnancy note"
    ]


def test_kb_check_asks_for_a_routine_for_pregnancy(kb_copy: Path) -> None:
    """`kb check` reports routines lying on the back with no routine for pregnancy to replace them."""
    replace_in(kb_copy, "stretches.yaml", "    for_pregnancy: true\n", "")
    problems = check(kb_copy)
    assert len(problems) == 2 and all("no routine for pregnancy" in p for p in problems)


def test_kb_check_keeps_lying_stretches_out_of_a_routine_for_pregnancy(kb_copy: Path) -> None:
    """`kb check` reports a routine for pregnancy that holds a stretch done lying on the back."""
    replace_in(kb_copy, "stretches.yaml", "[wall-pelvic-tilt, short-walk]", "[pelvic-tilt, short-walk]")
    assert any("must not hold a stretch done lying on the back" in p for p in check(kb_copy))


def test_kb_check_asks_drowsy_medicines_to_warn_about_heat_ice_and_driving(kb_copy: Path) -> None:
    """`kb check` reports a drowsy medicine whose cautions drop the heat-or-ice line or the driving line."""
    drive = "      - Do not drive while taking them. The UK drug-driving law names diazepam.\n"
    replace_in(kb_copy, "remedies.yaml", drive, "")
    replace_in(
        kb_copy,
        "remedies.yaml",
        """      - They cause drowsiness and dizziness, and can cause dependence.
      - Do not drive while taking them. They can make you unsafe to drive, and the UK drug-driving
        law can apply.
      - Do not use a heat pad or ice pack while drowsy from one.
""",
        "      - They cause drowsiness and dizziness, and can cause dependence.\n",
    )
    problems = check(kb_copy)
    assert any("(benzodiazepines): it causes drowsiness, so a caution must say not to drive" in p for p in problems)
    assert any("(gabapentinoids): it causes drowsiness, so a caution must say no heat or ice" in p for p in problems)
    assert any("(gabapentinoids): it causes drowsiness, so a caution must say not to drive" in p for p in problems)
