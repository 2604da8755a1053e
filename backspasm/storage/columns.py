"""Every table's row described once: what each column may hold, for `data import` and for every reader.

`data import` checks an export's rows against these descriptions with the rules the program's
own writes follow (`strict`), and refuses the file with one line per problem. The readers check
stored rows against the same descriptions, a little more leniently (a stray time without a UTC
offset is read as local time, as it always was): a row they cannot read is left out and named
once on stderr (backspasm.unreadable), never a traceback and never a report or export stopped.

A column not described here (one a later migration adds) is imported and read as it is, except
the numbers that place rows in time (PLACED), which are worked out from the times.
"""

import json
import math
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any, NamedTuple, Protocol

from backspasm import unreadable
from backspasm.clock.now import DAYS_AGO_MAX, parse_stamp

# The years a stored time may fall in: room on both sides for windows and offsets, and far from
# the edges of Python's dates (year 1 or 9999 overflows as soon as a time is moved a day).
FIRST_YEAR, LAST_YEAR = 1900, 9000
# The widest UTC offset any place uses.
MAX_OFFSET = timedelta(hours=14)
# A session's planned or applied time: a day is far beyond any protocol's maximum.
MAX_SECONDS = 86_400.0
# How many rounds a session may plan (a protocol has a handful).
MAX_ROUNDS = 1_000
# A process id as the system gives it.
MAX_PID = 2**31 - 1
# How long ago a back spasm may have begun, in days (100 years): the triage answers' bound.
MAX_ONSET_DAYS = DAYS_AGO_MAX


class StoredRow(Protocol):
    """A row by column name: a dict, or the sqlite3.Row readers get."""

    def __getitem__(self, name: str, /) -> Any: ...


class BadValue(ValueError):
    """A stored or imported value that a column cannot hold; its text ends "its <column> ..."."""


class Column(NamedTuple):
    """One column: its name, how it is named in a sentence, what it holds, and whether it may be empty."""

    name: str
    words: str
    kind: str  # time, whole, seconds (or number: any finite number), text, choice, names, object
    optional: bool = False  # may be NULL
    defaulted: bool = False  # may be left out of an imported row (the table gives a default)
    low: float = 0
    high: float = math.inf
    choices: tuple[str, ...] = ()


ID = Column("id", "id", "whole", defaulted=True, low=1, high=2**63 - 1)
SESSION_STATUSES = ("running", "completed", "stopped", "interrupted")
STRETCH_STATUSES = ("running", "completed", "stopped", "worse", "interrupted")
# The triage levels a saved run may have reached (backspasm.kb.vocab.DISPOSITIONS, kept light here).
DISPOSITIONS = ("emergency", "urgent", "soon", "self_care")
# The answers to "anything new with it?" a pain entry may hold (as its CHECK says, migration 6).
NEW_SYMPTOMS = ("yes", "no", "unsure")

