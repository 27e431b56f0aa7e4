"""Read the numbers a text states: the English in its words and digits, a translation by its
language's profile (its digits, number words, Chinese numerals, and how it writes units)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from medleaf.i18n.profiles import Profile

_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
          "twenty": 20, "thirty": 30, "half": 0.5}
# A number word is a quantity only before what is being counted ("three times", "two puffs").
_COUNTED = (r"(?:times?|doses?|puffs?|drops?|tablets?|capsules?|sachets?|days?|hours?|weeks?|"
            r"months?|years?|spoonfuls?|applications?|fingertip|mg|ml|a day|daily|a week)")
_ENGLISH_WORD = re.compile(rf"\b({'|'.join(_WORDS)})\b(?=[\s-]+(?:an? )?{_COUNTED}\b)", re.I)
_FREQUENCY = re.compile(r"\b(once|twice)\b(?=\s+(?:a day|daily|a week|weekly|every|an? hour))",
                        re.I)
_DIGITS = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")  # any script's digits: 5, ۵, ५, ๕

_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9}
_DOSE = re.compile(r"(\d+(?:\.\d+)?)\s*(mg|milligrams?|micrograms?|mcg|g|ml|kg|%)(?![a-z])", re.I)


def _value(text: str) -> float:
    return float(text.replace(",", ""))


def english_numbers(text: str) -> set[float]:
    values = {_value(n) for n in _DIGITS.findall(text)}
    values |= {float(_WORDS[w.lower()]) for w in _ENGLISH_WORD.findall(text)}
    values |= {1.0 if w.lower() == "once" else 2.0 for w in _FREQUENCY.findall(text)}
    return values


def translated_numbers(text: str, profile: Profile) -> set[float]:
    """The numbers a translation states, read as its language writes them."""
    values = {_value(n) for n in _DIGITS.findall(text)}
    words = profile.number_words
    if profile.numerals == "chinese":
        digits = _CN_DIGITS | {w: int(v) for w, v in words.items()
                               if len(w) == 1 and v == int(v) and 0 < v < 10}
        for run in re.findall(f"[{''.join(digits)}十百千半]+", text):
            values |= _chinese_values(run, digits)
    for word, value in words.items():
        if re.search(rf"(?<!\w){re.escape(word)}(?!\w)" if word.isascii() else
                     re.escape(word), text):  # a script without spaces has no word edges
            values.add(float(value))
    return values


def _chinese_values(run: str, digits: dict[str, int]) -> set[float]:
    """'三' -> 3, '十二' -> 12, '二十五' -> 25, '一百' -> 100, '半' -> 0.5, '一半' -> 0.5."""
    if run.endswith("半"):
        whole = run[:-1]
        return {0.5} if whole in ("", "一") else {v + 0.5 for v in _chinese_values(whole,
                                                                                    digits)}
    total, current = 0, 0
    for char in run:
        if char in digits:
            current = digits[char]
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


_SAME_UNIT = {"milligram": "mg", "mcg": "microgram"}


def has_dose(text: str, number: str, unit: str, profile: Profile) -> bool:
    """Does the translation state `number` (in any script's digits) followed by the unit as
    its language writes it (its profile's forms, else the English unit)?"""
    same = _SAME_UNIT.get(unit, unit)
    forms = profile.units.get(unit) or profile.units.get(same) or list({unit, same})
    pattern = rf"(?<![\d.])(\d+(?:\.\d+)?)\s*(?:{'|'.join(map(re.escape, forms))})"
    return any(_value(found) == _value(number) for found in re.findall(pattern, text))


_AMOUNT_UNITS = (r"(?:mg|ml|g|kg|micrograms?|mcg|%|puffs?|drops?|tablets?|capsules?|sachets?|"
                 r"units?|fingertip units?|applications?|spoonfuls?|cm|strips?|"
                 r"times (?:a|per|each) (?:day|week)|times daily|hours?)")
_AMOUNT = re.compile(rf"(?:\d+(?:\.\d+)?|\b(?:{'|'.join(_WORDS)})\b)\s*(?:-|–|to|or)?\s*"
                     rf"(?:\d+(?:\.\d+)?\s*)?{_AMOUNT_UNITS}(?![a-z])", re.I)


def states_amount(text: str) -> bool:
    """Does the text state an amount: a number with a unit (5 mg, 2.5 ml, two puffs)?"""
    return _AMOUNT.search(text) is not None
