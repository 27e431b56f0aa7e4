"""Every viewer draws the same page: sample leaflets of every kind (English, Hong Kong
Chinese, bilingual, large print, personalised, a pack, Nepali for the TrueType fonts of the
other languages, and Chinese in WeasyPrint's own subsets, the fallback) drawn by Poppler,
PDFium, MuPDF and Ghostscript agree cell by cell; every embedded font program is sound to
fontTools and the OpenType Sanitizer; qpdf finds nothing wrong. Planted faults prove that
each check fires (tests/viewers.py and tests/font_programs.py say what each compares)."""

from __future__ import annotations

import io
import shutil
import subprocess

import page as validator
import pikepdf
import pytest
from conftest import REPO, run
from font_programs import compile_cff, declared_widths, opentype, ots_problems, problems
from fontTools.cffLib import CFFFontSet
from test_accessibility import FONT_WIDTHS, failures
from viewers import disagreeing, draw, ink

from medleaf.content.languages import Language
from medleaf.content.project import Project
from medleaf.render import fonts
from medleaf.render.renderer import Renderer
from medleaf.render.request import RenderRequest

PAGES = {  # sample -> the pages drawn (a leaflet's first page has its header and names)
    "baclofen.en.pdf": [1], "baclofen.zh-HK.pdf": [1, 2], "baclofen.en+zh-HK.pdf": [2],
    "baclofen.zh-HK.large.pdf": [1], "personal.pdf": [1], "pack.pdf": [1, 3],
    "baclofen.ne.pdf": [1], "fallback.zh-HK.pdf": [1],
}


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    out = tmp_path_factory.mktemp("viewers")
    for args in (["build", "baclofen", "--lang", "en", "--lang", "zh-HK", "--lang", "en+zh-HK"],
                 ["build", "baclofen", "--lang", "zh-HK", "--large-print"],
                 ["dispense", "baclofen", "--lang", "zh-HK", "--patient", "陳𡃁仔",
                  "--strength", "10 mg", "--dose", "1", "--form", "tablet", "--times-a-day",
                  "3", "--after-food", "--days", "14", "--out", str(out / "personal.pdf")],
                 ["pack", "packs/diabetes-clinic.yaml", "--out", str(out / "pack.pdf")]):
        result = run(*args, *(["--out", str(out)] if args[0] == "build" else []), root=REPO)
        assert result.exit_code == 0, result.output
    nepali = out / "ne-project"  # baclofen with the partial Nepali catalogs of test_languages
    (nepali / "leaflets").mkdir(parents=True)
    shutil.copy(REPO / "leaflets/baclofen.yaml", nepali / "leaflets")
    shutil.copytree(REPO / "templates", nepali / "templates")
    shutil.copytree(REPO / "tests/fixtures/languages/locales", nepali / "locales")
    result = run("build", "--lang", "ne", "--allow-incomplete", "--out", str(out), root=nepali)
    assert result.exit_code == 0, result.output
    fonts.COMPACT = False  # the fallback: WeasyPrint's own subsets (OpenType CFF)
    try:
        (out / "fallback.zh-HK.pdf").write_bytes(Renderer(Project(REPO)).render(
            RenderRequest("baclofen", Language.parse("zh-HK"))))
    finally:
        fonts.COMPACT = True
    return out


def font_kinds(path) -> set[str]:
    with pikepdf.open(path) as pdf:
        return {str(next(key for key in ("/FontFile2", "/FontFile3") if key in descriptor))
                + str(getattr(descriptor.get("/FontFile3"), "Subtype", ""))
                for descriptor in (font.DescendantFonts[0].FontDescriptor
                                   for page in pdf.pages
                                   for font in page.Resources.Font.values())}


def test_the_samples_embed_every_kind_of_font_medleaf_writes(samples):
    kinds = set().union(*(font_kinds(samples / name) for name in PAGES))
    assert kinds == {"/FontFile3/CIDFontType0C", "/FontFile2", "/FontFile3/OpenType"}


