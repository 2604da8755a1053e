"""The models of whole knowledge-base files: each file is one mapping of one or two sections."""

from __future__ import annotations

from backspasm.kb import models as m
from backspasm.kb.file_names import FILE_NAMES


class SourcesFile(m.Strict):
    sources: list[m.Source]


class RemediesFile(m.Strict):
    phase_boundary: m.PhaseBoundary
    remedies: list[m.Remedy]


class CausesFile(m.Strict):
    causes: list[m.Cause]


class WarningSignsFile(m.Strict):
    warning_signs: list[m.WarningSign]


class TriageFile(m.Strict):
    questions: list[m.Question]
    gates: list[m.Gate] = []
    levels: list[m.TriageLevel]
    advice: list[m.LevelAdvice]


class StartBackFile(m.Strict):
    startback: m.StartBack


class ProtocolsFile(m.Strict):
    protocols: list[m.Protocol]


class StretchesFile(m.Strict):
    stretches: list[m.Stretch]
    routines: list[m.Routine] = []


class DoctorQuestionsFile(m.Strict):
    doctor_questions: list[m.DoctorQuestion]


class EscalationFile(m.Strict):
    escalation_rules: list[m.EscalationRule]


# Every file of a knowledge base and the model of its contents, in the order they are checked.
FILES: dict[str, type[m.Strict]] = {
    "sources.yaml": SourcesFile,
    "remedies.yaml": RemediesFile,
    "causes.yaml": CausesFile,
    "warning-signs.yaml": WarningSignsFile,
    "triage.yaml": TriageFile,
    "startback.yaml": StartBackFile,
    "protocols.yaml": ProtocolsFile,
    "stretches.yaml": StretchesFile,
    "doctor-questions.yaml": DoctorQuestionsFile,
    "escalation.yaml": EscalationFile,
}

assert tuple(FILES) == FILE_NAMES, "FILES and FILE_NAMES must list the same files in the same order"
