"""Read every quantity a text states, as its language's profile writes them: a number with its
unit (5 mg, 1粒半, 攝氏25度), a range (4 to 8 weeks, 4至8星期), a frequency (twice a day,
每日3次), an interval (every 4 hours, 每4小時), an occasion (at bedtime, 睡前), and every
other number written in digits as a bare number (999, type 2).

A number written in words counts only beside a unit (two puffs, 兩劑); 'no one', 一般 and
三方面 are no quantities. A translation may also write the English's units (5 mg in Chinese).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from medleaf.content.languages import Language
from medleaf.i18n.numerals import DIGITS, chinese_numerals, number
from medleaf.i18n.profiles import Profile, profile

BARE = "number"
_CLAUSE = re.compile(r"[,.;:!?()\[\]，。；：！？（）、\n]")
_NEAR = 20  # a frequency's period and count stand within a clause, this close
_ABSORBED = 8  # 'once' beside 'every 3 days' (每3日增加一次) is part of it


@dataclass(frozen=True)
class Quantity:
    low: float
    high: float
    kinds: frozenset[str]
    """The units its unit word may be, by English name (粒: tablet, capsule); BARE for a
    number without one; an occasion's name."""
    text: str
    """As written in the text (quoted in messages)."""
    start: int
    end: int
    per: str | None = None
    """A frequency's period: 'day' in 3 times a day."""
    in_words: bool = False
    every: bool = False
    occasion: bool = False
    between: bool = False
    """Two, in words, of 'between' (兩次服藥之間: between doses)."""

    @property
    def bare(self) -> bool:
        return BARE in self.kinds


def read(text: str, language: Profile, source: Profile | None = None) -> list[Quantity]:
    """Every quantity of the text, in order. `source` is the English profile, whose units a
    translation may keep."""
    return _reader(language, source).read(text)


@functools.cache
def english() -> Profile:
    """The source language's profile, medleaf's own."""
    return profile(Language.parse("en"))


def unit_words(profile: Profile, source: Profile | None = None) -> dict[str, list[str]]:
    """Each unit's words: the profile's own, its measure words, then the English's."""
    words: dict[str, list[str]] = {}
    for units in (profile.units, {k: [v] for k, v in profile.measure_words.items()},
                  source.units if source is not None else {}):
        for kind, forms in units.items():
            words.setdefault(kind, []).extend(f for f in forms if f not in words[kind])
    return words


def unit_classes(profile: Profile, source: Profile) -> dict[str, str]:
    """Units a translation cannot tell apart share a class (粒 is a tablet or a capsule, 次 a
    dose or a time): each unit's class, named by its first unit in the English's order."""
    words = unit_words(profile, source)
    order = list(source.units) + sorted(set(words) - set(source.units))
    parent = {kind: kind for kind in words}

    def root(kind: str) -> str:
        while parent[kind] != kind:
            kind = parent[kind]
        return kind

    owner: dict[str, str] = {}
    for kind in order:
        for word in words[kind]:
            word = word.casefold()
            if word in owner:
                a, b = sorted((root(owner[word]), root(kind)), key=order.index)
                parent[b] = a
            else:
                owner[word] = kind
    return {kind: root(kind) for kind in words}


def _edge(word: str, profile: Profile) -> str:
    """A word as a pattern: a whole word in Latin letters; a word's start in another script
    with spaces (Nepali attaches its postpositions: ७ दिनसम्म); as it is in CJK."""
    pattern = re.escape(word).replace(r"\ ", r"\s+")  # 'a day' across a line break
    if len(word) > 1:
        pattern = pattern.replace(r"\-", r"[\s-]")  # araw-araw
    if word.isascii():
        before, after = r"(?<![A-Za-z])", r"(?![A-Za-z])"
    elif not profile.cjk:
        before, after = r"(?<![^\W\d_])", ""  # after a letter, not a digit
    else:
        return pattern
    return (before if word[0].isalpha() else "") + pattern + (after if word[-1].isalpha()
                                                              else "")


def _any(words, profile: Profile) -> str:
    words = sorted({w for w in words if w}, key=len, reverse=True)
    return "|".join(_edge(w, profile) for w in words) or r"(?!)"


