"""A new clinic repository (`medleaf new DIR`): a brand to edit, an example leaflet, catalogs
for the languages the clinic chooses, a README and a .gitignore, laid out from the files
medleaf ships in medleaf/data/new-project/.

The interface strings come translated with medleaf for the languages it ships (see
i18n/interface.py), so nothing else is copied: the repository builds as it is.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from medleaf.content.languages import Language
from medleaf.content.project import TOOL, Project
from medleaf.errors import ContentError, Problem
from medleaf.i18n.templates import extract
from medleaf.i18n.update import init

STARTER = TOOL / "data" / "new-project"
_RENAMED = {"gitignore": ".gitignore"}  # shipped without the dot, so it is package data


def create(directory: Path, languages: list[Language]) -> list[Path]:
    """Lay out a clinic repository in `directory` (new, or an empty folder), in English and
    each of `languages`; return the files written, the catalogs and templates included."""
    _require_empty(directory)
    translated = {lang.catalog_dir for lang in languages if not lang.is_source}
    written = []
    for source in sorted(STARTER.rglob("*")):
        relative = source.relative_to(STARTER)
        if not source.is_file() or (relative.parts[0] == "locales" and
                                    relative.parts[1] not in translated):
            continue  # an example catalog only for a language the clinic chose
        target = directory / relative.parent / _RENAMED.get(relative.name, relative.name)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        written.append(target)
    project = Project.at(directory)
    written += [item.path for item in extract(project)]
    for language in dict.fromkeys(lang for lang in languages if not lang.is_source):
        written += [item.path for item in init(project, language) if item.created]
    return sorted(set(written))


def _require_empty(directory: Path) -> None:
    if os.path.isdir(directory):
        if any(os.scandir(directory)):
            raise ContentError([Problem(str(directory), None, None, "is not empty: give a "
                                        "new folder (or an empty one) for the repository")])
    elif os.path.lexists(directory):
        raise ContentError([Problem(str(directory), None, None, "is a file, not a folder: "
                                    "give a new folder for the repository")])
    directory.mkdir(parents=True, exist_ok=True)
