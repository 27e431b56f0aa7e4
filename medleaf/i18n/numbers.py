"""Read the numbers a text states, in English words and digits or in Chinese numerals."""

from __future__ import annotations

import re

_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
          "twenty": 20, "thirty": 30, "half": 0.5}
# A number word is a quantity only before what is being counted ("three times", "two puffs").
_COUNTED = (r"(?:times?|doses?|puffs?|drops?|tablets?|capsules?|sachets?|days?|hours?|weeks?|"
            r"months?|years?|spoonfuls?|applications?|fingertip|mg|ml|a day|daily|a week)")
_ENGLISH_WORD = re.compile(rf"\b({'|'.join(_WORDS)})\b(?=[\s-]+(?:an? )?{_COUNTED}\b)", re.I)
_FREQUENCY = re.compile(r"\b(once|twice)\b(?=\s+(?:a day|daily|a week|weekly|every|an? hour))",
                        re.I)
_DIGITS = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")

_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
_CN_RUN = re.compile(r"[零一二兩三四五六七八九十百千半]+")

# Units whose number must survive translation next to them: a dose.
DOSE_UNITS = {
    "mg": ("毫克",), "milligrams": ("毫克",), "micrograms": ("微克",), "mcg": ("微克",),
    "g": ("克",), "ml": ("毫升",), "kg": ("公斤",), "%": ("%", "％"),
}
_DOSE = re.compile(r"(\d+(?:\.\d+)?)\s*(mg|milligrams?|micrograms?|mcg|g|ml|kg|%)(?![a-z])", re.I)


def _value(text: str) -> float:
    return float(text.replace(",", ""))


def english_numbers(text: str) -> set[float]:
    values = {_value(n) for n in _DIGITS.findall(text)}
    values |= {float(_WORDS[w.lower()]) for w in _ENGLISH_WORD.findall(text)}
    values |= {1.0 if w.lower() == "once" else 2.0 for w in _FREQUENCY.findall(text)}
    return values


def chinese_numbers(text: str) -> set[float]:
    values = {_value(n) for n in _DIGITS.findall(text)}
    for run in _CN_RUN.findall(text):
        values |= _chinese_values(run)
    return values


def _chinese_values(run: str) -> set[float]:
    """'三' -> 3, '十二' -> 12, '二十五' -> 25, '一百' -> 100, '半' -> 0.5, '一半' -> 0.5."""
    if run.endswith("半"):
        whole = run[:-1]
        return {0.5} if whole in ("", "一") else {v + 0.5 for v in _chinese_values(whole)}
    total, current = 0, 0
    for char in run:
        if char in _CN_DIGITS:
            current = _CN_DIGITS[char]
        else:
            unit = {"十": 10, "百": 100, "千": 1000}[char]
            total += (current or 1) * unit
            current = 0
    return {float(total + current)}


def doses(text: str) -> list[tuple[str, str]]:
    """('5', 'mg') for every number written with a dose unit."""
    return [(number, unit.lower().rstrip("s") if unit.lower().startswith("micro")
             or unit.lower().startswith("milli") else unit.lower())
            for number, unit in _DOSE.findall(text)]


def has_dose(text: str, number: str, unit: str) -> bool:
    """Does the translation state `number` followed by the unit's translated form?"""
    forms = DOSE_UNITS.get(unit) or DOSE_UNITS.get(unit + "s") or (unit,)
    pattern = rf"(?<![\d.]){re.escape(number)}\s*(?:{'|'.join(map(re.escape, forms))})"
    return re.search(pattern, text) is not None


_AMOUNT_UNITS = (r"(?:mg|ml|g|kg|micrograms?|mcg|%|puffs?|drops?|tablets?|capsules?|sachets?|"
                 r"units?|fingertip units?|applications?|spoonfuls?|cm|strips?|"
                 r"times (?:a|per|each) (?:day|week)|times daily|hours?)")
_AMOUNT = re.compile(rf"(?:\d+(?:\.\d+)?|\b(?:{'|'.join(_WORDS)})\b)\s*(?:-|–|to|or)?\s*"
                     rf"(?:\d+(?:\.\d+)?\s*)?{_AMOUNT_UNITS}(?![a-z])", re.I)


def states_amount(text: str) -> bool:
    """Does the text state an amount: a number with a unit (5 mg, 2.5 ml, two puffs)?"""
    return _AMOUNT.search(text) is not None
