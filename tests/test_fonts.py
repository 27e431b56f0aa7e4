"""Compact font subsets: only the glyphs used, and pages that look exactly as before."""

from __future__ import annotations

import subprocess

import pypdfium2
import pytest
from conftest import REPO, pdf_fonts, pdf_text, raster
from pypdf import PdfReader

from medleaf.content.languages import Language
from medleaf.content.project import Project
from medleaf.render import fonts
from medleaf.render.renderer import Renderer
from medleaf.render.request import RenderRequest


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    """baclofen in Chinese with medleaf's compact subsets and with WeasyPrint's own."""
    folder = tmp_path_factory.mktemp("fonts")
    session = Renderer(Project(REPO))
    zh = Language.parse("zh-HK")
    compact, full = folder / "compact.pdf", folder / "full.pdf"
    compact.write_bytes(session.render(RenderRequest("baclofen", zh)))
    fonts.COMPACT = False
    try:
        full.write_bytes(session.render(RenderRequest("baclofen", zh)))
    finally:
        fonts.COMPACT = True
    return compact, full


def test_compact_subsets_are_bare_cff_fonts_a_third_of_the_size(pdfs):
    compact, full = pdfs
    assert compact.stat().st_size * 2.5 < full.stat().st_size
    assert sorted(pdf_fonts(compact)) == sorted(pdf_fonts(full))
    listing = subprocess.run(["pdffonts", str(compact)], capture_output=True, text=True)
    assert listing.stdout.count("CID Type 0C       Identity-H") == 2  # bare CFF, not OpenType
    assert listing.stderr == ""  # Poppler finds nothing amiss (such as a mislabelled font)
    files = [font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
             ["/FontFile3"].get_object()["/Subtype"]
             for font in PdfReader(compact).pages[0]["/Resources"]["/Font"].values()]
    assert files == ["/CIDFontType0C", "/CIDFontType0C"]


def test_poppler_draws_every_pixel_the_same(pdfs):
    compact, full = pdfs
    assert raster(compact, dpi=110) == raster(full, dpi=110)
    assert pdf_text(compact) == pdf_text(full)


def test_pdfium_draws_the_same_glyphs(pdfs):
    """PDFium (Chrome's engine) anti-aliases a bare CFF font a shade differently from an
    OpenType one; a wrong glyph would differ by far more than a shade."""
    compact, full = [pypdfium2.PdfDocument(str(path)) for path in pdfs]
    assert len(compact) == len(full)
    for index in range(len(full)):
        ours, theirs = [bytes(document[index].render(scale=80 / 72, grayscale=True).buffer)
                        for document in (compact, full)]
        assert len(ours) == len(theirs)
        assert max(abs(a - b) for a, b in zip(ours, theirs, strict=True)) < 64
