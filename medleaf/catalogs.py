"""gettext catalogs: extract messages from monographs and templates, compile and load them.

One catalog per leaflet per locale (locales/LOCALE/LC_MESSAGES/NAME.po) plus one for the
interface strings of the templates (ui.po). Each monograph text is its own message, with a
msgctxt naming the leaflet and field path and a source reference with the YAML line.
Compiled .mo files are build output, refreshed whenever their .po is newer.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import PoFileError, denormalize, normalize, read_po, write_po

from .errors import ContentError, Problem
from .locales import Language, available_languages
from .monograph import Leaflet
from .numbers import doses, english_numbers
from .output import write_atomic
from .project import Project

UI_DOMAIN = "ui"
_POT_DATE = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)  # fixed, so extraction is reproducible
_WIDTH = 100
_JINJA = "jinja2.ext:babel_extract"
_JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n", "trimmed": "true"}


def leaflet_template(project: Project, leaflet: Leaflet) -> Catalog:
    """The .pot of one leaflet: every translatable text of its monograph."""
    catalog = new_catalog(leaflet.name)
    shown = project.display(leaflet.source.path)
    for path, text in leaflet.texts():
        catalog.add(text, locations=[(shown, leaflet.line_of(path))],
                    context=leaflet.context(path), auto_comments=translator_notes(leaflet, text))
    return catalog


def translator_notes(leaflet: Leaflet, text: str) -> list[str]:
    """What a translator must take care of in this text."""
    notes = []
    if doses(text) or english_numbers(text):
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
    for path in project.template_files("*.html"):
        shown = project.display(path)
        for lineno, message, comments, context in extract_from_file(
            _JINJA, path, options=_JINJA_OPTIONS
        ):
            catalog.add(message, locations=[(shown, lineno)], auto_comments=comments,
                        context=context)
    return catalog


def new_catalog(domain: str) -> Catalog:
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
    """Write a .po/.pot atomically."""
    write_atomic(path, render_catalog(catalog, template=template))


def render_catalog(catalog: Catalog, *, template: bool = False) -> bytes:
    """A catalog in PO syntax, with each fuzzy message's previous msgid as '#| msgid'."""
    buffer = BytesIO()
    write_po(buffer, catalog, width=_WIDTH, include_previous=False)
    text = buffer.getvalue().decode("utf-8")
    for message in catalog:
        if message.previous_id and not template:
            previous = normalize(message.previous_id[0], prefix="#| ", width=_WIDTH)
            anchor = (f"\nmsgctxt {normalize(message.context, width=_WIDTH)}\n"
                      if message.context else f"\nmsgid {normalize(message.id, width=_WIDTH)}\n")
            text = text.replace(anchor, f"\n#| msgid {previous}{anchor}", 1)
    return text.encode("utf-8")


def read_catalog(project: Project, path: Path, language: Language | None = None) -> Catalog:
    """Read a .po file; a malformed one is a ContentError naming file and line."""
    locale = language.babel if language else None
    try:
        with path.open("rb") as fileobj:
            catalog = read_po(fileobj, locale=locale, domain=path.stem, abort_invalid=True)
    except PoFileError as exc:
        message = str(exc).rsplit(" on ", 1)[0]
        raise ContentError([Problem(project.display(path), exc.lineno + 1, None, message)]) \
            from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ContentError([Problem(project.display(path), None, None, str(exc))]) from None
    for message in catalog:
        _restore_previous_id(message)
    return catalog


def _restore_previous_id(message) -> None:
    """Babel reads '#| msgid ...' lines as user comments: turn them back into previous_id."""
    previous = [c[1:].strip() for c in message.user_comments if c.startswith("|")]
    if previous and previous[0].startswith("msgid "):
        message.user_comments = [c for c in message.user_comments if not c.startswith("|")]
        message.previous_id = [denormalize("\n".join([previous[0][6:], *previous[1:]]))]


@dataclass
class CompiledCatalog:
    """The translated, non-fuzzy messages of one .po file, ready for lookup."""

    po: Path
    messages: dict[tuple[str | None, str], str]

    def lookup(self, msgid: str, context: str | None = None) -> str | None:
        return self.messages.get((context, msgid)) or None


def load_compiled(project: Project, language: Language, domain: str) -> CompiledCatalog:
    """Compile the .po unless its .mo is fresh, then load the .mo."""
    po = po_path(project, language, domain)
    if not po.is_file():
        return CompiledCatalog(po, {})
    mo = po.with_suffix(".mo")
    if not mo.is_file() or mo.stat().st_mtime_ns != po.stat().st_mtime_ns:
        compile_catalog(project, po, language)
    with mo.open("rb") as fileobj:
        catalog = read_mo(fileobj)
    return CompiledCatalog(po, {(_text(m.context), _text(m.id)): _text(m.string)
                                for m in catalog if m.id and isinstance(m.id, str | bytes)})


def _text(value):
    """read_mo gives contexts as bytes; everything here is text."""
    return value.decode("utf-8") if isinstance(value, bytes) else value


def compile_catalog(project: Project, po: Path, language: Language) -> Path:
    """Write NAME.mo beside NAME.po; fuzzy translations are left out.

    The .mo takes the .po's modification time: it is fresh exactly while the two agree,
    whatever copying or checking out did to the clocks.
    """
    catalog = read_catalog(project, po, language)
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    mo = po.with_suffix(".mo")
    write_atomic(mo, buffer.getvalue())
    stat = po.stat()
    os.utime(mo, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    return mo
