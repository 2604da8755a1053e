"""The questionnaire as data (`backspasm triage --questions --json`): every screen, its words and choices,
and the answers (keys and values) each choice stands for, so clinicians can review it and programs drive it.

Screens come in the order the questionnaire may ask them: when the pain began first, then the file's
order, each grouped screen just before the first question it stands for, the Keele STarT Back items
last. Which of them a run asks depends on the answers (docs/questionnaire.md says how).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from backspasm.triage.screens import Choice, gate_choices, question_choices

if TYPE_CHECKING:
    from backspasm.kb.loader import KnowledgeBase
    from backspasm.kb.views import Gate, Question, StartBack

# The version of the answers contract (shared/triage-answers.md) the keys belong to.
CONTRACT_VERSION = 3
ALWAYS = "always"
FIRST = "first, then always"
WHEN_IT_MATTERS = "when an answer could still change the result"


def _choice(choice: Choice) -> dict[str, Any]:
    data: dict[str, Any] = {"label": choice.label, "key": choice.key, "answers": choice.answers}
    if choice.then_asks:
        data["then_asks"] = list(choice.then_asks)
    return data


def question_screen(question: Question, group: str | None) -> dict[str, Any]:
    """One question's screen: words, type, when it is asked, its choices (or the range of a number)."""
    data: dict[str, Any] = {
        "id": question.key,
        "kind": "question",
        "key": question.key,
        "type": question.type,
        "prompt": question.prompt,
        "hint": question.hint,
        "asked": FIRST if question.ask_first else ALWAYS if question.always_ask else WHEN_IT_MATTERS,
    }
    if question.ask_if is not None:
        data["only_if"] = question.ask_if.as_data()
    if group is not None:
        data["after_group"] = group
    if question.wordings:
        data["wordings"] = [wording.as_data() for wording in question.wordings]
    if question.type in ("bool", "choice"):
        data["choices"] = [_choice(choice) for choice in question_choices(question)]
    else:
        data["minimum"], data["maximum"] = question.minimum, question.maximum
        if question.read_as == "days_ago":
            data["typed_as"] = "days, or words such as 'yesterday', '3 hours', '2 days'"
    return data


def gate_screen(gate: Gate) -> dict[str, Any]:
    """One grouped screen: its words, the answers it stands for and its three choices."""
    return {
        "id": gate.id,
        "kind": "group",
        "prompt": gate.prompt,
        "hint": gate.hint,
        "asked": WHEN_IT_MATTERS,
        "stands_for": list(gate.if_no),
        "choices": [_choice(choice) for choice in gate_choices(gate)],
    }


def startback_screen(tool: StartBack) -> dict[str, Any]:
    """The Keele STarT Back items, in Keele's words with its notice, and the answers each choice gives."""
    items = []
    for item in tool.items:
        pairs: list[tuple[str, Any]] = [(c.label, c.value) for c in item.choices]
        pairs = pairs or [("Disagree", False), ("Agree", True)]
        choices = [
            {"label": label, "key": str(number), "answers": {"startback": {item.key: value}}}
            for number, (label, value) in enumerate(pairs, start=1)
        ]
        items.append({"key": item.key, "text": item.text, "choices": choices})
    return {
        "id": "startback",
        "kind": "startback",
        "prompt": tool.intro,
        "hint": f"{tool.title}. {tool.copyright}",
        "asked": f"after {tool.ask_after_days:g} days of pain, or with --startback",
        "items": items,
    }


def questionnaire_data(kb: KnowledgeBase) -> dict[str, Any]:
    """Every screen the questionnaire may show, in the order it may show them."""
    screens: list[dict[str, Any]] = []
    placed: set[str] = set()
    for question in sorted(kb.questions, key=lambda q: not q.ask_first):
        group = next((gate for gate in kb.gates if question.key in gate.if_no), None)
        if group is not None and group.id not in placed:
            placed.add(group.id)
            screens.append(gate_screen(group))
        screens.append(question_screen(question, group.id if group is not None else None))
    screens.append(startback_screen(kb.startback))
    return {"contract_version": CONTRACT_VERSION, "screens": screens}
