"""The QR code to a leaflet's current version online: when the brand gives online_base_url,
each leaflet prints a small vector QR code (segno, as an SVG image WeasyPrint draws as
paths) to its page in the HTML twin, content/addresses.py's BASE/LANG/NAME.html, with that
address printed beside it. The code holds the address and nothing else."""

from __future__ import annotations

import re
from dataclasses import dataclass

from medleaf.content.addresses import page_address
from medleaf.content.languages import Language

QUIET_ZONE = 4
"""Modules of white around the code, as the QR standard asks."""
MODULE_MM = 0.4
"""The printed width of one module: a version 5 code (our addresses: 37 modules, 45 with the
quiet zone) prints 18 mm wide, which a phone reads from a page at reading distance."""
MIN_MM = 16.0


@dataclass(frozen=True)
class OnlineCode:
    address: str
    """The page's address, encoded in the code and printed beside it."""
    src: str
    """The code as an SVG data: URI (black modules on white, its quiet zone included)."""
    size_mm: float
    """Its printed width and height, quiet zone included."""

    @property
    def parts(self) -> list[str]:
        """The address cut after each '/' of its path, where a narrow column may break it
        (never at the hyphen of zh-HK, which would read as a break's hyphen)."""
        return re.findall(r"\w+://[^/]*/?|[^/]*/|[^/]+$", self.address)


def online_code(base_url: str | None, name: str, language: Language) -> OnlineCode | None:
    """The code to leaflet `name`'s page in `language` under `base_url`; None without one."""
    if not base_url:
        return None
    import segno  # imported only when a brand asks for a code

    address = page_address(base_url, name, language)
    code = segno.make(address, error="m", micro=False, boost_error=False)
    width, _ = code.symbol_size(border=QUIET_ZONE)
    svg = code.svg_data_uri(border=QUIET_ZONE, omitsize=True, dark="#000", light="#fff",
                            xmldecl=False)
    return OnlineCode(address, svg, round(max(MIN_MM, width * MODULE_MM), 1))
