"""Clinic leaflet packs: a cover (brand, title, date, contents with page numbers) and then
each leaflet with its own "Page X of Y", as one PDF with an outline, or as a folder.

A pack is packs/NAME.yaml. Its title and cover text are translated like everything else,
in the `packs` catalog, with the context pack:NAME:title.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from babel.dates import format_date
from babel.messages.catalog import Catalog
from pydantic import Field

from medleaf.checks.content import catalog_glyph_problems
from medleaf.checks.records import content_state, translation_state
from medleaf.checks.translation import catalog_problems as check_catalog
from medleaf.content.inputs import file_hash, real
from medleaf.content.monograph import context, load_leaflet, prose_in
from medleaf.content.project import Project
from medleaf.content.schema import Model, Prose, Text
from medleaf.content.yamlfile import FieldPath, YamlFile, format_path
from medleaf.errors import ContentError, Problem, UsageError
from medleaf.i18n.catalogs import leaflet_languages, load_compiled, po_path
from medleaf.i18n.glossary import glossary
from medleaf.i18n.languages import Language
from medleaf.i18n.templates import add_message, new_catalog
from medleaf.publish.cache import RenderCache, page_count
from medleaf.publish.files import check_output, refuse_non_pdf, write_atomic
from medleaf.publish.join import Join
from medleaf.publish.manifest import BuildOptions, Fingerprints
from medleaf.publish.workers import Job, in_background
from medleaf.publish.workers import run as run_jobs
from medleaf.publish.workers import session as warm_session
from medleaf.render.html import check_page

DOMAIN = "packs"


class PackFile(Model):
    """A set of leaflets a clinic hands out together."""

    title: Text
    """The pack's title, on its cover (translated in the packs catalog)."""
    cover_text: Text | None = None
    """A few words under the title (translated in the packs catalog)."""
    brand: str | None = None
    """The brand folder, relative to the project; default templates/brand."""
    paper: Literal["A4", "A5"] = "A4"
    languages: list[str] = Field(min_length=1)
    """en, zh-HK, or both: each leaflet comes in each language, in this order."""
    leaflets: list[str] = Field(min_length=1)
    """The leaflets, in the order they are printed."""


@dataclass(frozen=True)
class Pack:
    name: str
    fields: PackFile
    source: YamlFile
    languages: tuple[Language, ...]
    brand: Path | None
    """The brand folder (inside the project), or None for the project's own."""

    def texts(self):
        yield from prose_in(self.fields, ())

    def context(self, path: FieldPath) -> str:
        return f"pack:{self.name}:{format_path(path)}"

    @property
    def entries(self) -> list[tuple[str, Language]]:
        return [(name, language) for name in self.fields.leaflets for language in self.languages]


def load_pack(project: Project, path: Path) -> Pack:
    if not os.path.lexists(path):
        raise UsageError(f"no pack file {path}")
    source = YamlFile(path, project.display(path))
    fields = source.validate(PackFile)
    languages, problems = [], []
    for index, tag in enumerate(fields.languages):
        try:
            languages.append(Language.parse(tag))
        except UsageError as exc:
            problems.append(source.problem(("languages", index), str(exc)))
    brand = None
    if fields.brand:
        brand = real(project.root / fields.brand)
        if not brand.is_relative_to(project.root) or not (brand / "brand.yaml").is_file():
            problems.append(source.problem(("brand",), f"{fields.brand!r} is not a brand "
                                           "folder (with brand.yaml) inside the project"))
    if problems:
        raise ContentError(problems)
    return Pack(path.stem, fields, source, tuple(dict.fromkeys(languages)), brand)


def template(project: Project) -> Catalog:
    """The packs catalog's template: the title and cover text of every pack."""
    catalog = new_catalog(DOMAIN)
    for path in project.pack_files():
        pack = load_pack(project, path)
        for path_in_pack, text in pack.texts():
            line = pack.source.line_of(path_in_pack)
            add_message(catalog, text, (pack.source.shown_as, line), pack.context(path_in_pack))
    return catalog


def review(project: Project, language: Language) -> list[Problem]:
    path = po_path(project, language, DOMAIN)
    return check_catalog(project, template(project), path, language,
                          glossary(project, language))