def test_every_renderer_draws_every_sample_page_the_same(samples):
    for name, pages in PAGES.items():
        for page in pages:
            drawn = draw(samples / name, page)
            assert {renderer: messages for renderer, (_, messages) in drawn.items()
                    if messages} == {}, (name, page)
            assert ink(drawn["Poppler"][0]) > 0.01, (name, page)  # text, not a blank page
            assert disagreeing(drawn) == {}, (name, page)


def rewrite_programs(source, target, change, key: str = "/FontFile3") -> None:
    """`source` with each font program (`key`) of its first page replaced by
    change(its bytes, its CIDFont), into `target`."""
    with pikepdf.open(source) as pdf:
        for font in pdf.pages[0].Resources.Font.values():
            cid_font = font.DescendantFonts[0]
            program = cid_font.FontDescriptor[key]
            program.write(change(program.read_bytes(), cid_font))
        pdf.save(target)


def clobbered(font: bytes, tag: bytes, count: int) -> bytes:
    """An sfnt font with the first `count` bytes of its table `tag` overwritten."""
    entry = font.index(tag, 12)
    offset = int.from_bytes(font[entry + 8:entry + 12], "big")
    return font[:offset] + b"\xff" * count + font[offset + count:]


def test_a_font_some_viewers_map_by_glyph_number_is_caught(samples, tmp_path):
    """The CJK fonts wrapped in OpenType (FontFile3 /OpenType) map CIDs to glyph numbers in
    some viewers: with our subsets' CIDs, those viewers draw the wrong characters."""
    def wrapped(data, cid_font):
        cid_font.FontDescriptor.FontFile3.Subtype = pikepdf.Name.OpenType
        return opentype(data, declared_widths(cid_font))

    broken = tmp_path / "opentype.pdf"
    rewrite_programs(samples / "baclofen.zh-HK.pdf", broken, wrapped)
    wrong = disagreeing(draw(broken, 1))
    assert wrong and all(len(cells) > 100 for cells in wrong.values()), wrong
    found = problems(broken)
    assert found and all("viewers that map CIDs as glyph numbers" in problem
                         for problem in found), found[:3]


def test_a_corrupted_cjk_font_program_is_caught_by_viewers_and_checks(samples, tmp_path):
    def corrupted(data, _):
        half = len(data) // 2  # the charstrings
        return data[:half] + bytes((i * 37 + 11) % 256 for i in range(half, len(data)))

    broken = tmp_path / "corrupted.pdf"
    rewrite_programs(samples / "baclofen.zh-HK.pdf", broken, corrupted)
    assert disagreeing(draw(broken, 1))
    found = problems(broken)
    assert len(found) == 2 and all("cannot be read" in problem for problem in found), found


def rewrite_cff(source, target, change) -> None:
    """Each compact CJK subset of `source`, changed by change(top DICT), into `target`."""
    def changed(data, _):
        fontset = CFFFontSet()
        fontset.decompile(io.BytesIO(data), None)
        top = fontset[fontset.fontNames[0]]
        for glyph in top.charset:
            top.CharStrings[glyph].decompile()
        change(top)
        return compile_cff(fontset)

    rewrite_programs(source, target, changed)


def blank(top) -> None:
    for glyph in top.charset[1:]:
        top.CharStrings[glyph].program = ["endchar"]


def swap(top) -> None:
    first, second = (top.CharStrings[glyph] for glyph in top.charset[40:42])
    first.program, second.program = second.program, first.program


def bad_fd(top) -> None:
    top.FDSelect.gidArray[5] = len(top.FDArray) + 3


