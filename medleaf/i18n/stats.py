"""How far each catalog is from the current sources (`medleaf i18n stats`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog

from medleaf.content.languages import Language, translations
from medleaf.content.project import Project
from medleaf.errors import Problem
from medleaf.i18n.catalogs import UI_DOMAIN, po_path, read_catalog
from medleaf.i18n.interface import has_text, own_po, shipped_po, translates
from medleaf.i18n.templates import stale_templates, templates


@dataclass(frozen=True)
class Stats:
    """How far one catalog is from the current sources."""

    language: Language
    domain: str
    total: int
    translated: int
    fuzzy: int
    untranslated: int
    obsolete: int
    stale: int
    """Messages of the sources missing from the catalog, plus its messages no source has."""

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0

    @property
    def complete(self) -> bool:
        return self.translated == self.total and not self.stale


@dataclass(frozen=True)
class StatsReport:
    """Every catalog's stats, and the templates (.pot) out of date with the sources."""

    rows: list[Stats]
    stale: list[Path]

    @property
    def problems(self) -> list[Problem]:
        """Why `i18n stats --check` fails: a catalog incomplete or a template out of date."""
        bad = sum(1 for r in self.rows if not r.complete) + len(self.stale)
        return [Problem("locales", None, None, f"{bad} catalogs or templates are incomplete "
                        "or out of date")] if bad else []


def stats_report(project: Project, languages: list[Language] | None = None) -> StatsReport:
    return StatsReport(stats(project, languages), stale_templates(project))


def stats(project: Project, languages: list[Language] | None = None) -> list[Stats]:
    languages = translations(project.locales_dir, languages)
    rows = []
    for domain, template in templates(project).items():
        for language in languages:
            ui = domain == UI_DOMAIN
            path = own_po(project, language) if ui else po_path(project, language, domain)
            catalog = read_catalog(project, path, language) if path.is_file() else None
            shipped = shipped_po(project, language) if ui else None
            rows.append(_stats(language, domain, template, catalog,
                               shipped and read_catalog(project, shipped, language)))
    return rows


def _stats(language: Language, domain: str, template: Catalog, catalog: Catalog | None,
           fallback: Catalog | None = None) -> Stats:
    """The catalog's counts; a message it leaves empty that `fallback` (medleaf's interface
    catalog) translates counts as translated, and without a catalog of its own, only what
    the fallback lacks is out of date."""
    wanted = {(m.id, m.context): m for m in template if m.id}
    have = {(m.id, m.context): m for m in catalog or () if m.id}
    translated = fuzzy = 0
    for key, message in wanted.items():
        entry = have.get(key)
        if has_text(entry):
            translated += not entry.fuzzy
            fuzzy += entry.fuzzy
        else:
            translated += translates(fallback, message)
    if catalog is None and fallback is not None:
        stale = sum(1 for m in wanted.values() if not translates(fallback, m))
    else:
        stale = len(wanted.keys() - have.keys()) + len(have.keys() - wanted.keys())
    return Stats(language, domain, total=len(wanted), translated=translated, fuzzy=fuzzy,
                 untranslated=len(wanted) - translated - fuzzy,
                 obsolete=len(catalog.obsolete) if catalog else 0, stale=stale)
