"""Content checks: what a tired pharmacist would miss in a monograph.

- wrong-medicine: dosage, forms and tips naming another medicine;
- glyphs: a character the leaflet's font cannot draw, in any language;
- completeness: a dose with no amount, a date in the future;
- review-due and readability (warnings): a review that is due, an English leaflet above the
  target reading grade.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
import warnings
from importlib.resources import files
from pathlib import Path

from medleaf.checks import glyphs
from medleaf.checks.library import own_names
from medleaf.checks.records import content_state
from medleaf.content.languages import Language
from medleaf.content.markup import plain
from medleaf.content.monograph import Leaflet, strings_in
from medleaf.content.project import Project
from medleaf.content.yamlfile import format_path
from medleaf.errors import Problem
from medleaf.i18n.catalogs import UI_DOMAIN, po_path, read_catalog
from medleaf.i18n.interface import own_po, shipped_po
from medleaf.i18n.profiles import profile
from medleaf.i18n.quantities import states_amount

SCANNED_FOR_MEDICINES = ("dosage", "forms", "tips")
DOSE_FIELDS = ("adults", "children", "elderly")


@functools.cache
def bundled_medicines() -> tuple[str, ...]:
    """medleaf/data/drug-names.txt: common generic and brand names, one per line."""
    text = files("medleaf").joinpath("data/drug-names.txt").read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines()
                 if line.strip() and not line.startswith("#"))


def medicine_pattern(names: set[str]) -> re.Pattern | None:
    """Any of the names, as a whole word in any script around it (卡比馬唑Carbimazole too)."""
    if not names:
        return None
    alternatives = sorted((re.escape(n) for n in names), key=len, reverse=True)
    return re.compile(rf"(?<![A-Za-z0-9-])({'|'.join(alternatives)})(?![A-Za-z0-9-])", re.I)


def _patterns(leaflet: Leaflet, library: dict[str, frozenset[str]]):
    others = {name.lower() for name in bundled_medicines()}
    for names in library.values():
        others |= names
    allowed = own_names(leaflet) | {m.lower() for m in leaflet.monograph.other_medicines}
    return medicine_pattern(others - allowed), medicine_pattern(allowed)


def _named(text: str, patterns) -> list[str]:
    """The other medicines a text names, as it prints (fullwidth letters read as Latin)."""
    pattern, allowed = patterns
    if pattern is None:
        return []
    text = unicodedata.normalize("NFKC", plain(text))
    text = allowed.sub(" ", text) if allowed else text  # 'Panadol Extra': not 'Panadol'
    return list(dict.fromkeys(m.lower() for m in pattern.findall(text)))


def check_wrong_medicine(leaflet: Leaflet, library: dict[str, frozenset[str]]
                         ) -> list[Problem]:
    """Dosage, forms and tips must not name another medicine (a copy-paste slip): one of
    the bundled names or of the library's (`library`: each leaflet's own names)."""
    patterns = _patterns(leaflet, library)
    return [_problem(leaflet, path, "wrong-medicine", f"names another medicine, '{found}' "
                     "(if that is meant, list it under other_medicines)")
            for path, text in leaflet.texts() if path[0] in SCANNED_FOR_MEDICINES
            for found in _named(text, patterns)]


def check_wrong_medicine_translated(project: Project, leaflet: Leaflet, language: Language,
                                    library: dict[str, frozenset[str]]) -> list[Problem]:
    """The same in the translations of the leaflet's dosage, forms and tips."""
    path = po_path(project, language, leaflet.name)
    if not path.is_file():
        return []
    patterns = _patterns(leaflet, library)
    scanned = tuple(f"{leaflet.name}:{field}" for field in SCANNED_FOR_MEDICINES)
    return [Problem(project.display(path), m.lineno, m.context, f"names another medicine, "
                    f"'{found}' (if that is meant, list it under other_medicines)",
                    "wrong-medicine")
            for m in read_catalog(project, path, language)
            if m.id and isinstance(m.string, str) and m.string and m.context
            and m.context.startswith(scanned) for found in _named(m.string, patterns)]


