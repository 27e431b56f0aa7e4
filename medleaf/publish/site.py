"""The HTML twin (`medleaf site`): every leaflet in every language as a web page made from the
same localized leaflet as its PDF, the PDF beside it, and an index to search them; a folder
any static host serves as it is.

    SITE/index.html  SITE/LANG/NAME.html  SITE/LANG/NAME.pdf   (addresses.py)
    SITE/assets/site.css, search.js, logo.svg                   (the brand's look, the search)
    SITE/manifest.json                                          (what each file was made from)

Built incrementally like the PDFs (the PDFs are `build`'s, placed by the address scheme): a
page is written only when its leaflet's inputs or its languages changed, the index and
assets only when what they show changed; pages and PDFs of leaflets (or languages) that are
gone, or that the gate now refuses, are removed, so the site never serves what would not
print. Every file is written atomically, never into the sources.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from medleaf.content import inputs
from medleaf.content.addresses import page_path, pdf_path
from medleaf.content.inputs import reason
from medleaf.content.languages import Language, available_languages
from medleaf.content.project import Project
from medleaf.errors import MedleafError, Problem, UsageError, problems_of
from medleaf.i18n.glossary import glossary
from medleaf.i18n.interface import interface_hash
from medleaf.i18n.profiles import profile
from medleaf.publish.build import build_held
from medleaf.publish.files import PREFIX, OutputError, check_output, exclusive, write_atomic
from medleaf.publish.manifest import NAME as MANIFEST
from medleaf.publish.manifest import BuildOptions, Fingerprints, Manifest

INDEX = "index.html"
GENERATOR = b'<meta name="generator" content="medleaf">'
"""What each of medleaf's pages says in its head."""
ASSETS = ("assets/site.css", "assets/search.js", "assets/logo.svg")
_page, _pdf = functools.cache(page_path), functools.cache(pdf_path)  # a tag costs Babel
DRAFT = "DRAFT – not for patient use"
"""The draft mark (leaflet.html's), as the index shows it beside a draft's language."""


@dataclass
class SiteReport:
    written: list[Path] = field(default_factory=list)
    """Pages, PDFs, the index and assets written (PDFs copied from the render cache too)."""
    skipped: int = 0
    """Files already made from the same inputs."""
    removed: list[Path] = field(default_factory=list)
    """Pages and PDFs of leaflets or languages that are gone, or now refused."""
    failed: list[tuple[str, str, list[Problem]]] = field(default_factory=list)
    seconds: float = 0.0


def build_site(project: Project, names: list[str], languages: list[Language] | None,
               out_dir: Path, options: BuildOptions | None = None, workers: int | None = None,
               force: bool = False, on_outcome=None, on_wait=None) -> SiteReport:
    """Write the site of the named leaflets (all when empty) in `languages` (None: every
    language) into out_dir; the index lists every leaflet the site holds."""
    options = options or BuildOptions()
    if options.large_print:
        raise UsageError("the site has no large-print pages: a web page's text size is the "
                         "reader's to choose")
    if any("+" in language.tag for language in languages or ()):
        raise UsageError("a site page is in one language: give --lang once for each")
    names = project.check_names(names)
    check_output(out_dir, project.source_dirs(options.brand_dir), folder=True)
    with exclusive(out_dir, on_wait):
        _probe(out_dir)
        return _site(project, names, languages, out_dir, options, workers, force, on_outcome)


def _probe(folder: Path) -> None:
    """A folder that cannot be written is one message, before anything is rendered."""
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f"{PREFIX}{os.getpid()}-", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"cannot write into {folder}: {reason(exc)}") from None
    os.close(fd)
    os.unlink(tmp)


def _refuse_foreign(path: Path, manifest: Manifest, data: bytes) -> None:
    """Never overwrite a file medleaf did not write (a site's own pages, say): one the
    manifest does not hold, unless it is one of medleaf's pages or already the same."""
    if manifest.key(path) in manifest.entries or not (path.exists() or path.is_symlink()):
        return
    try:
        held = path.read_bytes()
    except OSError as exc:
        raise OutputError(f"cannot check {path}: {reason(exc)}") from None
    if held != data and GENERATOR not in held:
        raise OutputError(f"{path} exists and was not written by medleaf site: medleaf does "
                          "not overwrite it (move it away, or choose another folder)")


