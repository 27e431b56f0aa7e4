"""Build leaflets: validate, localize, render and write each PDF atomically into out/.

`Leaflets` is the library entry point a long-lived process keeps: it holds one warm Renderer
and renders any leaflet in any language, as HTML or PDF bytes, as many times as asked.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

from medleaf.checks.gate import Gate
from medleaf.checks.records import content_state, translation_state
from medleaf.content.brand import Brand, load_brand
from medleaf.content.inputs import file_hash
from medleaf.content.monograph import Leaflet, load_leaflet
from medleaf.content.project import Project
from medleaf.errors import ContentError, Problem, UsageError, problems_of
from medleaf.i18n.catalogs import load_compiled, po_path
from medleaf.i18n.languages import Language, available_languages
from medleaf.i18n.localize import LocalizedLeaflet, localize
from medleaf.publish.cache import RenderCache
from medleaf.publish.files import (
    OutputError,
    check_output,
    exclusive,
    refuse_non_pdf,
    remove_leftovers,
    write_atomic,
)
from medleaf.publish.manifest import BuildOptions, Fingerprints, Manifest
from medleaf.publish.workers import Job, Outcome, default_jobs
from medleaf.publish.workers import run as run_jobs
from medleaf.render import preflight
from medleaf.render.html import PAPERS
from medleaf.render.pdf import Renderer


class Leaflets:
    """Render the leaflets of one project under one brand; keep it warm and reuse it, from
    any number of threads."""

    def __init__(self, project: Project, brand_dir: Path | None = None):
        preflight.check()
        self.project = project
        self.brand: Brand = load_brand(project, brand_dir)
        self.renderer = Renderer(project, [self.brand.directory])
        self.gate = Gate(project)
        self._kept: dict[tuple, tuple] = {}

    def localized(self, leaflet: Leaflet, language: Language,
                  allow_incomplete: bool = False) -> LocalizedLeaflet:
        """The leaflet in `language`, if the gate lets it print: every error `medleaf check`
        finds for it is refused (ContentError listing them all). With `allow_incomplete`, a
        text whose translation is missing, fuzzy or failing a check prints in English,
        marked on the page, instead."""
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

    def _read(self, path: Path, make, what: str = "read"):
        """What `make` finds in `path`, kept while the file's bytes stay the same."""
        digest = file_hash(path)
        kept = self._kept.get((what, path))
        if kept is None or kept[0] != digest or digest == "missing":
            kept = self._kept[(what, path)] = (digest, make())
        return kept[1]

    def prepare(self, name: str, language: Language, paper: str = "A4",
                allow_incomplete: bool = False, release: bool = False
                ) -> tuple[LocalizedLeaflet, str]:
        """The leaflet in `language` and its HTML; with `release`, a draft is refused."""
        localized = self.localized(self.load(name), language, allow_incomplete)
        if release and localized.draft:
            raise ContentError(release_problems(self.project, localized))
        return localized, self.renderer.html(localized, self.brand, paper)

    def html(self, name: str, language: Language, paper: str = "A4",
             allow_incomplete: bool = False) -> str:
        return self.prepare(name, language, paper, allow_incomplete)[1]

    def pdf(self, name: str, language: Language, paper: str = "A4",
            allow_incomplete: bool = False) -> bytes:
        return self.renderer.pdf(self.html(name, language, paper, allow_incomplete), paper,
                                 f"{name} ({language})")


@dataclass
class BuildReport:
    written: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    """Outputs already built from the same inputs (see manifest.py)."""
    failed: list[tuple[str, str, list[Problem]]] = field(default_factory=list)
    """(leaflet, language tag, problems) for each output that could not be built."""
    seconds: float = 0.0


def parse_languages(values: list[str]) -> list[Language] | None:
    """CLI language choices -> languages; None means every language each leaflet has."""
    if not values or "all" in values:
        return None
    return list(dict.fromkeys(Language.parse(v) for v in values))


