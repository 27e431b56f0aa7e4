"""The pharmacist's counter page: serve/templates/page.html in the interface language.

Its words are medleaf's own catalog of the page, medleaf/locales/LOCALE/LC_MESSAGES/
counter.po (English: the msgids), not the leaflets' ui.po: the page speaks English and
繁體中文 only, so a clinic translating leaflets into another language never has to translate
it, and changing the page changes no leaflet's fingerprint. `scripts/counter-catalog.py`
merges the template's strings into the catalog; a test keeps every one translated and
passing the message checks. The page carries no script or style of its own
(static/counter.js and static/counter.css), as the server's Content-Security-Policy requires.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from medleaf.content.directions import FOOD, REASONS, TIMES
from medleaf.content.dosing import AGE_GROUPS, FORMS, ROUTES
from medleaf.content.languages import Language
from medleaf.content.project import TOOL, Project
from medleaf.i18n.catalogs import CompiledCatalog, load_compiled
from medleaf.i18n.templates import add_message, new_catalog
from medleaf.render.html import Interface

DOMAIN = "counter"
TEMPLATE = Path(__file__).parent / "templates" / "page.html"
SHOWN = "medleaf/serve/templates/page.html"
_JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n", "trimmed": "true"}

# medleaf's own template (a clinic's templates never reach it): no sandbox needed
_env = Environment(loader=FileSystemLoader(TEMPLATE.parent), autoescape=True,
                   undefined=StrictUndefined, extensions=["jinja2.ext.i18n"],
                   trim_blocks=True, lstrip_blocks=True)
_env.policies["ext.i18n.trimmed"] = True
_env.newstyle_gettext = True  # every string %-formatted, as the leaflets' templates
_catalogs: dict[tuple[Project, Language], CompiledCatalog] = {}


def catalog_path(language: Language) -> Path:
    return TOOL / "locales" / language.catalog_dir / "LC_MESSAGES" / f"{DOMAIN}.po"


def page_html(project, ui_language: str, token_required: bool) -> str:
    """The page in `ui_language` (en, zh-HK); with `token_required`, only the form asking for
    the clinic's access token."""
    language = Language.parse(ui_language)
    key = (project, language)
    if key not in _catalogs:
        _catalogs[key] = load_compiled(project, language, DOMAIN, catalog_path(language))
    ui = Interface(language, _catalogs[key])
    return _env.get_template(TEMPLATE.name).render(
        lang=language, token_required=token_required, forms=list(FORMS), routes=list(ROUTES),
        reasons=list(REASONS), foods=list(FOOD), times=list(TIMES), age_groups=list(AGE_GROUPS),
        gettext=ui.gettext, ngettext=ui.ngettext)


def page_strings() -> Catalog:
    """Every string of the page, as the catalog template counter.po is made from."""
    catalog = new_catalog(DOMAIN)
    for lineno, message, comments, context in extract_from_file(
            "jinja2.ext:babel_extract", TEMPLATE, options=_JINJA_OPTIONS):
        add_message(catalog, message, (SHOWN, lineno), context, comments, formatted=True)
    return catalog