def _site(project: Project, names: list[str], languages: list[Language] | None,
          out_dir: Path, options: BuildOptions, workers: int | None, force: bool,
          on_outcome) -> SiteReport:
    started = time.perf_counter()
    report = SiteReport()
    every = available_languages(project.locales_dir)
    chosen = languages or every
    held = set(Manifest(out_dir).entries)  # before the build forgets what it now refuses
    fingerprints = Fingerprints(project, options)
    pdfs = build_held(project, names, chosen, out_dir, options, workers, force, on_outcome,
                      lambda name, tag: _pdf(name, Language.parse(tag)), fingerprints)
    report.written += pdfs.written
    report.skipped += len(pdfs.skipped)
    report.failed += pdfs.failed
    refused = {(name, tag) for name, tag, _ in pdfs.failed}
    manifest = Manifest(out_dir)  # as the build left it
    pages = _Pages(project, options, out_dir, manifest, every, fingerprints)
    try:
        for name in names:
            built = [language for language in every if (name, language.tag) not in refused
                     and (language in chosen or manifest.entries.get(_page(name, language)))]
            for language in chosen:
                if language in built and not pages.write(name, language, built, force, report):
                    refused.add((name, language.tag))
        _remove_stale(project, out_dir, manifest, held, every, refused, report)
        pages.write_index(force, report)
    finally:
        manifest.save()  # what was written is recorded, however the rest ends
    report.seconds = time.perf_counter() - started
    return report


class _Pages:
    """Writes leaflets' pages, then the index and assets; a renderer is made only when
    something must be rendered."""

    def __init__(self, project: Project, options: BuildOptions, out_dir: Path,
                 manifest: Manifest, every: list[Language], fingerprints: Fingerprints):
        self.project, self.options, self.out_dir = project, options, out_dir
        self.manifest, self.every, self.fingerprints = manifest, every, fingerprints
        self.direction = {language: profile(language, project.locales_dir).direction
                          for language in every}
        self._renderer = None

    @property
    def renderer(self):
        if self._renderer is None:
            from medleaf.publish.workers import warm_renderer  # WeasyPrint: only when needed

            self._renderer = warm_renderer(self.project, self.options)
        return self._renderer

    def write(self, name: str, language: Language, built: list[Language], force: bool,
              report: SiteReport) -> bool:
        """The leaflet's page in `language`, linking to its versions in `built`; False if
        it cannot be made (the failure is in the report)."""
        page = self.out_dir / _page(name, language)
        fingerprint = _digest(["page", self.fingerprints.of(name, language),
                               [other.tag for other in built]])
        if not force and self.manifest.fresh(page, fingerprint) and \
                _described(self.manifest.entries[_page(name, language)]):
            report.skipped += 1
            return True
        from medleaf.render.request import RenderRequest

        request = RenderRequest(name, language, self.options.paper, "pdf",
                                self.options.allow_incomplete, self.options.release)
        try:
            html = self.renderer.html(request, site=self._links(name, language, built))
            localized = self.renderer.localized(self.renderer.load(name), language,
                                                self.options.allow_incomplete)
            data = html.encode()
            _refuse_foreign(page, self.manifest, data)
            write_atomic(page, data)
        except MedleafError as exc:  # a problem stops this page only, as in build
            self.manifest.forget(page)
            report.failed.append((name, language.tag, problems_of(exc)))
            return False
        names = localized.monograph.names
        brands = [_plain(b.name) for b in names.brands]
        known = {} if language.is_source else glossary(self.project, language).brands
        self.manifest.record(page, fingerprint, hashlib.sha256(data).hexdigest(),
                             generic=_plain(names.generic), brands=brands,
                             local_brands=[known[b] for b in brands if known.get(b)],
                             draft=self.renderer.templates.interface(language).lookup(DRAFT)
                             if localized.draft else "")
        report.written.append(page)
        return True

    def _links(self, name: str, language: Language, built: list[Language]) -> dict:
        return {"stylesheet": "../assets/site.css", "logo": "../assets/logo.svg",
                "index": f"../{INDEX}", "pdf": _pdf(name, language).split("/", 1)[1],
                "languages": [dict(self._version(name, other, "../"),
                                   current=other == language) for other in built]}

    def write_index(self, force: bool, report: SiteReport) -> None:
        """The index and the assets, from the pages the manifest holds."""
        leaflets = self._leaflets()
        fingerprint = _digest(["index", leaflets, self.fingerprints.shared,
                               interface_hash(self.project, self.every[0])])
        files = [self.out_dir / INDEX, *(self.out_dir / asset for asset in ASSETS)]
        if not force and all(self.manifest.fresh(path, fingerprint) for path in files):
            report.skipped += len(files)
            return
        from medleaf.render import site

        renderer = self.renderer
        logo = renderer.brand.logo_path
        made = [site.index_html(renderer, leaflets, self.every[0]).encode(),
                site.stylesheet(renderer, self.every).encode(),
                inputs.read_bytes(self.project.template("site-search.js"), "site-search.js",
                                  "template"),
                inputs.read_bytes(logo, self.project.display(logo), "logo")]
        for path, data in zip(files, made, strict=True):
            digest = hashlib.sha256(data).hexdigest()
            if inputs.file_hash(path) != digest:
                _refuse_foreign(path, self.manifest, data)
                write_atomic(path, data)
                report.written.append(path)
            else:
                report.skipped += 1
            self.manifest.record(path, fingerprint, digest)

    def _version(self, name: str, language: Language, up: str = "") -> dict:
        """A link to the leaflet's page in `language`, named in that language."""
        from medleaf.render.site import language_label

        return {"href": up + _page(name, language), "html_lang": language.html_lang,
                "dir": self.direction[language],
                "label": language_label(language)}

    def _leaflets(self) -> list[dict]:
        """What the index shows of each leaflet the site holds: its names in each language,
        its versions, and the text the search box matches."""
        listed = []
        for name in self.project.leaflet_names():
            held = [(language, self.manifest.entries[_page(name, language)])
                    for language in self.every
                    if _described(self.manifest.entries.get(_page(name, language)))]
            if not held:
                continue
            first = held[0][1]
            brands = list(dict.fromkeys(b for _, entry in held for b in entry["brands"]))
            names = [{"text": text, "html_lang": language.html_lang,
                      "dir": self.direction[language]}
                     for language, entry in held[1:]
                     for text in dict.fromkeys([entry["generic"], *entry["local_brands"]])
                     if text != first["generic"]]
            search = " ".join([name, *(entry["generic"] for _, entry in held), *brands,
                               *(text for _, entry in held for text in entry["local_brands"])])
            listed.append({
                "name": name, "generic": first["generic"], "names": names, "brands": brands,
                "href": _page(name, held[0][0]), "search": _searchable(search),
                "versions": [dict(self._version(name, language), draft=entry["draft"],
                                  pdf=_pdf(name, language), tag=language.tag)
                             for language, entry in held]})
        return listed


