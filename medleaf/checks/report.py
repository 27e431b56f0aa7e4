"""`medleaf check`: every problem in the monographs, catalogs, brand and pack files, all at
once. Its errors are exactly the gate's (gate.py), which build, pack and approval ask; the
warnings (a review that is due, a hard-to-read leaflet) are its own."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from medleaf.checks.brand import brand_problems
from medleaf.checks.content import check_readability, check_review_due, reading_grade
from medleaf.checks.gate import Gate
from medleaf.checks.glyphs import require_fonts
from medleaf.checks.packs import pack_problems, packs_catalog_problems
from medleaf.content.brand import load_brand
from medleaf.content.languages import SOURCE, Language, translations
from medleaf.content.monograph import load_leaflet
from medleaf.content.packfile import load_pack
from medleaf.content.project import Project
from medleaf.errors import ContentError, PreflightError, Problem
from medleaf.i18n.profiles import profile


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
    """Validate each named leaflet and its catalogs in each language, and the project's
    brand; with no names, every leaflet and the pack files too."""
    gate = Gate(project, today)
    report = CheckReport()
    languages = translations(project.locales_dir, languages)
    every = not names
    names = project.check_names(names)
    report.problems += _collect(_brand_problems, project, None)
    for path in project.pack_files() if every else ():
        report.problems += _collect(_pack_problems, project, path)
    unusable = [p for language in [Language.parse(SOURCE), *languages]
                for p in _collect(_profile_problems, project, language)]
    report.problems += unusable
    if unusable:  # every other check reads the languages' profiles
        return report
    for language in languages:
        report.problems += gate.interface(language)
        report.catalogs += 1
        if project.pack_files():
            report.problems += packs_catalog_problems(project, language)
            report.catalogs += 1
    for name in names:
        report.leaflets += 1
        try:
            leaflet = load_leaflet(project, name)
        except ContentError as exc:
            report.problems += exc.problems
            continue
        report.problems += gate.content(leaflet)
        report.problems += check_review_due(leaflet, gate.today, limits.review_age_years)
        report.problems += check_readability(leaflet, limits.max_grade)
        report.grades[name] = reading_grade(leaflet)
        for language in languages:
            report.problems += gate.translation(leaflet, language)
            report.catalogs += 1
    report.problems = list(dict.fromkeys(report.problems))  # a broken file, found twice
    return report


def _profile_problems(project: Project, language: Language) -> list[Problem]:
    """The language's profile can be read, and its fonts are installed."""
    try:
        require_fonts(profile(language, project.locales_dir), language)
    except PreflightError as exc:
        return [Problem(f"{project.locales_dir.name}/{language.catalog_dir}", None, None,
                        str(exc), "fonts")]
    return []


def _pack_problems(project: Project, path) -> list[Problem]:
    pack = load_pack(project, path)
    return pack_problems(project, pack, release=False) + \
        (_collect(_brand_problems, project, pack.brand) if pack.brand else [])


def _brand_problems(project: Project, directory) -> list[Problem]:
    brand = load_brand(project, directory)  # raises what stops its reading
    return brand_problems(brand, project.locales_dir)


def _collect(find, *args) -> list[Problem]:
    """What `find` reports; a file too broken to read is itself a finding."""
    try:
        return find(*args)
    except ContentError as exc:
        return exc.problems
