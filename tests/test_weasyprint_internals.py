"""A WeasyPrint whose internals differ from what the compact fonts rely on: medleaf warns
once and prints with WeasyPrint's own font subsets, leaflets and packs alike."""

from __future__ import annotations

import os
import re
import subprocess
from io import BytesIO
from types import SimpleNamespace

import pikepdf
import pytest
import weasyprint
from conftest import REPO, pdf_fonts, pdf_text, raster, run

from medleaf.render import fonts
from medleaf.render import weasyprint_internals as internals

WARNING = (f"warning: WeasyPrint {weasyprint.__version__} differs from what medleaf's compact "
           "fonts rely on (")
FALLBACK = "): embedding WeasyPrint's own font subsets (larger PDFs)\n"


@pytest.fixture(scope="module", autouse=True)
def own_cache(tmp_path_factory):
    """PDFs made here with WeasyPrint's subsets must not be copied from the render cache
    into other tests' builds (the fingerprint cannot tell: the WeasyPrint is the same)."""
    saved = os.environ["XDG_CACHE_HOME"]
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    yield
    os.environ["XDG_CACHE_HOME"] = saved


@pytest.fixture(autouse=True)
def fresh_start(monkeypatch):
    """Each test starts as a new process would, and leaves WeasyPrint as it found it."""
    internals.reset()
    yield
    internals.reset()
    monkeypatch.undo()
    assert fonts.install()


@pytest.fixture(scope="module")
def compact(own_cache, tmp_path_factory):
    """baclofen as built with the compact subsets."""
    internals.reset()
    out = tmp_path_factory.mktemp("compact")
    result = run("build", "baclofen", "--force", "--out", str(out), root=REPO)
    assert result.exit_code == 0, result.output
    return out


def font_types(path) -> list[str]:
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    return [re.split(r"\s{2,}", line)[1] for line in lines]


def without(library, missing: str):
    """`library` as a later release might load it: without the symbol `missing`."""
    class Without:
        def __getattr__(self, name):
            if name == missing:
                raise AttributeError(name)
            return getattr(library, name)
    return Without()


def test_without_a_difference_no_warning_and_compact_subsets(compact, tmp_path):
    result = run("build", "baclofen", "--lang", "zh-HK", "--force", "--out", str(tmp_path),
                 root=REPO)
    assert result.exit_code == 0, result.output
    assert "warning" not in result.stderr
    assert font_types(tmp_path / "baclofen.zh-HK.pdf") == ["CID Type 0C"] * 2


def test_a_changed_subset_signature_builds_with_weasyprints_fonts_and_one_warning(
        compact, monkeypatch, tmp_path):
    from weasyprint.pdf.fonts import Font

    original = Font.subset
    monkeypatch.setattr(Font, "subset", lambda font, glyphs, hinting: original(font, glyphs,
                                                                                hinting))
    result = run("build", "baclofen", "--force", "--out", str(tmp_path), root=REPO)
    assert result.exit_code == 0, result.output
    assert result.stderr.count("warning") == 1
    assert f"{WARNING}Font.subset takes (font, glyphs, hinting) now{FALLBACK}" in result.stderr
    for name in ("baclofen.zh-HK.pdf", "baclofen.en.pdf"):
        ours, theirs = compact / name, tmp_path / name
        assert font_types(theirs) == ["CID Type 0C (OT)"] * len(pdf_fonts(ours))
        assert pdf_fonts(theirs) == pdf_fonts(ours)
        assert theirs.stat().st_size > 2 * ours.stat().st_size
        assert pdf_text(theirs) == pdf_text(ours)


def _copy_font_file(pydyf):
    """pydyf as WeasyPrint would use it if it embedded a copy of each font's bytes."""
    class Stream(pydyf.Stream):
        def __init__(self, stream=None, extra=None, compress=False):
            copied = [bytes(bytearray(item)) if isinstance(item, bytes) and len(item) > 1000
                      else item for item in stream or []]
            super().__init__(copied, extra, compress)
    return SimpleNamespace(**{**vars(pydyf), "Stream": Stream})


def _ranges(font_dictionary, pdf) -> None:
    """ToUnicode maps as bfrange entries, which say the same as WeasyPrint's bfchar ones."""
    stream = next(o for o in pdf.objects if getattr(o, "reference", None) ==
                  font_dictionary["ToUnicode"])
    stream.stream = [re.sub(rb"(\d+) beginbfchar", rb"\1 beginbfrange", re.sub(
        rb"^<(\w+)> <(\w+)>$", rb"<\1> <\1> <\2>", line)).replace(b"endbfchar", b"endbfrange")
        for line in stream.stream]


