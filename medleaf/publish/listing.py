"""The project's leaflets as `medleaf list` shows them: each one's languages and the date
its content was last modified."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from medleaf.content.languages import Language
from medleaf.content.monograph import load_leaflet
from medleaf.content.project import Project
from medleaf.errors import ContentError, Problem
from medleaf.i18n.catalogs import leaflet_languages


@dataclass(frozen=True)
class Listed:
    name: str
    languages: list[Language]
    last_modified: dt.date | None
    """None when the monograph is invalid (its problems are listed beside)."""


def leaflet_list(project: Project) -> tuple[list[Listed], list[Problem]]:
    """Every leaflet, the invalid ones too, and the problems that make them invalid."""
    listed, problems = [], []
    for name in project.leaflet_names():
        try:
            modified = load_leaflet(project, name).monograph.last_modified
        except ContentError as exc:
            problems += exc.problems
            modified = None
        listed.append(Listed(name, leaflet_languages(project, name), modified))
    return listed, problems
