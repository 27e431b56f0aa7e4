"""gettext catalogs: extract messages from monographs and templates, compile and load them.

One catalog per leaflet per locale (locales/LOCALE/LC_MESSAGES/NAME.po) plus one for the
interface strings of the templates (ui.po). Each monograph text is its own message, with a
msgctxt naming the leaflet and field path and a source reference with the YAML line.
Compiled .mo files are build output, refreshed whenever their .po is newer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import PoFileError, read_po, write_po

from .errors import ContentError, Problem
from .locales import Language, available_languages
from .monograph import Leaflet
from .output import write_atomic
from .project import Project

UI_DOMAIN = "ui"
_POT_DATE = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)  # fixed, so extraction is reproducible
_JINJA = "jinja2.ext:babel_extract"
_JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n", "trimmed": "true"}


def leaflet_template(project: Project, leaflet: Leaflet) -> Catalog:
    """The .pot of one leaflet: every translatable text of its monograph."""
    catalog = _new_catalog(leaflet.name)
    shown = project.display(leaflet.source.path)
    for path, text in leaflet.texts():
        catalog.add(text, locations=[(shown, leaflet.line_of(path))],
                    context=leaflet.context(path))
    return catalog


def ui_template(project: Project) -> Catalog:
    """The .pot of the interface: every string marked for translation in the templates."""
    catalog = _new_catalog(UI_DOMAIN)
    for path in sorted(project.templates_dir.rglob("*.html")):
        shown = project.display(path)
        for lineno, message, comments, context in extract_from_file(
            _JINJA, path, options=_JINJA_OPTIONS
        ):
            catalog.add(message, locations=[(shown, lineno)], auto_comments=comments,
                        context=context)
    return catalog


def _new_catalog(domain: str) -> Catalog:
    return Catalog(domain=domain, project="medleaf", version=None, charset="utf-8",
                   creation_date=_POT_DATE, revision_date=_POT_DATE,
                   header_comment=f"# Translations template for medleaf: {domain}.")


def po_path(project: Project, language: Language, domain: str) -> Path:
    return project.locales_dir / language.catalog_dir / "LC_MESSAGES" / f"{domain}.po"


def leaflet_languages(project: Project, name: str) -> list[Language]:
    """English plus every locale that has a catalog for this leaflet."""
    return [lang for lang in available_languages(project.locales_dir)
            if lang.is_source or po_path(project, lang, name).is_file()]


def write_catalog(catalog: Catalog, path: Path, *, template: bool = False) -> None:
    buffer = BytesIO()
    write_po(buffer, catalog, width=100, include_previous=not template, omit_header=False)
    write_atomic(path, buffer.getvalue())


def read_catalog(project: Project, path: Path, language: Language | None = None) -> Catalog:
    """Read a .po file; a malformed one is a ContentError naming file and line."""
    locale = language.babel if language else None
    try:
        with path.open("rb") as fileobj:
            return read_po(fileobj, locale=locale, domain=path.stem, abort_invalid=True)
    except PoFileError as exc:
        message = str(exc).rsplit(" on ", 1)[0]
        raise ContentError([Problem(project.display(path), exc.lineno + 1, None, message)]) \
            from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ContentError([Problem(project.display(path), None, None, str(exc))]) from None


@dataclass
class CompiledCatalog:
    """The translated, non-fuzzy messages of one .po file, ready for lookup."""

    po: Path
    catalog: Catalog | None

    def lookup(self, msgid: str, context: str | None = None) -> str | None:
        if self.catalog is None:
            return None
        message = self.catalog.get(msgid, context)
        return message.string if message is not None and message.string else None


def load_compiled(project: Project, language: Language, domain: str) -> CompiledCatalog:
    """Compile the .po if its .mo is missing or older, then load the .mo."""
    po = po_path(project, language, domain)
    if not po.is_file():
        return CompiledCatalog(po, None)
    mo = po.with_suffix(".mo")
    if not mo.is_file() or mo.stat().st_mtime < po.stat().st_mtime:
        compile_catalog(project, po, language)
    with mo.open("rb") as fileobj:
        return CompiledCatalog(po, read_mo(fileobj))


def compile_catalog(project: Project, po: Path, language: Language) -> Path:
    """Write NAME.mo beside NAME.po; fuzzy translations are left out."""
    catalog = read_catalog(project, po, language)
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    mo = po.with_suffix(".mo")
    write_atomic(mo, buffer.getvalue())
    return mo