@pytest.mark.parametrize(("change", "message"), [
    (blank, "shows a character but draws nothing"),
    (swap, "is not the installed font's glyph"),
    (bad_fd, "FDSelect names FD"),
])
def test_font_checks_catch_what_every_viewer_would_draw_alike(samples, tmp_path, change,
                                                               message):
    """Glyphs blanked or swapped in the font program itself draw alike everywhere: the
    viewers agree, and the font checks find the fault."""
    broken = tmp_path / "broken.pdf"
    rewrite_cff(samples / "baclofen.zh-HK.pdf", broken, change)
    found = problems(broken)
    assert found and any(message in problem for problem in found), found[:5]


def test_font_checks_catch_what_the_pdf_says_of_its_fonts(samples, tmp_path):
    broken = tmp_path / "declared.pdf"
    with pikepdf.open(samples / "baclofen.zh-HK.pdf") as pdf:
        for font in pdf.pages[0].Resources.Font.values():
            cid_font = font.DescendantFonts[0]
            cid_font.CIDSystemInfo.Ordering = pikepdf.String("Japan1")
            cid_font.W = pikepdf.Array([*cid_font.W, 64000, pikepdf.Array([500]), 1,
                                        pikepdf.Array([900])])
        pdf.save(broken)
    found = "\n".join(problems(broken))
    assert "ROS ('Adobe', 'Identity', 0) but CIDSystemInfo ('Adobe', 'Japan1', 0)" in found
    assert "CID 64000 is used but not in the font program" in found
    assert "CID 1 advances" in found and "but W says 900" in found


def test_every_embedded_font_program_is_sound(samples):
    for name in PAGES:
        assert problems(samples / name) == [], name


def test_the_sanitizer_rejects_a_broken_font(samples):
    with pikepdf.open(samples / "baclofen.ne.pdf") as pdf:
        program = next(font.DescendantFonts[0].FontDescriptor.FontFile2.read_bytes()
                       for font in pdf.pages[0].Resources.Font.values())
    assert ots_problems(program, ".ttf") == []
    assert ots_problems(clobbered(program, b"glyf", 64), ".ttf")  # the first glyphs


def test_a_broken_truetype_font_is_found(samples, tmp_path):
    broken = tmp_path / "truetype.pdf"
    rewrite_programs(samples / "baclofen.ne.pdf", broken,
                     lambda data, _: clobbered(data, b"loca", 40), key="/FontFile2")
    found = problems(broken)
    assert len(found) >= 4, found


def test_the_validator_still_checks_the_widths_of_truetype_fonts(samples, tmp_path):
    """test_accessibility leaves page-validation's widths of bare CFF programs to fontTools
    (it misreads them); a wrong width in any other font is still its failure."""
    broken = tmp_path / "widths.pdf"
    with pikepdf.open(samples / "baclofen.ne.pdf") as pdf:
        for font in pdf.pages[0].Resources.Font.values():
            cid_font = font.DescendantFonts[0]
            start, run_, *rest = list(cid_font.W)
            cid_font.W = pikepdf.Array([start, pikepdf.Array([w + 300 for w in run_]), *rest])
        pdf.save(broken)
    rules = [[rule for rule, _ in failures(validator.validate_pdf(path, profile="ua1"))]
             for path in (samples / "baclofen.ne.pdf", broken)]
    assert FONT_WIDTHS not in rules[0] and FONT_WIDTHS in rules[1]


def qpdf(path) -> str:
    done = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    return "" if done.returncode == 0 and "WARNING" not in done.stdout + done.stderr else \
        done.stdout[-300:] + done.stderr[-300:]


def test_qpdf_finds_nothing_wrong_with_the_samples(samples, tmp_path):
    for name in PAGES:
        assert qpdf(samples / name) == "", name
    damaged = tmp_path / "damaged.pdf"
    data = (samples / "baclofen.zh-HK.pdf").read_bytes()
    damaged.write_bytes(data[:len(data) * 3 // 4])  # cut short: no cross-reference
    assert "WARNING" in qpdf(damaged) or "damaged" in qpdf(damaged)
