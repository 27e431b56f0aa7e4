"""Translation checks: each finds one way a translated message could mislead a patient.

Every message of the current sources is reviewed against its catalog entry. A check is a
small function (english, translation, terms) -> messages; findings are Problems printed as
`locales/zh_Hant_HK/LC_MESSAGES/baclofen.po:LINE: [check-name] context: message`.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from medleaf.content import characters
from medleaf.content.languages import Language
from medleaf.content.markup import markup_problem, markup_skeleton, plain
from medleaf.content.monograph import Leaflet
from medleaf.content.project import Project
from medleaf.errors import Problem
from medleaf.i18n.catalogs import po_path, read_catalog
from medleaf.i18n.glossary import Glossary, glossary
from medleaf.i18n.interface import has_text, own_po, shipped_po, translates
from medleaf.i18n.numbers import doses, english_numbers, has_dose, translated_numbers
from medleaf.i18n.profiles import Profile, profile
from medleaf.i18n.templates import leaflet_template, ui_template

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
    profile: Profile
    formatted: bool = False


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
    problems = [f"the dose {number} {unit} is not in the translation (as {number} "
                f"followed by the unit)" for number, unit in doses(english)
                if not has_dose(translation, number, unit, usage.profile)]
    found = translated_numbers(translation, usage.profile)
    problems += [f"the number {_show(n)} is not in the translation"
                 for n in sorted(english_numbers(english)) if n not in found]
    return problems


def _show(number: float) -> str:
    return f"{number:g}"


def check_names(english: str, translation: str, usage: Usage) -> list[str]:
    return [f"'{term}' must be translated as '{_short(agreed)}'"
            for term, agreed in usage.terms.items()
            if re.search(rf"\b{re.escape(term)}\b", english, re.I) and agreed not in translation]


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


_AS_WRITTEN = {"characters", "placeholders", "markup"}  # the others read the printed text


CHECKS = {"characters": check_characters, "placeholders": check_placeholders,
          "markup": check_markup, "numbers": check_numbers, "names": check_names,
          "identical": check_identical}


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


def leaflet_terms(leaflet: Leaflet, catalog: Catalog) -> dict[str, str]:
    """The leaflet's own names: the generic name as translated in its catalog, brands as is."""
    names = leaflet.monograph.names
    terms = {brand.name: brand.name for brand in names.brands}
    generic = catalog.get(names.generic, leaflet.context(("names", "generic")))
    if generic is not None and isinstance(generic.string, str) and generic.string and \
            not generic.fuzzy:
        terms[str(names.generic)] = generic.string
    return terms


def catalog_problems(project: Project, template: Iterable[Message], path: Path,
                     language: Language, usage: Glossary, catalog: Catalog | None = None
                     ) -> list[Problem]:
    """Every problem of one catalog against the source messages (a template, or some of
    its messages)."""
    shown = project.display(path)
    if catalog is None:
        if not path.is_file():
            command = f"update --locale {language} {path.stem}" if path.parent.is_dir() \
                else f"init {language}"
            return [Problem(shown, None, None, f"no {language} catalog: run 'medleaf i18n "
                            f"{command}'", "untranslated")]
        catalog = read_catalog(project, path, language)
    by_context = {m.context: m for m in catalog if m.id and m.context}
    read_as = profile(language, project.locales_dir)
    problems = []
    for source in template:
        if not source.id:
            continue
        entry = catalog.get(source.id, source.context)
        context = source.context or f'"{source.id}"'
        if entry is not None and not (isinstance(entry.id, str) and
                                      isinstance(entry.string, str)):
            problems.append(Problem(shown, entry.lineno, context, "plural forms (msgid_plural, "
                                    "msgstr[N]) are not used here: give one msgstr",
                                    "untranslated"))
        elif entry is None:
            stale = by_context.get(source.context)
            problems.append(Problem(shown, stale.lineno if stale else None, context,
                                    "not in the catalog: run 'medleaf i18n update'",
                                    "out-of-date"))
        elif not entry.string.strip():  # a space is no translation
            problems.append(Problem(shown, entry.lineno, context, "not translated",
                                    "untranslated"))
        elif entry.fuzzy:
            problems.append(Problem(shown, entry.lineno, context, "fuzzy: review the "
                                    "translation, then remove the fuzzy flag", "fuzzy"))
        else:
            checked = Usage(usage.terms, read_as, formatted="python-format" in source.flags)
            printed = (source.id, entry.string) if checked.formatted else \
                (plain(source.id), plain(entry.string))  # what the page shows
            for name, check in CHECKS.items():
                english, translation = (source.id, entry.string) if name in _AS_WRITTEN \
                    else printed
                problems += [Problem(shown, entry.lineno, context, text, name)
                             for text in check(english, translation, checked)]
            problems += [Problem(shown, entry.lineno, context, text, "script") for text in
                         check_script(read_as, printed[1], usage.allowed_characters)]
    return problems


def leaflet_catalog_problems(project: Project, leaflet: Leaflet, language: Language
                             ) -> list[Problem]:
    """Every problem of a leaflet's catalog, its own names among the agreed terms."""
    path = po_path(project, language, leaflet.name)
    template = leaflet_template(project, leaflet)
    if not path.is_file():
        return catalog_problems(project, template, path, language, Glossary())
    catalog = read_catalog(project, path, language)
    usage = glossary(project, language)
    usage = usage.model_copy(update={"terms": {**usage.terms,
                                               **leaflet_terms(leaflet, catalog)}})
    return catalog_problems(project, template, path, language, usage, catalog)


def interface_catalog_problems(project: Project, language: Language) -> list[Problem]:
    """The interface strings against the templates': each string the project's ui.po
    translates is checked there; each other one in medleaf's catalog, when medleaf ships the
    language and translates it; what neither has is missing from the project's."""
    template = ui_template(project)
    usage = glossary(project, language)
    own, shipped = own_po(project, language), shipped_po(project, language)
    if shipped is None:
        return catalog_problems(project, template, own, language, usage)
    ours = read_catalog(project, own, language) if own.is_file() else None
    theirs = read_catalog(project, shipped, language)
    mine, borrowed, missing = [], [], []
    for message in (m for m in template if m.id):
        own_text = ours is not None and has_text(ours.get(message.id, message.context))
        (mine if own_text else borrowed if translates(theirs, message) else
         missing).append(message)
    problems = catalog_problems(project, borrowed, shipped, language, usage, theirs)
    if mine or missing:
        problems = catalog_problems(project, mine + missing, own, language, usage,
                                    ours) + problems
    return problems
