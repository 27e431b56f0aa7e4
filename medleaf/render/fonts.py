"""Compact font subsets: embed only the glyphs a PDF uses, as a bare CID-keyed CFF font.

WeasyPrint keeps every glyph ID below the highest one used, so a Noto Sans CJK subset costs
about 200 KB whatever the text (Hong Kong glyph forms sit at the end of the font). Its text
is written as CIDs, and in a CID-keyed CFF font the charset maps each CID to its glyph: a
subset that keeps only the used glyphs, with their CIDs, draws exactly the same page. PDF
viewers read that mapping from a bare CFF font program (FontFile3 /CIDFontType0C), not from
an OpenType wrapper, so that is how it is embedded. Other fonts keep WeasyPrint's subsets.

`install()` hooks this into WeasyPrint (once per process); `finish` is the write_pdf
finisher; `subset_cff` also serves packs, which embed one subset of each face for all their
leaflets (see merge.py).
"""

from __future__ import annotations

COMPACT = True
"""False embeds WeasyPrint's own subsets (tests compare the two)."""
_faces: dict[str, object] = {}
"""WeasyPrint fonts seen in this process, by PDF font name: the source faces for packs."""
_cid_keyed: dict[str, bool] = {}


def install() -> None:
    from weasyprint.pdf import fonts

    if getattr(fonts.Font, "medleaf", False):
        return
    weasyprint_subset = fonts.Font.subset

    def subset(font, to_unicode, hinting):
        name = font.name.decode("latin-1").lstrip("/")
        if not COMPACT or not to_unicode or not _is_cid_keyed(font, name):
            return weasyprint_subset(font, to_unicode, hinting)
        _faces[name] = font
        cff = subset_cff(font.hb_face, to_unicode, bool(font.missing), hinting)
        if cff is None:
            return weasyprint_subset(font, to_unicode, hinting)
        font.file_content = font.compact_cff = cff

    fonts.Font.subset = subset
    fonts.Font.type = property(lambda font: "otf" if getattr(font, "compact_cff", None)
                               or font.file_content[:4] == b"OTTO" else "ttf")
    fonts.Font.medleaf = True


def finish(document, pdf) -> None:
    """(write_pdf finisher) Mark each compact subset's stream as a bare CFF font program."""
    ours = {id(font.compact_cff) for font in document.fonts.values()
            if getattr(font, "compact_cff", None)}
    for stream in pdf.objects:
        data = getattr(stream, "stream", None)
        if data and len(data) == 1 and id(data[0]) in ours:
            stream.extra["Subtype"] = "/CIDFontType0C"


def face(name: str):
    """The source face of a PDF font name (WeasyPrint's are the same in every process and
    every document), if this process has rendered with it."""
    font = _faces.get(name.lstrip("/"))
    return font and font.hb_face


def subset_cff(hb_face, glyphs, notdef_outline: bool = False, hinting: bool = False
               ) -> bytes | None:
    """The CFF table of `hb_face` reduced to `glyphs` (and .notdef), CIDs kept."""
    from weasyprint.text.ffi import ffi, harfbuzz, harfbuzz_subset

    plan = ffi.gc(harfbuzz_subset.hb_subset_input_create_or_fail(),
                  harfbuzz_subset.hb_subset_input_destroy)
    _add(harfbuzz, ffi, harfbuzz_subset.hb_subset_input_glyph_set(plan),
         sorted(set(glyphs) | {0}))
    # no layout tables: they would pull in every glyph a substitution could reach
    _add(harfbuzz, ffi, harfbuzz_subset.hb_subset_input_set(
        plan, harfbuzz_subset.HB_SUBSET_SETS_DROP_TABLE_TAG), sorted(
        harfbuzz.hb_tag_from_string(tag, -1) for tag in (
            b"BASE", b"DSIG", b"EBDT", b"EBLC", b"EBSC", b"GDEF", b"GPOS", b"GSUB", b"JSTF",
            b"LTSH", b"PCLT", b"SVG ", b"VORG", b"vhea", b"vmtx")))
    flags = harfbuzz_subset.HB_SUBSET_FLAGS_DESUBROUTINIZE
    if not hinting:
        flags |= harfbuzz_subset.HB_SUBSET_FLAGS_NO_HINTING
    if notdef_outline:
        flags |= harfbuzz_subset.HB_SUBSET_FLAGS_NOTDEF_OUTLINE
    harfbuzz_subset.hb_subset_input_set_flags(plan, flags)
    result = harfbuzz_subset.hb_subset_or_fail(hb_face, plan)
    if result == ffi.NULL:
        return None
    result = ffi.gc(result, harfbuzz.hb_face_destroy)
    return _table(ffi, harfbuzz, result, b"CFF ") or None


def _add(harfbuzz, ffi, hb_set, values) -> None:
    array = ffi.new(f"hb_codepoint_t[{len(values)}]", values)
    harfbuzz.hb_set_add_sorted_array(hb_set, array, len(values))


def _table(ffi, harfbuzz, hb_face, tag: bytes, limit: int | None = None) -> bytes:
    """A font table's bytes (its first `limit` bytes only, if given)."""
    blob = harfbuzz.hb_face_reference_table(hb_face, harfbuzz.hb_tag_from_string(tag, -1))
    try:
        length = ffi.new("unsigned int *")
        data = harfbuzz.hb_blob_get_data(blob, length)
        size = length[0] if limit is None else min(limit, length[0])
        return bytes(ffi.buffer(data, size)) if size else b""
    finally:
        harfbuzz.hb_blob_destroy(blob)


def _is_cid_keyed(font, name: str) -> bool:
    """Is the font's CFF table CID-keyed (its top DICT has the ROS operator)? Once a face."""
    if name not in _cid_keyed:
        from weasyprint.text.ffi import ffi, harfbuzz

        # the header, name index and top DICT come first: no need to copy 16 MB for them
        _cid_keyed[name] = _has_ros(_table(ffi, harfbuzz, font.hb_face, b"CFF ", 4096))
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
