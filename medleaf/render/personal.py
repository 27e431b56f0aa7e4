"""The personal page: one patient's directions, laid out alone, to go before the leaflet.

It is made of the leaflet's own names in each language (so the gate has passed the leaflet
in each of them), the directions' sentence in each (i18n/directions.py), the dispensing
date, the pharmacy and, if given, the pharmacist. Nothing on it is kept: it is returned as
bytes to the caller, which joins it to the leaflet (publish/personal.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel.dates import format_date

from medleaf.content.directions import Directions
from medleaf.content.languages import Language
from medleaf.i18n.direction_words import CAUTION_WORDS
from medleaf.i18n.directions import sentence, words
from medleaf.render.html import check_page


@dataclass(frozen=True)
class Dispensing:
    """What the personal page says beside the directions."""

    directions: Directions
    languages: tuple[Language, ...]
    """The languages of its blocks, in order (English and the leaflet's, by default)."""
    day: dt.date
    pharmacist: str | None = None
    large_print: bool = False
    allow_incomplete: bool = False
    above_maximum: bool = False
    """A dose above the medicine's maximum, confirmed by the pharmacist: the page says so."""


def page_languages(language: Language, available: list[Language]) -> tuple[Language, ...]:
    """English and the leaflet's language (Hong Kong labels give instructions in English and
    Chinese); an English leaflet gets Hong Kong Chinese beside it where the project has it."""
    english = Language.parse("en")
    chinese = Language.parse("zh-HK")
    second = language if not language.is_source else \
        (chinese if chinese in available else None)
    return tuple(dict.fromkeys(lang for lang in (english, second) if lang is not None))


def personal_html(renderer, name: str, paper: str, dispensing: Dispensing) -> str:
    leaflet = renderer.load(name)
    templates = renderer.templates
    dispensing_section = leaflet.monograph.dispensing
    cautions = dispensing_section.cautions if dispensing_section else []
    blocks = []
    for language in dispensing.languages:
        localized = renderer.localized(leaflet, language, dispensing.allow_incomplete)
        label = words(language, renderer.project.locales_dir)
        blocks.append({
            "lang": language, "generic": str(localized.monograph.names.generic),
            "sentence": sentence(dispensing.directions, language, templates.profile(language),
                                 renderer.project.locales_dir),
            "date": format_date(dispensing.day, "long", locale=language.format_locale),
            "label": lambda message, label=label: label("personal:label", message),
            "cautions": [label("personal:caution", CAUTION_WORDS[c]) for c in cautions],
            "draft": templates.interface(language).lookup("DRAFT – not for patient use")
            if localized.draft else None})
    # the watermark: in the first language whose leaflet is a draft
    draft = next((block["draft"] for block in blocks if block["draft"]), None)
    first = dispensing.languages[0]
    what = f"the personal page of {name}"
    html = check_page(templates.page("personal.html", [], dict(
        blocks=blocks, lang=first, brand=renderer.brand, paper=paper,
        english=str(leaflet.monograph.names.generic), patient=dispensing.directions.patient,
        pharmacist=dispensing.pharmacist, draft=draft, large_print=dispensing.large_print,
        above_maximum=dispensing.above_maximum,
        logo_url=renderer.brand.logo_path.as_uri(), profile=templates.profile,
        text=lambda localized, language: localized.get(language))), what)
    templates.check_glyphs(html, list(dispensing.languages), what)
    return html


def personal_pdf(renderer, name: str, paper: str, dispensing: Dispensing) -> bytes:
    html = personal_html(renderer, name, paper, dispensing)
    return renderer.typesetter.pdf(html, paper, f"the personal page of {name}")
