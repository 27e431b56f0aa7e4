"""What a text may hold: characters that print as they read, at a length a leaflet can hold.

Invisible characters make the checks read one text while the page prints another: U+202E
around "001" prints "100", a zero-width space inside "carbi\u200bmazole" hides the name from
the wrong-medicine check, and control characters reach the PDF. So every control, format and
other default-ignorable character is refused, in every text, translation and command-line
argument, except the joiners a script needs (ZWJ/ZWNJ between two letters of Arabic or an
Indic script, say).
"""

from __future__ import annotations

import re
import unicodedata

MAX_TEXT = 10_000
"""Characters in one text or translation (the longest shipped one has about 600)."""

_ALLOWED = {"\n", "\t"}
_REFUSED_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs", "Co"}
# Default_Ignorable_Code_Point (Unicode's DerivedCoreProperties) beyond the categories above:
# fillers, variation selectors and the like, which print as nothing.
_IGNORABLE = [(0x034F, 0x034F), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F),
              (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8),
              (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF)]
_BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_JOINERS = {"\u200c", "\u200d"}
# Scripts whose spelling uses ZWJ/ZWNJ (the first word of their characters' names).
_JOINING_SCRIPTS = {
    "ARABIC", "SYRIAC", "NKO", "MANDAIC", "DEVANAGARI", "BENGALI", "GURMUKHI", "GUJARATI",
    "ORIYA", "TAMIL", "TELUGU", "KANNADA", "MALAYALAM", "SINHALA", "MONGOLIAN", "KHMER",
    "MYANMAR", "TIBETAN", "LIMBU", "BALINESE", "JAVANESE",
}


# Characters that are never refused and never a lookalike (ASCII, Latin, general punctuation
# short of the invisible ones, CJK): most texts hold nothing else, and are checked at once.
_OTHER = re.compile("[^\t\n\x20-\x7e\u00a0-\u00ac\u00ae-\u024f\u2010-\u2027"
                    "\u2030-\u205e\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
                    "\uf900-\ufaff\uff01-\uff9f\uffe0-\uffee\U00020000-\U0003134f]")


def refused(char: str) -> bool:
    """Is the character invisible or a control (whatever its neighbours)?"""
    if char in _ALLOWED:
        return False
    code = ord(char)
    return unicodedata.category(char) in _REFUSED_CATEGORIES or \
        any(low <= code <= high for low, high in _IGNORABLE)


def _joins_script(text: str, index: int) -> bool:
    """Is the joiner at `index` between two letters of a script that spells with it?"""
    def script(i: int) -> str | None:
        if not 0 <= i < len(text):
            return None
        return unicodedata.name(text[i], "").split(" ")[0] or None

    before, after = script(index - 1), script(index + 1)
    return before == after and before in _JOINING_SCRIPTS


def describe(char: str) -> str:
    name = unicodedata.name(char, None) or {"\a": "BELL", "\x1b": "ESCAPE", "\x7f": "DELETE",
                                           "\r": "CARRIAGE RETURN"}.get(char, "a control")
    return f"U+{ord(char):04X} {name}"


def problems(text: str, lines: bool = True, limit: int | None = MAX_TEXT
             ) -> list[tuple[str, str]]:
    """Why the text cannot be printed as it reads: (character, message) for each refused
    character, or ('', message) for its length. Without `lines`, a line break or tab is
    refused too (a name, a command-line argument)."""
    found = []
    if limit is not None and len(text) > limit:
        found.append(("", f"is {len(text):,} characters long; a text may have at most "
                      f"{limit:,}"))
    if not lines:
        found += [(char, f"holds {describe(char)} at character {text.index(char) + 1}, a "
                   "control character; remove it") for char in _ALLOWED if char in text]
    seen = set(_ALLOWED)
    for other in _OTHER.finditer(text):
        index, char = other.start(), other[0]
        if char in seen or not refused(char) or \
                (char in _JOINERS and _joins_script(text, index)):
            continue
        seen.add(char)
        what = "a bidirectional control: it can reorder what prints (\"001\" as \"100\")" \
            if char in _BIDI else "invisible" if unicodedata.category(char) != "Cc" \
            else "a control character"
        found.append((char, f"holds {describe(char)} at character {index + 1}, {what}; "
                            "remove it"))
    found += [("", f"writes '{word}' in Cyrillic, Greek or phonetic letters, which print "
               "like Latin ones and read as others: write it in Latin letters")
              for word in lookalikes(text)]
    return found


_LETTERS = re.compile(r"[^\W\d_]+")
_LOOKALIKE_SCRIPTS = {"CYRILLIC", "GREEK"}
_MICRO_UNIT = re.compile("\u03bc(?:g|l|L|m|mol)")  # μg written with the Greek mu is a unit


def lookalikes(text: str) -> list[str]:
    """Words written in letters that look like Latin ones but are not: Cyrillic or Greek
    (АРΙХАВАΝ prints as APIXABAN), or phonetic letters (ɡliclazide, wɑrfarin). No leaflet
    language writes words so (a lone Greek letter, as in α-blocker, is fine), and no check
    reading Latin finds them."""
    found = []
    for word in _LETTERS.findall(text) if _OTHER.search(text) else ():
        if len(word) < 2 or not _OTHER.search(word) or _MICRO_UNIT.fullmatch(word):
            continue
        if any(0x0250 <= ord(c) <= 0x02AF or 0x1D00 <= ord(c) <= 0x1DBF for c in word) or \
                {unicodedata.name(c, "").split(" ")[0] for c in word} & _LOOKALIKE_SCRIPTS:
            found.append(word)
    return list(dict.fromkeys(found))


def css_unescape(text: str) -> str:
    """CSS text as its parser reads it: '\\202E ' is U+202E, '\\69' is 'i'."""
    return re.sub(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)",
                  lambda m: chr(min(int(m[1], 16), 0x10FFFF)) if m[1] else m[2], text)
