"""What a dose is counted in, and amounts of a drug: the vocabulary the monograph's
`dispensing` section and a patient's directions share."""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Annotated

from pydantic import AfterValidator, PlainSerializer, WithJsonSchema

FORMS = {"tablet": "by_mouth", "capsule": "by_mouth", "ml": "by_mouth", "sachet": "by_mouth",
         "puff": "inhaled", "drop": None, "spray": "nose", "patch": "skin",
         "application": "skin", "suppository": "rectal"}
"""Each dose form or unit, and the route it is taken by unless said otherwise (a drop may be
for the eye, the ear or the mouth: it must say)."""

WHOLE = {"capsule", "sachet", "puff", "drop", "spray", "patch", "application", "suppository"}
"""Forms counted in whole units (half a capsule cannot be given)."""

ROUTES = ("by_mouth", "under_tongue", "inhaled", "eye", "ear", "nose", "skin", "rectal")
CAUTIONS = ("drowsiness", "alcohol", "do_not_stop", "complete_course", "external_use",
            "shake_well", "swallow_whole")
"""The standard cautions a personal page can carry (their words: i18n/directions.py)."""
AGE_GROUPS = ("adults", "children", "elderly")
"""As the monograph's dosage names them."""

_UNITS = {"mg": Fraction(1), "milligram": Fraction(1), "g": Fraction(1000),
          "gram": Fraction(1000), "microgram": Fraction(1, 1000), "mcg": Fraction(1, 1000)}
_AMOUNT = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(mg|milligrams?|g|grams?|micrograms?|mcg)\s*"
                     r"(?:/\s*(\d+(?:\.\d+)?)?\s*ml)?\s*", re.I)


def _drug_amount(value) -> tuple[Fraction, Fraction | None]:
    """'100 mg' -> (100, None); '800 micrograms' -> (4/5, None); '120 mg/5 ml' -> (120, 5):
    milligrams, and the ml they are in."""
    match = _AMOUNT.fullmatch(value) if isinstance(value, str) else None
    if not match:
        raise ValueError(f"must be an amount of the drug such as '10 mg', '100 micrograms' or "
                         f"'120 mg/5 ml', not {value!r}")
    number, unit, ml = match.groups()
    mg = Fraction(number) * _UNITS[unit.lower().rstrip("s")]
    if mg <= 0 or (ml is not None and Fraction(ml) <= 0):
        raise ValueError(f"must be more than nothing, not {value!r}")
    return mg, Fraction(ml) if ml else (Fraction(1) if "/" in match[0] else None)


class DrugAmount(str):
    """An amount of the drug as written ('10 mg'), with its value in mg."""

    @property
    def mg(self) -> Fraction:
        return _drug_amount(str(self))[0]

    @property
    def per_ml(self) -> Fraction | None:
        """For a liquid's strength ('120 mg/5 ml'): the ml the amount is in."""
        return _drug_amount(str(self))[1]


def _checked(value) -> DrugAmount:
    _drug_amount(value)
    return DrugAmount(" ".join(value.split()))


Amount = Annotated[str, AfterValidator(_checked), PlainSerializer(str, return_type=str),
                   WithJsonSchema({"type": "string", "description": "an amount of the drug: "
                                   "'10 mg', '100 micrograms', '120 mg/5 ml'",
                                   "pattern": _AMOUNT.pattern})]
