"""A patient's directions: how this patient takes the medicine, from structured fields only.

The same fields come from the CLI's options, a `--directions FILE.json|yaml` a dispensing
system writes, and (later) the counter's HTTP API; `medleaf/data/directions.schema.json`
documents them (made from this model: `make schema`). The names are kept stable.
A direction is never free text: every sentence printed from it is made by
i18n/directions.py, in each language, from these fields.
"""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Literal

import pydantic
from pydantic import BeforeValidator, Field, PlainSerializer, WithJsonSchema, model_validator

from medleaf.content import characters
from medleaf.content.dosing import AGE_GROUPS, FORMS, ROUTES, WHOLE
from medleaf.content.dosing import Amount as DrugAmount
from medleaf.content.schema import Date, Model
from medleaf.content.yamlfile import YamlFile, error_message, format_path
from medleaf.errors import ContentError, Problem

REASONS = ("pain", "fever", "wheeze", "breathlessness", "cough", "nausea", "itch",
           "constipation", "diarrhoea", "heartburn", "sleep", "anxiety", "chest_pain")
FOOD = ("with", "after", "before", "empty_stomach")
TIMES = ("morning", "noon", "evening", "bedtime")
MAX_AMOUNT = 100

_FRACTIONS = {"½": Fraction(1, 2), "¼": Fraction(1, 4), "¾": Fraction(3, 4),
              "⅓": Fraction(1, 3), "⅔": Fraction(2, 3)}


def _amount(value) -> Fraction:
    """1, 2.5, "½", "1½", "1 1/2", "1/4" -> a Fraction; anything else is refused."""
    if isinstance(value, bool):
        raise ValueError(f"must be an amount such as 1, 2.5 or ½, not {value!r}")
    if isinstance(value, int | float):
        found = Fraction(str(value))
    elif isinstance(value, str) and (match := re.fullmatch(
            r"\s*(\d+(?:\.\d+)?)?\s*(?:([½¼¾⅓⅔])|(\d+)/(\d+))?\s*", value)) and \
            any(match.groups()):
        whole, glyph, top, bottom = match.groups()
        found = Fraction(whole or "0")
        if glyph:
            found += _FRACTIONS[glyph]
        elif top:
            if int(bottom) == 0 or (whole and "." in whole):
                raise ValueError(f"must be an amount such as 1, 2.5 or ½, not {value!r}")
            found += Fraction(int(top), int(bottom))
    else:
        raise ValueError(f"must be an amount such as 1, 2.5 or ½, not {value!r}")
    if not 0 < found <= MAX_AMOUNT:
        raise ValueError(f"must be more than 0 and at most {MAX_AMOUNT}, not {value!r}")
    return found


Amount = Annotated[Fraction, BeforeValidator(_amount),
                   PlainSerializer(lambda f: str(f), return_type=str),
                   WithJsonSchema({"anyOf": [{"type": "number", "exclusiveMinimum": 0,
                                              "maximum": MAX_AMOUNT},
                                             {"type": "string",
                                              "pattern": r"^\s*(\d+(\.\d+)?)?\s*([½¼¾⅓⅔]|"
                                                         r"\d+/\d+)?\s*$"}],
                                   "description": "1, 2.5, \"½\", \"1½\", \"1/4\""})]


def _patient(value):
    if not isinstance(value, str):
        raise ValueError(f"must be the patient's name as text, not {value!r}")
    value = " ".join(value.split())
    problems = [message for _, message in characters.problems(value)]
    if problems:
        raise ValueError(problems[0])
    return value


class Schedule(Model):
    """The amount at each time of day (the Universal Medication Schedule's four times)."""

    morning: Amount | None = None
    noon: Amount | None = None
    evening: Amount | None = None
    bedtime: Amount | None = None

    @model_validator(mode="after")
    def _some(self):
        if not any(getattr(self, t) for t in TIMES):
            raise ValueError("give the amount for at least one of morning, noon, evening, "
                             "bedtime")
        return self


class AsNeeded(Model):
    """Taken when needed, for one reason, at most so often."""

    reason: Literal[REASONS]
    min_hours: int = Field(ge=1, le=72)
    """At least this many hours between two doses."""
    max_per_day: int = Field(ge=1, le=24)
    """At most this many doses in 24 hours."""


