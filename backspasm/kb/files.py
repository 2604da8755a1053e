"""The knowledge base's files read and checked against their models (pydantic, YAML).

Each file is one mapping of one or two sections. Only `kb check` and rebuilding the cache come
here: every failure becomes one line, `file: where: message`, and what validates comes back as
the models' JSON dump, which the light views (kb/views.py) and the cache read.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from backspasm.errors import KnowledgeBaseError
from backspasm.kb import models as m
from backspasm.kb.file_names import FILE_NAMES, label_for


class SourcesFile(m.Strict):
    sources: list[m.SourceModel]


class RemediesFile(m.Strict):
    phase_boundary: m.PhaseBoundaryModel
    remedies: list[m.RemedyModel]


class CausesFile(m.Strict):
    causes: list[m.CauseModel]


class WarningSignsFile(m.Strict):
    warning_signs: list[m.WarningSignModel]


class TriageFile(m.Strict):
    questions: list[m.QuestionModel]
    gates: list[m.GateModel] = []
    levels: list[m.TriageLevelModel]
    advice: list[m.LevelAdviceModel]
    result_cautions: list[m.ResultCautionModel] = []


class StartBackFile(m.Strict):
    startback: m.StartBackModel


class ProtocolsFile(m.Strict):
    protocols: list[m.ProtocolModel]


class StretchesFile(m.Strict):
    stretches: list[m.StretchModel]
    routines: list[m.RoutineModel] = []


class DoctorQuestionsFile(m.Strict):
    doctor_questions: list[m.DoctorQuestionModel]


class EscalationFile(m.Strict):
    escalation_rules: list[m.EscalationRuleModel]


class TodayFile(m.Strict):
    today: m.TodayModel


class RegionsFile(m.Strict):
    regions: list[m.RegionModel]


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
    "today.yaml": TodayFile,
    "regions.yaml": RegionsFile,
}

assert tuple(FILES) == FILE_NAMES, "FILES and FILE_NAMES must list the same files in the same order"


def _where(loc: Iterable[int | str]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _message(error: Any) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        return "is not a known field"
    if kind == "model_type":  # pydantic would name the model class, an internal name
        return "must be a mapping of fields (name: value)"
    if kind == "literal_error":
        return f"must be one of {ctx.get('expected', '')}"
    if kind == "string_pattern_mismatch":
        return "must be a lower-case kebab-case id (like heat-wrap)"
    if kind in ("too_short", "string_too_short"):
        return "must not be empty"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    text = str(error["msg"])
    return text[0].lower() + text[1:] if text else kind


def schema_problems(label: str, model: type[BaseModel], data: Any) -> list[str]:
    """Validate one file's data; each problem as `label: path.to.field: message`."""
    from pydantic import ValidationError

    try:
        model.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            where = _where(error["loc"])
            problems.append(f"{label}: {where}: {_message(error)}" if where else f"{label}: {_message(error)}")
        return problems
    return []


# A knowledge-base file is some kilobytes of YAML; far larger is not one.
MAX_FILE_BYTES = 16 * 1024 * 1024


def read_yaml(path: Path, label: str) -> Any:
    """Parse one YAML file safely; a missing or malformed file is a KnowledgeBaseError."""
    import yaml

    from backspasm.safe_read import NotReadable, read_regular

    try:
        # Never blocks on a FIFO nor reads a device such as /dev/zero: a regular file of sensible size.
        text = read_regular(path, MAX_FILE_BYTES).decode("utf-8")
    except FileNotFoundError:
        raise KnowledgeBaseError(f"{label}: file is missing") from None
    except NotReadable as exc:
        raise KnowledgeBaseError(f"{label}: cannot be read ({exc})") from None
    except OSError as exc:
        raise KnowledgeBaseError(f"{label}: cannot be read ({exc.strerror})") from None
    except UnicodeDecodeError as exc:
        raise KnowledgeBaseError(f"{label}: not UTF-8 text (byte {exc.start + 1} cannot be read)") from None
    try:
        # libyaml's CSafeLoader is the same safe loader as yaml.safe_load, several times faster.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        return yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise KnowledgeBaseError(f"{label}: {where}invalid YAML: {problem}") from None


def _safety_problems(label: str, data: Any) -> list[str]:
    from backspasm.kb.safety import control_problems, url_problems

    return control_problems(label, data) + url_problems(label, data)


def load_sections(directory: Path) -> tuple[dict[str, Any], list[str]]:
    """Validate every file; return the sections that validated (as JSON data) and every schema problem."""
    try:
        is_dir = directory.is_dir()
        directory.stat()
    except FileNotFoundError:
        is_dir = False
    except OSError as exc:  # a symlink loop, a directory that cannot be searched
        reason = (exc.strerror or str(exc)).lower()
        raise KnowledgeBaseError(f"{directory}: not a knowledge-base directory ({reason})") from None
    if not is_dir:
        raise KnowledgeBaseError(f"{directory}: not a knowledge-base directory (it does not exist)")
    sections: dict[str, Any] = {}
    problems: list[str] = []
    for name, model in FILES.items():
        label = label_for(directory, name)
        try:
            data = read_yaml(directory / name, label)
        except KnowledgeBaseError as exc:
            problems.extend(exc.problems)
            continue
        found = schema_problems(label, model, data) or _safety_problems(label, data)
        if found:
            problems.extend(found)
            continue
        sections.update(model.model_validate(data).model_dump(mode="json"))
    return sections, problems
