"""HTML -> PDF bytes through WeasyPrint, in a sandbox, with fonts and stylesheets kept warm.

A Typesetter is made once per process (CLI run, batch worker, web server) and lays out many
pages: WeasyPrint's FontConfiguration and the parsed stylesheets are reused. WeasyPrint may
read only the project's templates and brand folder, and data: URIs.
Whatever WeasyPrint could not load or understand (an image refused inside an SVG logo, a
stylesheet rule it ignored) stops the render: a leaflet never prints with a part missing.

HTML renders run in parallel from any number of threads; WeasyPrint's layout and writing,
whose shared font configuration is not documented as thread-safe, take turns (with the GIL,
threads would gain nothing there anyway: use processes, see batch.py).
"""

from __future__ import annotations

import gc
import logging
import re
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

from medleaf.content import characters, inputs
from medleaf.content.inputs import real
from medleaf.content.paper import PAPERS
from medleaf.content.project import Project
from medleaf.errors import AssetError, ContentError, MedleafError, Problem
from medleaf.render import fonts, weasyprint_internals
from medleaf.render.limits import Alarm
from medleaf.render.weasyprint_internals import archive as archive_internals

logger = logging.getLogger(__name__)

MAX_PAGES = 60
"""Pages one document may have (a leaflet has 4, a pack's cover 1 or 2)."""
LAYOUT_SECONDS = 60
"""How long one layout may take (a leaflet's takes about 0.2 s)."""
PDF_VARIANT = "pdf/ua-1"
"""Every PDF is tagged (headings, paragraphs, lists, tables, a language on every block)."""
MAX_DATA_URI = 2 * 1024 * 1024
"""Characters of one data: URI (an embedded image)."""


def _sandbox_fetcher(roots: list[Path], display):
    from weasyprint.urls import URLFetcher

    class SandboxFetcher(URLFetcher):
        """Fetch data: URIs and files under the allowed roots; refuse everything else."""

        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme == "data":
                if len(url) > MAX_DATA_URI:
                    raise AssetError(f"refused a data: URI of {len(url):,} characters (at "
                                     f"most {MAX_DATA_URI:,})")
                return super().fetch(url, headers)
            if parts.scheme == "file" and not parts.netloc:
                path = real(Path(unquote(parts.path)))
                if any(path.is_relative_to(root) for root in roots):
                    _check_asset(path, display(path))
                    return super().fetch(url, headers)
            raise AssetError(
                f"refused to load {url}: leaflets may only use files in the project's "
                f"templates/ and brand folders, and data: URIs")

    return SandboxFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)


def _check_asset(path: Path, shown: str) -> None:
    """A file a page loads is a regular file within its limit; a stylesheet holds nothing
    that prints other than it reads, and an SVG passes the logo's checks."""
    from medleaf.content.logo import problems as svg_problems

    try:
        data = inputs.read_bytes(path, shown, "logo")
    except ContentError as exc:
        raise AssetError(str(exc)) from None
    found = []
    if path.suffix.lower() == ".css":
        text = inputs.decode(data, shown)
        found = [f"{shown}:{number}: holds {characters.describe(char)} (as CSS reads it)"
                 for number, line in enumerate(text.splitlines(), 1)
                 for char, _ in characters.problems(characters.css_unescape(line), limit=None)]
    elif path.suffix.lower() == ".svg":
        found = [str(problem) for problem in svg_problems(path, shown)]
    if found:
        raise AssetError("; ".join(found))


