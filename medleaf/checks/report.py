"""`medleaf check`: every problem in the monographs, catalogs, brand and pack files, all at
once. Its errors are the gate's (gate.py), which build, pack and approval ask, and the
library's (a term written two ways across the catalogs: an error to fix, but no one
leaflet's, so it stops no build); the warnings (a review that is due, a hard-to-read
leaflet) are its own."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from medleaf.checks.chinese_readability import Reading, catalog_reading
from medleaf.checks.content import reading_grade
from medleaf.checks.gate import Gate
from medleaf.checks.registry import Limits, run
from medleaf.content.languages import SOURCE, Language, translations
from medleaf.content.monograph import load_leaflet
from medleaf.content.packfile import load_pack
from medleaf.content.project import Project
from medleaf.errors import ContentError, Problem


@dataclass
class CheckReport:
    problems: list[Problem] = field(default_factory=list)
    leaflets: int = 0
    catalogs: int = 0
    grades: dict[str, float] = field(default_factory=dict)
    """Each English leaflet's Flesch-Kincaid reading grade."""
    readings: dict[str, dict[str, Reading]] = field(default_factory=dict)
    """Each leaflet's Chinese catalogs' reading figures, by language tag."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.warning]


def check(project: Project, names: list[str], languages: list[Language] | None = None,
          limits: Limits | None = None, today: dt.date | None = None,
          brand: Path | None = None) -> CheckReport:
    """Run every check of the registry: each named leaflet and its catalogs in each
    language, and the brand (`brand`, else the project's); with no names, every leaflet and
    the pack files too. Errors come from the gate (the same as stop a build), warnings from
    the registry."""
    gate = Gate(project, today)
    report = CheckReport()
    languages = translations(project.locales_dir, languages)
    every = not names
    names = project.check_names(names)
    brands = [brand]
    for path in project.pack_files() if every else ():
        report.problems += run("pack", gate.subject(path=path))
        brands += [pack.brand for pack in _readable(project, path) if pack.brand]
    for brand in dict.fromkeys(brands):
        report.problems += run("brand", gate.subject(path=brand))
    unusable = [p for language in [Language.parse(SOURCE), *languages]
                for p in run("language", gate.subject(language=language))]
    report.problems += unusable
    if unusable:  # every other check reads the languages' profiles
        return report
    for language in languages:
        report.problems += gate.interface(language)
        report.catalogs += 1
        if project.pack_files():
            report.problems += run("packs catalog", gate.subject(language=language))
            report.catalogs += 1
        if every:  # the library as a whole: its findings stop no one leaflet (gate.py)
            report.problems += run("library", gate.subject(language=language))
    for name in names:
        report.leaflets += 1
        try:
            leaflet = load_leaflet(project, name)
        except ContentError as exc:
            report.problems += exc.problems
            continue
        report.problems += gate.content(leaflet)
        report.problems += run("leaflet", gate.subject(leaflet=leaflet,
                                                     limits=limits or Limits()),
                               "warning")
        report.grades[name] = reading_grade(leaflet)
        for language in languages:
            report.problems += gate.translation(leaflet, language)
            report.problems += run("catalog", gate.subject(leaflet=leaflet, language=language,
                                                          limits=limits or Limits()), "warning")
            reading = catalog_reading(project, leaflet, language)
            if reading is not None:
                report.readings.setdefault(name, {})[language.tag] = reading
            report.catalogs += 1
    report.problems = list(dict.fromkeys(report.problems))  # a broken file, found twice
    return report


def _readable(project: Project, path) -> list:
    """The pack, if it can be read (what stops its reading is the pack check's finding)."""
    try:
        return [load_pack(project, path)]
    except ContentError:
        return []
