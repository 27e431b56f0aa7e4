"""Resolve every text of a monograph in one language, or mark it as not yet translated."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import pydantic

from medleaf.content.inputs import file_hash
from medleaf.content.languages import Language
from medleaf.content.monograph import Leaflet, ReviewState
from medleaf.content.packfile import DOMAIN as PACKS_DOMAIN
from medleaf.content.packfile import Pack
from medleaf.content.project import Project
from medleaf.content.schema import Monograph, Prose
from medleaf.content.yamlfile import FieldPath
from medleaf.i18n.catalogs import CompiledCatalog, load_compiled, po_path


class LocalText(Prose):
    """A text in the leaflet's language, or the English source when `pending`."""

    context: str
    pending: bool
    notes: tuple[str, ...] = ()
    """Names of the checks this translation fails (shown on proofs)."""


@dataclass
class LocalizedLeaflet:
    leaflet: Leaflet
    language: Language
    monograph: Monograph
    pending: list[FieldPath] = field(default_factory=list)
    """Texts with no finished translation (they hold the English)."""
    reviews: list[ReviewState] = field(default_factory=list)
    """The review of the content and, for a translation, of the translation."""

    @property
    def draft(self) -> bool:
        return not self.reviews or not all(r.approved for r in self.reviews)

    def review_of(self, what: str) -> ReviewState | None:
        return next((r for r in self.reviews if r.what == what), None)

    @property
    def name(self) -> str:
        return self.leaflet.name

    @property
    def source(self) -> Monograph:
        return self.leaflet.monograph


def localize(leaflet: Leaflet, language: Language, catalog: CompiledCatalog | None,
             blocked: set[str] = frozenset(),
             notes: dict[str, tuple[str, ...]] | None = None) -> LocalizedLeaflet:
    """Translate every text; those missing from `catalog` or `blocked` (by context, because a
    check failed) keep their English and are marked pending. `notes` (context -> failed
    checks) ride along for proofs."""
    pending: list[FieldPath] = []

    def text(path: FieldPath, english: Prose) -> LocalText:
        context = leaflet.context(path)
        translated = None if language.is_source or context in blocked else \
            catalog.lookup(english, context)
        if translated is None and not language.is_source:
            pending.append(path)
        result = LocalText(translated or english)
        result.context, result.pending = context, translated is None and not language.is_source
        result.notes = (notes or {}).get(context, ())
        return result

    def rebuild(value, path: FieldPath):
        if isinstance(value, Prose):
            return text(path, value)
        if isinstance(value, pydantic.BaseModel):
            return type(value).model_construct(**{
                name: rebuild(getattr(value, name), (*path, name))
                for name in type(value).model_fields
            })
        if isinstance(value, list):
            return [rebuild(item, (*path, index)) for index, item in enumerate(value)]
        return value

    monograph = rebuild(leaflet.monograph, ())
    return LocalizedLeaflet(leaflet, language, monograph, pending)


def pack_text(project: Project, pack: Pack, path: FieldPath, english: Prose,
              language: Language) -> str | None:
    if language.is_source:
        return english
    digest = file_hash(po_path(project, language, PACKS_DOMAIN))
    return _packs_catalog(project, language, digest).lookup(english, pack.context(path))


@functools.lru_cache(maxsize=16)
def _packs_catalog(project: Project, language: Language, digest: str):
    """The packs catalog, read once per version of the file (`digest`)."""
    return load_compiled(project, language, PACKS_DOMAIN)