class Typesetter:
    """Lays out HTML into PDF pages; keep one per process and reuse it.

    WeasyPrint may read the project's templates/ and `asset_dirs` (the brand folder in use).
    """

    def __init__(self, project: Project, asset_dirs: list[Path] = ()):
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        self.warm = False
        self._weasyprint = threading.Lock()
        self.project = project
        self.font_config = FontConfiguration()
        fonts.install(self.font_config)
        weasyprint_internals.tags.install()
        weasyprint_internals.numbers.install()
        roots = [*map(real, project.template_dirs), *map(real, asset_dirs)]
        self.fetcher = _sandbox_fetcher(roots, project.display)
        css_file = project.template("leaflet.css")
        shown = project.display(css_file)
        css = inputs.read_text(css_file, shown, "template")
        problems = [Problem(shown, number, None, f"holds {characters.describe(char)} (as "
                            "CSS reads it), which prints other than it reads", "characters")
                    for number, line in enumerate(css.splitlines(), 1)
                    for char, _ in characters.problems(characters.css_unescape(line),
                                                       limit=None)]
        if problems:
            raise ContentError(problems)
        with _sandboxed(shown):
            self.base_css = CSS(string=css, base_url=css_file.as_uri(),
                                font_config=self.font_config, url_fetcher=self.fetcher)
        self.paper_css = {paper: CSS(string=css, font_config=self.font_config)
                          for paper, css in ((p, f"@page {{ {rule}; }}")
                                             for p, rule in PAPERS.items())}

    def warm_up(self, faces: list[str]) -> None:
        """Load the faces (regular and bold, Latin and CJK) with a tiny document (once);
        then move everything loaded so far out of the garbage collector's sight, so its
        passes stay short (and forked workers do not copy those pages)."""
        if self.warm:
            return
        self.warm = True
        spans = "".join(f'<p style="font-family: \'{face}\'">Aa 藥 <b>Aa 藥</b></p>'
                        for face in faces)
        self.pdf(f'<html lang="en"><body>{spans}</body></html>')
        gc.freeze()

    def pdf(self, html: str, paper: str = "A4", what: str = "the leaflet",
            archive: bool = False) -> bytes:
        """Lay out and write the PDF of `what` (`archive`: PDF/A-3a as well as PDF/UA-1).
        Whatever cannot be loaded is an error."""
        return self.write(self.document(html, paper, what), what, archive)

    def document(self, html: str, paper: str = "A4", what: str = "the leaflet"):
        """A laid-out WeasyPrint Document."""
        from weasyprint import HTML

        alarm = Alarm(LAYOUT_SECONDS, f"the layout ran past {LAYOUT_SECONDS} s")
        try:
            with self._weasyprint, _sandboxed(what):
                document = HTML(string=html, base_url=str(self.project.templates_dir) + "/",
                                url_fetcher=self.fetcher).render(
                    stylesheets=[self.base_css, self.paper_css[paper]],
                    font_config=self.font_config)
        finally:
            alarm.cancel()
        if len(document.pages) > MAX_PAGES:
            raise ContentError([Problem(what, None, None, f"lays out to {len(document.pages)} "
                                        f"pages, more than the {MAX_PAGES} a leaflet may have: "
                                        "check the templates and stylesheets", "assets")])
        return document

    def write(self, document, what: str = "the leaflet", archive: bool = False) -> bytes:
        """The tagged PDF/UA-1 of a laid-out document (a fresh copy each time: WeasyPrint
        keeps the fonts of a write in the document), with compact font subsets when they are
        in use and each block's language (weasyprint_internals.tags); with `archive`, also
        PDF/A-3a (weasyprint_internals.archive)."""
        if not archive:
            with self._weasyprint, _sandboxed(what):
                return document.copy().write_pdf(pdf_variant=PDF_VARIANT,
                                                 finisher=weasyprint_internals.finish)
        refused = [archive_internals.variant_difference()]

        def finish(document, pdf) -> None:
            weasyprint_internals.finish(document, pdf)
            refused.append(archive_internals.declare(pdf))

        with self._weasyprint, _sandboxed(what):
            pdf = None if refused[0] else document.copy().write_pdf(
                pdf_variant=archive_internals.VARIANT, finisher=finish)
        reasons = [reason for reason in refused if reason]
        if reasons:
            raise ContentError([Problem(what, None, None, f"cannot write an archive copy "
                                        f"(PDF/A-3a) with WeasyPrint "
                                        f"{weasyprint_internals.version()}: "
                                        f"{'; '.join(reasons)}", "assets")])
        return pdf


class _sandboxed(logging.Handler):
    """Around a WeasyPrint call: its fatal fetch errors become AssetError with the refusal's
    message, and every error or warning it logs (an image it could not load, a style rule it
    ignored) is an error too, naming `where` (and the line WeasyPrint gives). Its messages
    are taken, not printed: each becomes a problem."""

    def __init__(self, where: str):
        super().__init__(logging.DEBUG)
        self.where = where
        self.records: list[logging.LogRecord] = []
        self.causes: dict[int, BaseException] = {}

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING:
            self.records.append(record)
        elif record.exc_info and self.records:  # WeasyPrint logs why at the debug level
            self.causes.setdefault(id(self.records[-1]), record.exc_info[1])

    def __enter__(self):
        weasyprint = logging.getLogger("weasyprint")
        self._saved = weasyprint.level, weasyprint.propagate
        weasyprint.setLevel(logging.DEBUG)
        weasyprint.propagate = False
        weasyprint.addHandler(self)
        return self

    def __exit__(self, kind, error, traceback):
        from weasyprint.urls import FatalURLFetchingError

        weasyprint = logging.getLogger("weasyprint")
        weasyprint.removeHandler(self)
        weasyprint.setLevel(self._saved[0])
        weasyprint.propagate = self._saved[1]
        if isinstance(error, FatalURLFetchingError | AssetError):
            cause = error.__cause__ if isinstance(error, FatalURLFetchingError) else error
            message = str(cause) if isinstance(cause, AssetError) else f"{error}: {cause}"
            raise ContentError([Problem(self.where, None, None, message, "assets")]) from None
        if isinstance(error, Exception) and not isinstance(error, MedleafError):
            # WeasyPrint itself failed, on a style or page it cannot handle (a font size of
            # 1e999px, say): the project's stylesheets and templates are the likely cause
            raise ContentError([Problem(self.where, None, None, f"WeasyPrint could not lay "
                                        f"it out ({type(error).__name__}: {error}): check "
                                        "the values in the project's stylesheets and "
                                        "templates", "assets")]) from None
        if error is None and self.records:
            raise ContentError(list(dict.fromkeys(map(self._problem, self.records))))
        return False

    def _problem(self, record: logging.LogRecord) -> Problem:
        message = record.getMessage()
        line = re.search(r" at (\d+):\d+", message)
        cause = self.causes.get(id(record))
        while cause is not None and cause.__cause__ is not None and \
                not isinstance(cause, AssetError):
            cause = cause.__cause__
        detail = f": {cause}" if cause is not None and str(cause) not in message else ""
        return Problem(self.where, int(line[1]) if line else None, None,
                       f"WeasyPrint: {message}{detail}", "assets")
