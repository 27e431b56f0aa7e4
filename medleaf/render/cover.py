"""A pack's cover: the brand, the pack's title and cover text in each language, the date, and
the contents with the page each leaflet starts on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel.dates import format_date

from medleaf.content.languages import Language
from medleaf.content.monograph import context
from medleaf.content.packfile import Pack
from medleaf.content.yamlfile import YamlFile
from medleaf.i18n.catalogs import load_compiled
from medleaf.i18n.localize import pack_text
from medleaf.render.html import check_page


@dataclass(frozen=True)
class Part:
    """A leaflet of the pack, as the cover's contents need it."""

    name: str
    language: Language
    pages: int


@dataclass(frozen=True)
class Contents:
    """One line of the cover's table of contents."""

    title: str
    language: Language
    page: int


def cover_html(renderer, pack: Pack, contents: list[Contents], today: dt.date) -> str:
    """The cover: brand, the pack's title in each language, the date, the contents."""
    project = renderer.project
    fields = pack.fields
    templates = renderer.templates
    versions, interfaces = [], []
    for language in pack.languages:
        title = pack_text(project, pack, ("title",), fields.title, language)
        text = fields.cover_text and pack_text(project, pack, ("cover_text",),
                                               fields.cover_text, language)
        ui = templates.interface(language)
        interfaces.append(ui)
        versions.append({"lang": language, "title": title, "text": text,
                         "date": format_date(today, "long", locale=language.format_locale),
                         "ui": ui.gettext})
    first = pack.languages[0]
    return check_page(templates.page("cover.html", interfaces, dict(
        versions=versions, lang=first, brand=renderer.brand,
        languages=list(dict.fromkeys([*pack.languages, *(c.language for c in contents)])),
        text=lambda localized, language: localized.get(language), contents=contents,
        paper=fields.paper, N_=lambda s: s, logo_url=renderer.brand.logo_path.as_uri(),
        language_name=lambda lang: lang.babel.language_name.title()
        if lang.babel.language_name else lang.tag,
        profile=templates.profile, gettext=interfaces[0].gettext, ngettext=interfaces[0].ngettext)),
        f"the cover of {pack.source.shown_as}")


def _title(renderer, name: str, language: Language) -> str:
    """The leaflet's generic name in `language`, as its contents line shows it. (The leaflet
    was rendered from these very files, so they are valid: reading the one field, as the
    schema reads it, stripped, is enough.)"""
    project = renderer.project
    path = project.leaflet_path(name)
    english = str(YamlFile(path, project.display(path), "monograph")
                  .data["names"]["generic"]).strip()
    if language.is_source:
        return english
    return load_compiled(project, language, name).lookup(
        english, context(name, ("names", "generic"))) or english


def cover_pdf(renderer, pack: Pack, entries: list[Part], today: dt.date,
              archive: bool = False) -> tuple[bytes, int]:
    """The cover and its length (`archive`: PDF/A-3a as well); its contents' page numbers
    depend on its own length, so it is laid out again until they agree."""
    titles = [_title(renderer, entry.name, entry.language) for entry in entries]
    cover_pages = 1
    while True:
        page, contents = cover_pages + 1, []
        for entry, title in zip(entries, titles, strict=True):
            contents.append(Contents(title, entry.language, page))
            page += entry.pages
        what = f"the cover of {pack.source.shown_as}"
        cover = renderer.typesetter.document(cover_html(renderer, pack, contents, today),
                                          pack.fields.paper, what)
        if len(cover.pages) == cover_pages:
            return renderer.typesetter.write(cover, what, archive), cover_pages
        cover_pages = len(cover.pages)