def release_problems(project: Project, localized: LocalizedLeaflet) -> list[Problem]:
    """Why a leaflet may not be released to patients: each unapproved review."""
    name, language = localized.name, localized.language
    problems = []
    for review in localized.reviews:
        if not review.approved:
            is_content = review.what == "content"
            path = project.leaflet_path(name) if is_content else po_path(project, language, name)
            lang = "" if is_content else f" --lang {language}"
            problems.append(Problem(project.display(path), None, None,
                                    f"draft: the {review.what} {review.reason}; a pharmacist "
                                    f"approves it with 'medleaf review approve {name}{lang} "
                                    f"--by NAME'", "release"))
    return problems


def build(project: Project, names: list[str], languages: list[Language] | None,
          out_dir: Path, options: BuildOptions | None = None, workers: int | None = None,
          force: bool = False, on_outcome=None, on_wait=None) -> BuildReport:
    """Build each named leaflet (all when empty) in each language on `workers` processes.

    Outputs whose inputs have not changed since the manifest recorded them are skipped, and
    those the render cache holds are copied from it (unless `force`); a failure stops no
    other output; each finished output is recorded in the manifest at once, so an
    interrupted build resumes where it stopped. One build at a time writes into a folder
    (`on_wait()` is called if another one is already at it).
    """
    options = options or BuildOptions()
    if options.paper not in PAPERS:
        raise UsageError(f"unknown paper size {options.paper!r} (choose {' or '.join(PAPERS)})")
    names = project.check_names(names)
    check_output(out_dir, project.source_dirs(options.brand_dir), folder=True)
    with exclusive(out_dir, on_wait):
        return _build(project, names, languages, out_dir, options, workers, force,
                      on_outcome)


def _build(project: Project, names: list[str], languages: list[Language] | None,
           out_dir: Path, options: BuildOptions, workers: int | None, force: bool,
           on_outcome) -> BuildReport:
    started = time.perf_counter()
    report = BuildReport()
    remove_leftovers(out_dir)
    manifest = Manifest(out_dir)
    fingerprints = Fingerprints(project, options)
    todo: dict[Job, str] = {}
    refused: list[Outcome] = []
    every = available_languages(project.locales_dir)  # a catalog missing fails, as in check
    for name in names:
        for language in languages or every:
            job = Job(name, language.tag, out_dir / f"{name}.{language.tag}.pdf")
            fingerprint = fingerprints.of(name, language)
            if not force and manifest.fresh(job.output, fingerprint):
                report.skipped.append(job.output)
                continue
            todo[job] = fingerprint
            try:
                refuse_non_pdf(job.output)
            except UsageError as exc:
                refused.append(Outcome(job, problems=problems_of(exc)))
    cache = RenderCache()

    def finished(outcome) -> None:
        job = outcome.job
        if outcome.ok:
            manifest.record(job.output, todo[job], outcome.pdf_hash)
            if not outcome.cached:
                cache.record(todo[job], outcome.pdf_hash) if job.output == cache.path(
                    todo[job]) else cache.put(todo[job], _read(job.output))
            report.written.append(job.output)
        else:
            manifest.forget(job.output)
            report.failed.append((job.name, job.language, outcome.problems))
        manifest.save()
        if on_outcome:
            on_outcome(outcome, len(report.written) + len(report.failed), len(todo))

    for outcome in refused:
        finished(outcome)
    jobs = [job for job in todo if job not in {o.job for o in refused}]
    rendered = []
    for job in jobs:  # an output built before from the same inputs is copied, in order
        pdf = None if force else cache.get(todo[job])
        if pdf is None:
            rendered.append(job)
            continue
        try:
            write_atomic(job.output, pdf)
        except OutputError as exc:
            finished(Outcome(job, problems=problems_of(exc)))
            continue
        finished(Outcome(job, hashlib.sha256(pdf).hexdigest(), cached=True))
    for outcome in run_jobs(project, rendered, options, workers or default_jobs()):
        finished(outcome)
    if rendered:
        cache.prune()
    report.seconds = time.perf_counter() - started
    return report


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""
