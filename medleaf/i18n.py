"""The translators' commands: extract templates (.pot), update catalogs (.po), compile (.mo)."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog

from medleaf.catalogs import (
    UI_DOMAIN,
    catalog_content,
    compile_catalog,
    leaflet_template,
    parse_catalog,
    po_path,
    read_catalog,
    render_catalog,
    ui_template,
    write_catalog,
)
from medleaf.content import inputs
from medleaf.content.monograph import load_leaflets
from medleaf.content.project import Project
from medleaf.errors import ContentError, UsageError
from medleaf.locales import Language, translations


def pot_path(project: Project, domain: str) -> Path:
    return project.locales_dir / "templates" / f"{domain}.pot"


def templates(project: Project, names: list[str] | None = None) -> dict[str, Catalog]:
    """Template catalogs by domain: the interface and every leaflet, or just the named ones."""
    from medleaf import packs

    every = [UI_DOMAIN, *([packs.DOMAIN] if project.pack_files() else []),
             *project.leaflet_names()]
    wanted = names or every
    named = [n for n in wanted if n not in (UI_DOMAIN, packs.DOMAIN)]
    leaflets = load_leaflets(project, project.check_names(named)) if named else []
    shared = {UI_DOMAIN: lambda: ui_template(project),
              packs.DOMAIN: lambda: packs.template(project)}
    return {**{domain: make() for domain, make in shared.items() if domain in wanted},
            **{leaflet.name: leaflet_template(project, leaflet) for leaflet in leaflets}}


def extract(project: Project) -> list[Updated]:
    """Write each template whose messages changed (a new Babel's header alone is no change)."""
    written = []
    for domain, catalog in templates(project).items():
        path = pot_path(project, domain)
        created = not path.is_file()
        changed = not _same_messages(path, catalog, template=True)
        if changed:
            write_catalog(catalog, path, template=True)
        written.append(Updated(path, created, changed))
    return written


@dataclass(frozen=True)
class Updated:
    path: Path
    created: bool
    changed: bool = True


def update(project: Project, languages: list[Language] | None = None,
           names: list[str] | None = None) -> list[Updated]:
    """Merge the current templates into the catalogs of the given locales and leaflets.

    By default every locale and every catalog (the interface's and each leaflet's). Every
    catalog is read first: if any cannot be, nothing is written."""
    languages = translations(project.locales_dir, languages)
    if not languages:
        raise UsageError("there is no locale to update yet: start one with 'medleaf i18n "
                         "init LOCALE' (zh-HK, say)")
    merged, problems = [], []
    for domain, template in templates(project, names).items():
        for language in languages:
            path = po_path(project, language, domain)
            created = not path.is_file()
            try:
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
        changed = created or not _same_messages(path, catalog)
        if changed:
            write_catalog(catalog, path, newline=_newline(path))
        done.append(Updated(path, created, changed))
    return done


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
    """Where a message lives: its context, else its first source location."""
    return message.context or (tuple(message.locations[0]) if message.locations else None)


def _same_messages(path: Path, catalog: Catalog, template: bool = False) -> bool:
    """Does the file hold exactly the catalog's messages (what translators care about)?"""
    if not path.is_file():
        return False
    try:
        on_disk = parse_catalog(inputs.read_text(path, str(path), "catalog"), str(path))
    except ContentError:
        return False
    written = parse_catalog(render_catalog(catalog, template=template).decode(), str(path))
    return catalog_content(on_disk) == catalog_content(written)


def _newline(path: Path) -> str:
    """The catalog's line ending as written (CRLF from some editors), kept."""
    try:
        return "\r\n" if b"\r\n" in path.read_bytes()[:4096] else "\n"
    except OSError:
        return "\n"


def init(project: Project, language: Language) -> list[Updated]:
    (project.locales_dir / language.catalog_dir / "LC_MESSAGES").mkdir(parents=True,
                                                                       exist_ok=True)
    return update(project, [language])


def compile_all(project: Project) -> list[Path]:
    compiled = []
    for language in translations(project.locales_dir):
        folder = project.locales_dir / language.catalog_dir / "LC_MESSAGES"
        for po in sorted(folder.glob("*.po")):
            compiled.append(compile_catalog(project, po, language))
    return compiled


@dataclass(frozen=True)
class Stats:
    """How far one catalog is from the current sources."""

    language: Language
    domain: str
    total: int
    translated: int
    fuzzy: int
    untranslated: int
    obsolete: int
    stale: int
    """Messages of the sources missing from the catalog, plus its messages no source has."""

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0

    @property
    def complete(self) -> bool:
        return self.translated == self.total and not self.stale


def stats(project: Project, languages: list[Language] | None = None) -> list[Stats]:
    languages = translations(project.locales_dir, languages)
    rows = []
    for domain, template in templates(project).items():
        for language in languages:
            path = po_path(project, language, domain)
            catalog = read_catalog(project, path, language) if path.is_file() else Catalog()
            rows.append(_stats(language, domain, template, catalog))
    return rows


def _stats(language: Language, domain: str, template: Catalog, catalog: Catalog) -> Stats:
    wanted = {(m.id, m.context) for m in template if m.id}
    have = {(m.id, m.context): m for m in catalog if m.id}
    present = [have[key] for key in wanted if key in have]
    translated = sum(1 for m in present if m.string and not m.fuzzy)
    fuzzy = sum(1 for m in present if m.string and m.fuzzy)
    return Stats(language, domain, total=len(wanted), translated=translated, fuzzy=fuzzy,
                 untranslated=len(wanted) - translated - fuzzy, obsolete=len(catalog.obsolete),
                 stale=len(wanted - set(have)) + len(set(have) - wanted))


def stale_templates(project: Project) -> list[Path]:
    """The .pot files whose messages differ from what `extract` would write now."""
    stale = []
    for domain, catalog in templates(project).items():
        path = pot_path(project, domain)
        if not _same_messages(path, catalog, template=True):
            stale.append(path)
    return stale
