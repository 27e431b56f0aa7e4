"""A brand's texts print in the fonts of their languages: no character of its name, address,
phone or website may be missing from the fonts that print it (a box)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from medleaf.checks import glyphs
from medleaf.content.brand import Brand
from medleaf.content.languages import SOURCE, Language
from medleaf.errors import Problem
from medleaf.i18n.profiles import profile


def brand_problems(brand: Brand, locales_dir: Path) -> list[Problem]:
    texts = [((name, key), text, Language.parse(key)) for name in ("name", "address")
             for key, text in getattr(brand.fields, name).root.items()]
    english = Language.parse(SOURCE)
    texts += [((name,), getattr(brand.fields, name), english) for name in ("phone", "website")]
    return [replace(brand.source.problem(where, f"{glyphs.describe(c)} is not in "
                                         f"{glyphs.named(fonts)}: it would print as a box"),
                    check="glyphs")
            for where, text, language in texts
            for fonts in [profile(language, locales_dir).fonts]
            for c in glyphs.missing(text, fonts)]
