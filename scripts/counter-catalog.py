"""Merge the counter page's strings (medleaf/serve/templates/page.html) into medleaf's
catalogs of the page, medleaf/locales/LOCALE/LC_MESSAGES/counter.po: a new string arrives
untranslated, an edited one fuzzy with its old English, as `medleaf i18n update` does. Then
translate it (a PO editor) and run tests/test_counter_page.py's catalog test."""

import sys

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from medleaf.content.languages import Language
from medleaf.i18n.catalogs import write_catalog
from medleaf.i18n.update import merge
from medleaf.serve.page import DOMAIN, catalog_path, page_strings

for tag in ("zh-HK",):  # the page's languages besides English
    language = Language.parse(tag)
    path = catalog_path(language)
    if path.is_file():
        with path.open("rb") as po:
            catalog = read_po(po, locale=language.babel)
    else:
        catalog = Catalog(locale=language.babel, domain=DOMAIN, project="medleaf",
                          charset="utf-8")
    merge(catalog, page_strings())
    write_catalog(catalog, path)
    sys.stdout.write(f"updated {path}\n")
