"""The HTML twin's own pages (medleaf site): the index of every leaflet, with its search, and
the screen stylesheet. A leaflet's page is the leaflet's own HTML (html.py, given `site`);
publish/site.py writes them all.
"""

from __future__ import annotations

from medleaf.content.languages import Language
from medleaf.render.html import check_page


def language_label(language: Language) -> str:
    """A language as the language switch names it, in itself: English, 中文."""
    name = language.babel.language_name
    return name[:1].upper() + name[1:] if name else language.tag


def index_html(renderer, leaflets: list[dict], language: Language) -> str:
    """The index: each leaflet (a dict: generic, other names, brands, its pages and PDFs in
    each language, the text the search matches) in `language`."""
    templates = renderer.templates
    ui = templates.interface(language)
    html = templates.page("site-index.html", [ui], dict(
        leaflets=leaflets, lang=language, brand=renderer.brand, profile=templates.profile,
        text=lambda localized: localized.get(language),
        gettext=ui.gettext, ngettext=ui.ngettext))
    what = "the site's index"
    check_page(html, what)
    languages = list(dict.fromkeys([language, *(Language.parse(v["tag"])
                                                for item in leaflets
                                                for v in item["versions"])]))
    templates.check_glyphs(html, languages, what)
    return html


def stylesheet(renderer, languages: list[Language]) -> str:
    """assets/site.css: the brand's colours and each language's fonts."""
    templates = renderer.templates
    ui = templates.interface(languages[0])
    return templates.page("site.css", [ui], dict(
        brand=renderer.brand, languages=languages, profile=templates.profile,
        gettext=ui.gettext, ngettext=ui.ngettext))
