"""Prohibitions and omissions: a warning that a translation drops, turns into a permission,
or adds; a translation far shorter than its English.

Both read the words that forbid, stop, limit and negate from the languages' profiles
(`prohibitions`, `stops`, `limits`, `negations`, `clause_words`, `length_ratio`;
i18n/profiles.py): a language without them is not checked.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from medleaf.content.languages import SOURCE, Language
from medleaf.i18n.profiles import Profile, profile

MIN_WORDS = 8
"""An English message of fewer words is never too short (Dizziness: 頭暈)."""
SHORTEST = 0.45
"""A translation under this share of its language's length_ratio is too short."""
_ENDS = "。！？!?"
_GAP = r"[^.?!。！？\n]*?"  # 'not … unless': the second word later in the same sentence


def sentences(text: str, read_as: Profile, clauses: bool = False) -> list[str]:
    """The sentences of a text: at 。！？ in CJK, else at . ? ! before a space; and lines.
    `clauses`: at ，；：、 (, ; :) too."""
    ends = (_ENDS + "，；：、" if clauses else _ENDS) if read_as.cjk else \
        (".?!,;:" if clauses else ".?!")
    ends = rf"(?<=[{ends}])" if read_as.cjk else rf"(?<=[{re.escape(ends)}])(?=\s)"
    return [s.strip() for s in re.split(rf"{ends}|\n+", text) if s.strip()]


@dataclass(frozen=True)
class Said:
    """What a text says that forbids, stops, limits or negates: each word as written."""

    forbids: tuple[str, ...] = ()
    stops: tuple[str, ...] = ()
    limits: tuple[str, ...] = ()
    negates: tuple[str, ...] = ()
    """The other negations."""
    denies: tuple[str, ...] = ()
    """The negations that open a sentence ('No.', 'Not always.')."""

    @property
    def every(self) -> tuple[str, ...]:
        return self.forbids + self.stops + self.limits + self.negates

    @property
    def bounds(self) -> tuple[str, ...]:
        """What forbids or limits (a limit may be translated as either)."""
        return self.forbids + self.limits

    @property
    def needs(self) -> tuple[str, ...]:
        """What a translation must answer with a word that forbids, stops, limits or
        negates."""
        return self.forbids + self.stops + self.limits + self.denies


_CLASSES = ("forbids", "stops", "limits", "negates")


def _pattern(read_as: Profile) -> re.Pattern | None:
    return _compiled(tuple(map(tuple, (read_as.prohibitions, read_as.stops, read_as.limits,
                                       read_as.negations))), read_as.cjk)


@functools.cache
def _compiled(classes: tuple[tuple[str, ...], ...], cjk: bool) -> re.Pattern | None:
    """Every word of the profile, one named group a class, longest first within each (切勿
    is one prohibition, not 切勿 and 勿; 'no more than' one, not 'no'); whole words where the
    language spaces them."""
    groups = []
    for name, words in zip(_CLASSES, classes, strict=True):
        alternatives = []
        for word in sorted((w.lstrip("^") for w in words), key=len, reverse=True):
            body = _GAP.join(re.escape(part.strip()) for part in word.split("…"))
            alternatives.append(body if cjk else rf"(?<![\w']){body}(?![\w'])")
        if alternatives:
            groups.append(f"(?P<{name}>{'|'.join(alternatives)})")
    return re.compile("|".join(groups), re.I) if groups else None


def said(text: str, read_as: Profile) -> Said:
    """What the text says, sentence by sentence."""
    pattern, found = _pattern(read_as), {name: [] for name in (*_CLASSES, "denies")}
    if pattern is None:
        return Said()
    opening = {w.lstrip("^").lower() for w in read_as.prohibitions if w.startswith("^")}
    for sentence in sentences(text, read_as):
        sentence = sentence.replace("’", "'")
        for match in pattern.finditer(sentence):
            name, word = match.lastgroup, match[0]
            if name == "forbids" and word.lower() in opening and \
                    not _opens(sentence[:match.start()], read_as):
                name = "negates"  # 'if they do not go away' tells, never bids
            found[name].append(word)
            if name == "negates" and not sentence[:match.start()].strip():
                found["denies"].append(word)
    return Said(**{name: tuple(words) for name, words in found.items()})


def _opens(before: str, read_as: Profile) -> bool:
    """Whether a word after `before` starts a sentence or clause."""
    before = before.rstrip()
    last = re.search(r"[\w']+$", before)
    return not before or before[-1] in ",;:(—–\"" or \
        (last is not None and last[0].lower() in read_as.clause_words)


def source_profile(usage) -> Profile:
    """The English profile a message is compared with (the project's, if the usage has it)."""
    return usage.source or profile(Language.parse(SOURCE))