@dataclass
class _Reader:
    profile: Profile
    units: dict[str, frozenset[str]]
    templates: dict[str, list[tuple[str, frozenset[str]]]]
    pattern: re.Pattern
    periods: re.Pattern
    period_of: dict[str, str]
    every: re.Pattern
    hidden: re.Pattern | None

    @property
    def words(self) -> dict[str, float]:
        return self.profile.number_words

    def read(self, text: str) -> list[Quantity]:
        work = re.sub(r"(?<=[A-Za-z])-(?=[A-Za-z])", " ", text)  # once-a-day
        if self.hidden is not None:
            work = self.hidden.sub(lambda m: " " * len(m[0]), work)
        periods, found = [], []
        for match in self.periods.finditer(work):
            kind = self.period_of[_folded(match[0])]
            if kind.startswith("@"):  # an occasion
                found.append(Quantity(0, 0, frozenset({kind[1:]}), text[match.start():
                                      match.end()], match.start(), match.end(),
                                      occasion=True))
            else:
                periods.append((match.start(), match.end(), kind))
        work = self.periods.sub(lambda m: "\x01" * len(m[0]), work)
        found += [q for m in self.pattern.finditer(work) if (q := self._quantity(m, text,
                                                                                 work))]
        found.sort(key=lambda q: q.start)
        found = [replace(q, between=True) if self._between(q, work) else q for q in found]
        return _frequencies(_absorb(found, work), periods, text, work)

    def _between(self, q: Quantity, work: str) -> bool:
        """兩次服藥之間, between the two doses: 'between' in the clause of a two in words."""
        if not (q.in_words and q.low == q.high == 2 and self.profile.between):
            return False
        clause = _CLAUSE.split(work[:q.start])[-1] + q.text + _CLAUSE.split(work[q.end:])[0]
        return any(word.casefold() in clause.casefold() for word in self.profile.between)

    def _quantity(self, m: re.Match, text: str, work: str) -> Quantity | None:
        if m["tw"]:
            words = self.profile.times_words
            low = words[_key(m["tw"], words)]
            high = words[_key(m["tw2"], words)] if m["tw2"] else low
            return Quantity(low, high, frozenset({"times"}), m[0], m.start(), m.end(),
                            in_words=True)
        if m["ow"]:  # Third Schedule: a number, in words
            value = self.profile.ordinal_words[_key(m["ow"], self.profile.ordinal_words)]
            return Quantity(value, value, frozenset({BARE}), m[0], m.start(), m.end(),
                            in_words=True)
        digits = any(n and re.fullmatch(DIGITS, n) for n in (m["a"], m["b"]))
        kinds, around = self._kinds(m["pre"], m["unit"])
        start = m.start() if around else m.start("a")
        ordinal = any(work[:start].rstrip().endswith(o) for o in self.profile.ordinals)
        low, high = number(m["a"], self.profile), number(m["b"], self.profile)
        if low is None or (m["b"] and high is None):
            return None
        high = low if high is None else high
        if not kinds or ordinal or BARE in kinds:
            counted = BARE in kinds or ordinal or (low != 1 and _key(m["a"], self.words))
            if not digits and not counted:
                return None  # 'no one', 一般: no number
            end = m.end() if BARE in kinds and not digits else \
                m.end("b") if m["b"] else m.end("a")
            return Quantity(low, high, frozenset({BARE}), text[start:end], start, end,
                            in_words=not digits)
        if m["half"]:
            low, high = low + 0.5, high + 0.5
        before = self.every.search(work[:start])
        if before:
            start = before.start()
        return Quantity(low, high, kinds, text[start:m.end()], start, m.end(),
                        in_words=not digits, every=bool(before))

    def _kinds(self, prefix: str | None, unit: str | None) -> tuple[frozenset[str], bool]:
        """The units the words around a number name, and whether they are written around
        it (攝氏25度)."""
        for suffix, kinds in self.templates.get(prefix, []) if prefix else []:
            if (unit or "") == suffix:
                return kinds, True
        return self.units.get(" ".join((unit or "").split()).casefold(), frozenset()), False


def _folded(phrase: str) -> str:
    """A phrase as a key: 'A  day', 'araw-araw' and 'araw araw' alike."""
    return " ".join(phrase.replace("-", " ").split()).casefold()


def _key(word: str, words) -> str | None:
    """The profile's own spelling of a word read in any case and spacing."""
    return next((w for w in words if _folded(w) == _folded(word)), None)


def _gap(work: str, a: int, b: int, limit: int) -> bool:
    """Do positions a..b stand in one clause, at most `limit` characters apart?"""
    between = work[a:b]
    return 0 <= len(between) <= limit and not _CLAUSE.search(between.replace("\x01", ""))


def _absorb(found: list[Quantity], work: str) -> list[Quantity]:
    """'once every 3 days' and 每3日增加一次 are the interval 'every 3 days'."""
    return [q for i, q in enumerate(found)
            if not ("times" in q.kinds and q.low == q.high == 1 and not q.every and any(
                n.every and _gap(work, min(q.end, n.end), max(q.start, n.start), _ABSORBED)
                for n in found[max(i - 1, 0):i] + found[i + 1:i + 2]))]


