"""Merging the current templates into the catalogs (`medleaf i18n update`, `init`): never by
similarity, never losing a translator's work, never rewriting a catalog it cannot read.
"""

from __future__ import annotations

import copy
import os

from babel.messages.catalog import Catalog

from medleaf.content.languages import Language, translations
from medleaf.content.project import Project
from medleaf.errors import ContentError, UsageError
from medleaf.i18n.catalogs import (
    UI_DOMAIN,
    Updated,
    newline_of,
    po_path,
    read_catalog,
    same_messages,
    write_catalog,
)
from medleaf.i18n.interface import own_po, shipped_po, translates
from medleaf.i18n.templates import templates


def update(project: Project, languages: list[Language] | None = None,
           names: list[str] | None = None) -> list[Updated]:
    """Merge the current templates into the catalogs of the given locales and leaflets.

    By default every locale and every catalog (the interface's and each leaflet's); a
    project's ui.po is started only when named, or when medleaf's own interface catalog of
    the language lacks a string of its templates. Every catalog is read first: if any
    cannot be, nothing is written."""
    languages = translations(project.locales_dir, languages)
    if not languages:
        raise UsageError("there is no locale to update yet: start one with 'medleaf i18n "
                         "init LOCALE' (zh-HK, say)")
    merged, problems = [], []
    for domain, template in templates(project, names).items():
        for language in languages:
            ui = domain == UI_DOMAIN
            path = own_po(project, language) if ui else po_path(project, language, domain)
            created = not os.path.lexists(path)  # a folder there is read, and refused
            try:
                if ui and created and UI_DOMAIN not in (names or ()) and \
                        _borrows_all(project, language, template):
                    continue  # medleaf's catalog has it all: a ui.po only when asked
                catalog = Catalog(locale=language.babel, domain=domain, project="medleaf",
                                  fuzzy=False) if created else read_catalog(project, path,
                                                                            language)
            except ContentError as exc:
                problems += exc.problems
                continue
            merge(catalog, copy.deepcopy(template))  # Babel shares the template's messages
            merged.append((path, created, catalog))
    if problems:
        raise ContentError(problems)
    done = []
    for path, created, catalog in merged:
        changed = created or not same_messages(path, catalog)
        if changed:
            write_catalog(catalog, path, newline=newline_of(path))
        done.append(Updated(path, created, changed))
    return done


def _borrows_all(project: Project, language: Language, template: Catalog) -> bool:
    """Does medleaf's interface catalog translate every interface string of the project?"""
    shipped = shipped_po(project, language)
    if shipped is None:
        return False
    catalog = read_catalog(project, shipped, language)
    return all(translates(catalog, message) for message in template if message.id)


def merge(catalog: Catalog, template: Catalog) -> None:
    """Merge a template into a catalog; nothing is ever matched by similarity.

    - unchanged English keeps its translation, even if its field moved (a list item inserted
      above it shifts its path);
    - a field whose English was edited keeps its old translation (and the translator's
      comments) marked fuzzy, with the old English as its previous msgid, so the translator
      sees exactly what changed (a field is a message context; an interface string, which
      has none, is its template line);
    - anything else is new and untranslated, and a text that is gone becomes obsolete;
    - flags other than fuzzy (python-format) are the template's: the sources decide them.
    """
    old = [m for m in catalog if m.id and m.string]
    by_id = {m.id: m for m in old}
    by_field = {_field(m): m for m in old if _field(m)}
    new_ids = {m.id for m in template if m.id}
    previous = {(m.id, m.context): m.previous_id for m in old if m.fuzzy and m.previous_id}
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
    used = set()
    for message in catalog:
        source_flags = template.get(message.id, message.context)
        if message.id and source_flags is not None:
            message.flags = (message.flags & {"fuzzy"}) | (source_flags.flags - {"fuzzy"})
        if message.fuzzy and (message.id, message.context) in previous:
            message.previous_id = previous[(message.id, message.context)]  # Babel drops it
        if not message.id or message.string:
            continue
        if message.id in by_id:
            source = by_id[message.id]
            message.string = source.string
            message.flags |= source.flags & {"fuzzy"}
        elif _field(message) in by_field and by_field[_field(message)].id not in new_ids:
            source = by_field[_field(message)]
            message.string = source.string
            message.flags.add("fuzzy")
            message.previous_id = [source.id]
        else:
            continue
        message.user_comments = list(source.user_comments)
        used.add((source.id, source.context))
    for key, obsolete in list(catalog.obsolete.items()):
        if (obsolete.id, obsolete.context) in used:
            del catalog.obsolete[key]


def _field(message):
    """Where a message lives: its context, else its first template and line (by the
    template's name: a project's own copy of medleaf's template is the same place)."""
    if message.context or not message.locations:
        return message.context
    file, line = message.locations[0]
    return file.rsplit("/", 1)[-1], line


def init(project: Project, language: Language) -> list[Updated]:
    (project.locales_dir / language.catalog_dir / "LC_MESSAGES").mkdir(parents=True,
                                                                       exist_ok=True)
    return update(project, [language])
