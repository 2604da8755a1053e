"""A simulated person who answers each triage screen truthfully from its words.

The person knows their own facts (a full answers file: the truth) and, for every warning sign
they have or are unsure about, one concrete way they feel it, in the words of the answers
contract (shared/triage-answers.md, "meaning as asked"): not "blood_thinners: true" but "I have
haemophilia, a bleeding disorder". On each screen they read the words shown (question, hint,
answers) and answer:

- a yes/no screen or a grouped screen: "Yes" when the words name something they have, else
  "Not sure" when they name something they are unsure about, else "No" ("None of these");
- a choice screen: the answer whose words fit what they have (one leg, over weeks, a car crash),
  else "Not sure", else the answer that starts with "No";
- a number: their age, how long ago it began, the pain score, the earlier episodes.

They never read the keys behind a screen to decide. `FEELINGS` below is the ground truth: the
words by which a person recognises each meaning of each answer, written from the contract's
table, independently of the questionnaire's wording. A screen that does not name a meaning
leaves the person answering "No" to it, as a real person would.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from backspasm.kb.unsure import UNSURE
from backspasm.triage.screens import Choice, gate_choices, question_choices

if TYPE_CHECKING:
    from backspasm.kb.views import Gate, Question, StartBack


@dataclass(frozen=True)
class Feeling:
    """One thing a person has, as they would recognise it on a screen: every pattern in `words` is there.

    `pick` (choice answers only) is what the answer they choose says: "one leg", "a car crash".
    """

    words: tuple[str, ...]
    pick: str | None = None

    def named_in(self, text: str) -> bool:
        """Whether the screen's words name this feeling."""
        return all(re.search(pattern, text, re.I) for pattern in self.words)


def _feelings(*alternatives: tuple[str, ...]) -> list[Feeling]:
    return [Feeling(words) for words in alternatives]


LEGS = (r"\bone leg", r"both legs")
ARMS = (r"\bone arm", r"both arms")
LEG_WORDS = r"\b(legs?|foot|feet)\b"
ARM_WORDS = r"\b(arms?|hands?)\b"