def _frequencies(found: list[Quantity], periods, text: str, work: str) -> list[Quantity]:
    """A number of times beside a period is a frequency: 'three times a day', 每日服用3次."""
    result = []
    for i, q in enumerate(found):
        if "times" in q.kinds and not q.every:
            lo = found[i - 1].end if i else 0
            hi = found[i + 1].start if i + 1 < len(found) else len(work)
            near = [(min(abs(s - q.end), abs(q.start - e)), s, e, kind)
                    for s, e, kind in periods if lo <= s and e <= hi and
                    _gap(work, min(e, q.end), max(s, q.start), _NEAR)]
            if near:
                _, s, e, kind = min(near)
                start, end = min(s, q.start), max(e, q.end)
                q = replace(q, per=kind, text=text[start:end], start=start, end=end)
        result.append(q)
    return result


def _compiled(profile: Profile, source: Profile | None) -> _Reader:
    words = unit_words(profile, source)
    units, templates = {}, {}
    for kind, forms in words.items():
        for form in forms:
            if "{}" in form:
                prefix, suffix = form.split("{}", 1)
                templates.setdefault(prefix, []).append((suffix, kind))
            else:
                units.setdefault(form.casefold(), set()).add(kind)
    for counter in profile.counters:  # 兩隻: a number of something else
        units.setdefault(counter.casefold(), set()).add(BARE)
    units = {w: frozenset(k) for w, k in units.items()}
    templates = {p: [(s, frozenset({k})) for s, k in forms] for p, forms in templates.items()}
    suffixes = [s for forms in templates.values() for s, _ in forms]
    cn = chinese_numerals(profile) if profile.numerals == "chinese" else ""
    number = "|".join(filter(None, [DIGITS, f"[{re.escape(cn)}]+" if cn else "",
                                    _any(profile.number_words, profile)]))
    joins = _any(profile.range_words, profile)
    times = _any(profile.times_words, profile)
    pattern = (rf"(?P<ow>{_any(profile.ordinal_words, profile)})"
               rf"|(?P<tw>{times})(?:\s*(?:{joins})\s*(?P<tw2>{times}))?"
               rf"|(?P<pre>{_any(templates, profile)})?(?P<a>{number})"
               rf"(?:\s*(?:{joins})\s*(?P<b>{number}))?"
               rf"(?:\s*(?:{_any(profile.fillers, profile)}))?"
               rf"(?:[\s-]*(?P<unit>{_any(list(units) + suffixes, profile)}))?"
               + ("(?P<half>半)?" if cn else "(?P<half>(?!))?"))
    period_of = {_folded(w): kind for kind, forms in profile.per.items() for w in forms}
    period_of |= {_folded(w): "@" + name for name, forms in profile.occasions.items()
                  for w in forms}
    every = rf"(?:{_any(profile.every, profile)})\s*\Z" if profile.every else r"(?!)"
    hidden = re.compile(_any(profile.not_quantities, profile), re.I) \
        if profile.not_quantities else None
    return _Reader(profile, units, templates, re.compile(pattern, re.I),
                   re.compile(_any(period_of, profile), re.I), period_of,
                   re.compile(every, re.I), hidden)


_READERS: dict[tuple, _Reader] = {}


def _reader(profile: Profile, source: Profile | None) -> _Reader:
    """One compiled reader per profile (and English profile) read."""
    key = (profile.name, profile.digest, source and (source.name, source.digest))
    if key not in _READERS:
        _READERS[key] = _compiled(profile, source)
    return _READERS[key]


_NO_AMOUNT = {"second", "minute", "day", "week", "month", "year", "°C"}  # how long, how warm


def states_amount(text: str) -> bool:
    """Does an English text state an amount: a number with a unit of dose or count (5 mg,
    2.5 ml, two puffs), a frequency (twice a day) or an interval (every 4 hours)?"""
    return any(not q.bare and not q.occasion and (q.per or q.every or q.kinds - _NO_AMOUNT)
               for q in read(text, english()))


def states_numbers(text: str) -> bool:
    """Does an English text state a number (an article before a unit, 'a dose', is none, nor
    a number word counting something else, 'two ways')?"""
    return any(not q.occasion and not (q.in_words and q.bare) and
               not (q.in_words and q.low == q.high == 1 and
                    q.text.split()[0].casefold() in ("a", "an"))
               for q in read(text, english()))
