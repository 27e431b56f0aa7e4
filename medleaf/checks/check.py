"""What a check is: a name (printed as [name]), the scope it looks at, and a severity.

Every check medleaf runs is one `Check` in the registry (registry.py); the gate asks the
errors of a scope, `medleaf check` reports every scope, `medleaf check --list` prints them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

SCOPES = {
    "language": "each language's profile and its fonts",
    "brand": "each brand folder (the project's, and each pack's)",
    "pack": "each pack file",
    "packs catalog": "each language's catalog of pack titles and cover texts",
    "interface": "each language's interface strings (headings, footer, disclaimer)",
    "leaflet": "each monograph",
    "catalog": "each leaflet's catalog in each language",
    "library": "all the leaflet and pack catalogs of each language at once (medleaf check "
               "with no leaflet named; the gate does not ask it)",
    "message": "each translated message against its English, in every catalog",
    "directions": "a patient's directions against the medicine (medleaf dispense)",
}

SEVERITIES = ("error", "warning")
"""An error stops the leaflet from printing (build, pack, approve, release, the counter); a
warning is reported, and fails only `medleaf check --strict`."""


@dataclass(frozen=True)
class Check:
    name: str
    scope: str
    find: Callable
    """Message checks: (english, translation, usage) -> [message]; the others take the
    scope's subject (registry.Subject) -> [Problem]."""
    severity: str = "error"
    about: str = ""
    """What it finds, in one line (shown by `medleaf check --list`)."""
    tags: tuple[str, ...] = ()
    """The names its findings print with, when they are not its own (a catalog's walk
    prints [untranslated], [fuzzy], [out-of-date] and each message check's name)."""
    as_written: bool = False
    """A message check that reads the catalog's text as written, not as it prints."""

    def __post_init__(self):
        assert self.scope in SCOPES and self.severity in SEVERITIES, self
