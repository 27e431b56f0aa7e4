"""The gate: what stops a leaflet from printing, asked in one place.

Every error `medleaf check` reports for a leaflet (its content, its translation, the
interface strings of its language) stops that leaflet in build, pack, release and approval,
with the same message: `check` reports these same functions over the whole project, and
adds the warnings. Results are kept (in memory, and in the user's cache) by a fingerprint of
everything they were found from, so asking again costs a lookup.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from dataclasses import asdict, dataclass, field

from medleaf.checks.library import library_digest, library_names
from medleaf.checks.registry import Subject, fingerprint, run
from medleaf.content.inputs import file_hash, snapshot, tree_hash
from medleaf.content.languages import Language
from medleaf.content.monograph import Leaflet
from medleaf.content.project import TEMPLATE_FILES, Project, user_cache
from medleaf.content.versions import font_versions, tool_versions
from medleaf.content.writes import OutputError, write_atomic
from medleaf.errors import ContentError, Problem
from medleaf.i18n.catalogs import po_path
from medleaf.i18n.interface import interface_hash, own_po
from medleaf.i18n.profiles import profile


@dataclass
class Verdict:
    """Why one leaflet cannot print in one language: each kind of problem apart, because
    `--allow-incomplete` prints untranslated texts in English but nothing else."""

    content: list[Problem] = field(default_factory=list)
    translation: list[Problem] = field(default_factory=list)
    interface: list[Problem] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        return self.content + self.interface + self.translation


def _in_snapshot(method):
    """Each file a check reads is read once: the key its findings are kept under is the hash
    of exactly the bytes they were found in."""
    @functools.wraps(method)
    def checked(*args, **kwargs):
        with snapshot():
            return method(*args, **kwargs)
    return checked


class Gate:
    def __init__(self, project: Project, today: dt.date | None = None):
        self.project = project
        self._today = today
        self._memo: dict[str, list[Problem]] = {}
        self._library: tuple | None = None

    @property
    def today(self) -> dt.date:
        """The day the checks are for (today, unless fixed: a server runs past midnight)."""
        return self._today or dt.date.today()

    def verdict(self, leaflet: Leaflet, language: Language) -> Verdict:
        verdict = Verdict(self.content(leaflet))
        if not language.is_source:
            verdict.interface = self.interface(language)
            verdict.translation = self.translation(leaflet, language)
        return verdict

    @_in_snapshot
    def content(self, leaflet: Leaflet) -> list[Problem]:
        """The monograph's errors: another medicine named, a dose with no amount, a date in
        the future, a character its font lacks."""
        subject = self.subject(leaflet=leaflet)
        return self._kept(["content", leaflet.name, leaflet.source.shown_as,
                           leaflet.source.digest, self.library()[1],
                           subject.today.isoformat(), self._font("en")],
                          lambda: run("leaflet", subject, "error"))

    @_in_snapshot
    def translation(self, leaflet: Leaflet, language: Language) -> list[Problem]:
        """Every check of the leaflet's catalog in the language (registry.py)."""
        po = po_path(self.project, language, leaflet.name)
        digest = self.library()[1]
        return self._kept(["translation", leaflet.name, language.catalog_dir,
                           leaflet.source.shown_as, file_hash(leaflet.source.path),
                           file_hash(po), po.parent.is_dir(), self._glossary(language),
                           self._font(language), digest],
                          lambda: run("catalog", self.subject(leaflet=leaflet,
                                                              language=language), "error"))

    @_in_snapshot
    def interface(self, language: Language) -> list[Problem]:
        """The interface catalog against the strings of the templates."""
        po = own_po(self.project, language)
        return self._kept(["interface", language.catalog_dir, str(self.project.root),
                           interface_hash(self.project, language), po.parent.is_dir(),
                           self._glossary(language),
                           tree_hash(self.project.template_dirs, TEMPLATE_FILES),
                           self._font(language)],
                          lambda: run("interface", self.subject(language=language), "error"))

    def subject(self, **fields) -> Subject:
        """What the checks of a scope look at, on the gate's day, with the library's names."""
        return Subject(self.project, library=self.library()[0], today=self.today, **fields)

    def library(self) -> tuple[dict[str, frozenset[str]], str]:
        """Every leaflet's names, and their digest; read again when a monograph changes."""
        stamp = []
        for path in sorted(self.project.leaflets_dir.glob("*.yaml")):
            try:
                info = path.stat()
                stamp.append((path.name, info.st_mtime_ns, info.st_size))
            except OSError:
                stamp.append((path.name, None, None))
        if self._library is None or self._library[0] != stamp:
            names = library_names(self.project)
            self._library = (stamp, names, library_digest(self.project, names))
        return self._library[1], self._library[2]

    def _glossary(self, language: Language) -> str:
        return file_hash(self.project.locales_dir / language.catalog_dir / "glossary.yaml")

    def _font(self, language: Language | str) -> str:
        """The language's profile and the versions of its fonts."""
        language = Language.parse(language) if isinstance(language, str) else language
        found = profile(language, self.project.locales_dir)
        return f"{found.digest} {font_versions(tuple(found.fonts))}"

    def _kept(self, inputs: list[str], find) -> list[Problem]:
        key = json.dumps([tool_versions(), fingerprint(), *inputs])
        key = hashlib.sha256(key.encode()).hexdigest()[:32]
        if key not in self._memo:
            self._memo[key] = _cached(key, find)
        return self._memo[key]


def _cached(key: str, find) -> list[Problem]:
    path = user_cache(f"checks-{key}.json")
    try:
        return [Problem(**p) for p in json.loads(path.read_text())]
    except (OSError, ValueError, TypeError, RecursionError):
        pass
    try:
        problems = find()
    except ContentError as exc:  # a catalog too broken to read is itself the finding
        problems = exc.problems
    try:
        write_atomic(path, json.dumps([asdict(p) for p in problems]).encode())
    except OutputError:
        pass  # a read-only home only costs time
    return problems
