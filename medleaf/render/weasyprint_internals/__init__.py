"""The one place medleaf reaches past WeasyPrint's public API, and the check that it still can.

Everywhere else medleaf uses only what WeasyPrint documents (HTML, CSS, FontConfiguration,
render/write_pdf and their finisher, URLFetcher). What the compact font subsets (fonts.py)
and the pack join (publish/join.py) rely on besides is used here only:

- WeasyPrint's PDF writer calls `Font.subset(self, to_unicode, hinting)` for each font it
  embeds, then embeds `font.file_content` as the one item of a stream, as FontFile3 of a
  CIDFontType0 when the property `Font.type` is "otf". The hook replaces both, reads
  `font.name`, `font.hb_face` and `font.missing`, and the finisher marks that stream as a
  bare CFF font program (`document.fonts`, `pdf.objects`, `stream.stream`, `stream.extra`).
- HarfBuzz, through WeasyPrint's cffi bindings (`weasyprint.text.ffi`), cuts the subsets.
- The PDFs it writes: a CIDFont's W array as `start [w w ...]` runs and a ToUnicode CMap as
  bfchar pairs, which the pack join reads (`widths`, `unicode_map`).

`check()` finds what differs: attributes and signatures, then one tiny page written with
the hook in place and read back. If anything does, `install_compact_subsets` changes
nothing: WeasyPrint embeds its own subsets, packs join without sharing fonts (`face` knows
none), and one warning on stderr says why. The tagging hooks (per-block languages,
margins as artifacts) are in `tags.py`, checked and falling back the same way; the neutral
structure elements are removed in `flatten.py`, and numbers written shorter in `numbers.py`.
"""

from __future__ import annotations

import inspect
import re
import sys
import threading

from medleaf.render.weasyprint_internals import numbers, tags

EXPECTED_SUBSET = ("self", "to_unicode", "hinting")
_HARFBUZZ = ("hb_version_atleast", "hb_tag_from_string", "hb_set_add_sorted_array",
             "hb_face_reference_table", "hb_blob_get_data", "hb_blob_destroy",
             "hb_face_destroy")
_HARFBUZZ_SUBSET = ("hb_subset_input_create_or_fail", "hb_subset_input_destroy",
                    "hb_subset_input_glyph_set", "hb_subset_input_set",
                    "hb_subset_input_set_flags", "hb_subset_or_fail",
                    "HB_SUBSET_SETS_DROP_TABLE_TAG", "HB_SUBSET_FLAGS_DESUBROUTINIZE",
                    "HB_SUBSET_FLAGS_NO_HINTING", "HB_SUBSET_FLAGS_NOTDEF_OUTLINE")
_DROPPED = (b"BASE", b"DSIG", b"EBDT", b"EBLC", b"EBSC", b"GDEF", b"GPOS", b"GSUB", b"JSTF",
            b"LTSH", b"PCLT", b"SVG ", b"VORG", b"vhea", b"vmtx")
"""Tables a compact subset leaves out (layout tables would pull in every glyph a
substitution could reach)."""

_lock = threading.Lock()
_installed: bool | None = None  # None: not decided yet in this process
_originals: tuple | None = None  # WeasyPrint's Font.subset and Font.type, while hooked
_faces: dict[str, object] = {}
"""HarfBuzz faces of the compact subsets made in this process, by PDF font name."""


def version() -> str:
    import weasyprint

    return getattr(weasyprint, "__version__", "(unknown version)")


def harfbuzz_subsetting() -> bool:
    """Is HarfBuzz's subsetting library (4.1 or later) loaded by WeasyPrint?"""
    from weasyprint.text import ffi

    subset = getattr(ffi, "harfbuzz_subset", None)
    return subset is not None and ffi.harfbuzz.hb_version_atleast(4, 1, 0)


def install_compact_subsets(cut, family: str, font_config=None) -> bool:
    """Hook `cut(name, hb_face, glyphs, notdef_outline, hinting)` -> CFF bytes (None: keep
    WeasyPrint's subset) into WeasyPrint, once per process, if `check()` finds nothing
    amiss (with a test page in `family`); else print one warning and change nothing."""
    global _installed
    with _lock:
        if _installed is None:
            differences = check(cut, family, font_config)
            if differences:
                sys.stderr.write(f"warning: WeasyPrint {version()} differs from what medleaf's "
                                 f"compact fonts rely on ({'; '.join(differences)}): "
                                 "embedding WeasyPrint's own font subsets (larger PDFs)\n")
            else:
                _hook(cut)
            _installed = not differences
        return _installed


def check(cut, family: str, font_config=None) -> list[str]:
    """What is not as this module expects (nothing: the hook is safe to install)."""
    differences = _api_differences()
    if not differences:
        _hook(cut)
        try:
            differences = _page_differences(family, font_config)
        finally:
            _unhook()
    return differences


