"""Load a knowledge-base directory into validated models, turning every failure into `file: where: message`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from backspasm.errors import KnowledgeBaseError

if TYPE_CHECKING:
    from pydantic import BaseModel

    from backspasm.kb import models as m

# The knowledge base's files, in the order they are checked (names only: the models of their
# contents live in backspasm.kb.files, imported only when files are validated).
FILE_NAMES = (
    "sources.yaml",
    "remedies.yaml",
    "causes.yaml",
    "warning-signs.yaml",
    "triage.yaml",
    "startback.yaml",
    "protocols.yaml",
    "stretches.yaml",
    "doctor-questions.yaml",
    "escalation.yaml",
    "today.yaml",
)


@dataclass(frozen=True)
class KnowledgeBase:
    """Every entry of one knowledge-base directory, validated."""

    directory: Path
    sources: list[m.Source]
    phase_boundary: m.PhaseBoundary
    remedies: list[m.Remedy]
    causes: list[m.Cause]
    warning_signs: list[m.WarningSign]
    questions: list[m.Question]
    gates: list[m.Gate]
    advice: list[m.LevelAdvice]
    startback: m.StartBack
    protocols: list[m.Protocol]
    stretches: list[m.Stretch]
    routines: list[m.Routine]
    doctor_questions: list[m.DoctorQuestion]
    escalation_rules: list[m.EscalationRule]
    today: m.Today

    @cached_property
    def source_index(self) -> dict[str, m.Source]:
        return {s.id: s for s in self.sources}

    @cached_property
    def remedy_index(self) -> dict[str, m.Remedy]:
        return {r.id: r for r in self.remedies}

    @cached_property
    def question_index(self) -> dict[str, m.Question]:
        return {q.key: q for q in self.questions}

    @cached_property
    def protocol_index(self) -> dict[str, m.Protocol]:
        return {p.id: p for p in self.protocols}

    @cached_property
    def stretch_index(self) -> dict[str, m.Stretch]:
        return {s.id: s for s in self.stretches}

    @cached_property
    def routine_index(self) -> dict[str, m.Routine]:
        return {r.id: r for r in self.routines}

    def advice_for(self, level: str) -> m.LevelAdvice:
        """The advice entry of one triage level."""
        return next(a for a in self.advice if a.level == level)


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


def read_yaml(path: Path, label: str) -> Any:
    """Parse one YAML file safely; a missing or malformed file is a KnowledgeBaseError."""
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KnowledgeBaseError(f"{label}: file is missing") from None
    except OSError as exc:
        raise KnowledgeBaseError(f"{label}: cannot be read ({exc.strerror})") from None
    try:
        # libyaml's CSafeLoader is the same safe loader as yaml.safe_load, several times faster.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        return yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise KnowledgeBaseError(f"{label}: {where}invalid YAML: {problem}") from None


def label_for(directory: Path, name: str) -> str:
    """How messages name a file: the directory's own name and the file (data/remedies.yaml)."""
    return f"{directory.name}/{name}" if directory.name else name


def _safety_problems(label: str, data: Any) -> list[str]:
    from backspasm.kb.safety import control_problems, url_problems

    return control_problems(label, data) + url_problems(label, data)


def load_sections(directory: Path) -> tuple[dict[str, Any], list[str]]:
    """Validate every file; return the sections that validated and every schema problem."""
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
    from backspasm.kb.files import FILES

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
        parsed = model.model_validate(data)
        sections.update({key: getattr(parsed, key) for key in type(parsed).model_fields})
    return sections, problems


def load(directory: Path) -> KnowledgeBase:
    """Load and validate a knowledge base; any schema or cross-reference problem raises."""
    from backspasm.kb.check import cross_reference_problems

    sections, problems = load_sections(directory)
    if problems:
        raise KnowledgeBaseError(*problems)
    kb = KnowledgeBase(directory=directory, **sections)
    problems = cross_reference_problems(kb)
    if problems:
        raise KnowledgeBaseError(*problems)
    return kb


def load_active() -> KnowledgeBase:
    """The knowledge base the commands use (BACKSPASM_KB or the built-in one), through the cache."""
    from backspasm.kb.cache import load_cached
    from backspasm.kb.location import active_dir

    return load_cached(active_dir(), load)


def load_active_data() -> dict[str, Any]:
    """The active knowledge base as plain data, validated, usually without importing pydantic."""
    from backspasm.kb.cache import load_data_cached
    from backspasm.kb.location import active_dir

    return load_data_cached(active_dir(), load)
