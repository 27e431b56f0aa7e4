"""The translators' commands: extract templates (.pot), update catalogs (.po), compile (.mo)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog

from .catalogs import (
    UI_DOMAIN,
    compile_catalog,
    leaflet_template,
    po_path,
    read_catalog,
    ui_template,
    write_catalog,
)
from .locales import Language, available_languages
from .monograph import load_leaflets
from .project import Project


def pot_path(project: Project, domain: str) -> Path:
    return project.locales_dir / "templates" / f"{domain}.pot"


def templates(project: Project) -> dict[str, Catalog]:
    """Every template catalog by domain: the interface, then each leaflet."""
    leaflets = load_leaflets(project, project.leaflet_names())
    return {UI_DOMAIN: ui_template(project),
            **{leaflet.name: leaflet_template(project, leaflet) for leaflet in leaflets}}


def extract(project: Project) -> list[Path]:
    written = []
    for domain, catalog in templates(project).items():
        path = pot_path(project, domain)
        write_catalog(catalog, path, template=True)
        written.append(path)
    return written


@dataclass(frozen=True)
class Updated:
    path: Path
    created: bool


def update(project: Project, languages: list[Language] | None = None) -> list[Updated]:
    """Merge the current templates into every catalog of the given (default: all) locales."""
    languages = [lang for lang in (languages or available_languages(project.locales_dir))
                 if not lang.is_source]
    done = []
    for domain, template in templates(project).items():
        for language in languages:
            path = po_path(project, language, domain)
            created = not path.is_file()
            catalog = (Catalog(locale=language.babel, domain=domain, project="medleaf",
                               fuzzy=False) if created else read_catalog(project, path, language))
            catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
            write_catalog(catalog, path)
            done.append(Updated(path, created))
    return done


def init(project: Project, language: Language) -> list[Updated]:
    (project.locales_dir / language.catalog_dir / "LC_MESSAGES").mkdir(parents=True,
                                                                       exist_ok=True)
    return update(project, [language])


def compile_all(project: Project) -> list[Path]:
    compiled = []
    for language in available_languages(project.locales_dir)[1:]:
        folder = project.locales_dir / language.catalog_dir / "LC_MESSAGES"
        for po in sorted(folder.glob("*.po")):
            compiled.append(compile_catalog(project, po, language))
    return compiled
