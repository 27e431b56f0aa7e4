"""Where a leaflet lives in the HTML twin (`medleaf site`): one address scheme shared by the
site, the QR code on each PDF and the counter page.

    site/index.html              the index (search by generic, brand and Chinese name)
    site/LANG/NAME.html          one leaflet in one language (LANG as on the command line)
    site/LANG/NAME.pdf           its PDF

It lives in content/ so that render/ (the QR code) and publish/ (the site) share it.
"""

from __future__ import annotations

from urllib.parse import quote

from medleaf.content.languages import Language


def page_path(name: str, language: Language) -> str:
    """A leaflet's page, relative to the site's root: zh-HK/baclofen.html."""
    return f"{quote(language.tag)}/{quote(name)}.html"


def pdf_path(name: str, language: Language) -> str:
    """A leaflet's PDF, relative to the site's root: zh-HK/baclofen.pdf."""
    return f"{quote(language.tag)}/{quote(name)}.pdf"


def page_address(base_url: str, name: str, language: Language) -> str:
    """The full address of a leaflet's page under a brand's online_base_url."""
    return f"{base_url.rstrip('/')}/{page_path(name, language)}"