# The ground truth: each answer's serious values, and the ways a person may have each (the contract's meanings).
FEELINGS: dict[str, dict[Any, list[Feeling]]] = {
    "bladder_bowel_change": {
        True: _feelings(
            ("trouble starting to pee",),
            (r"not (being )?able to pee|can'?t pee|cannot pee",),
            (r"\bleak",),
            (r"control of your bowels|bowel control",),
            (r"not feeling the need to go",),
        )
    },
    "saddle_numbness": {
        True: _feelings(
            (r"numb|tingl", r"genitals"),
            (r"numb|tingl", r"\banus\b"),
            (r"numb|tingl", r"buttocks"),
            (r"numb|tingl", r"inner thighs"),
            (r"different when you wipe",),
        )
    },
    # Filtered by sex in `feelings_for`: erections and ejaculation are not asked of a woman.
    "sexual_dysfunction": {
        True: _feelings((r"loss of feeling in your genitals|genital feeling",), (r"erection",), (r"ejaculat",))
    },
    "leg_pain_below_knee": {
        "one_leg": [Feeling((r"below the knee",), LEGS[0])],
        "both_legs": [Feeling((r"below the knee",), LEGS[1])],
    },
    "leg_numbness": {
        value: [Feeling((r"numb|pins and needles|tingl", LEG_WORDS), pick)]
        for value, pick in (("one_leg", LEGS[0]), ("both_legs", LEGS[1]))
    },
    "leg_weakness": {
        value: [
            Feeling((r"\bweak", LEG_WORDS), pick),
            Feeling((r"gives way",), pick),
            Feeling((r"slaps|drags",), pick),
            Feeling((r"lift your toes",), pick),
        ]
        for value, pick in (("one_leg", LEGS[0]), ("both_legs", LEGS[1]))
    },
    "weakness_worsening": {True: _feelings((r"weak", r"getting worse|spreading"))},
    "arm_numbness": {
        value: [Feeling((r"numb|pins and needles|tingl", ARM_WORDS), pick)]
        for value, pick in (("one_arm", ARMS[0]), ("both_arms", ARMS[1]))
    },
    "arm_weakness": {
        value: [
            Feeling((r"\bweak", ARM_WORDS), pick),
            Feeling((r"drop things",), pick),
            Feeling((r"\bgrip\b",), pick),
        ]
        for value, pick in (("one_arm", ARMS[0]), ("both_arms", ARMS[1]))
    },
    "clumsy_or_unsteady": {
        value: [
            Feeling((r"clumsy",), pick),
            Feeling((r"buttons|writing",), pick),
            Feeling((r"unsteady",), pick),
        ]
        for value, pick in (("gradual", r"over weeks"), ("recent", r"last few days"))
    },
    "trauma": {
        "minor": [Feeling((r"fall from standing",), r"fall from standing"), Feeling((r"\bbump\b",), r"\bbump\b")],
        "major": [
            Feeling((r"car crash",), r"car crash"),
            Feeling((r"fall from a height",), r"fall from a height"),
            Feeling((r"heavy blow",), r"heavy blow"),
        ],
    },
    "neck_pain": {True: _feelings((r"neck pain|pain in your neck",))},
    "chest_pain": {
        True: _feelings(
            (r"chest pain",),
            (r"\bjaw\b",),
            (r"short of breath|breathless",),
            (r"coughing (up )?blood",),
            (r"tearing pain",),
        )
    },
    "abdominal_pain": {True: _feelings((r"sudden", r"severe pain in your belly|belly pain"), (r"throbbing|pulsing",))},
    "stroke_signs": {
        True: _feelings(
            (r"drooping face|face droop",),
            (r"sudden weakness of an arm",),
            (r"slurred",),
            (r"double vision",),
            (r"dizziness",),
            (r"loss of balance",),
            (r"trouble swallowing",),
        )
    },
    "collapse_or_sweating": {
        True: _feelings((r"fainted|fainting",), (r"collapse",), (r"cold sweat",), (r"feel(ing)? faint",))
    },
    "very_unwell": {
        True: _feelings(
            (r"blotchy|mottled",),
            (r"\bblue\b",),
            (r"very pale",),
            (r"very fast breathing",),
            (r"struggling to breathe",),
            (r"trouble swallowing",),
            (r"drooling",),
            (r"pee(d)? all day",),
        )
    },
    "severe_headache": {
        True: _feelings(
            (r"headache", r"peaks within minutes|worst ever"),
            (r"headache", r"high temperature|fever", r"stiff neck|neck too stiff"),
            (r"headache", r"bright light"),
            (r"\brash\b", r"not fade", r"glass"),
        )
    },
    "confused_or_drowsy": {True: _feelings((r"confus",), (r"muddled",), (r"drowsy",), (r"hard to keep awake",))},
    "fever": {True: _feelings((r"high temperature|38 °C",), (r"hot and shivery",))},
    "painful_urination": {True: _feelings((r"burn|sting", r"\bpee\b"),)},
    "iv_drug_use": {True: _feelings((r"inject(ing)? drugs",),)},
    "immunosuppressed": {
        True: _feelings(
            (r"chemotherapy",),
            (r"transplant",),
            (r"biologic",),
            (r"high-dose steroids",),
            (r"\bHIV\b",),
            (r"immune system",),
        )
    },
    "cancer_history": {True: _feelings((r"cancer",),)},
    "weight_loss": {True: _feelings((r"losing weight|weight loss",),)},
    "night_pain": {
        "when_moving": [
            Feeling((r"at night",), r"roll over"),
            Feeling((r"at night",), r"changing position helps"),
        ],
        "wakes_me": [Feeling((r"at night",), r"wakes me, and changing position does not help")],
    },
    "pain_at_rest": {True: _feelings((r"\brest\b", r"every position|no position|any position"),)},
    "steroid_use": {True: _feelings((r"steroid tablets|prednisolone",),)},
    "osteoporosis": {True: _feelings((r"osteoporosis",), (r"thin bones",))},
    "daily_activities_limited": {True: _feelings((r"normal work|chores",),)},
    "morning_stiffness_eases_with_movement": {True: _feelings((r"stiff", r"morning", r"ease"),)},
    "blood_thinners": {
        True: _feelings(
            (r"warfarin",),
            (r"apixaban",),
            (r"rivaroxaban",),
            (r"edoxaban",),
            (r"dabigatran",),
            (r"heparin",),
            (r"bleeding disorder|haemophilia",),
            (r"blood thinner|anticoagulant",),
        )
    },
    "recent_spinal_procedure": {
        True: _feelings(
            (r"spinal operation", r"3 months"),
            (r"epidural", r"3 months"),
            (r"epidural", r"labour"),
            (r"spinal injection", r"3 months"),
        )
    },
    "pregnancy": {
        "pregnant": [Feeling((r"pregnant",), r"I am pregnant")],
        "recently_gave_birth": [Feeling((r"given birth|gave birth",), r"gave birth")],
    },
    "pregnancy_warning_signs": {
        True: _feelings(
            (r"tightenings",),
            (r"\bbleeding\b(?! disorder)",),
            (r"gush|trickle",),
            (r"baby moving less",),
            (r"a bad headache",),
            (r"blurred vision",),
            (r"under the ribs",),
            (r"swelling of the face|sudden swelling",),
        )
    },
    "unexplained_sudden_pain": {True: _feelings((r"sudden", r"without lifting|not brought on|no clear cause"),)},
    "known_aneurysm": {True: _feelings((r"aortic aneurysm",),)},
    "back_lump_or_deformity": {
        True: _feelings((r"\blump\b",), (r"swelling on your back",), (r"change in (its|the) shape",))
    },
    "dark_urine": {True: _feelings((r"dark", r"\bpee\b|urine"), (r"cola",))},
    "struggling_to_cope": {True: _feelings((r"struggling to cope",), (r"harming yourself",))},
    "bruise_growing": {True: _feelings((r"bruise", r"grow|spread"),)},
}