def check_completeness(leaflet: Leaflet, today: dt.date) -> list[Problem]:
    """Every dose states an amount; no date is in the future."""
    monograph = leaflet.monograph
    problems = [_problem(leaflet, ("dosage", group), "completeness",
                         "states no amount: give a number with its unit (5 mg, 2.5 ml, "
                         "1 puff)")
                for group in DOSE_FIELDS
                if not states_amount(plain(getattr(monograph.dosage, group)))]
    dates = [(("last_modified",), monograph.last_modified)]
    if monograph.review.date:
        dates.append((("review", "date"), monograph.review.date))
    problems += [_problem(leaflet, path, "completeness", f"{day} is in the future")
                 for path, day in dates if day > today]
    return problems


def check_review_due(leaflet: Leaflet, today: dt.date, years: int) -> list[Problem]:
    """(a warning) The content's review is older than `years`."""
    review = content_state(leaflet)
    if review.on and review.on < today - dt.timedelta(days=round(365.25 * years)):
        return [_problem(leaflet, ("review", "date"), "review-due", f"last reviewed on "
                         f"{review.on}, more than {years} years ago: review due", warning=True)]
    return []


@functools.cache
def _textstat():
    """textstat, imported when a reading grade is asked for (it takes 0.2 s to load)."""
    with warnings.catch_warnings():  # textstat 0.7.3 imports the deprecated pkg_resources
        warnings.simplefilter("ignore", UserWarning)
        import textstat
    return textstat


def reading_grade(leaflet: Leaflet) -> float:
    return _textstat().flesch_kincaid_grade(_prose(leaflet))


def check_readability(leaflet: Leaflet, max_grade: float) -> list[Problem]:
    grade = reading_grade(leaflet)
    if grade <= max_grade:
        return []
    sentences = re.split(r"(?<=[.?!])\s+", _prose(leaflet))
    hardest = sorted(sentences, key=_textstat().flesch_kincaid_grade, reverse=True)[:3]
    quoted = "; ".join(f'"{s}"' for s in hardest)
    return [Problem(leaflet.source.shown_as, None, None,
                    f"reading grade {grade:.1f} is above {max_grade:g}; hardest sentences: "
                    f"{quoted}", "readability", warning=True)]


def _prose(leaflet: Leaflet) -> str:
    return " ".join(t if t.rstrip().endswith((".", "?", "!", ":")) else f"{t}."
                    for _, t in leaflet.texts())


def check_glyphs(leaflet: Leaflet, english: list[str]) -> list[Problem]:
    """Every character of every text of the monograph (brand names too, which print as
    written in every language) is in the font that prints it (translations:
    catalog_glyph_problems)."""
    return [_problem(leaflet, path, "glyphs", f"{glyphs.describe(c)} is not in "
                     f"{glyphs.named(english)}")
            for path, text in strings_in(leaflet.monograph, ())
            for c in glyphs.missing(text, english)]


def catalog_glyph_problems(project: Project, language: Language, domain: str,
                           path: Path | None = None) -> list[Problem]:
    """Characters of a catalog's translations (`path`, else the project's catalog of
    `domain`) that the language's font lacks."""
    path = path or po_path(project, language, domain)
    if not path.is_file():
        return []
    fonts = profile(language, project.locales_dir).fonts
    return [Problem(project.display(path), m.lineno, m.context or f'"{m.id}"',
                    f"{glyphs.describe(c)} is not in {glyphs.named(fonts)}", "glyphs")
            for m in read_catalog(project, path, language) if m.id and isinstance(m.string, str)
            for c in glyphs.missing(m.string, fonts)]


def interface_glyph_problems(project: Project, language: Language) -> list[Problem]:
    """The same in the interface catalogs the language prints from (see interface.py)."""
    return [p for path in (own_po(project, language), shipped_po(project, language)) if path
            for p in catalog_glyph_problems(project, language, UI_DOMAIN, path)]


def _problem(leaflet: Leaflet, path, check: str, message: str, warning: bool = False
             ) -> Problem:
    return Problem(leaflet.source.shown_as, leaflet.line_of(path), format_path(path), message,
                   check, warning)