TABLES: dict[str, tuple[Column, ...]] = {
    "pain_entries": (
        ID,
        Column("at", "time", "time"),
        Column("pain", "pain score", "whole", high=10),
        Column("note", "note", "text", optional=True, defaulted=True),
        Column("tried", "list of remedies tried", "names", defaulted=True),
        # "Anything new with it?" (storage.pain_entries.NEW_SYMPTOM_ANSWERS), null when not asked.
        Column("new_symptoms", "new symptoms answer", "choice", optional=True, defaulted=True, choices=NEW_SYMPTOMS),
    ),
    "triage_runs": (
        ID,
        Column("at", "time", "time"),
        Column("answers", "answers", "object"),
        Column("disposition", "level", "choice", choices=DISPOSITIONS),
        Column("result", "result", "object"),
        Column("onset_at", "onset time", "time", optional=True, defaulted=True),
    ),
    "sessions": (
        ID,
        Column("protocol", "protocol", "text"),
        Column("started_at", "start time", "time"),
        Column("ended_at", "end time", "time", optional=True, defaulted=True),
        Column("planned_seconds", "planned time", "seconds", high=MAX_SECONDS),
        Column("applied_seconds", "applied time", "seconds", defaulted=True, high=MAX_SECONDS),
        Column("rounds_planned", "number of rounds planned", "whole", defaulted=True, low=1, high=MAX_ROUNDS),
        Column("rounds_done", "number of rounds done", "whole", defaulted=True, high=MAX_ROUNDS),
        Column("status", "status", "choice", choices=SESSION_STATUSES),
        Column("pid", "process id", "whole", optional=True, defaulted=True, low=1, high=MAX_PID),
        Column("note", "note", "text", optional=True, defaulted=True),
    ),
    "stretch_runs": (
        ID,
        Column("routine", "routine", "text"),
        Column("started_at", "start time", "time"),
        Column("ended_at", "end time", "time", optional=True, defaulted=True),
        Column("status", "status", "choice", choices=STRETCH_STATUSES),
        Column("done", "list of stretches done", "names", defaulted=True),
        Column("stopped_at_stretch", "stretch it stopped at", "text", optional=True, defaulted=True),
        Column("pid", "process id", "whole", optional=True, defaulted=True, low=1, high=MAX_PID),
    ),
    "doctor_visits": (
        ID,
        Column("at", "time", "time"),
        Column("note", "note", "text", optional=True, defaulted=True),
    ),
    # The weekly PEG check-in (`backspasm check-in`): three 0-10 answers and their mean.
    "check_ins": (
        ID,
        Column("at", "time", "time"),
        Column("pain", "average pain", "whole", high=10),
        Column("enjoyment", "interference with enjoyment of life", "whole", high=10),
        Column("activity", "interference with general activity", "whole", high=10),
        Column("peg", "PEG score", "number", high=10),
    ),
    # The flare-up plan's versions (`backspasm plan`).
    "flare_plans": (
        ID,
        Column("written_at", "time written", "time"),
        Column("plan", "plan", "object"),
    ),
}
COLUMNS: dict[str, dict[str, Column]] = {table: {c.name: c for c in columns} for table, columns in TABLES.items()}
# The time that places each table's rows, and the column holding it as a number: microseconds
# since 1970 in UTC, worked out from the text (backspasm.storage.times). The number is the
# program's own bookkeeping: exports leave it out and imports work it out again.
PLACED: dict[str, tuple[str, str]] = {
    "pain_entries": ("at", "at_us"),
    "triage_runs": ("at", "at_us"),
    "sessions": ("started_at", "started_us"),
    "stretch_runs": ("started_at", "started_us"),
    "doctor_visits": ("at", "at_us"),
    "check_ins": ("at", "at_us"),
}
NUMBERS = {table: number for table, (_, number) in PLACED.items()}


def in_range(moment: datetime) -> bool:
    """A time the program can compute with (far from the ends of Python's calendar)."""
    return FIRST_YEAR <= moment.year <= LAST_YEAR


def read_time(value: Any, *, strict: bool = False) -> datetime:
    """A stored time; strictly, only in the store's own form (ISO 8601 with a UTC offset)."""
    if not isinstance(value, str):
        raise BadValue("is not a time")
    try:
        moment = datetime.fromisoformat(value) if strict else parse_stamp(value)
    except ValueError:
        raise BadValue("is not a time") from None
    offset = moment.utcoffset()
    if offset is None:
        raise BadValue("has no UTC offset (like +01:00)")
    if abs(offset) > MAX_OFFSET:
        raise BadValue("has a UTC offset beyond 14 hours")
    if not in_range(moment):
        raise BadValue(f"is not between the years {FIRST_YEAR} and {LAST_YEAR}")
    return moment


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise BadValue("is not a number")
    if isinstance(value, float) and not math.isfinite(value):
        raise BadValue("is not a finite number")
    return value


def _bounded(column: Column, value: float) -> None:
    if not column.low <= value <= column.high:
        top = "" if column.high == math.inf else f" to {column.high:g}"
        raise BadValue(f"is not from {column.low:g}{top}")


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise BadValue("is not text")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise BadValue("is not valid Unicode text") from None
    return value


def _json(value: Any, kind: type) -> Any:
    # The store keeps JSON text; an export gives the array or object itself (older ones gave text).
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except (ValueError, RecursionError):
            value = None
    if not isinstance(value, kind):
        raise BadValue("is not a JSON list of names" if kind is list else "is not a JSON object")
    return value