@pytest.mark.parametrize("difference, expected", [
    ("harfbuzz function", "harfbuzz_subset.hb_subset_input_set_flags is missing"),
    ("font file copied", "a compact subset is not embedded as FontFile3 as expected"),
    ("ToUnicode ranges", "a font's ToUnicode map is written in another form"),
    ("subset not called", "Font.subset is not called for the fonts it embeds"),
])
def test_each_difference_falls_back_with_its_reason(difference, expected, compact,
                                                    monkeypatch, tmp_path):
    import weasyprint.pdf.fonts as writer
    from weasyprint.text import ffi

    if difference == "harfbuzz function":
        monkeypatch.setattr(ffi, "harfbuzz_subset",
                            without(ffi.harfbuzz_subset, "hb_subset_input_set_flags"))
    elif difference == "font file copied":
        monkeypatch.setattr(writer, "pydyf", _copy_font_file(writer.pydyf))
    elif difference == "ToUnicode ranges":
        _after_font_dictionary(monkeypatch, writer, _ranges)
    else:
        monkeypatch.setattr(writer.Font, "clean", lambda font, to_unicode, hinting:
                            font._harfbuzz_subset(to_unicode, hinting))
    result = run("build", "baclofen", "--lang", "zh-HK", "--force", "--out", str(tmp_path),
                 root=REPO)
    assert result.exit_code == 0, result.output
    assert result.stderr.count("warning") == 1
    assert f"{WARNING}{expected}{FALLBACK}" in result.stderr
    pdf = tmp_path / "baclofen.zh-HK.pdf"
    assert font_types(pdf) == ["CID Type 0C (OT)"] * 2
    assert pdf_text(pdf) == pdf_text(compact / "baclofen.zh-HK.pdf")
    raster(pdf, 1, 1)  # Poppler finds nothing amiss


def _after_font_dictionary(monkeypatch, writer, rewrite) -> None:
    """Let WeasyPrint write each font's dictionary, then rewrite(font_dictionary, pdf)."""
    build = writer._build_vector_font_dictionary
    monkeypatch.setattr(writer, "_build_vector_font_dictionary", lambda font_dictionary,
                        pdf, *rest: (build(font_dictionary, pdf, *rest),
                                     rewrite(font_dictionary, pdf)))


def _width_ranges(font_dictionary, pdf) -> None:
    """W arrays as `first last width` ranges, which say the same as WeasyPrint's runs."""
    number = int(font_dictionary["DescendantFonts"][0].split()[0])
    cid_font = pdf.objects[number]
    cid_font["W"] = type(cid_font["W"])(
        value for start, widths in zip(cid_font["W"][::2], cid_font["W"][1::2], strict=True)
        for offset, width in enumerate(widths) for value in (start + offset, start + offset,
                                                          width))


@pytest.mark.parametrize("difference, expected", [
    ("widths ranges", "a font's widths (W) are written in another form"),
    ("font file copied", "a compact subset is not embedded as FontFile3 as expected"),
])
def test_a_pack_builds_in_the_fallback_with_each_leaflets_own_fonts(difference, expected,
                                                                     monkeypatch, tmp_path):
    import weasyprint.pdf.fonts as writer

    if difference == "widths ranges":
        _after_font_dictionary(monkeypatch, writer, _width_ranges)
    else:
        monkeypatch.setattr(writer, "pydyf", _copy_font_file(writer.pydyf))
    out = tmp_path / "pack.pdf"
    result = run("pack", "packs/diabetes-clinic.yaml", "--force", "--out", str(out),
                 root=REPO)
    assert result.exit_code == 0, result.output
    assert result.stderr.count("warning") == 1
    assert f"{WARNING}{expected}{FALLBACK}" in result.stderr
    assert set(font_types(out)) == {"CID Type 0C (OT)"}
    assert len(pdf_fonts(out)) > 2  # not shared: each leaflet keeps its own subsets
    text = re.sub(r"\s+", "", pdf_text(out))
    assert "甲福明" in text and "Amlodipine" in text


def test_the_join_keeps_the_subsets_of_a_font_whose_widths_it_cannot_read(compact, tmp_path):
    from medleaf.publish.join import Join

    leaflet = (compact / "baclofen.zh-HK.pdf").read_bytes()
    assert run("build", "baclofen", "--lang", "zh-HK", "--force", "--out", str(tmp_path),
               root=REPO).exit_code == 0  # (one job: this process cuts the faces' subsets)
    shared = tmp_path / "shared.pdf"
    shared.write_bytes(Join([leaflet, leaflet]).after(leaflet))
    assert len(pdf_fonts(shared)) == 2
    with pikepdf.open(BytesIO(leaflet)) as pdf:
        for font in pdf.pages[0].Resources.Font.values():
            cid_font = font.DescendantFonts[0]
            cid_font.W = pikepdf.Array([value for start, widths in zip(
                cid_font.W[::2], cid_font.W[1::2], strict=True) for offset, width in
                enumerate(widths) for value in (int(start) + offset, int(start) + offset,
                                             width)])
        buffer = BytesIO()
        pdf.save(buffer)
    out = tmp_path / "joined.pdf"
    out.write_bytes(Join([leaflet, buffer.getvalue()]).after(leaflet))
    assert len(pdf_fonts(out)) == 6  # each of the three keeps its own subsets
    single = compact / "baclofen.zh-HK.pdf"
    assert pdf_text(out) == pdf_text(single) * 3
