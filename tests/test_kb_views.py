"""The light views of the knowledge base are the models' twins: same fields, same values, same results."""

from __future__ import annotations

import ast
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA, built_in_kb
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from backspasm.kb import models, views
from backspasm.kb.files import FILES
from backspasm.kb.knowledge_base import KnowledgeBase


def _models_kb() -> KnowledgeBase:
    """The built-in knowledge base with pydantic models in every section (the views' container holds either)."""
    from backspasm.kb.files import read_yaml

    sections: dict[str, Any] = {}
    for name, model in FILES.items():
        parsed = model.model_validate(read_yaml(DATA / name, name))
        sections.update({key: getattr(parsed, key) for key in type(parsed).model_fields})
    return KnowledgeBase(directory=DATA, **sections)


MODELS = _models_kb()
VIEWS = built_in_kb()

ENTRY_MODELS = sorted(
    (cls for cls in vars(models).values() if isinstance(cls, type) and issubclass(cls, models.Strict)),
    key=lambda cls: cls.__name__,
)
ENTRY_MODELS = [cls for cls in ENTRY_MODELS if cls is not models.Strict]


def _same(model: Any, view: Any, where: str) -> None:
    if isinstance(model, BaseModel):
        assert type(view).__name__ == type(model).__name__.removesuffix("Model"), where
        for name in type(model).model_fields:
            _same(getattr(model, name), getattr(view, name), f"{where}.{name}")
    elif isinstance(model, list):
        assert isinstance(view, list) and len(view) == len(model), where
        for index, (left, right) in enumerate(zip(model, view, strict=True)):
            _same(left, right, f"{where}[{index}]")
    else:
        assert type(view) is type(model) and view == model, where


@pytest.mark.parametrize("model", ENTRY_MODELS, ids=lambda cls: cls.__name__)
def test_every_model_has_a_view_with_its_fields(model: type[models.Strict]) -> None:
    """Each entry model (`RemedyModel`) has a light view (`Remedy`) with exactly its fields, in its order."""
    view = getattr(views, model.__name__.removesuffix("Model"))
    assert issubclass(view, views.View)
    assert view._fields == tuple(model.model_fields)


def test_every_section_reads_the_same_through_views_and_models() -> None:
    """Every attribute of every entry of the built-in knowledge base is equal, of the same type, in both."""
    for name in views.SECTIONS:
        _same(getattr(MODELS, name), getattr(VIEWS, name), name)


def test_views_dump_exactly_as_the_models() -> None:
    """`as_data()` of every view is the model's JSON dump (what the cache holds and --json prints)."""
    for name in views.SECTIONS:
        value = getattr(MODELS, name)
        dumped = [entry.model_dump(mode="json") for entry in value] if isinstance(value, list) else value.model_dump(
            mode="json"
        )
        assert VIEWS.as_data()[name] == dumped, name


def test_indexes_and_lookups_agree() -> None:
    """The knowledge base's indexes and advice_for give equal entries over views and over models."""
    for index in ("source_index", "remedy_index", "question_index", "protocol_index", "stretch_index", "routine_index"):
        left, right = getattr(MODELS, index), getattr(VIEWS, index)
        assert list(left) == list(right), index
        for key in left:
            _same(left[key], right[key], f"{index}[{key}]")
    for level in ("emergency", "urgent", "soon", "self_care"):
        _same(MODELS.advice_for(level), VIEWS.advice_for(level), level)
        _same(MODELS.level(level), VIEWS.level(level), level)


def _conditions(kb: KnowledgeBase) -> list[Any]:
    found = [sign.when for sign in kb.warning_signs] + [rule.when for rule in kb.escalation_rules]
    return found + [q.ask_if for q in kb.questions if q.ask_if is not None]


def test_condition_keys_agree() -> None:
    """`Condition.keys()` names the same answer keys on every condition of the knowledge base."""
    for left, right in zip(_conditions(MODELS), _conditions(VIEWS), strict=True):
        assert left.keys() == right.keys()


