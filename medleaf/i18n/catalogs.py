"""gettext catalogs as files: locales/LOCALE/LC_MESSAGES/DOMAIN.po read whole or not at all
(po_syntax.py), written atomically with their line endings, compared by what translators care
about, and compiled.

One catalog per leaflet per locale plus ui.po (the interface strings of the templates) and
packs.po. Builds read the .po files themselves; `medleaf i18n compile` writes .mo files (build
output, never committed) for other gettext tools.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO, StringIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import denormalize, normalize, read_po, write_po

from medleaf.content import inputs
from medleaf.content.languages import Language, available_languages, translations
from medleaf.content.project import Project
from medleaf.content.writes import write_atomic
from medleaf.errors import ContentError, Problem, UsageError
from medleaf.i18n import po_syntax


@dataclass(frozen=True)
class Updated:
    path: Path
    created: bool
    changed: bool = True


UI_DOMAIN = "ui"


_WIDTH = 100


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


def same_messages(path: Path, catalog: Catalog, template: bool = False) -> bool:
    """Does the file hold exactly the catalog's messages (what translators care about)?"""
    if not path.is_file():
        return False
    try:
        on_disk = parse_catalog(inputs.read_text(path, str(path), "catalog"), str(path))
    except ContentError:
        return False
    written = parse_catalog(render_catalog(catalog, template=template).decode(), str(path))
    return catalog_content(on_disk) == catalog_content(written)


def newline_of(path: Path) -> str:
    """The catalog's line ending as written (CRLF or CR from some editors), kept."""
    try:
        start = path.read_bytes()[:4096]
    except OSError:
        return "\n"
    return "\r\n" if b"\r\n" in start else "\r" if b"\r" in start else "\n"


@dataclass
class CompiledCatalog:
    """The translated, non-fuzzy messages of one .po file, ready for lookup."""

    po: Path
    messages: dict[tuple[str | None, str], str]

    def lookup(self, msgid: str, context: str | None = None) -> str | None:
        return self.messages.get((context, msgid)) or None


def load_compiled(project: Project, language: Language, domain: str,
                  po: Path | None = None) -> CompiledCatalog:
    """The catalog's finished translations, read from the .po itself (`po`, else the
    project's catalog of `domain`): a build writes nothing into locales/ (callers keep the
    result while the file is unchanged)."""
    po = po or po_path(project, language, domain)
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


def compile_all(project: Project) -> list[Path]:
    compiled = []
    for language in translations(project.locales_dir):
        folder = project.locales_dir / language.catalog_dir / "LC_MESSAGES"
        for po in sorted(folder.glob("*.po")):
            compiled.append(compile_catalog(project, po, language))
    return compiled
