"""Catalog templates (.pot): every text translators translate, from the monographs (one message
each, with a msgctxt naming the leaflet and field, its YAML line and notes), the templates'
interface strings, and the packs' titles.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file

from medleaf.content.monograph import Leaflet, load_leaflets
from medleaf.content.packfile import DOMAIN as PACKS_DOMAIN
from medleaf.content.packfile import load_pack
from medleaf.content.project import TEMPLATE_FILES, Project
from medleaf.i18n.catalogs import UI_DOMAIN, Updated, same_messages, write_catalog
from medleaf.i18n.quantities import states_numbers

_POT_DATE = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)  # fixed, so extraction is reproducible


_JINJA = "jinja2.ext:babel_extract"


_JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n", "trimmed": "true"}


def leaflet_template(project: Project, leaflet: Leaflet) -> Catalog:
    """The .pot of one leaflet: every translatable text of its monograph."""
    catalog = new_catalog(leaflet.name)
    shown = project.display(leaflet.source.path)
    for path, text in leaflet.texts():
        add_message(catalog, text, (shown, leaflet.line_of(path)), leaflet.context(path),
                    translator_notes(leaflet, text))
    return catalog


def add_message(catalog: Catalog, text: str, location: tuple[str, int],
                context: str | None = None, comments=(), formatted: bool = False) -> None:
    """Add a source text. Babel guesses `python-format` from the text ("0.5% eye drops"
    looks like a format); here it is set exactly: on the strings rendering %-formats
    (`formatted`: the interface's, see html.py), never on the others."""
    catalog.add(text, locations=[location], context=context, auto_comments=comments)
    flags = catalog.get(text, context).flags
    if formatted:
        flags.add("python-format")
    else:
        flags.discard("python-format")


def translator_notes(leaflet: Leaflet, text: str) -> list[str]:
    """What a translator must take care of in this text."""
    notes = []
    if states_numbers(text):
        notes.append("Numbers and units must match the English (5 mg -> 5毫克, "
                     "three times -> 3次).")
    names = leaflet.monograph.names
    kept = [b.name for b in names.brands if b.name.lower() in text.lower()]
    if kept:
        notes.append(f"Keep the brand names as written: {', '.join(kept)}.")
    if str(names.generic).lower() in text.lower() and text != names.generic:
        notes.append(f"Write {names.generic} with its agreed translated name.")
    return notes


def ui_template(project: Project) -> Catalog:
    """The .pot of the interface: every string marked for translation in the templates."""
    catalog = new_catalog(UI_DOMAIN)
    for path in (p for pattern in TEMPLATE_FILES for p in project.template_files(pattern)):
        shown = project.display(path)
        for lineno, message, comments, context in extract_from_file(
            _JINJA, path, options=_JINJA_OPTIONS
        ):
            add_message(catalog, message, (shown, lineno), context, comments, formatted=True)
    return catalog


def new_catalog(domain: str) -> Catalog:
    return Catalog(domain=domain, project="medleaf", version=None, charset="utf-8",
                   creation_date=_POT_DATE, revision_date=_POT_DATE,
                   header_comment=f"# Translations template for medleaf: {domain}.")


def pot_path(project: Project, domain: str) -> Path:
    return project.locales_dir / "templates" / f"{domain}.pot"


def templates(project: Project, names: list[str] | None = None) -> dict[str, Catalog]:
    """Template catalogs by domain: the interface, the packs and every leaflet, or just the
    named ones."""
    every = [UI_DOMAIN, *([PACKS_DOMAIN] if project.pack_files() else []),
             *project.leaflet_names()]
    wanted = names or every
    named = [n for n in wanted if n not in (UI_DOMAIN, PACKS_DOMAIN)]
    leaflets = load_leaflets(project, project.check_names(named)) if named else []
    shared = {UI_DOMAIN: lambda: ui_template(project),
              PACKS_DOMAIN: lambda: pack_template(project)}
    return {**{domain: make() for domain, make in shared.items() if domain in wanted},
            **{leaflet.name: leaflet_template(project, leaflet) for leaflet in leaflets}}


def extract(project: Project) -> list[Updated]:
    """Write each template whose messages changed (a new Babel's header alone is no change)."""
    written = []
    for domain, catalog in templates(project).items():
        path = pot_path(project, domain)
        created = not path.is_file()
        changed = not same_messages(path, catalog, template=True)
        if changed:
            write_catalog(catalog, path, template=True)
        written.append(Updated(path, created, changed))
    return written


def stale_templates(project: Project) -> list[Path]:
    """The .pot files whose messages differ from what `extract` would write now."""
    stale = []
    for domain, catalog in templates(project).items():
        path = pot_path(project, domain)
        if not same_messages(path, catalog, template=True):
            stale.append(path)
    return stale


def pack_template(project: Project) -> Catalog:
    """The packs catalog's template: the title and cover text of every pack."""
    catalog = new_catalog(PACKS_DOMAIN)
    for path in project.pack_files():
        pack = load_pack(project, path)
        for path_in_pack, text in pack.texts():
            line = pack.source.line_of(path_in_pack)
            add_message(catalog, text, (pack.source.shown_as, line), pack.context(path_in_pack))
    return catalog
