"""data/protocols.yaml follows shared/clinical-reference.md section 3: caps, rests and the safety checks."""

from __future__ import annotations

import pytest

from backspasm.kb.loader import load_active
from backspasm.kb.views import Protocol

PROTOCOLS = {p.id: p for p in load_active().protocols}

# id: (kind, default, maximum, minimum rest, remedy)
EXPECTED = {
    "ice": ("cold", 15, 20, 40, "ice-pack"),
    "heat": ("heat", 20, 30, 20, "superficial-heat"),
    "ice-massage": ("cold", 10, 15, 40, "ice-massage"),
}


def words_of(protocol: Protocol) -> str:
    """All check prompts of a protocol, lower case."""
    return " ".join(check.prompt.lower() for check in protocol.checks)


@pytest.mark.parametrize("protocol_id", sorted(EXPECTED))
def test_times_follow_the_clinical_reference(protocol_id: str) -> None:
    """Cold 15 (max 20, 40 off); heat 20 (max 30, 20 off); ice massage 10 (max 15, seed 002)."""
    p = PROTOCOLS[protocol_id]
    assert (p.kind, p.default_minutes, p.max_minutes, p.rest_minutes, p.remedy) == EXPECTED[protocol_id]


@pytest.mark.parametrize("protocol_id", sorted(EXPECTED))
def test_every_protocol_asks_the_common_checks(protocol_id: str) -> None:
    """A cloth or cover, the skin (numb, broken), removing or stopping it yourself, and not falling asleep."""
    text = words_of(PROTOCOLS[protocol_id])
    assert "cloth" in text or "cover" in text
    assert "numb" in text and "broken" in text
    assert "by yourself" in text or "stop the massage" in text
    assert "fall asleep" in text


@pytest.mark.parametrize("protocol_id", ["ice", "ice-massage"])
def test_cold_asks_about_circulation_and_cold_conditions(protocol_id: str) -> None:
    """Cold: diabetes, neuropathy, poor circulation, Raynaud's, sickle cell and cold-induced conditions."""
    text = words_of(PROTOCOLS[protocol_id])
    for word in ("diabetes", "neuropathy", "poor circulation", "raynaud", "sickle cell", "hives from cold", "cryoglob"):
        assert word in text


def test_heat_asks_about_recent_bruises() -> None:
    """Heat: skin bruised in the last 48 hours rules it out."""
    assert "bruised in the last 48 hours" in words_of(PROTOCOLS["heat"])


@pytest.mark.parametrize("protocol_id", sorted(EXPECTED))
def test_every_check_has_a_reason_and_an_alternative(protocol_id: str) -> None:
    """A person who is ruled out always hears why and what to do instead; both answers occur as stop_if."""
    checks = PROTOCOLS[protocol_id].checks
    assert all(check.reason and check.alternative for check in checks)
    assert {check.stop_if for check in checks} == {True, False}
