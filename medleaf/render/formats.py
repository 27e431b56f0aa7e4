"""The formats a renderer produces, each a function (renderer, request) -> bytes, found by
name, as WeasyPrint finds its PDF variants and Sphinx its builders. A new format (the HTML
twin of a leaflet, say) is one more registered function."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from medleaf.checks.library import library_names
from medleaf.checks.registry import Subject, run
from medleaf.errors import ContentError, Problem, UsageError
from medleaf.i18n.catalogs import CompiledCatalog, po_path, read_catalog
from medleaf.i18n.localize import localize
from medleaf.render.request import RenderRequest


@dataclass(frozen=True)
class Format:
    name: str
    description: str
    render: Callable
    suffix: str
    """What its file name ends with: .pdf, .proof.pdf."""


FORMATS: dict[str, Format] = {}


def register(name: str, description: str, suffix: str):
    def add(function):
        FORMATS[name] = Format(name, description, function, suffix)
        return function
    return add


def get(name: str) -> Format:
    if name not in FORMATS:
        raise UsageError(f"unknown format {name!r} (choose {', '.join(FORMATS)})")
    return FORMATS[name]


@register("pdf", "the patient leaflet", ".pdf")
def leaflet_pdf(renderer, request: RenderRequest) -> bytes:
    return renderer.typesetter.pdf(renderer.html(request), request.paper, request.what,
                                   request.archive)


@register("proof", "a translator's proof: every text's message context in the margin, "
                   "fuzzy and failing translations highlighted, missing ones in English",
          ".proof.pdf")
def proof_pdf(renderer, request: RenderRequest) -> bytes:
    project, language, name = renderer.project, request.language, request.leaflet
    leaflet = renderer.load(name)
    po = po_path(project, language, name)
    if language.is_source or not po.is_file():
        raise ContentError([Problem(project.display(po), None, None,
                                    f"no {language} catalog to proof for {name}")])
    catalog = read_catalog(project, po, language)
    shown = CompiledCatalog(po, {(m.context, m.id): m.string for m in catalog
                                 if m.id and isinstance(m.string, str) and m.string})
    notes: dict[str, tuple[str, ...]] = {}  # fuzzy and failing ones too: they are proofed
    subject = Subject(project, leaflet, language, library=library_names(project))
    for problem in run("catalog", subject):
        notes[problem.field] = tuple(dict.fromkeys((*notes.get(problem.field, ()),
                                                    problem.check)))
    localized = localize(leaflet, language, shown, notes=notes)
    html = renderer.templates.render(localized, renderer.brand, request.paper, proof=True)
    return renderer.typesetter.pdf(html, request.paper, f"the proof of {name}")
