"""gettext catalogs: extract messages from monographs and templates, compile and load them.

One catalog per leaflet per locale (locales/LOCALE/LC_MESSAGES/NAME.po) plus one for the
interface strings of the templates (ui.po). Each monograph text is its own message, with a
msgctxt naming the leaflet and field path and a source reference with the YAML line.
Builds read the .po files themselves; `medleaf i18n compile` writes .mo files (build
output, never committed) for other gettext tools.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from io import BytesIO, StringIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import denormalize, normalize, read_po, write_po

from medleaf import po_syntax
from medleaf.content import inputs
from medleaf.content.monograph import Leaflet
from medleaf.content.project import TEMPLATE_FILES, Project
from medleaf.errors import ContentError, Problem, UsageError
from medleaf.locales import Language, available_languages
from medleaf.numbers import doses, english_numbers
from medleaf.output import write_atomic

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


def po_path(project: Project, language: Language, domain: str) -> Path:
    return project.locales_dir / language.catalog_dir / "LC_MESSAGES" / f"{domain}.po"


def leaflet_languages(project: Project, name: str) -> list[Language]:
    """English plus every locale that has a catalog for this leaflet."""
    return [lang for lang in available_languages(project.locales_dir)
            if lang.is_source or po_path(project, lang, name).is_file()]


def write_catalog(catalog: Catalog, path: Path, *, template: bool = False,
                  newline: str = "\n") -> None:
    """Write a .po/.pot atomically, with the given line ending."""
    data = render_catalog(catalog, template=template)
    write_atomic(path, data.replace(b"\n", newline.encode()) if newline != "\n" else data)


_VOLATILE_HEADERS = {"Generated-By", "POT-Creation-Date", "PO-Revision-Date"}


def catalog_content(catalog: Catalog) -> tuple:
    """What translators care about in a catalog, to compare two: the header comment (with
    its review record) and headers, and every message, obsolete ones too, with its context,
    translation, references, comments, flags and previous text. Not the version of the tool
    that wrote it, nor dates."""
    def row(m):
        return (m.context, m.id, m.string, tuple(m.locations), tuple(m.auto_comments),
                tuple(m.user_comments), tuple(sorted(m.flags)), tuple(m.previous_id))

    headers = [(k, v) for k, v in catalog.mime_headers if k not in _VOLATILE_HEADERS]
    return (catalog.header_comment, headers, [row(m) for m in catalog if m.id],
            sorted(map(row, catalog.obsolete.values()), key=repr))


def render_catalog(catalog: Catalog, *, template: bool = False) -> bytes:
    """A catalog in PO syntax, with each fuzzy message's previous msgid as '#| msgid'."""
    buffer = BytesIO()
    write_po(buffer, catalog, width=_WIDTH, include_previous=False)
    blocks = buffer.getvalue().decode("utf-8").split("\n\n")  # one entry each
    for message in catalog:
        if message.previous_id and not template:
            previous = normalize(message.previous_id[0], prefix="#| ", width=_WIDTH)
            msgid = f"msgid {normalize(message.id, width=_WIDTH)}"
            head = f"msgctxt {normalize(message.context, width=_WIDTH)}\n{msgid}" \
                if message.context else msgid
            for index, block in enumerate(blocks):
                lines = f"\n{block}\n"
                if f"\n{head}\n" in lines and (message.context or "\nmsgctxt " not in lines):
                    at = lines.index(f"\n{head}\n")
                    blocks[index] = (lines[:at] + f"\n#| msgid {previous}" + lines[at:])[1:-1]
                    break
    return "\n\n".join(blocks).encode("utf-8")


def read_catalog(project: Project, path: Path, language: Language | None = None) -> Catalog:
    """Read a .po file; a malformed one is a ContentError naming file and line."""
    shown = project.display(path)
    return parse_catalog(inputs.read_text(path, shown, "catalog"), shown, language, path.stem)


def parse_catalog(text: str, shown: str, language: Language | None = None,
                  domain: str | None = None) -> Catalog:
    """A catalog from PO text that passed po_syntax's check, read by Babel whole."""
    syntax = po_syntax.check(text)
    if syntax.problems:
        raise ContentError([Problem(shown, line, None, message)
                            for line, message in syntax.problems])
    if language and syntax.language and not _same_language(syntax.language, language):
        raise ContentError([Problem(shown, None, None, f"its header says 'Language: "
                                    f"{syntax.language}', but it is the catalog of "
                                    f"{language}: correct the header")])
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # Babel reads \n lines only
    try:
        catalog = read_po(StringIO(text), locale=language.babel if language else None,
                          domain=domain, abort_invalid=True)
    except Exception as exc:  # noqa: BLE001 - Babel's reader, on text a translator wrote
        line = getattr(exc, "lineno", None)
        raise ContentError([Problem(shown, line + 1 if isinstance(line, int) else None,
                                    None, f"cannot be read: {exc}")]) from None
    read = sum(1 for message in catalog if message.id)
    if read != syntax.messages:  # never print from a catalog read in part
        raise ContentError([Problem(shown, None, None, f"Babel read {read} of its "
                                    f"{syntax.messages} messages")])
    for message, flags in zip((m for m in catalog if m.id), syntax.flags, strict=True):
        message.flags = flags
    for message in catalog:
        _restore_previous_id(message)
    return catalog


def _same_language(written: str, language: Language) -> bool:
    try:
        return Language.parse(written) == language
    except UsageError:
        return False


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
    """The catalog's finished translations, read from the .po itself: a build writes nothing
    into locales/ (callers keep the result while the file is unchanged)."""
    po = po_path(project, language, domain)
    if not po.is_file():
        return CompiledCatalog(po, {})
    catalog = read_catalog(project, po, language)
    return CompiledCatalog(po, {(m.context, m.id): m.string for m in catalog
                                if m.id and isinstance(m.id, str) and m.string
                                and isinstance(m.string, str) and not m.fuzzy})


def compile_catalog(project: Project, po: Path, language: Language) -> Path:
    """Write NAME.mo beside NAME.po, for gettext's other users; fuzzy translations are left
    out. (medleaf's own builds read the .po.)"""
    catalog = read_catalog(project, po, language)
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    mo = po.with_suffix(".mo")
    write_atomic(mo, buffer.getvalue())
    return mo
