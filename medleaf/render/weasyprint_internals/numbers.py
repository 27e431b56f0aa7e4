"""Shorter numbers in the PDFs WeasyPrint writes: coordinates to a thousandth of a point.

pydyf, WeasyPrint's PDF writer, writes every float with six decimals (`pydyf._to_bytes`):
`64.251969 365.673558 Tm`. A thousandth of a point (0.35 micrometres) is far below what any
printer or screen shows, so once `install()` is called (as the typesetter does, once per
process, like the other hooks), a number of 1 or more is written with at most three decimals
(`64.252 365.674 Tm`), one from 0.1 to 1 (a colour, a scale) with four (a colour to 1/80 of
a step of 8-bit RGB), and smaller ones keep their six. A leaflet's pages are about 6%
smaller once compressed. If pydyf has no `_to_bytes` any more, nothing changes.
"""

from __future__ import annotations


def install() -> bool:
    """Write numbers of 1 or more with at most three decimals (once per process)."""
    import pydyf

    original = getattr(pydyf, "_to_bytes", None)
    if not callable(original):
        return False
    if getattr(original, "shortened", False):
        return True

    def to_bytes(item):
        if type(item) is float and abs(item) >= 0.1 and not item.is_integer():
            decimals = 3 if abs(item) >= 1 else 4
            return f"{item:.{decimals}f}".rstrip("0").rstrip(".").encode("ascii")
        return original(item)

    to_bytes.shortened = True
    to_bytes.original = original
    pydyf._to_bytes = to_bytes
    return True


def reset() -> None:
    """(for tests) Write numbers as pydyf does."""
    import pydyf

    original = getattr(pydyf._to_bytes, "original", None)
    if original is not None:
        pydyf._to_bytes = original