def _api_differences() -> list[str]:
    try:
        from weasyprint.document import Document
        from weasyprint.pdf.fonts import Font
        from weasyprint.text import ffi
    except ImportError as exc:
        return [f"cannot import {exc.name}"]
    found = []
    subset = getattr(Font, "subset", None)
    try:
        parameters = tuple(inspect.signature(subset).parameters) if subset else ()
    except (TypeError, ValueError):
        parameters = ()
    if parameters != EXPECTED_SUBSET:
        found.append(f"Font.subset takes ({', '.join(parameters)}) now" if subset else
                     "Font.subset is gone")
    if not isinstance(inspect.getattr_static(Font, "type", None), property):
        found.append("Font.type is no longer a property")
    found += [f"{cls.__name__}.{name} is gone" for cls, name in (
        (Font, "hb_face"), (Font, "name"), (Font, "missing"), (Font, "file_content"),
        (Document, "fonts")) if not _sets(cls, name)]
    for library, names in (("harfbuzz", _HARFBUZZ), ("harfbuzz_subset", _HARFBUZZ_SUBSET)):
        handle = getattr(ffi, library, None)
        found += [f"{library}.{name} is missing" for name in names
                  if handle is None or not _has(handle, name)]
    return found + ([] if hasattr(ffi, "ffi") else ["weasyprint.text.ffi.ffi is gone"])


def _sets(cls, name: str) -> bool:
    """Does the class have `name`, or does its __init__ set it?"""
    init = getattr(cls.__init__, "__code__", None)
    return hasattr(cls, name) or bool(init and name in init.co_names)


def _has(library, name: str) -> bool:
    try:
        getattr(library, name)
    except (AttributeError, NotImplementedError):  # cffi: a symbol the library lacks
        return False
    return True


def _page_differences(family: str, font_config) -> list[str]:
    """Write a tiny page with the hook in place: each compact subset must be embedded as
    FontFile3, marked /CIDFontType0C, with widths and Unicode map the join can read."""
    from weasyprint import HTML

    found = []

    def inspect_pdf(document, pdf) -> None:
        finish(document, pdf)
        compact = [font for font in document.fonts.values()
                   if getattr(font, "compact_cff", None)]
        if not compact:
            found.append("Font.subset is not called for the fonts it embeds")
        found.extend(_written_differences(pdf, compact))

    try:
        HTML(string=f"<p style=\"font-family: '{family}'\">Aa 藥 1</p>").write_pdf(
            font_config=font_config, finisher=inspect_pdf)
    except Exception as exc:  # any failure of the hooked writer is a difference
        return [f"a test page fails ({type(exc).__name__}: {exc})"]
    return found


def _written_differences(pdf, compact) -> list[str]:
    objects = [item for item in pdf.objects if hasattr(item, "get")]
    streams = {getattr(item, "reference", None): item for item in pdf.objects
               if getattr(item, "extra", None) is not None}
    found = []
    for font in compact:
        marked = [stream for stream in streams.values()
                  if stream.extra.get("Subtype") == "/CIDFontType0C"
                  and len(stream.stream) == 1 and stream.stream[0] is font.compact_cff]
        if not marked or not any(item.get("FontFile3") == marked[0].reference
                                 for item in objects):
            found.append("a compact subset is not embedded as FontFile3 as expected")
    for item in objects:
        if item.get("Subtype") == "/CIDFontType0" and widths(_data(item.get("W"))) is None:
            found.append("a font's widths (W) are written in another form")
        unicode = streams.get(item.get("ToUnicode"))
        if unicode is not None and unicode_map(b"\n".join(map(_data, unicode.stream))) is None:
            found.append("a font's ToUnicode map is written in another form")
    return list(dict.fromkeys(found))


def _data(value) -> bytes:
    return value if isinstance(value, bytes) else getattr(value, "data", str(value).encode())


def _hook(cut) -> None:
    global _originals
    from weasyprint.pdf.fonts import Font

    if _originals is not None:
        return
    subset, kind = Font.subset, inspect.getattr_static(Font, "type")

    def compact_subset(font, to_unicode, hinting):
        name = font.name.decode("latin-1").lstrip("/")
        cff = cut(name, font.hb_face, to_unicode, bool(font.missing), hinting)
        if cff is None:
            return subset(font, to_unicode, hinting)
        _faces[name] = font.hb_face
        font.file_content = font.compact_cff = cff

    Font.subset = compact_subset
    Font.type = property(lambda font: "otf" if getattr(font, "compact_cff", None)
                         else kind.__get__(font))
    _originals = subset, kind


def _unhook() -> None:
    global _originals
    if _originals is not None:
        from weasyprint.pdf.fonts import Font

        Font.subset, Font.type = _originals
        _originals = None
    _faces.clear()


