"""Render many leaflets on every core: warm worker processes, one Renderer each.

The parent makes one Renderer (templates, stylesheets, fonts loaded) and then forks
the workers, which inherit it warm and render job after job. A failed job returns its
problems; it never stops the others.
"""

from __future__ import annotations

import ctypes
import hashlib
import multiprocessing
import os
import signal
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from medleaf.content.inputs import snapshot
from medleaf.content.languages import Language
from medleaf.content.project import Project
from medleaf.errors import MedleafError, Problem, problems_of
from medleaf.publish.files import write_atomic
from medleaf.publish.manifest import BuildOptions, Fingerprints
from medleaf.render.renderer import Renderer
from medleaf.render.request import RenderRequest


@dataclass(frozen=True)
class Job:
    name: str
    language: str
    output: Path


@dataclass
class Outcome:
    job: Job
    pdf_hash: str | None = None
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    cached: bool = False
    """Copied from the render cache, not rendered."""
    fingerprint: str | None = None
    """The fingerprint of the inputs as they were read for this output (files may change
    while a build runs: this, not the one planned, is what the output was made from)."""

    @property
    def ok(self) -> bool:
        return self.pdf_hash is not None


_warm = None  # (Renderer, BuildOptions): one per process, inherited by its workers


def _start(root: Path, options: BuildOptions, forking: bool) -> None:
    """Make this process's renderer; before forking, load its fonts too, so that every
    worker starts warm instead of each loading them on its first leaflet."""
    global _warm
    renderer = Renderer(Project(root), options.brand_dir)
    if forking:
        renderer.warm_up()
    _warm = (renderer, options)


def _render(job: Job) -> Outcome:
    """Render and write one output; whatever stops it (a content problem, a full disk, a
    name too long) is its outcome, never the batch's."""
    started = time.perf_counter()
    renderer, options = _warm
    language, *also = Language.parse_all(job.language)
    try:
        with snapshot():  # the fingerprint is of the very bytes rendered
            pdf = renderer.render(RenderRequest(job.name, language, options.paper, "pdf",
                                                options.allow_incomplete, options.release,
                                                options.large_print, *also,
                                                archive=options.archive))
            fingerprint = Fingerprints(renderer.project, options).of_tag(job.name,
                                                                         job.language)
        write_atomic(job.output, pdf)
    except MedleafError as exc:
        return Outcome(job, problems=problems_of(exc), seconds=time.perf_counter() - started)
    return Outcome(job, hashlib.sha256(pdf).hexdigest(), seconds=time.perf_counter() - started,
                   fingerprint=fingerprint)


def _die_with(parent: int) -> None:
    """(in a worker) Exit when the parent does, however it ends (kill -9 included)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # not Linux: the pool's own shutdown still ends the workers
    if os.getppid() != parent:  # it died before the line above
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else \
        (os.cpu_count() or 1)


def run(project: Project, jobs: Iterable[Job], options: BuildOptions, workers: int
        ) -> Iterator[Outcome]:
    """Render the jobs, yielding each outcome as it completes."""
    jobs = list(jobs)
    if not jobs:
        return
    forking = workers > 1 and len(jobs) > 1
    _start(project.root, options, forking)
    if not forking:
        yield from map(_render, jobs)
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(min(workers, len(jobs)), mp_context=context,
                             initializer=_die_with, initargs=(os.getpid(),)) as pool:
        futures = [pool.submit(_render, job) for job in jobs]
        try:
            for future in as_completed(futures):
                yield future.result()
        except BaseException:
            for future in futures:
                future.cancel()
            raise


def in_background(function, args: tuple, workers: int):
    """function(renderer, *args) on a forked copy of this process and its warm renderer
    while this one goes on (here, when called for, with one worker); call the result for
    its value (or its exception)."""
    if workers < 2:
        return lambda: function(_warm[0], *args)
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"),
                               initializer=_die_with, initargs=(os.getpid(),))
    future = pool.submit(_call, function, args)
    pool.shutdown(wait=False)
    return future.result


def _call(function, args):
    return function(_warm[0], *args)


def warm_renderer(project: Project, options: BuildOptions) -> Renderer:
    """This process's warm Renderer for the project and options (made once)."""
    if _warm is None or _warm[1] != options or _warm[0].project.root != project.root:
        _start(project.root, options, False)
    return _warm[0]