def test_views_are_read_only_and_compare_by_value() -> None:
    """A view cannot be changed; `replaced` makes a changed copy; equal data gives equal views."""
    remedy = VIEWS.remedies[0]
    with pytest.raises(AttributeError, match="read-only"):
        remedy.name = "changed"  # type: ignore[misc]
    assert views.Remedy(remedy.as_data()) == remedy
    changed = remedy.replaced(name="changed")
    assert changed.name == "changed" and remedy.name != "changed" and changed != remedy


def test_data_of_another_shape_is_refused() -> None:
    """Data with a field missing or an unknown one does not make a view (the cache then rebuilds)."""
    data = VIEWS.sources[0].as_data()
    with pytest.raises(KeyError):
        views.Source({key: value for key, value in data.items() if key != "title"} | {"titel": "x"})
    with pytest.raises(TypeError):
        views.Source({**data, "extra": 1})


FACTS = st.fixed_dictionaries(
    {},
    optional={
        "episode_days": st.sampled_from([0, 1, 3, 7, 20, 30, 42, 43, 90, 100]),
        "pain_improving": st.booleans(),
        "rising_entries": st.integers(0, 6),
        "episodes_past_year": st.integers(0, 5),
        "latest_pain": st.integers(0, 10),
        "entries": st.integers(0, 30),
        "days_since_emergency_triage": st.sampled_from([0, 0.5, 1, 2, 5]),
        "days_since_urgent_triage": st.sampled_from([0, 0.5, 1, 2, 5]),
        "days_since_soon_triage": st.sampled_from([0, 3, 7, 14, 30]),
    },
)


@settings(deadline=None, max_examples=100)
@given(facts=FACTS)
def test_escalation_rules_fire_alike(facts: dict[str, Any]) -> None:
    """The journal's escalation rules fire the same way over views and over models."""
    from backspasm.journal.rules import evaluate

    assert evaluate(VIEWS.escalation_rules, facts) == evaluate(MODELS.escalation_rules, facts)  # type: ignore[arg-type]


@settings(deadline=None, max_examples=60)
@given(
    days=st.sampled_from([None, 0.04, 0.5, 1, 2, 3, 7, 30]),
    location=st.sampled_from([None, "lower_back", "mid_back", "upper_back", "neck"]),
    hours=st.sampled_from([0, 1, 24, 47, 48, 49, 72, 73, 200]),
)
def test_everyday_choices_agree(days: float | None, location: str | None, hours: int) -> None:
    """Self-care remedies, the suggested protocol and the stretch routine are the same over views and models."""
    from backspasm.session.onset import suggest_protocol
    from backspasm.stretch.routine import choose, stretches_of
    from backspasm.triage.selfcare import remedies_for

    answers: dict[str, Any] = {} if days is None else {"onset_days_ago": days}
    if location is not None:
        answers["location"] = location
    assert [r.id for r in remedies_for(VIEWS, answers)] == [r.id for r in remedies_for(MODELS, answers)]
    now = datetime(2024, 3, 8, 12, tzinfo=timezone.utc)
    left, right = suggest_protocol(VIEWS, now - timedelta(hours=hours), now), suggest_protocol(
        MODELS, now - timedelta(hours=hours), now
    )
    assert (left.protocol.id, left.why) == (right.protocol.id, right.why)
    phase = "early" if hours < 48 else "later"
    mine, theirs = choose(VIEWS, None, location, phase), choose(MODELS, None, location, phase)
    assert mine.id == theirs.id
    assert [s.id for s in stretches_of(VIEWS, mine)] == [s.id for s in stretches_of(MODELS, theirs)]  # type: ignore[arg-type]


