"""One project's leaflets, rendered on request: the library entry point a long-lived process
(a batch worker, the dispensing-counter server) keeps warm.

A Renderer holds the project, its brand, the Jinja2 templates, a warm Typesetter and the
gate; `render(request)` returns the bytes of any leaflet, in any language and format, as
often as asked, from any number of threads. It writes no file and keeps no render cache
(publish/ does both).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from medleaf.checks.brand import brand_problems
from medleaf.checks.gate import Gate
from medleaf.checks.glyphs import require_fonts
from medleaf.checks.records import content_state, release_problems, translation_state
from medleaf.content.brand import Brand, load_brand
from medleaf.content.inputs import file_hash, real, snapshot, tree_hash
from medleaf.content.languages import Language, available_languages
from medleaf.content.monograph import Leaflet, load_leaflet
from medleaf.content.project import Project
from medleaf.errors import ContentError
from medleaf.i18n.catalogs import load_compiled, po_path
from medleaf.i18n.localize import LocalizedLeaflet, localize
from medleaf.render import formats, preflight
from medleaf.render.bilingual import bilingual_html
from medleaf.render.html import HtmlTemplates
from medleaf.render.request import RenderRequest
from medleaf.render.typesetter import Typesetter


class Renderer:
    def __init__(self, project: Project, brand_dir: Path | None = None):
        preflight.check()
        self.project = project
        self.brand_dir = brand_dir
        self.templates = HtmlTemplates(project)
        self.gate = Gate(project)
        self._kept: dict[tuple, tuple] = {}
        self._stamp = None
        self._refresh()

    def _refresh(self) -> None:
        """The brand and the stylesheet, read again when their files change (templates and
        catalogs are read again on their own)."""
        brand = real(self.brand_dir or self.project.brand_dir)
        stamp = (tree_hash([brand]), file_hash(self.project.template("leaflet.css")))
        if stamp == self._stamp:
            return
        self.brand: Brand = load_brand(self.project, self.brand_dir)
        problems = brand_problems(self.brand, self.project.locales_dir)
        if problems:
            raise ContentError(problems)
        warm = getattr(self, "typesetter", None) is not None and self.typesetter.warm
        self.typesetter = Typesetter(self.project, [self.brand.directory])
        if warm:
            self.warm_up()
        self._stamp = stamp

    def render(self, request: RenderRequest) -> bytes:
        """The bytes of what `request` asks for; every reason it cannot be printed is a
        ContentError listing them all. Each input is read once for it (a snapshot): what the
        gate checked is what prints, even if a file changes meanwhile."""
        with snapshot():
            self._refresh()
            return formats.get(request.format).render(self, request)

    def html(self, request: RenderRequest, site: dict | None = None) -> str:
        """The HTML of the leaflet the request names (with `release`, a draft is refused);
        with `site`, as the page of the HTML twin (render/html.py)."""
        with snapshot():
            self._refresh()
            return self._html(request, site)

    def _html(self, request: RenderRequest, site: dict | None = None) -> str:
        if request.also is not None:  # each language's leaflet, then joined by section
            pages = [(language, self._html(replace(request, language=language, also=None)))
                     for language in (request.language, request.also)]
            html = bilingual_html(pages, request.paper, self.templates.profile)
            self.templates.check_glyphs(html, [request.language, request.also],
                                        request.what)
            return html
        localized = self.localized(self.load(request.leaflet), request.language,
                                   request.allow_incomplete)
        if request.release and localized.draft:
            raise ContentError(release_problems(self.project, request.leaflet,
                                                request.language, localized.reviews))
        return self.templates.render(localized, self.brand, request.paper,
                                     large_print=request.large_print, site=site)

    def localized(self, leaflet: Leaflet, language: Language,
                  allow_incomplete: bool = False) -> LocalizedLeaflet:
        """The leaflet in `language`, if the gate lets it print: every error `medleaf check`
        finds for it is refused (ContentError listing them all). With `allow_incomplete`, a
        text whose translation is missing, fuzzy or failing a check prints in English,
        marked on the page, instead. First of all, its fonts must be installed."""
        require_fonts(self.templates.profile(language), language)
        verdict = self.gate.verdict(leaflet, language)
        unfielded = [p for p in verdict.translation if not p.field]  # a catalog unreadable
        if verdict.content or verdict.interface or unfielded or \
                (verdict.translation and not allow_incomplete):
            raise ContentError(verdict.content + verdict.interface +
                               (unfielded if allow_incomplete else verdict.translation))
        if language.is_source:
            localized = localize(leaflet, language, None)
            localized.reviews = [content_state(leaflet)]
            return localized
        po = po_path(self.project, language, leaflet.name)
        catalog = self._read(po, lambda: load_compiled(self.project, language, leaflet.name))
        localized = localize(leaflet, language, catalog, {p.field for p in verdict.translation})
        state = self._read(po, lambda: translation_state(self.project, leaflet, language),
                           "state")
        localized.reviews = [content_state(leaflet), state]
        return localized

    def load(self, name: str) -> Leaflet:
        """The validated monograph, parsed again only when its file changes."""
        return self._read(self.project.leaflet_path(name),
                          lambda: load_leaflet(self.project, name))

    def warm_up(self) -> None:
        """Load every face the project's languages print in (see Typesetter.warm_up)."""
        self.typesetter.warm_up(sorted({font for language in
                                        available_languages(self.project.locales_dir)
                                        for font in self.templates.profile(language).fonts}))

    def _read(self, path: Path, make, what: str = "read"):
        """What `make` finds in `path`, kept while the file's bytes stay the same."""
        digest = file_hash(path)
        kept = self._kept.get((what, path))
        if kept is None or kept[0] != digest or digest == "missing":
            kept = self._kept[(what, path)] = (digest, make())
        return kept[1]
