"""Which characters a font can draw, read from the font files' character maps."""

from __future__ import annotations

import functools
import hashlib
import os
import unicodedata
from array import array
from typing import TYPE_CHECKING

from medleaf.content.project import user_cache
from medleaf.content.versions import font_files
from medleaf.content.writes import OutputError, write_atomic
from medleaf.errors import PreflightError

if TYPE_CHECKING:
    from medleaf.content.languages import Language
    from medleaf.i18n.profiles import Profile

_IGNORED = {"Cc", "Cf", "Zl", "Zp"}  # controls and invisible format characters


@functools.cache
def coverage(family: str) -> frozenset[int]:
    """Code points every installed face of `family` (regular, bold) maps to a glyph.

    Reading a CJK font's character map takes about 0.2 s, so the result is kept in the
    user's cache folder, keyed by the font files and their modification times."""
    paths = font_files(family)
    key = hashlib.sha256(repr([(p, os.stat(p).st_mtime_ns) for p in paths] + [family])
                         .encode()).hexdigest()[:20]
    cache = user_cache(f"glyphs-{key}.bin")
    try:
        return frozenset(array("I", cache.read_bytes()))
    except OSError:
        pass
    covered = _read_coverage(family, paths)
    try:
        write_atomic(cache, array("I", sorted(covered)).tobytes())
    except OutputError:
        pass  # a read-only home only costs time
    return covered


def _read_coverage(family: str, paths) -> frozenset[int]:
    from fontTools.ttLib import TTCollection, TTFont

    maps = []
    for path in paths:
        fonts = TTCollection(path, lazy=True).fonts if path.endswith(".ttc") else \
            [TTFont(path, lazy=True)]
        for font in fonts:
            names = {r.toUnicode() for r in font["name"].names if r.nameID in (1, 16)}
            if family in names:
                maps.append(set(font.getBestCmap()))
    return frozenset(set.intersection(*maps)) if maps else frozenset()


def missing(text: str, families: tuple[str, ...] | list[str]) -> list[str]:
    """The characters of text that none of the fonts can draw, each once, in order."""
    covered = frozenset().union(*map(coverage, families))
    return list(dict.fromkeys(
        c for c in text if ord(c) not in covered and not c.isspace()
        and unicodedata.category(c) not in _IGNORED))


def named(families) -> str:
    """'Noto Nastaliq Urdu or Noto Sans'"""
    return " or ".join(families)


def describe(char: str) -> str:
    name = unicodedata.name(char, "unnamed character")
    return f"'{char}' (U+{ord(char):04X} {name})"


def require_fonts(found: Profile, language: Language) -> None:
    """Every font the language's profile names is installed, else the exact fix."""
    missing = [family for family in found.fonts if not font_files(family)]
    if missing:
        fonts = " and ".join(f"'{family}'" for family in missing)
        raise PreflightError(
            f"the font{'s' if len(missing) > 1 else ''} {fonts} of {language} "
            f"({language.babel.english_name}) {'are' if len(missing) > 1 else 'is'} not "
            f"installed, so its text cannot be printed: install "
            f"{'them' if len(missing) > 1 else 'it'} with 'sudo apt-get install "
            f"{' '.join(found.packages)}' (or run 'make setup')")