@settings(deadline=None, max_examples=150)
@given(
    answers=st.fixed_dictionaries(
        {},
        optional={
            q.key: st.sampled_from(
                [True, False, "unsure"]
                if q.type == "bool"
                else [c.value for c in q.choices] + ["unsure"]
                if q.type == "choice" and q.key not in ("sex", "location", "trend")
                else [c.value for c in q.choices]
                if q.type == "choice"
                else [0, 1, 3, 5, 15, 30, 45, 50, 65, 70, 100]
                if q.type == "integer" and q.key != "pain_score"
                else [0, 5, 7, 8, 10]
                if q.key == "pain_score"
                else [0.04, 0.5, 2, 3, 7.5, 14, 28, 42, 91]
            )
            for q in MODELS.questions
        },
    )
)
def test_light_views_assess_exactly_as_the_models(answers: dict[str, Any]) -> None:
    """The light path's views of the knowledge base give the same result as the pydantic models."""
    from backspasm.triage.engine import evaluate

    assert evaluate(VIEWS, answers).to_dict() == evaluate(MODELS, answers).to_dict()


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_the_knowledge_base_package_has_no_import_cycle() -> None:
    """No module of backspasm/kb imports, even inside a function, a module that imports it back."""
    package = Path(__file__).resolve().parent.parent / "backspasm" / "kb"
    modules = {f"backspasm.kb.{path.stem}": path for path in package.glob("*.py") if path.stem != "__init__"}
    graph = {name: {other for other in _imports(path) if other in modules} for name, path in modules.items()}

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt})) for nxt in graph[start])

    assert sorted(name for name in graph if reaches(name, name, {name})) == []


def test_light_views_import_no_pydantic() -> None:
    """The light path (the views and their base, cache, loader, snapshot...) imports no pydantic, YAML or models."""
    package = Path(__file__).resolve().parent.parent / "backspasm" / "kb"
    light = ("views", "entry_base", "knowledge_base", "vocab", "cache", "loader", "snapshot", "file_names")
    for name in light:
        imported = _imports(package / f"{name}.py")
        assert not {"pydantic", "yaml", "backspasm.kb.models", "backspasm.kb.files"} & imported, name


def test_the_knowledge_base_is_read_only_and_replaced_by_section() -> None:
    """Sections cannot be reassigned; `replaced` changes named sections and refuses unknown ones."""
    with pytest.raises(AttributeError, match="read-only"):
        VIEWS.remedies = []  # type: ignore[misc]
    fewer = VIEWS.replaced(remedies=VIEWS.remedies[:1])
    assert [r.id for r in fewer.remedies] == [VIEWS.remedies[0].id] and fewer.causes == VIEWS.causes
    with pytest.raises(TypeError):
        VIEWS.replaced(remedys=[])


def test_the_views_are_generated_from_the_models() -> None:
    """kb/views.py is exactly what the models make (after editing kb/models.py, run the command below)."""
    from backspasm.kb.generate import VIEWS_FILE, views_source

    stale = "kb/views.py is stale: run python -m backspasm.kb.snapshot"
    assert VIEWS_FILE.read_text(encoding="utf-8") == views_source(), stale


def test_a_new_model_gets_a_view_of_its_fields(monkeypatch: pytest.MonkeyPatch) -> None:
    """A model added to kb/models.py appears in the views with its fields, types written as the views need."""
    from pydantic import Field

    from backspasm.kb.generate import views_source

    class PacingModel(models.Strict):
        """How long to walk, and where the pain is."""

        minutes: float = Field(gt=0)
        where: list[models.Location] = []
        nearby: models.ChoiceModel | None = None

    PacingModel.__module__ = models.__name__
    monkeypatch.setattr(models, "PacingModel", PacingModel, raising=False)
    text = views_source()
    assert (
        'class Pacing(View):\n    """How long to walk, and where the pain is."""\n\n'
        '    _fields = ("minutes", "where", "nearby")\n    _nested = {"nearby": Choice}\n'
        "    minutes: float\n    where: list[Location]\n    nearby: Choice | None\n"
    ) in text


