"""The monograph schema: what one leaflets/NAME.yaml file holds, field by field.

A monograph is written in English, the source language. Every field typed `Prose` is
patient-facing text: it is extracted for translators as its own message and may use light
markup (*emphasis*, **strong**, and `- ` lists). Fields typed `str` (brand names) are printed
as written in every language. Unknown fields are errors, so a misspelt field never vanishes.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    model_validator,
)

from medleaf.content.dosing import AGE_GROUPS, CAUTIONS, FORMS, ROUTES, Amount
from medleaf.content.markup import markup_problem


class Prose(str):
    """Patient-facing, translatable text (light markup allowed)."""


def _prose(value: str) -> Prose:
    value = value.strip()
    if not value:
        raise ValueError("must not be empty")
    problem = markup_problem(value)
    if problem:
        raise ValueError(problem)
    return Prose(value)


Text = Annotated[str, AfterValidator(_prose)]


def _iso_date(value):
    """Only a date written YYYY-MM-DD: a number (1714348800) is not a date."""
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        raise ValueError(f"must be a date written YYYY-MM-DD, not {value!r}")
    return value


Date = Annotated[dt.date, BeforeValidator(_iso_date)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=False, use_attribute_docstrings=True,
                              frozen=True)


class BrandName(Model):
    name: Annotated[str, Field(min_length=1)]
    """The brand as printed on the pack (e.g. Lioresal); never translated."""
    note: Text
    """Where or how this brand is used (e.g. the form it comes in)."""


class Names(Model):
    generic: Text
    """The generic (international non-proprietary) name; translated (baclofen -> 巴氯芬)."""
    generic_note: Text
    """One sentence on the generic name (where it is recognised)."""
    brands: list[BrandName] = []
    """Major brand names, each with a note."""


class Dosage(Model):
    """Usual doses. State numbers and units exactly (5 mg, 3 times a day)."""

    adults: Text
    children: Text
    elderly: Text
    note: Text | None = None
    """Anything that applies to every age group (e.g. 'your doctor sets your dose')."""


class Maximum(Model):
    """The most one age group may take, from the product information; a patient's
    directions above it are refused unless the pharmacist confirms them."""

    per_day: Amount | None = None
    """In 24 hours ('100 mg', '800 micrograms', '4 g')."""
    per_dose: Amount | None = None
    """In one dose ('1 g')."""
    doses_per_day: int | None = Field(None, ge=1, le=24)
    """Doses (or applications) in 24 hours."""


class Dispensing(Model):
    """How a patient's directions count it (see medleaf dispense), checked against them."""

    forms: list[Literal[tuple(FORMS)]] = Field(min_length=1)
    """What a dose may count: tablet, capsule, ml, sachet, puff, drop, spray, patch,
    application, suppository (puffs of a tablet are refused)."""
    route: Literal[ROUTES] | None = None
    """How it is taken, when only one way is right (eye drops: eye)."""
    strengths: list[Amount] = []
    """The drug in one tablet, capsule, puff... or in ml of a liquid ('10 mg',
    '100 micrograms', '120 mg/5 ml'); the directions name theirs when there are several."""
    maximum: dict[Literal[AGE_GROUPS], Maximum] = {}
    """The maximum for adults, children and elderly people (as the dosage names them)."""
    cautions: list[Literal[CAUTIONS]] = []
    """The standard cautions the personal page repeats, as the leaflet gives them:
    drowsiness, alcohol, do_not_stop, complete_course, external_use, shake_well,
    swallow_whole."""


class Precautions(Model):
    """Care needed for each group of people."""

    children: Text
    adults: Text
    elderly: Text
    pregnancy: Text
    breastfeeding: Text


class Warnings(Model):
    do_not_take: list[Text] = Field(min_length=1)
    """Who must not take the medicine (one item each)."""
    check_first: list[Text] = Field(min_length=1)
    """Conditions and medicines to tell the doctor or pharmacist about first."""


class SideEffects(Model):
    common: list[Text] = Field(min_length=1)
    """Common, usually mild side effects, one item each."""
    common_advice: Text
    """What to do about the common side effects."""
    severe: list[Text] = Field(min_length=1)
    """Serious side effects, one item each."""
    severe_advice: Text
    """What to do at once if a serious side effect happens."""


class Tip(Model):
    title: Text
    """A short title (two to four words)."""
    body: Text
    """One or two sentences of advice."""


SupplyStatus = Literal["prescription-only", "pharmacist-only", "over-the-counter"]
"""How a patient obtains a medicine in Hong Kong: on a prescription, from a pharmacist without
one, or over the counter (the Drug Office's 'sale requirement')."""

LegalClass = Literal[
    "part-1-poison-schedule-3", "part-1-poison-schedule-1", "part-1-poison", "part-2-poison",
    "non-poison", "antibiotic", "dangerous-drug"]