def problems_before_rendering(project: Project, pack: Pack, release: bool) -> list[Problem]:
    """Every leaflet that does not exist, language a leaflet lacks, untranslated pack text
    and (for a release) draft, found before anything is rendered."""
    problems = []
    known = set(project.leaflet_names())
    for index, name in enumerate(pack.fields.leaflets):
        where = ("leaflets", index)
        if name not in known:
            problems.append(pack.source.problem(where, f"no leaflet '{name}' in leaflets/"))
            continue
        have = leaflet_languages(project, name)
        for language in pack.languages:
            if language not in have:
                problems.append(pack.source.problem(where, f"{name} has no {language} "
                                                    "translation"))
        if release:
            try:
                leaflet = load_leaflet(project, name)
            except ContentError as exc:
                problems += exc.problems
                continue
            states = [content_state(leaflet)] + [translation_state(project, leaflet, lang)
                                                 for lang in pack.languages if lang in have
                                                 and not lang.is_source]
            problems += [pack.source.problem(where, f"{name}: draft: the {s.what} {s.reason}")
                         for s in states if not s.approved]
    for language in pack.languages:
        problems += [pack.source.problem(path, f"no {language} translation in the packs "
                                         "catalog: run 'medleaf i18n update packs'")
                     for path, text in pack.texts() if pack_text(project, pack, path, text,
                                                                 language) is None]
    own = f"pack:{pack.name}:"
    for language in pack.languages:
        if not language.is_source:  # the checks of its own title and cover text
            problems += [p for p in catalog_problems(project, language)
                         if p.field is None or p.field.startswith(own)]
    return problems


def catalog_problems(project: Project, language: Language) -> list[Problem]:
    """Every problem of the packs catalog: the translation checks and the glyphs."""
    try:
        return review(project, language) + catalog_glyph_problems(project, language, DOMAIN)
    except ContentError as exc:
        return exc.problems


def pack_text(project: Project, pack: Pack, path: FieldPath, english: Prose,
              language: Language) -> str | None:
    if language.is_source:
        return english
    digest = file_hash(po_path(project, language, DOMAIN))
    return _packs_catalog(project, language, digest).lookup(english, pack.context(path))


@functools.lru_cache(maxsize=16)
def _packs_catalog(project: Project, language: Language, digest: str):
    """The packs catalog, read once per version of the file (`digest`)."""
    return load_compiled(project, language, DOMAIN)


@dataclass(frozen=True)
class Contents:
    """One line of the cover's table of contents."""

    title: str
    language: Language
    page: int


def cover_html(session, pack: Pack, contents: list[Contents], today: dt.date) -> str:
    """The cover: brand, the pack's title in each language, the date, the contents."""
    project = session.project
    fields = pack.fields
    templates = session.renderer.templates
    versions, interfaces = [], []
    for language in pack.languages:
        title = pack_text(project, pack, ("title",), fields.title, language)
        text = fields.cover_text and pack_text(project, pack, ("cover_text",),
                                               fields.cover_text, language)
        ui = templates.interface(language)
        interfaces.append(ui)
        versions.append({"lang": language, "title": title, "text": text,
                         "date": format_date(today, "long", locale=language.format_locale),
                         "ui": ui.gettext})
    first = pack.languages[0]
    return check_page(templates.page("cover.html", interfaces, dict(
        versions=versions, lang=first, brand=session.brand,
        languages=list(dict.fromkeys([*pack.languages, *(c.language for c in contents)])),
        text=lambda localized, language: localized.get(language), contents=contents,
        paper=fields.paper, N_=lambda s: s, logo_url=session.brand.logo_path.as_uri(),
        language_name=lambda lang: lang.babel.language_name.title()
        if lang.babel.language_name else lang.tag,
        gettext=interfaces[0].gettext, ngettext=interfaces[0].ngettext)),
        f"the cover of {pack.source.shown_as}")


@dataclass
class PackReport:
    written: list[Path]
    leaflets: int
    pages: int
    seconds: float
    rendered: int = 0
    """Leaflets rendered for this pack; the others were already built (see cache.py)."""


@dataclass(frozen=True)
class Entry:
    name: str
    language: Language
    pages: int


