"""HTML -> PDF bytes through WeasyPrint, in a sandbox, with fonts and stylesheets kept warm.

A Renderer is made once per process (CLI run, batch worker, web server) and renders many
leaflets: the Jinja2 environment, WeasyPrint's FontConfiguration and the parsed stylesheets
are reused. WeasyPrint may read only the project's templates and brand folder, and data: URIs.
"""

from __future__ import annotations

import gc
import logging
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import fonts
from .brand import Brand
from .errors import AssetError
from .html import PAPERS, HtmlTemplates
from .locales import available_languages
from .localize import LocalizedLeaflet
from .project import Project

logger = logging.getLogger(__name__)

_PAPER_CSS = {
    "A4": "@page { size: A4; margin: 24mm 17mm 18mm 17mm; }",
    "A5": "@page { size: A5; margin: 20mm 11mm 15mm 11mm; }",
}


def _sandbox_fetcher(roots: list[Path]):
    from weasyprint.urls import URLFetcher

    class SandboxFetcher(URLFetcher):
        """Fetch data: URIs and files under the allowed roots; refuse everything else."""

        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme == "data":
                return super().fetch(url, headers)
            if parts.scheme == "file" and not parts.netloc:
                path = Path(unquote(parts.path)).resolve()
                if any(path.is_relative_to(root) for root in roots):
                    return super().fetch(url, headers)
            raise AssetError(
                f"refused to load {url}: leaflets may only use files in the project's "
                f"templates/ and brand folders, and data: URIs")

    return SandboxFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)


class Renderer:
    """Renders localized leaflets to HTML and PDF; keep one per process and reuse it.

    WeasyPrint may read the project's templates/ and `asset_dirs` (the brand folder in use).
    """

    def __init__(self, project: Project, asset_dirs: list[Path] = ()):
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        fonts.install()
        self._warm = False
        self.project = project
        self.templates = HtmlTemplates(project)
        self.font_config = FontConfiguration()
        roots = [*(d.resolve() for d in project.template_dirs),
                 *(d.resolve() for d in asset_dirs)]
        self.fetcher = _sandbox_fetcher(roots)
        css_file = project.template_files("leaflet.css")[0]
        self.base_css = CSS(filename=str(css_file), font_config=self.font_config,
                            url_fetcher=self.fetcher)
        self.paper_css = {paper: CSS(string=css, font_config=self.font_config)
                          for paper, css in _PAPER_CSS.items()}

    def warm_up(self) -> None:
        """Load the fonts (regular and bold, Latin and CJK) with a tiny document (once);
        then move everything loaded so far out of the garbage collector's sight, so its
        passes stay short (and forked workers do not copy those pages)."""
        if self._warm:
            return
        self._warm = True
        faces = sorted({lang.font_family for lang in available_languages(
            self.project.locales_dir)})
        spans = "".join(f'<p style="font-family: \'{face}\'">Aa 藥 <b>Aa 藥</b></p>'
                        for face in faces)
        self.pdf(f"<html><body>{spans}</body></html>")
        gc.freeze()

    def html(self, leaflet: LocalizedLeaflet, brand: Brand, paper: str = "A4",
             proof: bool = False) -> str:
        assert paper in PAPERS
        return self.templates.render(leaflet, brand, paper, proof)

    def pdf(self, html: str, paper: str = "A4") -> bytes:
        """Lay out and write the PDF. A refused or missing asset raises AssetError."""
        return self.write(self.document(html, paper))

    def document(self, html: str, paper: str = "A4"):
        """A laid-out WeasyPrint Document."""
        from weasyprint import HTML

        with _sandboxed():
            document = HTML(string=html, base_url=str(self.project.templates_dir) + "/",
                            url_fetcher=self.fetcher)
            return document.render(stylesheets=[self.base_css, self.paper_css[paper]],
                                   font_config=self.font_config)

    def write(self, document) -> bytes:
        """The PDF of a laid-out document (a fresh copy each time: WeasyPrint keeps the fonts
        of a write in the document), with compact font subsets."""
        with _sandboxed():
            return document.copy().write_pdf(finisher=fonts.finish)


class _sandboxed:
    """Turn WeasyPrint's fatal fetch errors into AssetError with the refusal's message."""

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        from weasyprint.urls import FatalURLFetchingError

        if isinstance(error, FatalURLFetchingError):
            cause = error.__cause__
            if isinstance(cause, AssetError):
                raise cause from None
            raise AssetError(f"{error}: {cause}") from None
        return False
