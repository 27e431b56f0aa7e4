"""A brand's colours are readable: text in them meets WCAG 2 AA's contrast (4.5:1) against
the backgrounds the leaflet prints them on (leaflet.css: headings, emphasis and the clinic's
name in `primary` on white and on the tips box's `tint`; body text on `tint`)."""

from __future__ import annotations

from medleaf.content.brand import Brand
from medleaf.errors import Problem

AA = 4.5
WHITE, BODY = "#ffffff", "#1d1d1b"  # leaflet.css: the page, and the body text
PAIRS = (("primary", "headings on the page", lambda c: (c.primary, WHITE)),
         ("primary", "headings in the tips box, on colours.tint", lambda c: (c.primary, c.tint)),
         ("tint", "the body text on the tips box", lambda c: (BODY, c.tint)))


def luminance(colour: str) -> float:
    """WCAG 2's relative luminance of #rrggbb."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(one: str, other: str) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def contrast_problems(brand: Brand) -> list[Problem]:
    colours = brand.fields.colours
    problems = []
    for name, against, pair in PAIRS:  # against: what prints there
        text, background = pair(colours)
        found = ratio(text, background)
        if found < AA:
            problems.append(brand.source.problem(
                ("colours", name), f"{text} on {background} ({against}) has a contrast of "
                f"{found:.2f}:1; WCAG AA asks at least {AA}:1 for text"))
    return problems
