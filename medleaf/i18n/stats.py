"""How far each catalog is from the current sources (`medleaf i18n stats`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog

from medleaf.content.languages import Language, translations
from medleaf.content.project import Project
from medleaf.errors import Problem
from medleaf.i18n.catalogs import po_path, read_catalog
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
            path = po_path(project, language, domain)
            catalog = read_catalog(project, path, language) if path.is_file() else Catalog()
            rows.append(_stats(language, domain, template, catalog))
    return rows


def _stats(language: Language, domain: str, template: Catalog, catalog: Catalog) -> Stats:
    wanted = {(m.id, m.context) for m in template if m.id}
    have = {(m.id, m.context): m for m in catalog if m.id}
    present = [have[key] for key in wanted if key in have]
    translated = sum(1 for m in present if m.string and not m.fuzzy)
    fuzzy = sum(1 for m in present if m.string and m.fuzzy)
    return Stats(language, domain, total=len(wanted), translated=translated, fuzzy=fuzzy,
                 untranslated=len(wanted) - translated - fuzzy, obsolete=len(catalog.obsolete),
                 stale=len(wanted - set(have)) + len(set(have) - wanted))
