"""The interface strings of a language (headings, footer, disclaimer): the project's own ui.po
over the catalog medleaf ships.

medleaf ships its templates' interface strings translated, in
medleaf/locales/LOCALE/LC_MESSAGES/ui.po, so a clinic's repository needs no ui.po of its
own for those languages. A string its own ui.po translates (and is not fuzzy) prints from
there; every other from medleaf's. A language medleaf does not ship needs the project's
ui.po whole, as before. In medleaf's own repository, the project's interface catalogs are
the ones medleaf ships.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog, Message

from medleaf.content.inputs import file_hash
from medleaf.content.languages import Language
from medleaf.content.project import TOOL, Project
from medleaf.i18n.catalogs import UI_DOMAIN, CompiledCatalog, load_compiled, po_path

SHIPPED = TOOL / "locales"
"""medleaf's own interface catalogs."""


def own_po(project: Project, language: Language) -> Path:
    """The project's interface catalog (which may not exist yet)."""
    if (project.root / "medleaf").resolve() == TOOL:  # medleaf's own repository
        return SHIPPED / language.catalog_dir / "LC_MESSAGES" / f"{UI_DOMAIN}.po"
    return po_path(project, language, UI_DOMAIN)


def shipped_po(project: Project, language: Language) -> Path | None:
    """medleaf's catalog of the language, when it ships one and it is not the project's."""
    path = SHIPPED / language.catalog_dir / "LC_MESSAGES" / f"{UI_DOMAIN}.po"
    return path if path.is_file() and path != own_po(project, language) else None


def interface_hash(project: Project, language: Language) -> str:
    """What the interface strings of `language` are read from, as one fingerprint."""
    shipped = shipped_po(project, language)
    return f"{file_hash(own_po(project, language))} {file_hash(shipped) if shipped else '-'}"


def load_interface(project: Project, language: Language) -> CompiledCatalog:
    """The finished interface translations: the project's, else medleaf's."""
    own = load_compiled(project, language, UI_DOMAIN, own_po(project, language))
    shipped = shipped_po(project, language)
    if shipped is None:
        return own
    fallback = load_compiled(project, language, UI_DOMAIN, shipped)
    return CompiledCatalog(own.po, {**fallback.messages, **own.messages})


def has_text(entry: Message | None) -> bool:
    """An entry with a translation written (fuzzy or not): the project's own."""
    return entry is not None and not (isinstance(entry.string, str)
                                      and not entry.string.strip())


def translates(catalog: Catalog | None, message: Message) -> bool:
    """Does the catalog hold a finished translation of the message?"""
    entry = catalog.get(message.id, message.context) if catalog is not None else None
    return entry is not None and isinstance(entry.string, str) and \
        bool(entry.string.strip()) and not entry.fuzzy