def test_a_model_without_its_suffix_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """An entry model must be named <Name>Model, so that its view <Name> never shares its name."""
    from backspasm.kb.generate import SchemaError, views_source

    class Pacing(models.Strict):
        """A model named like a view."""

    Pacing.__module__ = models.__name__
    monkeypatch.setattr(models, "Pacing", Pacing, raising=False)
    with pytest.raises(SchemaError, match="name an entry model <Name>Model"):
        views_source()


def test_the_built_in_snapshot_is_current() -> None:
    """data/validated.json holds exactly the validated YAML beside it (after editing data/, run the command below)."""
    from backspasm.kb import snapshot

    assert snapshot.read(DATA) == VIEWS.as_data(), "data/validated.json is stale: run python -m backspasm.kb.snapshot"


def test_a_snapshot_is_not_used_once_a_file_changes(tmp_path: Path) -> None:
    """A snapshot whose files changed by one byte, or was damaged, is not read; the YAML is validated instead."""
    import shutil

    from backspasm.kb import snapshot

    copy = tmp_path / "kb"
    shutil.copytree(DATA, copy)
    assert snapshot.read(copy) == VIEWS.as_data()
    causes = copy / "causes.yaml"
    causes.write_bytes(causes.read_bytes() + b"\n")
    assert snapshot.read(copy) is None
    shutil.copy(DATA / "causes.yaml", causes)
    damaged = (copy / snapshot.SNAPSHOT).read_bytes().replace(b"Heat pad", b"Heat pan", 1)
    (copy / snapshot.SNAPSHOT).write_bytes(damaged)
    assert snapshot.read(copy) is None


def test_a_knowledge_base_of_ones_own_is_always_validated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """BACKSPASM_KB never reads a snapshot beside its files: a planted one is ignored and the YAML checked."""
    import shutil

    from backspasm.kb import snapshot
    from backspasm.kb.loader import load_active

    copy = tmp_path / "kb"
    shutil.copytree(DATA, copy)
    data = VIEWS.as_data()
    data["remedies"][0]["name"] = "PLANTED NAME"
    (copy / snapshot.SNAPSHOT).write_bytes(snapshot.render(copy, data))
    assert snapshot.read(copy) is not None  # it would match its files
    monkeypatch.setenv("BACKSPASM_KB", str(copy))
    assert load_active().remedies[0].name == VIEWS.remedies[0].name


@pytest.mark.slow
def test_a_new_field_needs_only_the_model_and_one_command(tmp_path: Path) -> None:
    """In a copy of the project, a field added to RemedyModel alone reaches `remedies --json` after one command."""
    import json
    import os
    import shutil
    import subprocess
    import sys

    project = Path(__file__).resolve().parent.parent
    shutil.copytree(project / "backspasm", tmp_path / "backspasm", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(DATA, tmp_path / "data")
    model = tmp_path / "backspasm" / "kb" / "models.py"
    text = model.read_text(encoding="utf-8")
    assert text.count("    seed_claim: Text | None = None\n") == 1
    added = "    seed_claim: Text | None = None\n    tip: Text = 'Go gently.'\n"
    model.write_text(text.replace("    seed_claim: Text | None = None\n", added), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "BACKSPASM_HOME": str(tmp_path / "home")}
    env.pop("BACKSPASM_KB", None)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, *args]
        return subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, check=True)

    made = run("-m", "backspasm.kb.snapshot").stdout
    assert "views.py" in made and "validated.json" in made
    assert "    tip: str\n" in (tmp_path / "backspasm" / "kb" / "views.py").read_text(encoding="utf-8")
    shown = json.loads(run("-m", "backspasm", "remedies", "--json").stdout)
    remedies = shown["remedies"] if isinstance(shown, dict) else shown
    assert {remedy["tip"] for remedy in remedies} == {"Go gently."}
    assert run("-c", "import backspasm; print(backspasm.__file__)").stdout.startswith(str(tmp_path))
