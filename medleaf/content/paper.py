"""The paper sizes a leaflet prints on, and their page margins."""

from __future__ import annotations

from medleaf.errors import UsageError

PAPERS = {
    "A4": "size: A4; margin: 24mm 17mm 18mm 17mm",
    "A5": "size: A5; margin: 20mm 11mm 15mm 11mm",
    "Letter": "size: letter; margin: 22mm 19mm 18mm 19mm",
}
"""Each paper's @page rule (the leaflet's stylesheet never sets a size)."""


def paper_named(text: str) -> str:
    """A paper as a user writes it (a4, letter) -> its name (A4, Letter)."""
    for name in PAPERS:
        if text.lower() == name.lower():
            return name
    raise UsageError(f"unknown paper size {text!r} (choose {', '.join(PAPERS)})")
