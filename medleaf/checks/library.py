"""The medicines a project names: every leaflet's generic and brand names.

The wrong-medicine check of one leaflet looks for the names of all the others, so they are
among its inputs (a build fingerprints them). Reading them must not mean parsing every
monograph on every build: the names are kept in the user's cache by each file's hash.
"""

from __future__ import annotations

import hashlib
import json

from medleaf.content.inputs import file_hash
from medleaf.content.monograph import Leaflet, load_leaflet
from medleaf.content.project import Project, user_cache
from medleaf.content.writes import OutputError, write_atomic
from medleaf.errors import ContentError


def own_names(leaflet: Leaflet) -> set[str]:
    """The names a leaflet's own medicine goes by, in lower case."""
    names = leaflet.monograph.names
    return {str(names.generic).lower(), *(b.name.lower() for b in names.brands)}


def library_names(project: Project) -> dict[str, frozenset[str]]:
    """Each leaflet's own names (none for a monograph that does not load)."""
    path = user_cache("library-names.json")
    try:
        known = json.loads(path.read_text())
        if not isinstance(known, dict):
            known = {}
    except (OSError, ValueError, RecursionError):
        known = {}
    names, changed = {}, False
    for name in project.leaflet_names():
        digest = file_hash(project.leaflet_path(name))
        if not isinstance(known.get(digest), list):
            try:
                known[digest] = sorted(own_names(load_leaflet(project, name)))
            except ContentError:
                known[digest] = []
            changed = True
        names[name] = frozenset(known[digest])
    if changed:
        if len(known) > 10_000:  # keep the file small: only this project's names
            known = {file_hash(project.leaflet_path(n)): sorted(v) for n, v in names.items()}
        try:
            write_atomic(path, json.dumps(known).encode())
        except OutputError:
            pass  # a read-only home only costs time
    return names


def library_digest(project: Project, names: dict[str, frozenset[str]] | None = None) -> str:
    """A fingerprint of every name the library holds."""
    names = library_names(project) if names is None else names
    every = sorted({n for leaflet in names.values() for n in leaflet})
    return hashlib.sha256(json.dumps(every).encode()).hexdigest()
