"""What a worker process renders: an unpersonalised leaflet (kept in the render cache), a
personalised one, or the personal page alone, each with the worker's warm Renderer.

Jobs carry the patient's directions in memory only: nothing of them is written, cached or
logged here (the render cache keeps the leaflet alone, as `medleaf dispense` does).
"""

from __future__ import annotations

import datetime as dt
import gc
from dataclasses import dataclass
from pathlib import Path

from medleaf.content.directions import Directions
from medleaf.content.inputs import snapshot
from medleaf.content.languages import Language, available_languages
from medleaf.content.project import Project
from medleaf.publish.cache import RenderCache
from medleaf.publish.manifest import BuildOptions, Fingerprints
from medleaf.publish.personal import personal_page, personalised
from medleaf.render.personal import Dispensing, page_languages
from medleaf.render.renderer import Renderer
from medleaf.render.request import RenderRequest


@dataclass(frozen=True)
class LeafletJob:
    name: str
    tag: str
    """The language, or two joined by + (en+zh-HK)."""
    options: BuildOptions

    def request(self) -> RenderRequest:
        language, *also = Language.parse_all(self.tag)
        o = self.options
        return RenderRequest(self.name, language, o.paper, "pdf", o.allow_incomplete,
                             o.release, o.large_print, *also)


@dataclass(frozen=True)
class PersonalJob(LeafletJob):
    directions: Directions | None = None
    personal_only: bool = False
    day: dt.date | None = None
    pharmacist: str | None = None


@dataclass
class Warm:
    """A worker's state: its Renderer and the brand folder its options name."""

    renderer: Renderer
    brand_dir: Path | None


def warm(root: Path, brand_dir: Path | None) -> Warm:
    """A Renderer with every face loaded and one leaflet rendered, so that the first
    request is as quick as the next."""
    renderer = Renderer(Project(root), brand_dir)
    renderer.warm_up()
    names = renderer.project.leaflet_names()
    if names:
        try:
            renderer.render(RenderRequest(names[0], Language.parse("en")))
        except Exception:  # noqa: BLE001 (a leaflet that cannot print is its requests' error)
            pass
    gc.freeze()  # what the warm-up loaded stays out of the collector's passes
    return Warm(renderer, brand_dir)


def run(state: Warm, job: LeafletJob):
    """The job's PDF; an unpersonalised leaflet also with its fingerprint (the ETag)."""
    renderer = state.renderer
    if isinstance(job, PersonalJob):
        return _personal(renderer, job)
    with snapshot():  # the fingerprint is of the very bytes rendered
        pdf = renderer.render(job.request())
        fingerprint = Fingerprints(renderer.project, job.options).of_tag(job.name, job.tag)
    RenderCache().put(fingerprint, pdf)
    return pdf, fingerprint


def _personal(renderer: Renderer, job: PersonalJob) -> bytes:
    language, *also = Language.parse_all(job.tag)
    languages = (language, *also) if also else page_languages(
        language, available_languages(renderer.project.locales_dir))
    dispensing = Dispensing(job.directions, languages, job.day or dt.date.today(),
                            job.pharmacist, job.options.large_print)
    if job.personal_only:
        return personal_page(renderer, job.name, dispensing, job.options)
    return personalised(renderer, job.name, language, dispensing, job.options,
                        also[0] if also else None)[0]