def read_value(column: Column, value: Any, *, strict: bool = False) -> Any:
    """The value as the program uses it; BadValue when the column cannot hold it."""
    if value is None:
        if column.optional:
            return None
        raise BadValue("is missing")
    kind = column.kind
    if kind == "time":
        return read_time(value, strict=strict)
    if kind == "whole":
        number = _number(value)
        if isinstance(number, float) and not number.is_integer():
            raise BadValue("is not a whole number")
        _bounded(column, number)
        return int(number)
    if kind in ("seconds", "number"):
        number = _number(value)
        _bounded(column, number)
        return float(number)
    if kind == "choice":
        if value not in column.choices:
            raise BadValue(f"is not one of {', '.join(column.choices)}")
        return value
    if kind == "names":
        names = _json(value, list)
        if not all(isinstance(name, str) for name in names):
            raise BadValue("is not a JSON list of names")
        return names
    if kind == "object":
        return _json(value, dict)
    return _text(value)


def check_answers(answers: Mapping[str, Any]) -> None:
    """The stored triage answers the journal computes with are in range (days_since_onset)."""
    days = answers.get("days_since_onset")
    if days is None:
        return
    if isinstance(days, bool) or not isinstance(days, (int, float)) or not 0 <= days <= MAX_ONSET_DAYS:
        raise BadValue(f"days_since_onset answer is not a number from 0 to {MAX_ONSET_DAYS:,}")


# What a reader shows in place of a value it cannot read, by kind, for the columns a row can be
# shown without (an optional column takes None); a row missing any other column is left out.
_STAND_INS: dict[str, Any] = {"names": [], "object": {}}


def stand_in(column: Column) -> tuple[bool, Any]:
    """Whether a row can be shown without this column's value, and what stands in for it."""
    if column.optional:
        return True, None
    if column.kind in _STAND_INS:
        return True, type(_STAND_INS[column.kind])()
    return False, None


class Read(NamedTuple):
    """A stored row's values as the program uses them, and what could not be read of the rest."""

    values: dict[str, Any]
    missing: list[str]


def read_row(table: str, row: StoredRow, names: tuple[str, ...]) -> Read:
    """The named columns of a stored row, read.

    A value the row can be shown without is replaced (see stand_in) and named in `missing`
    ("its note is not text"); any other raises BadValue ("its start time is not a time").
    """
    described = COLUMNS[table]
    values: dict[str, Any] = {}
    missing: list[str] = []
    for name in names:
        column = described[name]
        try:
            values[name] = read_value(column, row[name])
        except BadValue as bad:
            spare, value = stand_in(column)
            if not spare:
                raise BadValue(f"its {column.words} {bad}") from None
            values[name] = value
            missing.append(f"its {column.words} {bad}")
    answers = values.get("answers")
    if table == "triage_runs" and answers:
        try:
            check_answers(answers)
        except BadValue as bad:
            values["answers"] = {k: v for k, v in answers.items() if k != "days_since_onset"}
            missing.append(f"its {bad}")
    return Read(values, missing)


def readable(table: str, row: StoredRow, names: tuple[str, ...]) -> dict[str, Any] | None:
    """read_row for a reader: None for a row to leave out; either way what could not be read is noted."""
    try:
        read = read_row(table, row, names)
    except BadValue as bad:
        unreadable.note(table, row["id"], str(bad))
        return None
    for problem in read.missing:
        unreadable.note(table, row["id"], problem, partly=True)
    return read.values


def problems(table: str, row: Mapping[str, Any], *, imported: bool = False) -> list[str]:
    """What is wrong with a row of `table`, one phrase per column ("its start time is not a time")."""
    described = COLUMNS.get(table)
    if described is None:
        return []
    found = []
    for column in described.values():
        if column.name not in row:
            if imported and not column.defaulted:
                found.append(f"its {column.words} is missing")
            continue
        try:
            value = read_value(column, row[column.name], strict=imported)
        except BadValue as bad:
            found.append(f"its {column.words} {bad}")
            continue
        if column.kind == "object" and column.name == "answers":
            try:
                check_answers(value)
            except BadValue as bad:
                found.append(f"its {bad}")
    if table == "check_ins" and not found and (problem := peg_problem(row)) is not None:
        found.append(problem)
    return found


def peg_problem(row: Mapping[str, Any]) -> str | None:
    """A check-in whose PEG score is not the mean of its three answers (as SQLite's CHECK holds it), else None."""
    try:
        answers = sum(float(row[name]) for name in ("pain", "enjoyment", "activity"))
        score = float(row["peg"])
    except (KeyError, TypeError, ValueError):
        return None  # a missing or unreadable value is named by its column
    if abs(score * 3 - answers) < 0.01:
        return None
    return f"its PEG score {score:g} is not the mean of its three answers ({answers / 3:.2f})"