def _remove_stale(project: Project, out_dir: Path, manifest: Manifest, held: set[str],
                  every: list[Language], refused: set[tuple[str, str]],
                  report: SiteReport) -> None:
    """Remove the pages and PDFs no leaflet makes any more: a leaflet or language removed
    from the project, or one the gate now refuses (its old page must not stay online)."""
    wanted = {path(name, language) for name in project.leaflet_names() for language in every
              if (name, language.tag) not in refused for path in (_page, _pdf)}
    wanted |= {INDEX, *ASSETS}
    for key in sorted((held | set(manifest.entries)) - wanted):  # only what medleaf wrote
        path = out_dir / key
        if Path(key).is_absolute() or ".." in Path(key).parts or key == MANIFEST:
            continue  # no entry medleaf writes: never follow it out of the folder
        manifest.forget(path)
        if path.is_file() and not path.is_symlink():
            path.unlink()
            report.removed.append(path)
        if path.parent != out_dir and path.parent.is_dir() and not any(
                path.parent.iterdir()):
            path.parent.rmdir()


def _described(entry: dict | None) -> bool:
    """A page's manifest entry holds the names the index shows (a hand-edited or older
    manifest may not: that page is written again)."""
    texts = [entry.get("generic"), entry.get("draft")] if isinstance(entry, dict) else [None]
    lists = [entry.get("brands"), entry.get("local_brands")] if isinstance(entry, dict) else []
    return all(isinstance(t, str) for t in texts) and all(
        isinstance(v, list) and all(isinstance(i, str) for i in v) for v in lists)


def _digest(value) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, ensure_ascii=False).encode()
                          ).hexdigest()


def _plain(text: str) -> str:
    """A name as plain text (a monograph's *emphasis* marks dropped)."""
    return str(text).replace("*", "").strip()


def _searchable(text: str) -> str:
    """As assets/search.js normalizes what is typed: NFKC, lower case, one space."""
    folded = unicodedata.normalize("NFKC", text).lower()
    for mark in "「」『』“”\"'()（）":
        folded = folded.replace(mark, " ")
    return " ".join(folded.split())
