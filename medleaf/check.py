"""`medleaf check`: every problem in the monographs and catalogs, reported all at once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from . import packs
from .catalog_checks import review_leaflet, review_ui
from .content_checks import (
    check_completeness,
    check_glyphs,
    check_readability,
    check_wrong_medicine,
    reading_grade,
    ui_glyph_problems,
)
from .errors import ContentError, Problem
from .locales import Language, translations
from .monograph import Leaflet, load_leaflet
from .project import Project


@dataclass
class CheckReport:
    problems: list[Problem] = field(default_factory=list)
    leaflets: int = 0
    catalogs: int = 0
    grades: dict[str, float] = field(default_factory=dict)
    """Each English leaflet's Flesch-Kincaid reading grade."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.warning]


@dataclass(frozen=True)
class Limits:
    review_age_years: int = 3
    """A review older than this is due (a warning)."""
    max_grade: float = 8.0
    """An English leaflet above this reading grade gets a warning."""


def check(project: Project, names: list[str], languages: list[Language] | None = None,
          limits: Limits = Limits(), today: dt.date | None = None) -> CheckReport:
    """Validate each named (default: every) leaflet and its catalogs in each language."""
    today = today or dt.date.today()
    report = CheckReport()
    languages = translations(project.locales_dir, languages)
    for language in languages:
        report.problems += _collect(review_ui, project, language)
        report.problems += _collect(ui_glyph_problems, project, language)
        report.catalogs += 1
        if project.pack_files():
            report.problems += _collect(packs.review, project, language)
            report.catalogs += 1
    library = _library(project)
    for name in project.check_names(names):
        report.leaflets += 1
        try:
            leaflet = load_leaflet(project, name)
        except ContentError as exc:
            report.problems += exc.problems
            continue
        report.problems += check_wrong_medicine(leaflet, library)
        report.problems += check_completeness(leaflet, today, limits.review_age_years)
        report.problems += check_readability(leaflet, limits.max_grade)
        report.problems += _collect(check_glyphs, project, leaflet, languages)
        report.grades[name] = reading_grade(leaflet)
        for language in languages:
            report.problems += _collect(review_leaflet, project, leaflet, language)
            report.catalogs += 1
    report.problems = list(dict.fromkeys(report.problems))  # a broken file, found twice
    return report


def _library(project: Project) -> list[Leaflet]:
    """Every valid monograph of the project (an invalid one is reported on its own)."""
    library = []
    for name in project.leaflet_names():
        try:
            library.append(load_leaflet(project, name))
        except ContentError:
            pass
    return library


def _collect(review, *args) -> list[Problem]:
    """A review's findings; a catalog too broken to read is itself a finding."""
    try:
        return review(*args)
    except ContentError as exc:
        return exc.problems
