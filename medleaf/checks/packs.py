"""What stops a pack before anything is rendered: a leaflet that does not exist, a language it
lacks, an untranslated or failing title or cover text, and (for a release) a draft.
"""

from __future__ import annotations

from dataclasses import replace

from medleaf.checks import glyphs
from medleaf.checks.content import catalog_glyph_problems
from medleaf.checks.records import content_state, translation_state
from medleaf.checks.translation import catalog_problems, names_usage
from medleaf.content.languages import SOURCE, Language
from medleaf.content.monograph import load_leaflet
from medleaf.content.packfile import DOMAIN, Pack
from medleaf.content.project import Project
from medleaf.errors import ContentError, Problem
from medleaf.i18n.catalogs import leaflet_languages, po_path
from medleaf.i18n.glossary import glossary
from medleaf.i18n.localize import pack_text
from medleaf.i18n.profiles import profile
from medleaf.i18n.templates import pack_template


def pack_problems(project: Project, pack: Pack, release: bool) -> list[Problem]:
    """Every leaflet that does not exist, language a leaflet lacks, untranslated pack text
    and (for a release) draft, found before anything is rendered; raised with them all as
    ContentError when a catalog it reads is too broken to read."""
    problems = []
    known = set(project.leaflet_names())
    for index, name in enumerate(pack.fields.leaflets):
        where = ("leaflets", index)
        if name not in known:
            problems.append(pack.source.problem(where, f"no leaflet '{name}' in leaflets/"))
            continue
        have = leaflet_languages(project, name)
        for language in pack.languages:
            if language not in have:
                problems.append(pack.source.problem(where, f"{name} has no {language} "
                                                    "translation"))
        if release:
            try:
                leaflet = load_leaflet(project, name)
            except ContentError as exc:
                problems += exc.problems
                continue
            states = [content_state(leaflet)] + [translation_state(project, leaflet, lang)
                                                 for lang in pack.languages if lang in have
                                                 and not lang.is_source]
            problems += [pack.source.problem(where, f"{name}: draft: the {s.what} {s.reason}")
                         for s in states if not s.approved]
    own, broken = f"pack:{pack.name}:", []
    for language in pack.languages:
        if language.is_source:
            continue
        try:  # the checks of its own texts
            found = [p for p in packs_catalog_problems(project, language)
                     if p.field is None or p.field.startswith(own)]
        except ContentError as exc:  # a catalog too broken to read: raised with the others
            broken += exc.problems
            found = []
        problems += found
        told = {p.field for p in found}
        problems += [pack.source.problem(path, f"no {language} translation in the packs "
                                         "catalog: run 'medleaf i18n update packs'")
                     for path, text in pack.texts() if pack.context(path) not in told
                     and pack_text(project, pack, path, text, language) is None]
    english = profile(Language.parse(SOURCE), project.locales_dir).fonts
    problems += [replace(pack.source.problem(path, f"{glyphs.describe(c)} is not in "
                                             f"{glyphs.named(english)}: it would print as a "
                                             "box"), check="glyphs")
                 for path, text in pack.texts() for c in glyphs.missing(text, english)]
    problems = [p if p.check else replace(p, check="pack") for p in problems]
    if broken:
        raise ContentError(problems + broken)
    return problems


def packs_catalog_problems(project: Project, language: Language, glyph_check: bool = True
                           ) -> list[Problem]:
    """Every problem of the packs catalog (the title and cover text of every pack): the
    translation checks, and (unless `glyph_check` is false) the glyphs; raises what stops the
    reading of the catalog or the glossary."""
    path = po_path(project, language, DOMAIN)
    return catalog_problems(project, pack_template(project), path, language,
                            names_usage(glossary(project, language))) + \
        (packs_catalog_glyphs(project, language) if glyph_check else [])


def packs_catalog_glyphs(project: Project, language: Language) -> list[Problem]:
    return catalog_glyph_problems(project, language, DOMAIN)
