"""A personalised leaflet: the patient's personal page, then the leaflet as built.

Only the personal page is laid out; the leaflet comes from the render cache (rendered and
kept there first when it is not), and the two are joined as a pack joins its cover and
leaflets. The patient's data is in the PDF written to `out` and nowhere else: not in the
cache (which holds the leaflet alone), the manifest, a temporary file or a message.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path

from medleaf.checks.doses import dose_problems
from medleaf.checks.records import release_problems
from medleaf.checks.registry import Subject, run
from medleaf.content.languages import Language
from medleaf.content.project import Project
from medleaf.errors import ContentError
from medleaf.publish.cache import RenderCache, page_count
from medleaf.publish.files import check_output, refuse_non_pdf, write_atomic
from medleaf.publish.join import Join
from medleaf.publish.manifest import BuildOptions, Fingerprints
from medleaf.render.personal import Dispensing, personal_pdf
from medleaf.render.renderer import Renderer
from medleaf.render.request import RenderRequest


@dataclass
class Dispensed:
    out: Path
    pages: int
    seconds: float
    leaflet_cached: bool
    """The leaflet came from the render cache (only the personal page was laid out)."""


def personalised(renderer: Renderer, name: str, language: Language, dispensing: Dispensing,
                 options: BuildOptions, also: Language | None = None) -> tuple[bytes, bool]:
    """The personalised leaflet's bytes, and whether the leaflet came from the cache
    (`also`: the leaflet is bilingual, in `language` and `also`)."""
    project = renderer.project
    dispensing = checked(renderer, name, dispensing)
    fingerprints, cache = Fingerprints(project, options), RenderCache()
    tag = f"{language.tag}+{also.tag}" if also else language.tag
    fingerprint = fingerprints.of_tag(name, tag)
    leaflet = cache.get(fingerprint)
    cached = leaflet is not None
    if leaflet is None:
        leaflet = renderer.render(RenderRequest(name, language, options.paper, "pdf",
                                                options.allow_incomplete, options.release,
                                                options.large_print, also))
        if Fingerprints(project, options).of_tag(name, tag) == fingerprint:
            cache.put(fingerprint, leaflet)  # the leaflet alone: no patient data
    page = personal_pdf(renderer, name, options.paper, dispensing)
    return Join([leaflet], share_fonts=False).after(page), cached


def checked(renderer: Renderer, name: str, dispensing: Dispensing) -> Dispensing:
    """The dispensing, if the directions pass the gate's checks for this medicine (a dose
    above its maximum is refused unless confirmed, and then the page says so)."""
    leaflet = renderer.load(name)
    problems = run("directions", Subject(renderer.project, leaflet,
                                         directions=dispensing.directions), "error")
    if problems:
        raise ContentError(problems)
    above = dose_problems(leaflet, dispensing.directions)[1]  # confirmed: the page says so
    return replace(dispensing, above_maximum=bool(above))


def personal_page(renderer: Renderer, name: str, dispensing: Dispensing,
                  options: BuildOptions) -> bytes:
    """The personal page alone (to print again, or apart from the leaflet), after the same
    checks as the personalised leaflet; with `options.release`, a draft is refused."""
    dispensing = checked(renderer, name, dispensing)
    for language in dispensing.languages if options.release else ():
        localized = renderer.localized(renderer.load(name), language)
        if localized.draft:
            raise ContentError(release_problems(renderer.project, name, language,
                                                localized.reviews))
    renderer.warm_up()
    return personal_pdf(renderer, name, options.paper, dispensing)


def dispense(project: Project, name: str, language: Language, dispensing: Dispensing,
             out: Path, options: BuildOptions | None = None,
             also: Language | None = None) -> Dispensed:
    """`medleaf dispense`: the personalised leaflet written to `out`, and only there."""
    started = time.perf_counter()
    options = options or BuildOptions()
    project.check_names([name])
    check_output(out, project.source_dirs(options.brand_dir), folder=False)
    refuse_non_pdf(out)
    renderer = Renderer(project, options.brand_dir)
    pdf, cached = personalised(renderer, name, language, dispensing, options, also)
    write_atomic(out, pdf)
    return Dispensed(out, page_count(pdf) or 0, time.perf_counter() - started, cached)
