"""The leaflets as the counter page lists them: names in each language (generic, brand,
Chinese) for search, languages, review state and the dispensing defaults the directions
form needs. Read again only when a monograph or catalog changes, which is looked at no more
than once every FRESH seconds (a library of hundreds of leaflets is not hashed on each
request); so are the fingerprints of the leaflets asked for (their ETags)."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from babel import Locale

from medleaf.checks.records import content_state, translation_state
from medleaf.content.directions import FOOD, REASONS, TIMES
from medleaf.content.dosing import AGE_GROUPS, FORMS, ROUTES
from medleaf.content.inputs import file_hash
from medleaf.content.languages import Language, available_languages
from medleaf.content.monograph import context, load_leaflet
from medleaf.content.paper import PAPERS
from medleaf.content.project import Project
from medleaf.errors import ContentError
from medleaf.i18n.catalogs import leaflet_languages, load_compiled, po_path
from medleaf.publish.manifest import BuildOptions, Fingerprints

FRESH = 1.0
"""Seconds a listing or a fingerprint is used before its files are looked at again (in a
thread of their own: requests meanwhile get what was read before)."""

NAMES = {"en": "English", "zh-HK": "繁體中文"}
"""How the language menu names a language (others: its own name, from CLDR)."""


def language_name(language: Language) -> str:
    return NAMES.get(language.tag) or Locale.parse(language.babel).get_display_name(
        language.babel) or language.tag


@dataclass(frozen=True)
class Entry:
    """One leaflet as listed; `approved` per language tag (en: the content's review)."""

    id: str
    names: dict[str, str]
    brands: list[str]
    languages: list[str]
    approved: dict[str, bool]
    dispensing: dict | None

    def listed(self, release: bool) -> dict:
        languages = [t for t in self.languages if self.approved[t] or not release]
        return {"id": self.id, "names": self.names, "brands": self.brands,
                "languages": languages,
                "review": "approved" if all(self.approved[t] for t in languages) else "draft",
                "reviews": {t: "approved" if self.approved[t] else "draft"
                            for t in languages},
                "dispensing": self.dispensing}


class Catalog:
    def __init__(self, project: Project):
        self.project = project
        self._stamp = None
        self._entries: dict[str, Entry] = {}
        self._checked = float("-inf")
        self._fingerprints: dict[tuple, tuple[float, str]] = {}
        self._reading = threading.Lock()

    def fresh(self, name: str, tag: str, options: BuildOptions) -> bool:
        """Whether the listing and this fingerprint can be answered without reading a
        file (so without leaving the event loop): both have been read once. Older than
        FRESH, they are read again behind the scenes, and the next requests get that."""
        return self._stamp is not None and (name, tag, options) in self._fingerprints

    def fingerprint(self, name: str, tag: str, options: BuildOptions) -> str:
        """The fingerprint of the leaflet's inputs (its render cache key and ETag)."""
        key = (name, tag, options)
        kept = self._fingerprints.get(key)
        if kept is None:
            if len(self._fingerprints) > 4096:
                self._fingerprints.clear()
            kept = self._fingerprints[key] = (time.monotonic(), self._fingerprint(key))
        elif time.monotonic() - kept[0] > FRESH:
            self._in_background(self._refresh_fingerprints)
        return kept[1]

    def _fingerprint(self, key: tuple) -> str:
        name, tag, options = key
        return Fingerprints(self.project, options).of_tag(name, tag)

    def _refresh_fingerprints(self) -> None:
        for key in list(self._fingerprints):
            self._fingerprints[key] = (time.monotonic(), self._fingerprint(key))

    def _in_background(self, work) -> None:
        """Read again in a thread of its own, one reading at a time; requests meanwhile
        get what was read before (never nothing: the first reading is waited for)."""
        if not self._reading.acquire(blocking=False):
            return

        def run():
            try:
                work()
            except Exception:  # noqa: BLE001 - a file gone mid-read: the next pass reads it
                pass
            finally:
                self._reading.release()
        threading.Thread(target=run, daemon=True, name="medleaf-catalog").start()

    def entries(self) -> dict[str, Entry]:
        """Every leaflet that loads, by id (one that does not is left out: `medleaf check`
        says why)."""
        if self._stamp is None:
            with self._reading:  # the first reading: every request waits for it
                if self._stamp is None:
                    self._read()
        elif time.monotonic() - self._checked > FRESH:
            self._in_background(self._read)
        return self._entries

    def _read(self) -> None:
        names = self.project.leaflet_names()
        languages = available_languages(self.project.locales_dir)
        stamp = tuple((name, file_hash(self.project.leaflet_path(name)),
                       *(file_hash(po_path(self.project, lang, name)) for lang in languages
                         if not lang.is_source)) for name in names)
        if stamp != self._stamp:
            entries = {}
            for name in names:
                try:
                    entries[name] = self._entry(name)
                except ContentError:
                    continue
            self._entries, self._stamp = entries, stamp
        self._checked = time.monotonic()

    def _entry(self, name: str) -> Entry:
        leaflet = load_leaflet(self.project, name)
        generic = str(leaflet.monograph.names.generic)
        names, approved = {"en": generic}, {"en": content_state(leaflet).approved}
        for language in leaflet_languages(self.project, name):
            if language.is_source:
                continue
            catalog = load_compiled(self.project, language, name)
            translated = catalog.lookup(generic, context(name, ("names", "generic")))
            names[language.tag] = translated or generic
            approved[language.tag] = approved["en"] and \
                translation_state(self.project, leaflet, language).approved
        dispensing = leaflet.monograph.dispensing
        return Entry(name, names, [b.name for b in leaflet.monograph.names.brands],
                     list(names), approved,
                     dispensing.model_dump(mode="json") if dispensing else None)

    def listing(self, release: bool) -> dict:
        """GET /api/leaflets: the leaflets, the languages, the papers and the fields of
        the directions form."""
        entries = [e for e in self.entries().values()
                   if not release or e.approved["en"]]
        languages = available_languages(self.project.locales_dir)
        menu = [{"tag": lang.tag, "name": language_name(lang)} for lang in languages]
        if len(languages) > 1:
            first, second = languages[0], languages[1]
            menu.append({"tag": f"{first.tag}+{second.tag}",
                         "name": f"{language_name(first)} + {language_name(second)}"})
        return {"leaflets": [e.listed(release) for e in entries], "languages": menu,
                "papers": list(PAPERS),
                "directions": {"forms": list(FORMS), "routes": list(ROUTES),
                               "reasons": list(REASONS), "food": list(FOOD),
                               "times": list(TIMES), "age_groups": list(AGE_GROUPS),
                               "schema": "/api/directions.schema.json"}}
