"""Every check medleaf runs, in one table: its name, scope and severity (check.py).

The gate asks `run(scope, subject, "error")` for what stops a leaflet; `medleaf check`
runs every scope with both severities; `medleaf check --list` prints the table. A new check
is a function and one row here (a message check: one row of messages.MESSAGE_CHECKS, which
each catalog's walk in translation.py asks of the registry).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

from medleaf.checks import content as leaflet_checks
from medleaf.checks.brand import brand_problems
from medleaf.checks.check import SCOPES, Check
from medleaf.checks.chinese_readability import check_chinese_readability
from medleaf.checks.consistency import check_consistency
from medleaf.checks.contrast import contrast_problems
from medleaf.checks.doses import dose_problems
from medleaf.checks.glyphs import require_fonts
from medleaf.checks.messages import MESSAGE_CHECKS
from medleaf.checks.packs import pack_problems, packs_catalog_glyphs, packs_catalog_problems
from medleaf.checks.translation import interface_catalog_problems, leaflet_catalog_problems
from medleaf.content.brand import load_brand
from medleaf.content.directions import Directions
from medleaf.content.languages import SOURCE, Language
from medleaf.content.monograph import Leaflet
from medleaf.content.packfile import load_pack
from medleaf.content.project import Project
from medleaf.errors import ContentError, PreflightError, Problem
from medleaf.i18n.profiles import profile


@dataclass(frozen=True)
class Limits:
    review_age_years: int = 3
    """A review older than this is due (a warning)."""
    max_grade: float = 8.0
    """An English leaflet above this reading grade gets a warning."""
    max_sentence: float = 25.0
    """A Chinese catalog above this many characters a sentence gets a warning."""
    max_uncommon: float = 4.0
    """A Chinese catalog with more uncommon characters (percent) gets a warning."""


@dataclass(frozen=True)
class Subject:
    """What a check looks at; each scope fills the fields it needs."""

    project: Project
    leaflet: Leaflet | None = None
    language: Language | None = None
    path: Path | None = None
    """A brand folder (None: the project's) or a pack file."""
    library: dict[str, frozenset[str]] = field(default_factory=dict)
    """Every leaflet's own names (the wrong-medicine checks look for the others')."""
    today: dt.date = field(default_factory=dt.date.today)
    limits: Limits = Limits()
    directions: Directions | None = None
    """A patient's directions (the "directions" scope)."""


def _english_fonts(s: Subject) -> list[str]:
    return profile(Language.parse(SOURCE), s.project.locales_dir).fonts


def _fonts(s: Subject) -> list[Problem]:
    try:
        require_fonts(profile(s.language, s.project.locales_dir), s.language)
    except PreflightError as exc:
        return [Problem(f"{s.project.locales_dir.name}/{s.language.catalog_dir}", None, None,
                        str(exc))]
    return []


_WALK = ("out-of-date", "untranslated", "fuzzy")
_WALKED = "a message missing, untranslated or fuzzy; then every message check (below)"

REGISTRY: tuple[Check, ...] = (
    Check("fonts", "language", _fonts,
          about="the language's profile cannot be read, or its fonts are not installed"),
    Check("glyphs", "brand", lambda s: brand_problems(load_brand(s.project, s.path),
                                                      s.project.locales_dir),
          about="a character of the brand's texts is not in the fonts that print it"),
    Check("contrast", "brand", lambda s: contrast_problems(load_brand(s.project, s.path)),
          about="text in the brand's colours is below WCAG AA contrast (4.5:1) on its "
                "background"),
    Check("pack", "pack", lambda s: pack_problems(s.project, load_pack(s.project, s.path),
                                                  release=False),
          about="a leaflet or language the pack lists is missing, a title untranslated"),
    Check("catalog", "packs catalog", lambda s: packs_catalog_problems(s.project, s.language,
                                                                        glyph_check=False),
          tags=_WALK, about=_WALKED),
    Check("glyphs", "packs catalog", lambda s: packs_catalog_glyphs(s.project, s.language),
          about="a character of a pack text's translation is not in the language's fonts"),
    Check("catalog", "interface", lambda s: interface_catalog_problems(s.project,
                                                                        s.language),
          tags=_WALK, about=_WALKED),
    Check("glyphs", "interface", lambda s: leaflet_checks.interface_glyph_problems(
        s.project, s.language),
          about="a character of an interface string is not in the language's fonts"),
    Check("wrong-medicine", "leaflet", lambda s: leaflet_checks.check_wrong_medicine(
        s.leaflet, s.library),
          about="dosage, forms or tips name another medicine (a copy-paste slip)"),
    Check("completeness", "leaflet", lambda s: leaflet_checks.check_completeness(
        s.leaflet, s.today),
          about="a dose states no amount, or a date is in the future"),
    Check("glyphs", "leaflet", lambda s: leaflet_checks.check_glyphs(s.leaflet,
                                                                     _english_fonts(s)),
          about="a character of the monograph is not in the English fonts"),
    Check("review-due", "leaflet", lambda s: leaflet_checks.check_review_due(
        s.leaflet, s.today, s.limits.review_age_years), severity="warning",
          about="the content was last reviewed longer ago than --review-age years"),
    Check("readability", "leaflet", lambda s: leaflet_checks.check_readability(
        s.leaflet, s.limits.max_grade), severity="warning",
          about="the English reads above --max-grade (Flesch-Kincaid)"),
    Check("catalog", "catalog", lambda s: leaflet_catalog_problems(s.project, s.leaflet,
                                                                    s.language),
          tags=_WALK, about=_WALKED),
    Check("glyphs", "catalog", lambda s: leaflet_checks.catalog_glyph_problems(
        s.project, s.language, s.leaflet.name),
          about="a character of a translation is not in the language's fonts"),
    Check("wrong-medicine", "catalog", lambda s: leaflet_checks.check_wrong_medicine_translated(
        s.project, s.leaflet, s.language, s.library),
          about="a translation of dosage, forms or tips names another medicine"),
    Check("readability", "catalog", lambda s: check_chinese_readability(
        s.project, s.leaflet, s.language, s.limits.max_sentence, s.limits.max_uncommon),
          severity="warning", about="a Chinese catalog averages more than --max-sentence "
          "characters a sentence, or more than --max-uncommon % uncommon characters"),
    Check("consistency", "library", lambda s: check_consistency(s.project, s.language),
          about="an English term written in more than one way across the catalogs"),
    *MESSAGE_CHECKS,
    Check("doses", "directions", lambda s: dose_problems(s.leaflet, s.directions)[0],
          about="a form, route or strength the medicine has not, or a dose above its maximum "
                "for the age group (unless the pharmacist confirms it)"),
)


def checks(scope: str, severity: str | None = None) -> list[Check]:
    return [c for c in REGISTRY if c.scope == scope and severity in (None, c.severity)]


def fingerprint() -> str:
    """Which checks run, and how severe each is (the gate keeps findings under it)."""
    return repr([(c.scope, c.name, c.severity, getattr(c.find, "__qualname__", ""))
                 for c in REGISTRY])


def run(scope: str, subject: Subject, severity: str | None = None) -> list[Problem]:
    """The findings of every check of `scope` (of one severity, or both), each tagged with
    its check's name and severity; a file too broken to read is itself a finding, once."""
    assert scope != "message", "message checks run in each catalog's walk (translation.py)"
    problems = []
    for check in checks(scope, severity):
        try:
            problems += [replace(p, check=p.check or check.name,
                                 warning=check.severity == "warning")
                         for p in check.find(subject)]
        except ContentError as exc:
            problems += exc.problems
    return list(dict.fromkeys(problems))


def listing() -> str:
    """The registry as `medleaf check --list` shows it, scope by scope."""
    lines = []
    for scope, what in SCOPES.items():
        lines += ["", f"{scope}: {what}"]
        lines += [f"  {' '.join(f'[{t}]' for t in c.tags or (c.name,))} {c.severity}: "
                  f"{c.about}" for c in checks(scope)]
    return "\n".join(lines).lstrip()
