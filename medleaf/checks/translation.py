"""Catalog checks: every message of the current sources is there, translated and not fuzzy,
and passes every message check (messages.py) against its English.

Findings print as `locales/zh_Hant_HK/LC_MESSAGES/baclofen.po:LINE: [check-name] context:
message`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from medleaf.checks.messages import Usage
from medleaf.content.languages import SOURCE, Language
from medleaf.content.markup import plain
from medleaf.content.monograph import Leaflet
from medleaf.content.project import Project
from medleaf.errors import Problem
from medleaf.i18n.catalogs import po_path, read_catalog
from medleaf.i18n.glossary import Glossary, avoided, glossary
from medleaf.i18n.interface import has_text, own_po, shipped_po, translates
from medleaf.i18n.profiles import profile
from medleaf.i18n.templates import leaflet_template, ui_template


def names_usage(usage: Glossary, leaflet: Leaflet | None = None) -> Glossary:
    """The glossary with its names as terms: every medicine in its approved form, every
    brand (the glossary's and the leaflet's) kept as written."""
    brands = [*usage.brands, *(b.name for b in leaflet.monograph.names.brands)] \
        if leaflet is not None else list(usage.brands)
    terms = {**usage.medicines, **{b: b for b in brands}, **usage.terms}
    return usage.model_copy(update={"terms": terms})


def unnamed_medicine(project: Project, leaflet: Leaflet, language: Language, path: Path,
                     catalog: Catalog, usage: Glossary) -> list[Problem]:
    """The leaflet's generic name has no approved translation in the glossary."""
    generic = str(leaflet.monograph.names.generic)
    if generic in usage.medicines:
        return []
    context = leaflet.context(("names", "generic"))
    entry = catalog.get(generic, context)
    shown = project.display(project.locales_dir / language.catalog_dir / "glossary.yaml")
    return [Problem(project.display(path), entry.lineno if entry else None, context,
                    f"'{generic}' has no approved translation: add it to the medicines of "
                    f"{shown} ({generic}: ...)", "names")]


def catalog_problems(project: Project, template: Iterable[Message], path: Path,
                     language: Language, usage: Glossary, catalog: Catalog | None = None
                     ) -> list[Problem]:
    """Every problem of one catalog against the source messages (a template, or some of
    its messages), each message checked by every row of the registry's "message" scope."""
    from medleaf.checks.registry import checks  # the registry lists this module's checks
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
    source_profile = profile(Language.parse(SOURCE), project.locales_dir)
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
            checked = Usage(usage.terms, read_as, formatted="python-format" in source.flags,
                            allowed=usage.allowed_characters, source=source_profile,
                            brands=usage.brands, avoid=avoided(usage, read_as))
            printed = (source.id, entry.string) if checked.formatted else \
                (plain(source.id), plain(entry.string))  # what the page shows
            for check in checks("message"):
                english, translation = (source.id, entry.string) if check.as_written \
                    else printed
                problems += [Problem(shown, entry.lineno, context, text, check.name)
                             for text in check.find(english, translation, checked)]
    return problems


def leaflet_catalog_problems(project: Project, leaflet: Leaflet, language: Language
                             ) -> list[Problem]:
    """Every problem of a leaflet's catalog against the glossary: its names (medicines,
    brands, the leaflet's own brands), terms and preferred forms."""
    path = po_path(project, language, leaflet.name)
    template = leaflet_template(project, leaflet)
    if not path.is_file():
        return catalog_problems(project, template, path, language, Glossary())
    catalog = read_catalog(project, path, language)
    usage = glossary(project, language)
    return unnamed_medicine(project, leaflet, language, path, catalog, usage) + \
        catalog_problems(project, template, path, language, names_usage(usage, leaflet),
                         catalog)


def interface_catalog_problems(project: Project, language: Language) -> list[Problem]:
    """The interface strings against the templates': each string the project's ui.po
    translates is checked there; each other one in medleaf's catalog, when medleaf ships the
    language and translates it; what neither has is missing from the project's."""
    template = ui_template(project)
    usage = names_usage(glossary(project, language))
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