def check_prohibitions(english: str, translation: str, usage) -> list[str]:
    """Sentence by sentence where both sides have as many, else over the message: a
    translation that forbids less often than its English, forbids or limits less often, or
    answers less often what the English forbids, stops, limits or denies ('Do not' as 可以,
    'Do not stop' as 可以停藥, 'No.' as 可以。); or that forbids where the English neither
    forbids nor negates ('you can' as 不可), or more often than the English forbids and
    negates."""
    source, target = source_profile(usage), usage.profile
    if not (source.prohibitions and target.prohibitions):
        return []
    ours, theirs = sentences(english, source), sentences(translation, target)
    if len(ours) != len(theirs):
        return _counted(english, translation, source, target)
    problems = []
    for one, other in zip(ours, theirs, strict=True):
        a, b = said(one, source), said(other, target)
        if _short_of(a, b):
            verb = "forbids" if a.forbids else "limits" if a.limits else \
                "says no" if a.denies else "says stop"
            problems.append(f"the English {verb} ('{(a.bounds or a.needs)[0]}' in "
                            f"\"{_short(one)}\") but the translation does not: "
                            f"\"{_short(other)}\"")
        if b.forbids and not a.every:
            problems.append(f"the translation forbids ('{b.forbids[0]}' in "
                            f"\"{_short(other)}\") where the English does not: "
                            f"\"{_short(one)}\"")
    return problems


def _short_of(a: Said, b: Said) -> bool:
    """Whether the translation `b` forbids less than its English `a`, forbids or limits
    less, or answers less what the English forbids, stops, limits or denies."""
    return len(b.forbids) < len(a.forbids) or len(b.bounds) < len(a.bounds) or \
        len(b.every) < len(a.needs)


def _counted(english: str, translation: str, source: Profile, target: Profile
             ) -> list[str]:
    """The same over a message whose sentences do not pair."""
    a, b = said(english, source), said(translation, target)
    if _short_of(a, b):
        ours, theirs, verb = (a.forbids, b.forbids, "forbids") if \
            len(b.forbids) < len(a.forbids) else (a.bounds, b.bounds, "forbids or limits") \
            if len(b.bounds) < len(a.bounds) else (a.needs, b.every, "forbids, stops or denies")
        missed = [s for s in sentences(english, source)
                  if set(map(str.lower, said(s, source).needs)) & set(map(str.lower, ours))]
        return [f"the English {verb} {_times(ours)}, the translation {_times(theirs)}: is "
                f"\"{_short(missed[-1])}\" translated?"]
    if len(b.forbids) > len(a.every):
        return [f"the translation forbids {_times(b.forbids)}, the English only "
                f"{_times(a.forbids)} and negates no more: is a permission now a prohibition?"]
    return []


def check_omission(english: str, translation: str, usage) -> list[str]:
    """A translation far shorter than its English for its language (under SHORTEST of the
    profile's length_ratio, messages of MIN_WORDS English words or more), or with fewer
    clauses that forbid or negate than the English has sentences that forbid (a dropped
    warning; '切勿A，亦不要B' may translate two)."""
    source, target = source_profile(usage), usage.profile
    problems = []
    if target.length_ratio and len(re.findall(r"\w+", english)) >= MIN_WORDS:
        ratio = _length(translation) / _length(english)
        if ratio < SHORTEST * target.length_ratio:
            problems.append(f"the translation is {ratio:.2f} times as long as the English, "
                            f"under {SHORTEST:.0%} of the usual {target.length_ratio:g}: is "
                            "a part missing?")
    if source.prohibitions and target.prohibitions:
        warned = [s for s in sentences(english, source) if said(s, source).forbids]
        written = [c for c in sentences(translation, target, clauses=True)
                   if said(c, target).every]
        if len(written) < len(warned):
            problems.append(f"the English has {_count(len(warned), 'sentence')} that "
                            f"{_verb(len(warned), 'forbid')}, the translation "
                            f"{_count(len(written), 'clause')} that "
                            f"{_verb(len(written), 'forbid')} or "
                            f"{_verb(len(written), 'negate')}: is a warning missing?")
    return problems


def _length(text: str) -> int:
    return len(re.sub(r"\s", "", text)) or 1


def _times(words: list[str]) -> str:
    shown = ", ".join(dict.fromkeys(w.lower() for w in words))
    return f"{_count(len(words), 'time')} ({shown})" if words else "0 times"


def _count(n: int, thing: str) -> str:
    return f"{n} {thing}" if n == 1 else f"{n} {thing}s"


def _verb(n: int, verb: str) -> str:
    return f"{verb}s" if n == 1 else verb


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit].rstrip() + "…"
