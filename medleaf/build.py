"""Build leaflets: validate, localize, render and write each PDF atomically into out/.

`Leaflets` is the library entry point a long-lived process keeps: it holds one warm Renderer
and renders any leaflet in any language, as HTML or PDF bytes, as many times as asked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import preflight
from .brand import Brand, load_brand
from .catalogs import leaflet_languages, load_compiled, po_path, read_catalog
from .errors import ContentError, MedleafError, Problem, UsageError
from .html import PAPERS
from .locales import Language
from .localize import LocalizedLeaflet, localize
from .monograph import Leaflet, load_leaflet
from .output import write_atomic
from .pdf import Renderer
from .project import Project


class Leaflets:
    """Render the leaflets of one project under one brand; keep it warm and reuse it."""

    def __init__(self, project: Project, brand_dir: Path | None = None):
        preflight.check()
        self.project = project
        self.brand: Brand = load_brand(project, brand_dir)
        self.renderer = Renderer(project, [self.brand.directory])

    def localized(self, leaflet: Leaflet, language: Language) -> LocalizedLeaflet:
        """The leaflet in `language`; refuses (ContentError) if any text lacks a translation."""
        catalog = None
        if not language.is_source:
            if language not in leaflet_languages(self.project, leaflet.name):
                po = self.project.display(po_path(self.project, language, leaflet.name))
                raise ContentError([Problem(po, None, None, f"no {language} catalog for "
                                            f"{leaflet.name}: run 'medleaf i18n update'")])
            catalog = load_compiled(self.project, language, leaflet.name)
        localized = localize(leaflet, language, catalog)
        if localized.pending:
            raise ContentError(self._pending_problems(localized))
        return localized

    def html(self, name: str, language: Language, paper: str = "A4") -> str:
        leaflet = load_leaflet(self.project, name)
        return self.renderer.html(self.localized(leaflet, language), self.brand, paper)

    def pdf(self, name: str, language: Language, paper: str = "A4") -> bytes:
        return self.renderer.pdf(self.html(name, language, paper), paper)

    def _pending_problems(self, localized: LocalizedLeaflet) -> list[Problem]:
        path = po_path(self.project, localized.language, localized.name)
        catalog = read_catalog(self.project, path, localized.language)
        shown = self.project.display(path)
        problems = []
        for field_path in localized.pending:
            context = localized.leaflet.context(field_path)
            english = _text_at(localized.leaflet, field_path)
            message = catalog.get(english, context)
            if message is None:
                why = "not in the catalog yet: run 'medleaf i18n update', then translate it"
            elif message.fuzzy:
                why = "fuzzy translation: review it and remove the fuzzy flag"
            else:
                why = "untranslated"
            line = message.lineno if message is not None else None
            problems.append(Problem(shown, line, context, why))
        return problems


def _text_at(leaflet: Leaflet, path) -> str:
    return dict(leaflet.texts())[path]


@dataclass
class BuildReport:
    written: list[Path] = field(default_factory=list)
    failed: list[tuple[str, str, MedleafError]] = field(default_factory=list)
    """(leaflet, language tag, error) for each output that could not be built."""


def parse_languages(values: list[str]) -> list[Language] | None:
    """CLI language choices -> languages; None means every language each leaflet has."""
    if not values or "all" in values:
        return None
    return list(dict.fromkeys(Language.parse(v) for v in values))


def build(project: Project, names: list[str], languages: list[Language] | None,
          out_dir: Path, paper: str = "A4", brand_dir: Path | None = None,
          on_written=None, on_failed=None) -> BuildReport:
    """Build every named leaflet (all when empty) in each language; a failure stops no other."""
    if paper not in PAPERS:
        raise UsageError(f"unknown paper size {paper!r} (choose {' or '.join(PAPERS)})")
    names = project.check_names(names)
    session = Leaflets(project, brand_dir)
    report = BuildReport()
    for name in names:
        wanted = languages or leaflet_languages(project, name)
        try:
            leaflet = load_leaflet(project, name)
        except ContentError as exc:
            for language in wanted:
                report.failed.append((name, language.tag, exc))
                on_failed and on_failed(name, language, exc)
            continue
        for language in wanted:
            try:
                html = session.renderer.html(session.localized(leaflet, language),
                                             session.brand, paper)
                pdf = session.renderer.pdf(html, paper)
            except MedleafError as exc:
                report.failed.append((name, language.tag, exc))
                on_failed and on_failed(name, language, exc)
                continue
            path = out_dir / f"{name}.{language.tag}.pdf"
            write_atomic(path, pdf)
            report.written.append(path)
            on_written and on_written(path)
    return report


