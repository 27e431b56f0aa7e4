"""`medleaf check`: every problem in the monographs and catalogs, reported all at once."""

from __future__ import annotations

from dataclasses import dataclass, field

from .catalog_checks import review_leaflet, review_ui
from .errors import ContentError, Problem
from .locales import Language, available_languages
from .monograph import load_leaflet
from .project import Project


@dataclass
class CheckReport:
    problems: list[Problem] = field(default_factory=list)
    leaflets: int = 0
    catalogs: int = 0


def check(project: Project, names: list[str], languages: list[Language] | None = None,
          ) -> CheckReport:
    """Validate each named (default: every) leaflet and its catalogs in each language."""
    report = CheckReport()
    if languages is None:
        languages = available_languages(project.locales_dir)
    languages = [lang for lang in languages if not lang.is_source]
    for language in languages:
        report.problems += _collect(review_ui, project, language)
        report.catalogs += 1
    for name in project.check_names(names):
        report.leaflets += 1
        try:
            leaflet = load_leaflet(project, name)
        except ContentError as exc:
            report.problems += exc.problems
            continue
        for language in languages:
            report.problems += _collect(review_leaflet, project, leaflet, language)
            report.catalogs += 1
    return report


def _collect(review, *args) -> list[Problem]:
    """A review's findings; a catalog too broken to read is itself a finding."""
    try:
        return review(*args)
    except ContentError as exc:
        return exc.problems
