"""Message checks: each finds one way a translated message could mislead a patient.

A message check is a small function (english, translation, usage) -> [message], run on every
translated message of every catalog (translation.py walks the catalogs); MESSAGE_CHECKS
lists them for the registry. Findings print as
`locales/zh_Hant_HK/LC_MESSAGES/baclofen.po:LINE: [check-name] context: message`.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from medleaf.checks.check import Check
from medleaf.checks.prohibitions import check_omission, check_prohibitions
from medleaf.checks.quantities import quantity_problems
from medleaf.content import characters
from medleaf.content.markup import markup_problem, markup_skeleton
from medleaf.i18n.profiles import Profile

# A %-format directive as Python reads it (what rendering does with interface strings).
_DIRECTIVE = re.compile(r"%%|%(?:\((?P<name>[^)]*)\))?(?P<spec>[-#0 +]*(?:\*|\d+)?"
                        r"(?:\.(?:\*|\d+))?[hlL]?(?P<type>.?))", re.S)


_MARKUP_NAMES = {"em": "*emphasis*", "strong": "**strong**", "bullet_list": "list",
                 "ordered_list": "numbered list", "list_item": "list item"}


_HTML = re.compile(r"<[!/?A-Za-z][^>]*>|&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


@dataclass(frozen=True)
class Usage:
    """What a message is checked against beside its English: the agreed terms, and whether
    rendering %-formats it (the interface's strings) or prints it as light markup."""

    terms: dict[str, str]
    """English term or name: the form its translation must contain (brands: as written)."""
    profile: Profile
    formatted: bool = False
    allowed: str = ""
    """Characters the glossary allows whatever their script."""
    source: Profile | None = None
    """The English's profile (the project's own, if it has one; else medleaf's)."""
    brands: dict[str, str] = field(default_factory=dict)
    """Brand: the Chinese name a message naming it must add (glossary.brands)."""
    avoid: dict[str, tuple[str, bool]] = field(default_factory=dict)
    """Form to avoid: (the preferred form, whether the language's own list says so)."""


def check_placeholders(english: str, translation: str, usage: Usage) -> list[str]:
    """A formatted string renders with exactly the English's %(name)s placeholders: any
    other % (a lone one, %d, %(x)r, %s) would crash the render or print wrongly."""
    if not usage.formatted:
        return []
    problems, got = [], Counter()
    for match in _DIRECTIVE.finditer(translation):
        if match[0] == "%%":
            continue
        if match["name"] is None:
            problems.append(f"'{match[0]}' is not a placeholder: write a percent sign as %%")
        elif match["spec"] != "s":
            problems.append(f"'{match[0]}': placeholders are written %({match['name']})s")
        else:
            got[match["name"]] += 1
    want = Counter(m["name"] for m in _DIRECTIVE.finditer(english) if m["name"] is not None)
    problems += [f"placeholder %({p})s is missing" for p in want - got]
    problems += [f"placeholder %({p})s is not in the English" for p in got - want]
    if not problems:
        try:
            translation % {name: "" for name in want}  # exactly what rendering does
        except (ValueError, TypeError, KeyError) as exc:
            problems.append(f"cannot be formatted: {exc}")
    return problems


def check_markup(english: str, translation: str, usage: Usage) -> list[str]:
    if usage.formatted:  # interface strings are text: a tag or entity would print as written
        return [f"HTML is not allowed in an interface string: {found}"
                for found in dict.fromkeys(_HTML.findall(translation))]
    problem = markup_problem(translation)
    if problem:
        return [problem]
    want, got = Counter(markup_skeleton(english)), Counter(markup_skeleton(translation))
    return [f"the English has {want[k]} {_MARKUP_NAMES.get(k, k)}, the translation {got[k]}"
            for k in sorted(set(want) | set(got)) if want[k] != got[k]]


def check_characters(english: str, translation: str, usage: Usage) -> list[str]:
    return [message for _, message in characters.problems(translation)]


def check_numbers(english: str, translation: str, usage: Usage) -> list[str]:
    """Every quantity, frequency, range and number of the English, and no other, in the
    translation (checks/quantities.py)."""
    return quantity_problems(english, translation, usage.profile, usage.source)


def names(term: str, english: str) -> bool:
    """Whether the English has the term (or its plural: beta-blockers), as a whole word."""
    start = r"\b" if re.match(r"\w", term) else ""
    end = r"(?:s|es)?\b" if re.search(r"\w$", term) else ""
    return re.search(start + re.escape(term) + end, english, re.I) is not None


def check_names(english: str, translation: str, usage: Usage) -> list[str]:
    problems = [f"'{term}' must be kept as written" if agreed == term else
                f"'{term}' must be translated as '{_short(agreed)}'"
                for term, agreed in usage.terms.items()
                if agreed not in translation and names(term, english)]
    return problems + [f"the brand '{brand}' must be given with its Chinese name "
                       f"'{chinese}'"
                       for brand, chinese in usage.brands.items()
                       if chinese and chinese not in translation and names(brand, english)]


def found_forms(forms, text: str) -> list[tuple[int, str]]:
    """Where each of the forms is in the text, longest first, never two at one place
    (甲狀腺激素 is found once, not again as 激素)."""
    taken, found = set(), []
    for form in sorted(forms, key=len, reverse=True):
        for match in re.finditer(re.escape(form), text):
            span = set(range(match.start(), match.end()))
            if not span & taken:
                taken |= span
                found.append((match.start(), form))
    return sorted(found)


def check_vocabulary(english: str, translation: str, usage: Usage) -> list[str]:
    """A form the language's list or the glossary avoids, naming the one to write."""
    where = usage.profile.usage or usage.profile.name
    forms = {*usage.avoid, *(good for good, _ in usage.avoid.values())}  # 腹瀉 holds no 肚瀉
    bad = dict.fromkeys(f for _, f in found_forms(forms, translation) if f in usage.avoid)
    return [f"'{b}' is not {where} usage: write '{usage.avoid[b][0]}'" if usage.avoid[b][1]
            else f"'{b}' is not the agreed form (glossary): write '{usage.avoid[b][0]}'"
            for b in bad]


def _short(text: str, limit: int = 60) -> str:
    """A text quoted in a message, cut if long (a message is read, not scrolled)."""
    return text if len(text) <= limit else text[:limit] + "…"


def check_identical(english: str, translation: str, usage: Usage) -> list[str]:
    """A translation left in English (words other than placeholders and agreed terms)."""
    words = set(re.findall(r"[A-Za-z]+", _DIRECTIVE.sub(" ", english) if usage.formatted
                           else english))
    agreed_as_is = {term for term, agreed in usage.terms.items() if term == agreed}
    if translation.strip() == english.strip() and words - agreed_as_is:
        return ["the translation is the same as the English"]
    return []


@functools.cache
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


# A character is of the other script when both conversions change it, so regional variants
# (溫/温, 衛/衞) and words where OpenCC differs between regions (才) are left alone.
_CONVERSIONS = {"Hans": (("s2hk", "s2tw"), "Simplified"), "Hant": (("t2s", "hk2s"), "Traditional")}


def check_script(read_as: Profile, translation: str, allowed: str = "") -> list[str]:
    """Chinese characters of the script the language's profile refuses, found with OpenCC:
    Simplified ones in a Traditional catalog, Traditional ones in a Simplified one."""
    if read_as.refuse_script not in _CONVERSIONS:
        return []
    configs, name = _CONVERSIONS[read_as.refuse_script]
    one, other = (_converter(c).convert(translation) for c in configs)
    if not len(one) == len(other) == len(translation):
        return []
    return [f"'{a}' (U+{ord(a):04X}) is a {name} character; write '{b}'"
            for a, b in dict.fromkeys((a, b) for a, b, c in zip(translation, one, other,
                                                                strict=True)
                                      if a != b and a != c and a not in allowed)]


def check_script_of(english: str, translation: str, usage: Usage) -> list[str]:
    return check_script(usage.profile, translation, usage.allowed)


MESSAGE_CHECKS = (
    Check("characters", "message", check_characters, as_written=True,
          about="invisible, bidi or control characters, lookalike letters"),
    Check("placeholders", "message", check_placeholders, as_written=True,
          about="an interface string's %(name)s placeholders differ from the English's"),
    Check("markup", "message", check_markup, as_written=True,
          about="emphasis, lists or HTML differ from the English's"),
    Check("numbers", "message", check_numbers,
          about="a quantity, unit, frequency, range or number added, dropped or changed"),
    Check("names", "message", check_names,
          about="a medicine, brand or term not in the glossary's form (its medicines, "
                "brands and terms)"),
    Check("vocabulary", "message", check_vocabulary,
          about="a form the language avoids (another region's word) or the glossary's "
                "preferred avoids"),
    Check("identical", "message", check_identical,
          about="the translation is the English, left untranslated"),
    Check("script", "message", check_script_of,
          about="a character of the script the language refuses (Simplified in Hong Kong)"),
    Check("prohibition", "message", check_prohibitions,
          about="a 'do not' the translation drops or makes a permission, or one it adds"),
    Check("omission", "message", check_omission,
          about="a translation far shorter than its English, or a warning sentence missing"),
)
