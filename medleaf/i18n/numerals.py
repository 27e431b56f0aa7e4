"""Numbers as a language writes them: any script's digits (5, ۵, ५), decimals and vulgar
fractions (0.5, ½, 1½), the profile's number words (two, 兩), and Chinese numerals (十二,
二十五, 一百, 半) for a profile whose `numerals` is 'chinese'."""

from __future__ import annotations

import re
import unicodedata

from medleaf.i18n.profiles import Profile

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
_CN_SCALES = {"十": 10, "百": 100, "千": 1000}
_FRACTIONS = "½¼¾⅓⅔⅛"
DIGITS = rf"(?<![\d.])\d+(?:,\d{{3}})*(?:[.٫]\d+)?[{_FRACTIONS}]?|[{_FRACTIONS}]"
"""A number in digits, as a pattern ('\\d' is every script's digits)."""


def chinese_numerals(profile: Profile) -> str:
    """The characters of a Chinese numeral, with the profile's own (兩 or 两)."""
    return "".join(_CN_DIGITS) + "".join(_CN_SCALES) + "半" + "".join(
        w for w in profile.number_words if len(w) == 1)


def number(text: str | None, profile: Profile) -> float | None:
    """'5' '2,000' '0.5' '½' '1½' '۵' -> their value; '兩' '十二' '二十五' '一半' -> theirs;
    a number word of the profile -> its value."""
    if not text:
        return None
    if re.fullmatch(DIGITS, text):
        whole, fraction = (text[:-1], text[-1]) if text[-1] in _FRACTIONS else (text, "")
        return (float(whole.replace(",", "").replace("٫", ".")) if whole else 0) + (
            unicodedata.numeric(fraction) if fraction else 0)
    words = {w.casefold(): v for w, v in profile.number_words.items()}
    text = " ".join(text.split())  # 'half\na'
    if text.casefold() in words:
        return float(words[text.casefold()])
    return _chinese(text, profile) if profile.numerals == "chinese" else None


def _chinese(run: str, profile: Profile) -> float | None:
    """'三' 3, '十二' 12, '二十五' 25, '一百' 100, '兩' 2, '半' 0.5, '一半' 0.5."""
    digits = _CN_DIGITS | {w: int(v) for w, v in profile.number_words.items()
                           if len(w) == 1 and v == int(v) and 0 < v < 10}
    if run.endswith("半"):
        whole = run[:-1]
        return 0.5 if whole in ("", "一") else (None if (v := _chinese(whole, profile)) is None
                                               else v + 0.5)
    total, current = 0, None
    for char in run:
        if char in digits:
            if current is not None:
                return None  # 一一 is no number
            current = digits[char]
        elif char in _CN_SCALES:
            total += (1 if current is None else current) * _CN_SCALES[char]
            current = None
        else:
            return None
    return float(total + (current or 0))
