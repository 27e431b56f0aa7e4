"""Build leaflets: validate, localize, render and write each PDF atomically into out/.

`Leaflets` is the library entry point a long-lived process keeps: it holds one warm Renderer
and renders any leaflet in any language, as HTML or PDF bytes, as many times as asked.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

from medleaf.content.languages import Bilingual, Language, available_languages
from medleaf.content.paper import PAPERS
from medleaf.content.project import Project
from medleaf.errors import Problem, UsageError, problems_of
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
    return list(dict.fromkeys(Bilingual(*pair) if len(pair) == 2 else pair[0]
                              for pair in (Language.parse_all(v) for v in values)))


def build(project: Project, names: list[str], languages: list[Language] | None,
          out_dir: Path, options: BuildOptions | None = None, workers: int | None = None,
          force: bool = False, on_outcome=None, on_wait=None, place=None) -> BuildReport:
    """Build each named leaflet (all when empty) in each language on `workers` processes.

    Outputs whose inputs have not changed since the manifest recorded them are skipped, and
    those the render cache holds are copied from it (unless `force`); a failure stops no
    other output; each finished output is recorded in the manifest at once, so an
    interrupted build resumes where it stopped. One build at a time writes into a folder
    (`on_wait()` is called if another one is already at it). `place(name, tag)` names each
    output within out_dir (by default NAME.LANG.pdf).
    """
    options = options or BuildOptions()
    if options.paper not in PAPERS:
        raise UsageError(f"unknown paper size {options.paper!r} (choose {', '.join(PAPERS)})")
    names = project.check_names(names)
    check_output(out_dir, project.source_dirs(options.brand_dir), folder=True)
    with exclusive(out_dir, on_wait):
        return build_held(project, names, languages, out_dir, options, workers, force,
                          on_outcome, place)


def build_held(project: Project, names: list[str], languages: list[Language] | None,
               out_dir: Path, options: BuildOptions, workers: int | None, force: bool,
               on_outcome, place=None, fingerprints: Fingerprints | None = None
               ) -> BuildReport:
    """build(), by a caller already holding out_dir (exclusive) and its names checked (and
    perhaps the inputs' fingerprints made)."""
    place = place or (lambda name, tag: f"{name}.{tag}{options.suffix}.pdf")
    started = time.perf_counter()
    report = BuildReport()
    remove_leftovers(out_dir)
    manifest = Manifest(out_dir)
    fingerprints = fingerprints or Fingerprints(project, options)
    todo: dict[Job, str] = {}
    refused: list[Outcome] = []
    every = available_languages(project.locales_dir)  # a catalog missing fails, as in check
    for name in names:
        for language in languages or every:
            job = Job(name, language.tag, out_dir / place(name, language.tag))
            fingerprint = fingerprints.of_tag(name, language.tag)
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
            made_from = outcome.fingerprint or todo[job]  # the inputs as the render read them
            manifest.record(job.output, made_from, outcome.pdf_hash)
            if not outcome.cached:
                cache.put(made_from, _read(job.output))
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
