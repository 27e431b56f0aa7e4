"""Clinic leaflet packs: a cover (brand, title, date, contents with page numbers) and then
each leaflet with its own "Page X of Y", as one PDF with an outline, or as a folder.

A pack is packs/NAME.yaml. Its title and cover text are translated like everything else,
in the `packs` catalog, with the context pack:NAME:title.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from medleaf.checks.packs import pack_problems
from medleaf.content.languages import Language
from medleaf.content.packfile import Pack, load_pack
from medleaf.content.project import Project
from medleaf.errors import ContentError
from medleaf.publish.cache import RenderCache, page_count
from medleaf.publish.files import check_output, refuse_non_pdf, write_atomic
from medleaf.publish.join import Join
from medleaf.publish.manifest import BuildOptions, Fingerprints
from medleaf.publish.workers import Job, default_jobs, in_background, warm_renderer
from medleaf.publish.workers import run as run_jobs
from medleaf.render.cover import Part
from medleaf.render.cover import cover_pdf as make_cover


@dataclass
class PackReport:
    written: list[Path]
    leaflets: int
    pages: int
    seconds: float
    rendered: int = 0
    """Leaflets rendered for this pack; the others were already built (see cache.py)."""


def build_pack(project: Project, pack: Pack, out: Path, workers: int, release: bool = False,
               split: bool = False, today: dt.date | None = None, force: bool = False,
               on_outcome=None, archive: bool = False) -> PackReport:
    """Write the pack: its leaflets as already built with the same inputs, the others (all
    with `force`) rendered on `workers` warm processes; then the cover, whose contents need
    the leaflets' page counts; then one PDF (each font embedded once) or a folder.
    `on_outcome(outcome, done, total)` follows the rendering, as for build. `archive`: the
    cover and every leaflet PDF/A-3a as well as PDF/UA-1, and so the pack."""
    started = time.perf_counter()
    brand = pack.brand
    check_output(out, project.source_dirs(brand), folder=split)
    problems = pack_problems(project, pack, release)
    if problems:
        raise ContentError(problems)
    options = BuildOptions(pack.fields.paper, brand, False, release, archive=archive)
    if split:
        written = [out / "00-cover.pdf", *(out / f"{index:02d}-{name}.{language.tag}.pdf"
                                           for index, (name, language) in
                                           enumerate(pack.entries, 1))]
        for path in written:
            refuse_non_pdf(path)
    entries, pdfs, rendered = _rendered_leaflets(project, pack, options, workers, force,
                                                 on_outcome)
    warm_renderer(project, options).warm_up()  # every face (to join the leaflets' subsets)
    cover = in_background(make_cover, (pack, entries, today or dt.date.today(), archive),
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
                       ) -> tuple[list[Part], list[bytes], int]:
    """Each leaflet of the pack, with its PDF: from the render cache, or rendered (into a
    folder of its own, then kept in the cache if it can be) when not there yet."""
    fingerprints, cache = Fingerprints(project, options), RenderCache()
    wanted = {(name, language): fingerprints.of(name, language)
              for name, language in pack.entries}
    pdfs = {} if force else {key: cache.get(fingerprint) for key, fingerprint in wanted.items()}
    with tempfile.TemporaryDirectory(prefix="medleaf-pack-") as folder:
        jobs = [Job(name, language.tag, Path(folder) / f"{index}.pdf")
                for index, (name, language) in enumerate(wanted)
                if pdfs.get((name, language)) is None]
        failures = []
        for done, outcome in enumerate(run_jobs(project, jobs, options, workers), 1):
            key = (outcome.job.name, Language.parse(outcome.job.language))
            failures += outcome.problems
            if outcome.ok and outcome.fingerprint != wanted[key]:
                failures.append(pack.source.problem(("leaflets",), f"{key[0]} ({key[1]}) "
                                                    "changed while the pack was made: make "
                                                    "the pack again"))
            elif outcome.ok:
                pdfs[key] = outcome.job.output.read_bytes()
                cache.put(wanted[key], pdfs[key])
            if on_outcome:
                on_outcome(outcome, done, len(jobs))
    if failures:
        raise ContentError(list(dict.fromkeys(failures)))
    if jobs:
        cache.prune()
    parts = [Part(name, language, page_count(pdfs[name, language]) or 0)
             for name, language in pack.entries]
    return parts, [pdfs[key] for key in pack.entries], len(jobs)


def build_pack_file(project: Project, pack_file: Path, out: Path | None, workers: int | None,
                    release: bool = False, split: bool = False, force: bool = False,
                    on_outcome=None, archive: bool = False) -> PackReport:
    """`medleaf pack`: the pack file read, then built into `out` (default out/packs/NAME.pdf,
    or the folder out/packs/NAME when `split`; NAME.archive.pdf, NAME.archive, with
    `archive`) on `workers` processes (default every core)."""
    pack = load_pack(project, Path(os.path.abspath(pack_file)))
    name = pack.name + (".archive" if archive else "")
    out = out or project.root / "out" / "packs" / (name if split else f"{name}.pdf")
    return build_pack(project, pack, out, workers or default_jobs(), release, split,
                      force=force, on_outcome=on_outcome, archive=archive)