def reset() -> None:
    """(for tests) Remove the hook and forget the check's verdict."""
    global _installed
    with _lock:
        _unhook()
        _installed = None
    tags.reset()
    numbers.reset()


def finish(document, pdf) -> None:
    """(write_pdf finisher) Mark each compact subset's stream as a bare CFF font program."""
    ours = {id(font.compact_cff) for font in document.fonts.values()
            if getattr(font, "compact_cff", None)}
    for stream in pdf.objects:
        data = getattr(stream, "stream", None)
        if data and len(data) == 1 and id(data[0]) in ours:
            stream.extra["Subtype"] = "/CIDFontType0C"
    tags.simplify(pdf)


def face(name: str):
    """The HarfBuzz face of a PDF font name (the same in every process and document) if
    this process made a compact subset of it (never while WeasyPrint's own are in use)."""
    return _faces.get(name.lstrip("/"))


def subset_cff(hb_face, glyphs, notdef_outline: bool = False, hinting: bool = False
               ) -> bytes | None:
    """The CFF table of `hb_face` reduced to `glyphs` (and .notdef), CIDs kept."""
    from weasyprint.text.ffi import ffi, harfbuzz
    from weasyprint.text.ffi import harfbuzz_subset as hb_subset

    plan = ffi.gc(hb_subset.hb_subset_input_create_or_fail(), hb_subset.hb_subset_input_destroy)
    _add(harfbuzz, ffi, hb_subset.hb_subset_input_glyph_set(plan), sorted(set(glyphs) | {0}))
    dropped = hb_subset.hb_subset_input_set(plan, hb_subset.HB_SUBSET_SETS_DROP_TABLE_TAG)
    _add(harfbuzz, ffi, dropped, sorted(harfbuzz.hb_tag_from_string(tag, -1) for tag in _DROPPED))
    flags = hb_subset.HB_SUBSET_FLAGS_DESUBROUTINIZE
    if not hinting:
        flags |= hb_subset.HB_SUBSET_FLAGS_NO_HINTING
    if notdef_outline:
        flags |= hb_subset.HB_SUBSET_FLAGS_NOTDEF_OUTLINE
    hb_subset.hb_subset_input_set_flags(plan, flags)
    result = hb_subset.hb_subset_or_fail(hb_face, plan)
    if result == ffi.NULL:
        return None
    return table(ffi.gc(result, harfbuzz.hb_face_destroy), b"CFF ") or None


def _add(harfbuzz, ffi, hb_set, values) -> None:
    array = ffi.new(f"hb_codepoint_t[{len(values)}]", values)
    harfbuzz.hb_set_add_sorted_array(hb_set, array, len(values))


def table(hb_face, tag: bytes, limit: int | None = None) -> bytes:
    """A font table's bytes (its first `limit` bytes only, if given)."""
    from weasyprint.text.ffi import ffi, harfbuzz

    blob = harfbuzz.hb_face_reference_table(hb_face, harfbuzz.hb_tag_from_string(tag, -1))
    try:
        length = ffi.new("unsigned int *")
        data = harfbuzz.hb_blob_get_data(blob, length)
        size = length[0] if limit is None else min(limit, length[0])
        return bytes(ffi.buffer(data, size)) if size else b""
    finally:
        harfbuzz.hb_blob_destroy(blob)


_W_ARRAY = re.compile(rb"\[\s*(?:\d+\s*\[[^\[\]]*\]\s*)*\]")
_RUN = re.compile(rb"(\d+)\s*\[([^\[\]]*)\]")
_BFCHAR = re.compile(rb"(\d+)\s+beginbfchar(.*?)endbfchar", re.S)
_PAIR = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>")


def widths(array: bytes) -> dict[int, float] | None:
    """A CIDFont's W array (PDF syntax) as {CID: width}, if written in WeasyPrint's
    `start [w w ...]` runs; None if in any other form."""
    if not _W_ARRAY.fullmatch(array.strip()):
        return None
    found = {}
    try:
        for start, run in _RUN.findall(array):
            for offset, width in enumerate(run.split()):
                found[int(start) + offset] = float(width)
    except ValueError:
        return None
    return found


def unicode_map(cmap: bytes) -> dict[bytes, bytes] | None:
    """A ToUnicode CMap as {CID in hex: UTF-16BE in hex}, if it maps with bfchar pairs
    only, as WeasyPrint writes it; None if in any other form (ranges, say)."""
    if b"bfrange" in cmap:
        return None
    found = {}
    for count, block in _BFCHAR.findall(cmap):
        pairs = _PAIR.findall(block)
        if len(pairs) != int(count) or _PAIR.sub(b"", block).strip():
            return None
        found.update(pairs)
    return found
