"""A patient's directions as one sentence in a language, from its structured fields.

The sentence follows the Hong Kong label's order in every language: how it is taken, how
often, how much each time, food, for how long ("Take by mouth: 3 times a day, 1 tablet each
time, after food, for 14 days." / 「口服：每日三次，每次一粒，飯後服，連續十四日。」). Its
words come from medleaf's `directions` catalog of the language (English: the msgids, with
English plurals); amounts use the language profile's measure words where it has them
(一粒, 兩粒, 半粒, 一粒半), and its numerals.
"""

from __future__ import annotations

import functools
import gettext
import re
from fractions import Fraction
from pathlib import Path

from babel.dates import format_date

from medleaf.content import inputs
from medleaf.content.directions import TIMES, Directions
from medleaf.content.inputs import file_hash
from medleaf.content.languages import Language
from medleaf.content.project import TOOL
from medleaf.errors import ContentError, Problem
from medleaf.i18n.catalogs import parse_catalog
from medleaf.i18n.direction_words import (
    AMOUNT_WORDS,
    FOOD_WORDS,
    REASON_WORDS,
    ROUTE_WORDS,
    TIME_WORDS,
)
from medleaf.i18n.profiles import Profile

DOMAIN = "directions"
_UNITS = ("ml",)  # amounts written in digits with their unit, in every language
_CN = "零一二三四五六七八九"


class Words:
    """The directions catalog of one language: gettext and ngettext by context."""

    def __init__(self, language: Language, po: Path):
        self.language, self.po = language, po
        self.strings: dict[tuple[str, str], tuple[str, ...]] = {}
        self.plural = lambda n: int(n != 1)
        if language.is_source:
            return
        if not po.is_file():
            raise ContentError([Problem(_shown(po), None, None, f"medleaf has no {language} "
                                        "translation of the directions (a project adds its "
                                        "own as locales/LOCALE/LC_MESSAGES/directions.po)")])
        shown = _shown(po)
        catalog = parse_catalog(inputs.read_text(po, shown, "catalog"), shown, language,
                                DOMAIN)
        try:
            self.plural = gettext.c2py(catalog.plural_expr)
        except ValueError:
            raise ContentError([Problem(shown, None, None, f"its Plural-Forms header "
                                        f"'{catalog.plural_expr}' is not a plural rule")]) \
                from None
        problems = []
        for m in catalog:
            strings = m.string if isinstance(m.string, tuple) else (m.string,)
            if m.id and m.context and all(strings) and not m.fuzzy:
                ids = m.id if isinstance(m.id, tuple) else (m.id,)
                problems += [Problem(shown, m.lineno, m.context, problem) for text in strings
                             if (problem := _formats(ids[-1], text))]
                self.strings[(m.context, ids[0])] = strings
        if problems:  # a placeholder a translator mistyped would stop every dispense
            raise ContentError(problems)

    def __call__(self, context: str, message: str, **values) -> str:
        found = self.strings.get((context, message))
        if found is None and not self.language.is_source:
            raise _untranslated(self, context, message)
        return (found[0] if found else message) % values

    def plural_of(self, context: str, one: str, other: str, count: Fraction, **values) -> str:
        n = 1 if count <= 1 else max(int(count), 2)  # ½ tablet, 1½ tablets
        found = self.strings.get((context, one))
        if found is None:
            if not self.language.is_source:
                raise _untranslated(self, context, one)
            found = (one, other)
        return found[min(self.plural(n), len(found) - 1)] % values


_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _formats(english: str, text: str) -> str | None:
    """Why `text` cannot stand for `english` (its %(name)s placeholders), if it cannot."""
    want = set(_PLACEHOLDER.findall(english))
    try:
        text % dict.fromkeys(want, "")
    except (KeyError, ValueError, TypeError) as exc:
        return f"cannot be formatted ({exc}): write the placeholders " + \
            ", ".join(f"%({n})s" for n in sorted(want)) + " and % as %%"
    if set(_PLACEHOLDER.findall(text)) != want:
        return "the placeholders must be the English's: " + \
            (", ".join(f"%({n})s" for n in sorted(want)) or "none")
    return None


def _untranslated(w: Words, context: str, message: str) -> ContentError:
    return ContentError([Problem(_shown(w.po), None, context,
                                 f"{message!r} has no {w.language} translation")])


def _shown(po: Path) -> str:
    return str(po.relative_to(TOOL.parent)) if po.is_relative_to(TOOL.parent) else str(po)


def catalog_path(language: Language, locales_dir: Path | None = None) -> Path:
    """The project's own directions catalog of the language (locales/LOCALE/LC_MESSAGES/
    directions.po), else medleaf's."""
    name = Path(language.catalog_dir) / "LC_MESSAGES" / f"{DOMAIN}.po"
    own = Path(locales_dir) / name if locales_dir is not None else None
    return own if own is not None and own.is_file() else TOOL / "locales" / name


def words(language: Language, locales_dir: Path | None = None) -> Words:
    po = catalog_path(language, locales_dir)
    return _words(language, po, file_hash(po))


@functools.lru_cache(maxsize=16)
def _words(language: Language, po: Path, digest: str) -> Words:
    return Words(language, po)


