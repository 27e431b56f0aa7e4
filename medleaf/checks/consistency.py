"""The library's consistency: one English term written one way in every catalog of a
language (the leaflets' and the packs'), unless the glossary settles it.

The forms translators write for a term are the language profile's `variants` (oral
syringe: [口服針筒, 口服注射器]). A term the glossary's `terms` agrees, or whose forms its
`preferred` (or the profile's) avoids, is left to the names and vocabulary checks.
"""

from __future__ import annotations

from collections import defaultdict

from medleaf.checks.messages import found_forms, names
from medleaf.content.languages import Language
from medleaf.content.markup import plain
from medleaf.content.project import Project
from medleaf.errors import Problem
from medleaf.i18n.catalogs import po_path, read_catalog
from medleaf.i18n.glossary import avoided, glossary
from medleaf.i18n.profiles import profile

_SHOWN = 3
"""Places named for each form (then "and N more")."""


def _messages(project: Project, language: Language):
    """(catalog as shown, line, context, English, translation) of every translated message
    of the language's leaflet and packs catalogs."""
    for domain in [*project.leaflet_names(), "packs"]:
        path = po_path(project, language, domain)
        if not path.is_file():
            continue
        shown = project.display(path)
        for m in read_catalog(project, path, language):
            if m.id and isinstance(m.id, str) and isinstance(m.string, str) and \
                    m.string.strip() and not m.fuzzy:
                yield shown, m.lineno, m.context or f'"{m.id}"', plain(m.id), plain(m.string)


def check_consistency(project: Project, language: Language) -> list[Problem]:
    """Each form of a term the library writes in more than one way, at its first use,
    naming every form and where it is used. A message's form is the first it writes (one
    in brackets after it explains it); an avoided form is the vocabulary check's."""
    read_as = profile(language, project.locales_dir)
    usage = glossary(project, language)
    avoid = avoided(usage, read_as)
    agreed = {term.lower() for term in usage.terms}
    variants = {term: forms for term, forms in read_as.variants.items()
                if term.lower() not in agreed}
    if not variants:
        return []
    uses: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for shown, line, context, english, translation in _messages(project, language):
        for term, forms in variants.items():
            found = [f for _, f in found_forms(forms, translation) if f not in avoid]
            if found and names(term, english):  # the first form; a second one glosses it
                uses[term][found[0]].append((shown, line, context))  # 薄血藥（抗凝血藥）
    problems = []
    for term, by_form in uses.items():
        if len(by_form) < 2:
            continue
        listing = "; ".join(f"'{form}' in {_places(places)}" for form, places in
                            by_form.items())
        for places in by_form.values():
            shown, line, context = places[0]
            problems.append(Problem(
                shown, line, context, f"'{term}' is written {len(by_form)} ways in the "
                f"library: {listing}. Choose one, write it everywhere and add it to the "
                f"glossary's terms ({term}: ...)", "consistency"))
    return problems


def _places(places: list) -> str:
    named = [f"{shown.rsplit('/', 1)[-1]}:{line}" for shown, line, _ in places[:_SHOWN]]
    more = len(places) - _SHOWN
    return ", ".join(named) + (f" and {more} more" if more > 0 else "")