class Directions(Model):
    """How one patient takes one medicine. Give one way of timing it: `times_a_day`,
    `every_hours`, `times_a_week`, `schedule` or `as_needed`."""

    patient: Annotated[str, BeforeValidator(_patient), Field(min_length=1, max_length=80)] \
        | None = None
    """The patient's name, printed as text (any script)."""
    dose: Amount | None = None
    """How much each time (not with `schedule`, which gives the amount per time of day)."""
    form: Literal[tuple(FORMS)]
    """What the amount counts: tablet, capsule, ml, sachet, puff, drop, spray, patch,
    application, suppository."""
    route: Literal[ROUTES] | None = None
    """How it is taken; by default the form's (by mouth for tablets); drops must say."""
    times_a_day: int | None = Field(None, ge=1, le=12)
    every_hours: int | None = Field(None, ge=1, le=72)
    times_a_week: int | None = Field(None, ge=1, le=6)
    schedule: Schedule | None = None
    as_needed: AsNeeded | None = None
    food: Literal[FOOD] | None = None
    """With food, after food, before food, or on an empty stomach."""
    days: int | None = Field(None, ge=1, le=365)
    weeks: int | None = Field(None, ge=1, le=52)
    until_finished: bool = False
    long_term: bool = False
    start: Date | None = None
    """The first day (YYYY-MM-DD)."""
    strength: DrugAmount | None = None
    """The drug in one of `form` ('10 mg', or '120 mg/5 ml' for a liquid), when the
    medicine comes in several strengths."""
    age_group: Literal[AGE_GROUPS] = "adults"
    """Whose maximum applies: adults, children or elderly."""
    above_maximum_confirmed: bool = False
    """The pharmacist has confirmed directions above the medicine's maximum (the personal
    page then says so)."""

    def problems(self) -> list[tuple[tuple, str]]:
        """What does not fit together, each with the field to correct."""
        found = []
        styles = [name for name in ("times_a_day", "every_hours", "times_a_week", "schedule",
                                    "as_needed") if getattr(self, name) is not None]
        if len(styles) != 1:
            found.append(((styles[1],) if styles else (), "give exactly one of times_a_day, "
                          "every_hours, times_a_week, schedule, as_needed" +
                          (f" (not {' and '.join(styles)})" if styles else "")))
        if self.schedule is not None and self.dose is not None:
            found.append((("dose",), "with schedule, the amounts are the schedule's: leave "
                          "dose out"))
        elif self.schedule is None and self.dose is None:
            found.append(((), "give dose (how much each time)"))
        lengths = [n for n in ("days", "weeks", "until_finished", "long_term")
                   if getattr(self, n)]
        if len(lengths) > 1:
            found.append(((lengths[1],), f"give one of days, weeks, until_finished, long_term, "
                          f"not {' and '.join(lengths)}"))
        if self.taken_by is None:
            found.append((("route",), f"give route for {self.form}s (one of "
                          f"{', '.join(ROUTES)})"))
        for where, amount in self.given():
            problem = _fits(self.form, amount)
            if problem:
                found.append((where, problem))
        return found

    def given(self) -> list[tuple[tuple, Fraction]]:
        """Each amount with its field, in the day's order."""
        if self.schedule is not None:
            return [(("schedule", t), a) for t in TIMES if (a := getattr(self.schedule, t))]
        return [(("dose",), self.dose)] if self.dose is not None else []

    @property
    def taken_by(self) -> str | None:
        return self.route or FORMS[self.form]

    @property
    def amounts(self) -> list[Fraction]:
        return [amount for _, amount in self.given()]

    @property
    def doses_per_day(self) -> int | None:
        """The most doses in 24 hours (None: once a week or less often)."""
        if self.times_a_day:
            return self.times_a_day
        if self.every_hours:
            return 24 // self.every_hours
        if self.schedule is not None:
            return len(self.amounts)
        if self.as_needed is not None:
            return min(self.as_needed.max_per_day, 24 // self.as_needed.min_hours)
        return None

    @property
    def per_day(self) -> Fraction | None:
        """The most taken in 24 hours (None: once a week or less often)."""
        if self.times_a_day:
            return self.dose * self.times_a_day
        if self.every_hours:
            return self.dose * (24 // self.every_hours)
        if self.schedule is not None:
            return sum(self.amounts, Fraction(0))
        if self.as_needed is not None:
            return self.dose * min(self.as_needed.max_per_day, 24 // self.as_needed.min_hours)
        return None


def _fits(form: str, amount: Fraction) -> str | None:
    if form in WHOLE and amount.denominator != 1:
        return f"a {form} is given whole: {_shown(amount)} is not a whole number"
    if form == "tablet" and amount.denominator not in (1, 2, 4):
        return f"a tablet is given whole, in halves or quarters, not {_shown(amount)}"
    if form == "ml" and (amount * 10).denominator != 1:
        return f"ml are measured to 0.1 ml, not {_shown(amount)}"
    return None


def _shown(amount: Fraction) -> str:
    return str(amount) if amount.denominator != 1 else str(amount.numerator)


def directions_from(fields: dict, name=format_path) -> Directions:
    """Directions from fields given some other way (the CLI's options, a web form); each
    problem names its field as `name(path)` shows it (the option: --times-a-day)."""
    try:
        directions = Directions.model_validate(fields)
    except pydantic.ValidationError as exc:
        raise ContentError([Problem("", None, name(tuple(e["loc"])) or None,
                                    error_message(e)) for e in exc.errors()]) from None
    problems = [Problem("", None, name(where) or None, message)
                for where, message in directions.problems()]
    if problems:
        raise ContentError(problems)
    return directions


def load_directions(path: Path, shown: str) -> Directions:
    """A directions file (JSON or YAML), each problem by line and field as ContentError."""
    source = YamlFile(path, shown, "directions")
    directions = source.validate(Directions)
    problems = [source.problem(where, message) for where, message in directions.problems()]
    if problems:
        raise ContentError(problems)
    return directions


def json_schema() -> dict:
    """The JSON Schema of a directions file, as medleaf/data/directions.schema.json ships
    it (`make schema` writes it; a test keeps it equal to this)."""
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://medleaf.example/directions.schema.json",
            **Directions.model_json_schema()}