# ---------------------------------------------------------------- a table's reader, made once

# What a quick reader gives for a value it leaves to the careful reading.
MISSING = object()


@lru_cache(maxsize=512)
def _decoded(text: str) -> Any:
    # A journal repeats a handful of lists and objects (the stretches done, the answers given):
    # each distinct text is decoded once. Callers copy what they hand on.
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return MISSING


def quick_reader(column: Column, strict: bool = False) -> Callable[[Any], Any]:
    """What reading a column's value comes to in the usual case, or MISSING to read it the careful way.

    The quick reading accepts only values that read_value accepts (strictly, for `data import`,
    where JSON columns may also hold the array or object itself), and gives what it gives. One
    small function is made for each column's kind: a journal's rows pass here by the million.
    """
    kind, low, high, optional = column.kind, column.low, column.high, column.optional
    absent = None if optional else MISSING

    if kind == "time":

        def time_value(value: Any) -> Any:
            # Read leniently, the store's own form (2024-03-10T18:00:00+01:00) parses at once and
            # any other goes the careful way; strictly, any ISO 8601 time with an offset.
            if value is None:
                return absent
            if value.__class__ is not str or (not strict and len(value) != 25):
                return MISSING
            try:
                moment = datetime.fromisoformat(value)
            except ValueError:
                return MISSING
            offset = moment.utcoffset()
            if offset is None or abs(offset) > MAX_OFFSET or not FIRST_YEAR <= moment.year <= LAST_YEAR:
                return MISSING
            return moment

        return time_value
    if kind == "whole":

        def whole(value: Any) -> Any:
            if value is None:
                return absent
            return value if value.__class__ is int and low <= value <= high else MISSING

        return whole
    if kind in ("seconds", "number"):

        def seconds(value: Any) -> Any:
            if value is None:
                return absent
            cls = value.__class__
            if (cls is int or (cls is float and math.isfinite(value))) and low <= value <= high:
                return float(value)
            return MISSING

        return seconds
    if kind == "choice":
        choices = frozenset(column.choices)

        def choice(value: Any) -> Any:
            if value is None:
                return absent
            return value if value.__class__ is str and value in choices else MISSING

        return choice
    if kind == "text":

        def text(value: Any) -> Any:
            if value is None:
                return absent
            if value.__class__ is str and (not strict or value.isascii() or _encodable(value)):
                return value
            return MISSING

        return text
    container = list if kind == "names" else dict

    def decoded(value: Any) -> Any:
        if value is None:
            return absent
        cls = value.__class__
        if strict and cls is container:
            found = value  # an export gives the array or object itself
        elif cls is str:
            found = _decoded(value)
        else:
            return MISSING
        if found.__class__ is not container:
            return MISSING
        if container is list:
            return list(found) if all(name.__class__ is str for name in found) else MISSING
        return dict(found)

    return decoded


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def answers_in_range(answers: Mapping[str, Any]) -> bool:
    """Whether stored triage answers pass check_answers."""
    try:
        check_answers(answers)
    except BadValue:
        return False
    return True


def row_reader(table: str, names: tuple[str, ...]) -> Callable[[Sequence[Any]], dict[str, Any] | None]:
    """`readable` for rows of `table` selected as `names`, in order: quick in the usual case.

    A row whose every value reads the quick way is read so (a few attribute checks a value); any
    other goes through `readable`, which reads it the careful way and names what it cannot read.
    """
    described = COLUMNS[table]
    quick = [(name, quick_reader(described[name])) for name in names]
    answers = table == "triage_runs" and "answers" in names

    def read(row: Sequence[Any]) -> dict[str, Any] | None:
        values = {name: reading(value) for (name, reading), value in zip(quick, row)}  # noqa: B905 - same length
        if MISSING in values.values():
            return readable(table, _named(names, row), names)
        if answers:
            try:
                check_answers(values["answers"])
            except BadValue:
                return readable(table, _named(names, row), names)
        return values

    return read


def _named(names: tuple[str, ...], row: Sequence[Any]) -> dict[str, Any]:
    return {name: row[index] for index, name in enumerate(names)}
