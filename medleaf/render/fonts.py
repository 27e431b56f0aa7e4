"""Compact font subsets: embed only the glyphs a PDF uses, as a bare CID-keyed CFF font.

WeasyPrint keeps every glyph ID below the highest one used, so a Noto Sans CJK subset costs
about 200 KB whatever the text (Hong Kong glyph forms sit at the end of the font). Its text
is written as CIDs, and in a CID-keyed CFF font the charset maps each CID to its glyph: a
subset that keeps only the used glyphs, with their CIDs, draws exactly the same page. PDF
viewers read that mapping from a bare CFF font program (FontFile3 /CIDFontType0C), not from
an OpenType wrapper, so that is how it is embedded. Other fonts keep WeasyPrint's subsets.

`install()` hooks this into WeasyPrint (once per process) through weasyprint_internals,
which holds everything that reaches into WeasyPrint (the hook, the finisher that marks the
CFF streams, the HarfBuzz calls) and leaves WeasyPrint's own subsets in place, with a
warning, if WeasyPrint is not what it expects. Packs cut one subset of each face for all
their leaflets (publish/join.py).
"""

from __future__ import annotations

from medleaf.render import weasyprint_internals as internals

PROBE_FAMILY = "Noto Sans CJK HK"
"""A CID-keyed CFF font (English's and Hong Kong's) that the start-up test page is set in."""

COMPACT = True
"""False embeds WeasyPrint's own subsets (tests compare the two)."""
_cid_keyed: dict[str, bool] = {}


def install(font_config=None) -> bool:
    """Hook the compact subsets into WeasyPrint (once per process), unless WeasyPrint is
    not what they rely on (see weasyprint_internals): True if they are in use."""
    return internals.install_compact_subsets(_cut, PROBE_FAMILY, font_config)


def _cut(name: str, hb_face, glyphs, notdef_outline: bool, hinting: bool) -> bytes | None:
    """The compact subset of a font, or None to keep WeasyPrint's (not CID-keyed CFF)."""
    if not COMPACT or not glyphs or not _is_cid_keyed(hb_face, name):
        return None
    return internals.subset_cff(hb_face, glyphs, notdef_outline, hinting)


def _is_cid_keyed(hb_face, name: str) -> bool:
    """Is the font's CFF table CID-keyed (its top DICT has the ROS operator)? Once a face."""
    if name not in _cid_keyed:
        # the header, name index and top DICT come first: no need to copy 16 MB for them
        _cid_keyed[name] = _has_ros(internals.table(hb_face, b"CFF ", 4096))
    return _cid_keyed[name]


def _has_ros(cff: bytes) -> bool:
    """Does the first top DICT of a CFF font program hold ROS (operator 12 30)?"""
    try:
        names_end = _index_end(cff, cff[2])
        count, size = int.from_bytes(cff[names_end:names_end + 2], "big"), \
            cff[names_end + 2]
        if count == 0:
            return False
        offsets = names_end + 3
        start = offsets + (count + 1) * size - 1
        first = start + int.from_bytes(cff[offsets:offsets + size], "big")
        end = start + int.from_bytes(cff[offsets + size:offsets + 2 * size], "big")
        return _dict_has(cff[first:end], (12, 30))
    except (IndexError, ValueError):
        return False


def _index_end(cff: bytes, at: int) -> int:
    count = int.from_bytes(cff[at:at + 2], "big")
    if count == 0:
        return at + 2
    size = cff[at + 2]
    last = at + 3 + count * size
    return at + 2 + (count + 1) * size + int.from_bytes(cff[last:last + size], "big")


def _dict_has(data: bytes, operator: tuple[int, int]) -> bool:
    at = 0
    while at < len(data):
        byte = data[at]
        if byte == 12:
            if (12, data[at + 1]) == operator:
                return True
            at += 2
        elif byte <= 21:
            at += 1
        elif byte == 28:
            at += 3
        elif byte == 29:
            at += 5
        elif byte == 30:  # a real number: nibbles up to an 0xf
            at += 1
            while data[at] & 0x0F != 0x0F and data[at] >> 4 != 0x0F:
                at += 1
            at += 1
        elif byte <= 246:
            at += 1
        else:
            at += 2
    return False