# Facts every person states rather than feels: the screen is recognised by its question.
SPASM_PLACES = {
    "lower_back": r"^lower back",
    "mid_back": r"middle of the back",
    "upper_back": r"^upper back",
    "neck": r"^neck",
}
TRENDS = {"improving": r"better", "same": r"same", "worse": r"worse"}
SEXES = {"female": r"^female$", "male": r"^male$", "other": r"^other$", None: r"rather not say"}
NUMBERS = {
    r"how old": "age",
    r"when did this episode start": "days_since_onset",
    r"how bad is the pain": "pain_score",
    r"how many other back spasms": "episodes_past_year",
}
NO_LABEL = re.compile(r"^(no\b|none of these)", re.I)


def screen_words(prompt: str, hint: str | None, labels: list[str] | None = None) -> str:
    """Everything a screen says, as one line of words."""
    return " ".join(" ".join([prompt, hint or "", *(labels or [])]).split())


@dataclass
class Person:
    """Someone with these true answers, who feels each of them one way, answering from the words on screen."""

    truth: dict[str, Any]
    # What they have (sure) and what they are not sure about, as they would recognise it.
    sure: list[Feeling]
    unsure: list[Feeling]
    # The sex they would tell (None: "I'd rather not say").
    tells_sex: str | None
    screens: list[str] = field(default_factory=list)

    def facts(self) -> list[Feeling]:
        """The plain facts a person simply states: where, how it is changing, their sex."""
        return [
            Feeling((r"where is the spasm",), SPASM_PLACES[self.truth["location"]]),
            Feeling((r"how is the pain changing",), TRENDS[self.truth["trend"]]),
            Feeling((r"\bsex\b",), SEXES[self.tells_sex]),
        ]

    # ------------------------------------------------------------ deciding from words

    def yes_no(self, words: str, grouped: bool) -> str:
        """ "yes", "unsure" or "no" for a yes/no or grouped screen with these words.

        On a single yes/no question only yes/no feelings count (a weak leg does not make "is the
        weakness getting worse?" a yes); a grouped screen counts everything it names.
        """
        def counts(feeling: Feeling) -> bool:
            return (grouped or feeling.pick is None) and feeling.named_in(words)

        if any(counts(feeling) for feeling in self.sure):
            return "yes"
        if any(counts(feeling) for feeling in self.unsure):
            return "unsure"
        return "no"

    def choose_label(self, words: str, labels: list[str], offers_unsure: bool) -> str:
        """The label of a choice screen this person picks, from the screen's words and the labels."""
        picked = [
            index
            for index, label in enumerate(labels)
            for feeling in self.sure + self.facts()
            if feeling.pick is not None and feeling.named_in(words) and re.search(feeling.pick, label, re.I)
        ]
        if picked:
            return labels[max(picked)]  # answers are listed least serious first
        if offers_unsure and any(feeling.named_in(words) for feeling in self.unsure):
            return "Not sure"
        for label in labels:
            if NO_LABEL.match(label):
                return label
        raise AssertionError(f"the person cannot answer this screen: {words!r}")

    def number(self, prompt: str) -> Any:
        """The number a number question asks for, recognised by its words."""
        for pattern, key in NUMBERS.items():
            if re.search(pattern, prompt, re.I):
                return self.truth[key]
        raise AssertionError(f"the person does not know what this asks: {prompt!r}")

    # ------------------------------------------------------------ the Asker protocol

    def gate(self, gate: Gate) -> bool | str:
        """A grouped screen: "Yes", "None of these" or "Not sure", from its words."""
        choices = gate_choices(gate)
        words = screen_words(gate.prompt, gate.hint)
        self.screens.append(gate.id)
        said = self.yes_no(words, grouped=True)
        wanted = {"yes": re.compile(r"^yes\b", re.I), "no": NO_LABEL, "unsure": re.compile(r"^not sure$", re.I)}[said]
        return next(choice for choice in choices if wanted.match(choice.label)).value

    def question(self, question: Question) -> Any:
        """One question: a yes/no, a choice or a number, from its words."""
        self.screens.append(question.key)
        choices = question_choices(question)
        if not choices:
            return self.number(question.prompt)
        labels = [choice.label for choice in choices]
        words = screen_words(question.prompt, question.hint, labels)
        if question.type == "bool":
            said = self.yes_no(words, grouped=False)
            return _by_label(choices, {"yes": "Yes", "no": "No", "unsure": "Not sure"}[said]).value
        offered = [label for label in labels if label != "Not sure"]
        label = self.choose_label(words, offered, "Not sure" in labels)
        return _by_label(choices, label).value

    def startback(self, tool: StartBack) -> dict[str, Any]:
        """The Keele items as they would answer them (the truth's, or disagree to all)."""
        self.screens.extend(f"startback.{item.key}" for item in tool.items)
        given = self.truth.get("startback")
        if isinstance(given, dict):
            return dict(given)
        return {item.key: item.choices[0].value if item.choices else False for item in tool.items}


def _by_label(choices: list[Choice], label: str) -> Choice:
    return next(choice for choice in choices if choice.label == label)


def feelings_for(key: str, value: Any, sex: str | None) -> list[Feeling]:
    """The ways a person may feel `key` at `value` (for "unsure": any of its serious values' ways)."""
    table = FEELINGS[key]
    if value == UNSURE:
        ways = {feeling.words: Feeling(feeling.words) for options in table.values() for feeling in options}
        found = list(ways.values())
    else:
        found = list(table[value])
    if key == "sexual_dysfunction" and sex == "female":
        found = [feeling for feeling in found if "genital" in feeling.words[0]]
    return found