"""Hong Kong's legal classification of a product (as the Drug Office's register of
pharmaceutical products gives it):

- `part-1-poison-schedule-3`: a Part 1 poison also in the Third Schedule of the Pharmacy and
  Poisons Regulations (Cap. 138A), with or without the First Schedule (P1S3, P1S1S3): supplied
  by a pharmacy only on a prescription of a doctor, dentist or vet.
- `part-1-poison-schedule-1`: a Part 1 poison in the First Schedule only (P1S1): sold at a
  pharmacy by or under the supervision of a registered pharmacist, to a buyer the seller
  knows, and entered in the poisons book, which the buyer signs.
- `part-1-poison`: a Part 1 poison in no schedule (P1): sold at a pharmacy by or in the
  presence and under the supervision of a registered pharmacist, without a prescription.
- `part-2-poison`: a Part 2 poison (P2): sold by pharmacies and by listed sellers of poisons
  (medicine stores).
- `non-poison`: not a poison (NP): on general sale, in any shop.
- `antibiotic`: in Schedule 1 of the Antibiotics Regulations (Cap. 137A): supplied by a
  pharmacy only on a prescription.
- `dangerous-drug`: in Part I of the First Schedule of the Dangerous Drugs Ordinance
  (Cap. 134): supplied only on a prescription, and every supply is entered in a register.
"""

SUPPLY_OF_CLASS: dict[str, str] = {
    "part-1-poison-schedule-3": "prescription-only",
    "part-1-poison-schedule-1": "pharmacist-only",
    "part-1-poison": "pharmacist-only",
    "part-2-poison": "over-the-counter",
    "non-poison": "over-the-counter",
    "antibiotic": "prescription-only",
    "dangerous-drug": "prescription-only",
}
"""The supply status each legal class gives."""


class Availability(Model):
    """How a patient in Hong Kong can obtain the medicine. Give `legal_class`; `status` then
    follows from it and may be left out. A monograph written before `legal_class` existed
    may give `status` alone: it prints as before, without a legal class."""

    legal_class: LegalClass | None = None
    """Hong Kong's legal classification (see LegalClass), printed in every language."""
    status: SupplyStatus | None = None
    """The supply status: prescription-only, pharmacist-only or over-the-counter. Given with
    `legal_class`, it must be the one the class gives."""
    text: Text
    """Where and how a patient in Hong Kong can obtain it."""

    @model_validator(mode="after")
    def _status_follows_the_class(self):
        if self.legal_class is None and self.status is None:
            raise ValueError("give legal_class (one of: " + ", ".join(LegalClass.__args__)
                             + ")")
        if self.legal_class is not None and self.status is not None and \
                self.status != SUPPLY_OF_CLASS[self.legal_class]:
            raise ValueError(f"status {self.status!r} does not fit legal_class "
                             f"{self.legal_class!r}, which is "
                             f"{SUPPLY_OF_CLASS[self.legal_class]!r} (leave status out)")
        return self

    @property
    def supply(self) -> str:
        """The supply status, given or following from the legal class."""
        return self.status or SUPPLY_OF_CLASS[self.legal_class]


class Faq(Model):
    question: Text
    answer: Text


class Review(Model):
    """Who approved the content for patient use. Written by `medleaf review approve`;
    a leaflet ships as `{status: draft}`."""

    status: Literal["draft", "approved"]
    by: str | None = None
    """The pharmacist who approved it."""
    date: Date | None = None
    """The day of approval."""
    content: str | None = None
    """Fingerprint of the approved content: any later change makes the leaflet a draft."""

    @model_validator(mode="after")
    def _approval_is_complete(self):
        if self.status == "approved" and not (self.by and self.date and self.content):
            raise ValueError("an approved review needs by, date and content "
                             "(record it with 'medleaf review approve')")
        return self


class Monograph(Model):
    """One medicine, in English. The file name (without .yaml) is the leaflet's name."""

    review: Review
    """The review record (see Review)."""
    last_modified: Date
    """When the content was last changed (YYYY-MM-DD); printed on the leaflet."""
    summary: Text
    """One sentence under the title: what the medicine is for."""
    names: Names
    what_it_is: Text
    """What the medicine is (its class, its active ingredient)."""
    how_it_works: Text
    """How it works, in plain words."""
    uses: list[Text] = Field(min_length=1)
    """What it is used for, one condition or purpose each."""
    forms: list[Text] = Field(min_length=1)
    """The dosage forms it comes in (tablets, injection ...), one each."""
    dosage: Dosage
    dispensing: Dispensing | None = None
    """The forms, route, strengths and maximums a patient's directions are checked
    against; without it the leaflet cannot be dispensed with directions."""
    precautions: Precautions
    warnings: Warnings
    side_effects: SideEffects
    tips: list[Tip] = Field(min_length=1)
    """Pharmacist tips, printed in the highlighted box."""
    availability: Availability
    faqs: list[Faq] = []
    """Frequently asked questions."""
    other_medicines: list[str] = []
    """Other medicines this leaflet names on purpose in its dosage, forms or tips (e.g. an
    interaction to avoid); the wrong-medicine check lets exactly these pass."""
