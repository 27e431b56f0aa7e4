"""Prohibitions and omissions: a warning that a translation drops, turns into a permission,
or adds; a translation far shorter than its English.

Both read the words that forbid and negate from the languages' profiles (`prohibitions`,
`negations`, `length_ratio`; i18n/profiles.py): a language without them is not checked.
"""

from __future__ import annotations

import functools
import re

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


@functools.cache
def _pattern(words: tuple[str, ...], spaced: bool) -> re.Pattern | None:
    """Any of the words, longest first (切勿 is one prohibition, not 切勿 and 勿); whole
    words where the language spaces them."""
    if not words:
        return None
    alternatives = []
    for word in sorted(words, key=len, reverse=True):
        body = _GAP.join(re.escape(part.strip()) for part in word.split("…"))
        alternatives.append(rf"(?<![\w']){body}(?![\w'])" if spaced else body)
    return re.compile("|".join(alternatives), re.I)


def found(text: str, words: list[str], read_as: Profile) -> list[str]:
    """Each of `words` in the text, as written there."""
    pattern = _pattern(tuple(words), not read_as.cjk)
    return pattern.findall(text.replace("’", "'")) if pattern else []


def forbids(text: str, read_as: Profile) -> list[str]:
    return found(text, read_as.prohibitions, read_as)


def negates(text: str, read_as: Profile) -> list[str]:
    """What forbids or negates in the text."""
    return found(text, read_as.prohibitions + read_as.negations, read_as)


def source_profile(usage) -> Profile:
    """The English profile a message is compared with (the project's, if the usage has it)."""
    return usage.source or profile(Language.parse(SOURCE))


def check_prohibitions(english: str, translation: str, usage) -> list[str]:
    """Sentence by sentence where both sides have as many: an English sentence that forbids
    and a translation that forbids or negates less often ('Do not' as 可以), or a translation
    that forbids where the English neither forbids nor negates ('you can' as 不可). Else
    over the message: fewer prohibitions, or more, than the English has."""
    source, target = source_profile(usage), usage.profile
    if not (source.prohibitions and target.prohibitions):
        return []
    ours, theirs = sentences(english, source), sentences(translation, target)
    if len(ours) != len(theirs):
        return _counted(english, translation, source, target)
    problems = []
    for one, other in zip(ours, theirs, strict=True):
        if len(negates(other, target)) < len(forbids(one, source)):  # 'do not stop': 可以停
            problems.append(f"the English forbids ('{forbids(one, source)[0]}' in "
                            f"\"{_short(one)}\") but the translation does not: "
                            f"\"{_short(other)}\"")
        if forbids(other, target) and not negates(one, source):
            problems.append(f"the translation forbids ('{forbids(other, target)[0]}' in "
                            f"\"{_short(other)}\") where the English does not: "
                            f"\"{_short(one)}\"")
    return problems


def _counted(english: str, translation: str, source: Profile, target: Profile
             ) -> list[str]:
    """A translation that forbids less than its English, negating less too (a dropped
    'Never ...' may leave a 不用 behind, but then the English's skip is unmatched), or that
    forbids more than the English forbids and negates."""
    ours, theirs = forbids(english, source), forbids(translation, target)
    if len(theirs) < len(ours) and len(negates(translation, target)) < \
            len(negates(english, source)):
        warned = [s for s in sentences(english, source) if forbids(s, source)]
        return [f"the English forbids {_times(ours)}, the translation {_times(theirs)}: is "
                f"\"{_short(warned[-1])}\" translated?"]
    if len(theirs) > len(negates(english, source)):
        return [f"the translation forbids {_times(theirs)}, the English only {_times(ours)}"
                f" and negates no more: is a permission now a prohibition?"]
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
        warned = [s for s in sentences(english, source) if forbids(s, source)]
        written = [c for c in sentences(translation, target, clauses=True)
                   if negates(c, target)]
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