def sentence(directions: Directions, language: Language, profile: Profile,
             locales_dir: Path | None = None) -> str:
    """The directions as one sentence in the language (its words from the project's
    directions catalog, else medleaf's)."""
    w = words(language, locales_dir)
    d = directions
    parts = []
    if d.schedule is not None:
        parts += [w("directions:time", TIME_WORDS[t], amount=amount(d.form, a, w, profile))
                  for t in TIMES if (a := getattr(d.schedule, t))]
    else:
        each = amount(d.form, d.dose, w, profile)
        if d.as_needed is not None:
            need = d.as_needed
            parts += [w("directions:as-needed", "when needed for %(reason)s",
                        reason=w("directions:reason", REASON_WORDS[need.reason])),
                      w("directions:each", "%(amount)s each time", amount=each),
                      _counted(w, profile, "directions:apart", "at least %(num)s hour apart",
                               "at least %(num)s hours apart", need.min_hours),
                      _counted(w, profile, "directions:max", "no more than %(num)s dose in 24 "
                               "hours", "no more than %(num)s doses in 24 hours",
                               need.max_per_day)]
        else:
            parts += [_often(d, w, profile), w("directions:each", "%(amount)s each time",
                                               amount=each)]
    if d.food:
        parts.append(w("directions:food", FOOD_WORDS[d.food]))
    if d.days or d.weeks:
        one, other = ("for %(num)s day", "for %(num)s days") if d.days else \
            ("for %(num)s week", "for %(num)s weeks")
        parts.append(_counted(w, profile, "directions:length", one, other, d.days or d.weeks))
    elif d.until_finished:
        parts.append(w("directions:length", "until finished"))
    elif d.long_term:
        parts.append(w("directions:length", "long term"))
    text = w("directions:sentence", "%(how)s: %(what)s.",
             how=w("directions:route", ROUTE_WORDS[d.taken_by]),
             what=w("directions:separator", ", ").join(parts))
    if d.start:
        text += w("directions:start", " Start on %(date)s.",
                  date=format_date(d.start, "long", locale="en_HK" if language.is_source
                                   else language.babel))
    return text


def _often(d: Directions, w: Words, profile: Profile) -> str:
    if d.times_a_day:
        return _times(w, profile, "directions:times-a-day", ("once a day", "twice a day",
                                                             "%(num)s times a day"),
                      d.times_a_day)
    if d.times_a_week:
        return _times(w, profile, "directions:times-a-week", ("once a week", "twice a week",
                                                              "%(num)s times a week"),
                      d.times_a_week)
    return _counted(w, profile, "directions:every", "every %(num)s hour",
                    "every %(num)s hours", d.every_hours)


def _times(w: Words, profile: Profile, context: str, forms: tuple[str, str, str], n: int):
    if n <= 2:
        return w(context, forms[n - 1])
    return w(context, forms[2], num=number(Fraction(n), profile))


def _counted(w: Words, profile: Profile, context: str, one: str, other: str, n: int) -> str:
    return w.plural_of(context, one, other, Fraction(n),
                       num=number(Fraction(n), profile, counting=True))


def amount(form: str, value: Fraction, w: Words, profile: Profile) -> str:
    """'1 tablet', '1½ tablets', '2.5 ml'; with measure words: 一粒, 兩粒, 半粒, 一粒半,
    四分一粒, 一又四分一粒, 2.5毫升."""
    measure = profile.measure_words.get(form)
    if measure and form in _UNITS:
        return f"{_decimal(value)}{measure}"
    if measure and profile.numerals == "chinese":
        whole, part = divmod(value, 1)
        if part == 0:
            return f"{number(value, profile, counting=True)}{measure}"
        if part == Fraction(1, 2):
            return f"{number(Fraction(whole), profile, counting=True)}{measure}半" if whole \
                else f"半{measure}"
        quarter = f"四分{_CN[int(part * 4)]}"  # 四分一粒, 一又四分一粒
        return f"{number(Fraction(whole), profile)}又{quarter}{measure}" if whole else \
            f"{quarter}{measure}"
    shown = _decimal(value) if form in _UNITS else _fraction(value)
    return w.plural_of("directions:amount", *AMOUNT_WORDS[form], value, num=shown)


def number(value: Fraction, profile: Profile, counting: bool = False) -> str:
    """A whole number as the language writes it on a label: digits, or Chinese numerals
    (三, 十四, 二十) with 兩 for two things counted (兩粒, 兩次)."""
    n = int(value)
    if profile.numerals != "chinese" or n >= 100 or value.denominator != 1:
        return _decimal(value)
    if n == 2 and counting:
        return "兩"
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else _CN[tens]) + "十" if tens else "") + \
        (_CN[ones] if ones or not tens else "")


def _decimal(value: Fraction) -> str:
    return f"{float(value):g}"


def _fraction(value: Fraction) -> str:
    whole, part = divmod(value, 1)
    glyph = {Fraction(1, 2): "½", Fraction(1, 4): "¼", Fraction(3, 4): "¾"}.get(part)
    if part == 0:
        return str(int(whole))
    return f"{int(whole) or ''}{glyph}" if glyph else _decimal(value)



