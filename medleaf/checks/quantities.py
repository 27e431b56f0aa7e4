"""The numbers check: the quantities of a translation are those of its English, as multisets.

Each side is read by its language's profile (i18n/quantities.py); every quantity is a value
(or range) and a class of unit, every frequency its count and period, every other number a
bare number. Whatever is left over on either side is an error naming both sides:
`the English has "every 4 hours" (4 hours), the translation "每3小時" (3 hours)`.

Four things are not errors: a bare number on one side that is a count or an age on the
other (5 breaths, 正常呼吸5次; aged 6, 6歲); a number in words counting no unit (two ways,
兩種, the Third Schedule), which only matches a number of the other side (2 adult hands:
兩隻成人手掌); a count in words that one language's grammar needs and the other's leaves
out (a missed one: 漏服的一劑; between doses: 兩次服藥之間), unless the other side has
another value of it; and 'once' that only restates an interval (每3日增加一次).
"""

from __future__ import annotations

import functools
from collections import Counter

from medleaf.i18n.profiles import Profile
from medleaf.i18n.quantities import Quantity, english, read, unit_classes

_COUNTS = {"times", "dose", "tablet", "capsule", "puff", "drop", "sachet", "spoonful",
           "fingertip unit", "application", "patch", "suppository", "year"}
"""What a bare number may stand for on the other side: how many, and ages."""
_TIMES = {1: "once", 2: "twice"}


def quantity_problems(english_text: str, translation: str, target: Profile,
                      source: Profile | None = None) -> list[str]:
    """What the translation states beyond the English, or short of it, one message each."""
    source = source or english()
    key = functools.partial(_key, classes=unit_classes(target, source))
    ours, theirs = read(english_text, source), read(translation, target, source)
    left_en, left_tr = _left(ours, theirs, key), _left(theirs, ours, key)
    _bare_counts(left_en, left_tr)
    for left in (left_en, left_tr):  # two ways, 兩種, 雙胍: they only match
        left[:] = [q for q in left if not (q.bare and q.in_words)]
    problems = []

    def report(cls: str) -> None:  # each side's quantities of the class at those values
        values = {key(q)[:2] for q in left_en + left_tr if key(q)[2] == cls}
        en = [q for q in ours if key(q)[2] == cls and key(q)[:2] in values]
        tr = [q for q in theirs if key(q)[2] == cls and key(q)[:2] in values]
        if not en:
            text = f"the translation has {_side(tr, source)}, which the English does not have"
        elif not tr:
            text = f"the English has {_side(en, source)}, which the translation does not have"
        else:
            text = f"the English has {_side(en, source)}, the translation {_side(tr, source)}"
        problems.append((min(q.start for q in en) if en else len(english_text), text))
        left_en[:] = [q for q in left_en if key(q)[2] != cls]
        left_tr[:] = [q for q in left_tr if key(q)[2] != cls]

    for cls in {key(q)[2] for q in left_en} & {key(q)[2] for q in left_tr}:
        report(cls)  # a value changed
    for q in list(left_en):  # the same value in another unit: the unit changed
        match = next((o for o in left_tr if (o.low, o.high) == (q.low, q.high)), None)
        if match is not None:
            left_en.remove(q)
            left_tr.remove(match)
            problems.append((q.start, f"the English has {_quote(q, source)}, the "
                                      f"translation {_quote(match, source)}"))
    for cls in dict.fromkeys(key(q)[2] for q in left_en + left_tr if not _grammatical(q)):
        report(cls)  # added or dropped
    return [text for _, text in sorted(problems, key=lambda p: p[0])]


def _bare_counts(left_en: list[Quantity], left_tr: list[Quantity]) -> None:
    """A bare number left on one side that is a count or an age on the other matches it."""
    for bare, other in ((left_en, left_tr), (left_tr, left_en)):
        for q in [q for q in bare if q.bare]:
            match = next((o for o in other if not o.bare and o.per is None and
                          (o.low, o.high) == (q.low, q.high) and o.kinds & _COUNTS), None)
            if match is not None:
                bare.remove(q)
                other.remove(match)


def _key(q: Quantity, classes: dict[str, str]) -> tuple:
    if q.bare or q.occasion:
        cls = next(iter(q.kinds))
    elif q.per:
        cls = f"times a {q.per}"
    else:
        cls = min(classes.get(k, k) for k in q.kinds)
    return q.low, q.high, cls


def _left(one: list[Quantity], other: list[Quantity], key) -> list[Quantity]:
    """What `one` has beyond `other`, counting each (value, class) as often as it appears;
    of equal ones, those in words are left over first (雙胍 before 2型)."""
    spare = Counter(key(q) for q in one) - Counter(key(q) for q in other)
    left = []
    for q in sorted(one, key=lambda q: not q.in_words):
        if spare[key(q)]:
            spare[key(q)] -= 1
            left.append(q)
    return sorted(left, key=lambda q: q.start)


def _grammatical(q: Quantity) -> bool:
    """A number in words one language's grammar needs and the other's leaves out: a singular
    (漏服的一劑: a missed one; 每一劑: every dose), the two of 'between' (兩次服藥之間)."""
    return q.in_words and q.per is None and (q.low == q.high == 1 or q.between)


def _value(q: Quantity) -> str:
    return f"{q.low:g}" if q.low == q.high else f"{q.low:g} to {q.high:g}"


def _reading(q: Quantity, source: Profile) -> str:
    """The quantity in English words: '4 to 8 weeks', 'twice a day', 'the number 999'."""
    if q.occasion:
        return f"at {next(iter(q.kinds))}"
    if q.bare:
        return f"the number {_value(q)}"
    if q.per:
        count = _TIMES.get(q.low) if q.low == q.high else None
        return f"{count or _value(q) + ' times'} a {q.per}"
    kind = min(q.kinds, key=lambda k: list(source.units).index(k) if k in source.units
               else len(source.units))
    forms = source.units.get(kind) or [kind]
    name = forms[0]
    if not (q.low == q.high == 1) and name + "s" in forms:
        name += "s"
    return f"{_value(q)}{'' if name in ('%', '°C') else ' '}{name}"


def _count(n: int) -> str:
    return _TIMES.get(n, f"{n} times")


def _quote(q: Quantity, source: Profile) -> str:
    reading = _reading(q, source)
    return f'"{q.text}"' if q.text == reading else f'"{q.text}" ({reading})'


def _side(items: list[Quantity], source: Profile) -> str:
    """Each quantity quoted once with its reading; repeated ones counted ('20 mg twice')."""
    by_reading: dict[str, list[Quantity]] = {}
    for q in items:
        by_reading.setdefault(_reading(q, source), []).append(q)
    parts = []
    for reading, same in by_reading.items():
        quotes = list(dict.fromkeys(q.text for q in same))
        if len(same) == 1:
            parts.append(_quote(same[0], source))
        elif len(quotes) == 1:  # '"500 mg" twice', '"每2小時" (2 hours) twice'
            parts.append(f"{_quote(same[0], source)} {_count(len(same))}")
        else:
            parts.append(f"{reading} {_count(len(same))} ("
                         + ", ".join(f'"{t}"' for t in quotes) + ")")
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