def build_pack(project: Project, pack: Pack, out: Path, workers: int, release: bool = False,
               split: bool = False, today: dt.date | None = None, force: bool = False,
               on_outcome=None) -> PackReport:
    """Write the pack: its leaflets as already built with the same inputs, the others (all
    with `force`) rendered on `workers` warm processes; then the cover, whose contents need
    the leaflets' page counts; then one PDF (each font embedded once) or a folder.
    `on_outcome(outcome, done, total)` follows the rendering, as for build."""
    started = time.perf_counter()
    brand = pack.brand
    check_output(out, project.source_dirs(brand), folder=split)
    problems = problems_before_rendering(project, pack, release)
    if problems:
        raise ContentError(problems)
    options = BuildOptions(pack.fields.paper, brand, False, release)
    if split:
        written = [out / "00-cover.pdf", *(out / f"{index:02d}-{name}.{language.tag}.pdf"
                                           for index, (name, language) in
                                           enumerate(pack.entries, 1))]
        for path in written:
            refuse_non_pdf(path)
    entries, pdfs, rendered = _rendered_leaflets(project, pack, options, workers, force,
                                                 on_outcome)
    session = warm_session(project, options)
    session.renderer.warm_up()  # every face (to join the leaflets' subsets), before forking
    cover = in_background(_cover_pdf, (pack, entries, today or dt.date.today()),
                                workers)
    joined = None if split else Join(pdfs)  # meanwhile
    cover_pdf, cover_pages = cover()
    if split:
        for path, pdf in zip(written, [cover_pdf, *pdfs], strict=True):
            write_atomic(path, pdf)
    else:
        written = [out]
        write_atomic(out, joined.after(cover_pdf))
    return PackReport(written, len(entries), cover_pages + sum(e.pages for e in entries),
                      time.perf_counter() - started, rendered)


def _rendered_leaflets(project: Project, pack: Pack, options: BuildOptions, workers: int,
                       force: bool, on_outcome=None
                       ) -> tuple[list[Entry], list[bytes], int]:
    """Each leaflet of the pack, with its PDF, from the render cache, rendering those not
    there yet (or there but failing its check)."""
    fingerprints, cache = Fingerprints(project, options), RenderCache()
    wanted = {(name, language): fingerprints.of(name, language)
              for name, language in pack.entries}
    pages = {} if force else {key: cache.pages(fingerprint)
                              for key, fingerprint in wanted.items()}
    jobs = [Job(name, language.tag, cache.path(wanted[name, language]))
            for name, language in wanted if pages.get((name, language)) is None]
    failures = []
    for done, outcome in enumerate(run_jobs(project, jobs, options, workers), 1):
        failures += outcome.problems
        if outcome.ok:
            cache.record(wanted[outcome.job.name, Language.parse(outcome.job.language)],
                         outcome.pdf_hash)
        if on_outcome:
            on_outcome(outcome, done, len(jobs))
    if failures:
        raise ContentError(list(dict.fromkeys(failures)))
    pdfs = []
    for name, language in pack.entries:
        pdf = cache.get(wanted[name, language])
        if pdf is None:  # pruned or changed since, by another process
            raise ContentError([pack.source.problem(("leaflets",), f"{name} ({language}) "
                                                    "left the render cache while the pack "
                                                    "was made: make the pack again")])
        pdfs.append(pdf)
        if pages.get((name, language)) is None:
            pages[name, language] = page_count(pdf)
    if jobs:
        cache.prune()
    return [Entry(name, language, pages[name, language]) for name, language in pack.entries], \
        pdfs, len(jobs)


def _title(session, name: str, language: Language) -> str:
    """The leaflet's generic name in `language`, as its contents line shows it. (The leaflet
    was rendered from these very files, so they are valid: reading the one field is enough.)"""
    project = session.project
    path = project.leaflet_path(name)
    english = str(YamlFile(path, project.display(path), "monograph").data["names"]["generic"])
    if language.is_source:
        return english
    return load_compiled(project, language, name).lookup(
        english, context(name, ("names", "generic"))) or english


def _cover_pdf(session, pack: Pack, entries: list[Entry], today: dt.date) -> tuple[bytes, int]:
    """The cover and its length; its contents' page numbers depend on its own length, so it
    is laid out again until they agree."""
    titles = [_title(session, entry.name, entry.language) for entry in entries]
    cover_pages = 1
    while True:
        page, contents = cover_pages + 1, []
        for entry, title in zip(entries, titles, strict=True):
            contents.append(Contents(title, entry.language, page))
            page += entry.pages
        what = f"the cover of {pack.source.shown_as}"
        cover = session.renderer.document(cover_html(session, pack, contents, today),
                                          pack.fields.paper, what)
        if len(cover.pages) == cover_pages:
            return session.renderer.write(cover, what), cover_pages
        cover_pages = len(cover.pages)
