"""Tagged PDF/UA-1: every shipped leaflet (English, Hong Kong Chinese, bilingual) and both
packs pass an offline PDF/UA-1 validator (page-validation), and our own checks with pikepdf:
a language on every block, the logo an artifact, one list element per list, packs tagged."""

from __future__ import annotations

import re
import subprocess
from io import BytesIO

import page
import pikepdf
import pytest
from conftest import REPO, run
from fontTools.cffLib import CFFFontSet
from fontTools.misc.psCharStrings import T2WidthExtractor
from pypdf import PdfReader

LEAFLETS = sorted(path.stem for path in (REPO / "leaflets").glob("*.yaml"))
PACKS = sorted(path.stem for path in (REPO / "packs").glob("*.yaml"))
ZH = "zh-Hant-HK"
FONT_WIDTHS = "PDFUA1-FONT-GLYPH-WIDTH-001"
"""page 0.11 misreads the widths of a bare CFF font program: it takes a glyph's Private DICT
from the FD of the next range of a format-3 FDSelect, and misses a width before hmoveto; it
does not check OpenType-wrapped programs (WeasyPrint's own subsets) at all (README,
Accessibility). `test_compact_fonts_draw_the_widths_they_declare` checks that rule instead,
with fontTools."""


def failures(report) -> list[tuple[str, str]]:
    """The validator's failures, but for its widths of bare CFF programs (FONT_WIDTHS): it
    still checks every other font's widths."""
    return [(f.rule_id, f.message) for f in report.failures
            if not (f.rule_id == FONT_WIDTHS and "CIDFontType0C program" in f.message)]


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    """Every shipped leaflet in English and Hong Kong Chinese, baclofen bilingual, the packs."""
    out = tmp_path_factory.mktemp("tagged")
    for args in (["build", "--lang", "en", "--lang", "zh-HK"],
                 ["build", "baclofen", "--lang", "en+zh-HK"]):
        result = run(*args, "--out", str(out), root=REPO)
        assert result.exit_code == 0, result.output
    for pack in PACKS:
        result = run("pack", f"packs/{pack}.yaml", "--out", str(out / f"{pack}.pack.pdf"),
                     root=REPO)
        assert result.exit_code == 0, result.output
    return out


def pdfs(library):
    found = sorted(library.glob("*.pdf"))
    assert len(found) == 2 * len(LEAFLETS) + 1 + len(PACKS)
    return found


def elements(node, inherited=None):
    """(structure element, its language: own or inherited) in document order."""
    kids = node.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            lang = str(kid.Lang) if "/Lang" in kid else inherited
            yield kid, lang
            yield from elements(kid, lang)


def tree(pdf):
    return list(elements(pdf.Root.StructTreeRoot, str(pdf.Root.Lang)))


def test_every_shipped_leaflet_and_pack_passes_pdf_ua_1(library):
    for path in pdfs(library):
        report = page.validate_pdf(path, profile="ua1")
        assert report.rules.total > 100
        assert failures(report) == [], path.name


@pytest.mark.parametrize("lang", ["zh-HK", "en+zh-HK"])
def test_a_personalised_leaflet_passes_pdf_ua_1(tmp_path, lang):
    out = tmp_path / "dispensed.pdf"
    result = run("dispense", "baclofen", "--lang", lang, "--patient", "陳大文", "--dose", "1",
                 "--form", "tablet", "--strength", "10 mg", "--times-a-day", "3",
                 "--out", str(out), root=REPO)
    assert result.exit_code == 0, result.output
    assert failures(page.validate_pdf(out, profile="ua1")) == []


def test_compact_fonts_draw_the_widths_they_declare(library):
    """The rule the validator misreads (see FONT_WIDTHS): each glyph's advance in the font
    program, read through its FDSelect, is its width in the PDF's /W array."""
    checked = 0
    for path in [library / "baclofen.en+zh-HK.pdf", library / f"{PACKS[0]}.pack.pdf"]:
        with pikepdf.open(path) as pdf:
            for font in {f.objgen: f for p in pdf.pages
                         for f in p.obj.Resources.get("/Font", {}).values()}.values():
                if font.get("/Subtype") != "/Type0":
                    continue
                cid = font.DescendantFonts[0]
                program = cid.FontDescriptor.get("/FontFile3")
                if program is None or program.get("/Subtype") != "/CIDFontType0C":
                    continue
                declared = declared_widths(cid.W)
                cff = CFFFontSet()
                cff.decompile(BytesIO(program.read_bytes()), None)
                top = cff[cff.fontNames[0]]
                for name in top.charset[1:]:
                    charstring, select = top.CharStrings.getItemAndSelector(name)
                    private = top.FDArray[select].Private
                    reader = T2WidthExtractor([], [], private.nominalWidthX,
                                              private.defaultWidthX)
                    charstring.decompile()
                    reader.execute(charstring)
                    cid_number = int(name.removeprefix("cid"))
                    width = declared.get(cid_number, float(cid.get("/DW", 1000)))
                    assert abs(reader.width - width) < 1, (path.name, name)
                    checked += 1
    assert checked > 500


def declared_widths(array) -> dict[int, float]:
    found, items = {}, list(array)
    for start, run_ in zip(items[::2], items[1::2], strict=True):
        found.update({int(start) + index: float(w) for index, w in enumerate(run_)})
    return found


def test_a_bilingual_leaflet_marks_each_block_with_its_language(library):
    with pikepdf.open(library / "baclofen.en+zh-HK.pdf") as pdf:
        assert str(pdf.Root.Lang) == "en"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle
        found = tree(pdf)
        sections = [lang for element, lang in found if element.S == "/Sect"]
        # each section twice, English then Chinese, each marked on its own element
        assert len(sections) > 10 and sections == ["en", ZH] * (len(sections) // 2)
        marked = [element for element, _ in found if element.S == "/Sect"]
        assert all("/Lang" in element for element in marked[1::2])
        headings = [lang for element, lang in found if str(element.S) in ("/H2", "/H3")]
        assert headings.count(ZH) == headings.count("en") > 10
        # a language is written only where it changes: the English blocks inherit "en"
        assert not any(str(element.get("/Lang", "")) == "en" and lang == "en"
                       and str(parent_lang(element, pdf)) == "en"
                       for element, lang in found)


def parent_lang(element, pdf):
    parent = element.get("/P")
    while parent is not None and "/Lang" not in parent and "/P" in parent:
        parent = parent.P
    return parent.Lang if parent is not None and "/Lang" in parent else pdf.Root.Lang


def test_a_chinese_leaflet_marks_its_english_words(library):
    with pikepdf.open(library / "baclofen.zh-HK.pdf") as pdf:
        assert str(pdf.Root.Lang) == ZH
        found = tree(pdf)
        blocks = [lang for element, lang in found
                  if str(element.S) in ("/H1", "/H2", "/H3", "/P", "/LI")]
        assert blocks.count(ZH) > 20
        english = [element for element, lang in found if lang == "en"]
        # the English generic name beside the Chinese one, the brand names
        assert len([e for e in english if "/Lang" in e]) >= 2


def test_page_headers_and_footers_are_artifacts_and_the_logo_with_them(library):
    for path in pdfs(library):
        with pikepdf.open(path) as pdf:
            figures = [element for element, _ in tree(pdf) if element.S == "/Figure"]
            assert all("/Alt" in figure for figure in figures), path.name
            for number, page_ in enumerate(pdf.pages):
                stack, artifacts = [], 0
                for operands, operator in pikepdf.parse_content_stream(page_):
                    if str(operator) in ("BMC", "BDC"):
                        stack.append(str(operands[0]))
                    elif str(operator) == "EMC":
                        stack.pop()
                    elif str(operator) == "Do":
                        assert stack and stack[-1] in ("/Artifact", "/Figure"), path.name
                    elif str(operator) in ("Tj", "TJ", "f", "f*", "F", "S", "B", "B*"):
                        # nothing is drawn outside the tags: text and shapes (the SVG logo)
                        assert stack, (path.name, number, str(operator))
                        artifacts += "/Artifact" in stack and str(operator) in ("Tj", "TJ")
                assert artifacts >= 1, (path.name, number)  # the running header, footers


def tagged_text(path, page: int) -> str:
    """The text a screen reader gets from a page: all of it but the artifacts'."""
    stack, parts = [], []

    def before(operator, operands, cm, tm):
        if operator in (b"BMC", b"BDC"):
            stack.append(str(operands[0]))
        elif operator == b"EMC" and stack:
            stack.pop()

    def text(words, cm, tm, font, size):
        if "/Artifact" not in stack:
            parts.append(words)

    PdfReader(path).pages[page].extract_text(visitor_operand_before=before, visitor_text=text)
    return "".join(parts)


def test_a_screen_reader_is_told_a_draft_is_a_draft(library, tmp_path):
    # the watermark on every page is an artifact, so the first page says it in words too
    for name, words in (("baclofen.en.pdf", "DRAFT – not for patient use"),
                        ("baclofen.zh-HK.pdf", "草稿－不可供病人使用")):
        assert words in tagged_text(library / name, 0), name
        assert words not in tagged_text(library / name, 1), name
    personal = tmp_path / "personal.pdf"
    result = run("dispense", "baclofen", "--lang", "zh-HK", "--dose", "1", "--form", "tablet",
                 "--strength", "10 mg", "--times-a-day", "3", "--out", str(personal),
                 root=REPO)
    assert result.exit_code == 0, result.output
    # the personal page: each language's block says it (English, then Chinese)
    spoken = tagged_text(personal, 0)
    assert "DRAFT – not for patient use" in spoken and "草稿－不可供病人使用" in spoken


def test_one_list_element_per_list(library, tmp_path):
    result = run("html", "baclofen", "--lang", "en", root=REPO)
    assert result.exit_code == 0, result.output
    body = result.stdout[result.stdout.index("<body"):]
    lists = len(re.findall(r"<(?:ul|ol|dl)\b", body))
    with pikepdf.open(library / "baclofen.en.pdf") as pdf:
        found = tree(pdf)
        assert len([element for element, _ in found if element.S == "/L"]) == lists
        assert all(str(kid.S) in ("/LI", "/Caption", "/L")
                   for element, _ in found if element.S == "/L"
                   for kid in element.K if isinstance(kid, pikepdf.Dictionary))


def test_a_pack_keeps_the_tags_of_its_leaflets(library):
    with pikepdf.open(library / "diabetes-clinic.pack.pdf") as pdf:
        root = pdf.Root.StructTreeRoot
        assert pdf.Root.MarkInfo.Marked and "/Metadata" in pdf.Root
        (document,) = root.K
        parts = [(str(part.S), str(part.Lang)) for part in document.K]
        # the cover, then each leaflet in the order printed, in its language
        assert parts == [("/Art", "en"), ("/Art", "en"), ("/Art", ZH), ("/Art", "en"),
                         ("/Art", ZH)]
        pages = {page_.objgen for page_ in pdf.pages}
        found = tree(pdf)
        assert all(element.Pg.objgen in pages for element, _ in found if "/Pg" in element)
        nums = root.ParentTree.Nums
        keys = [int(nums[index]) for index in range(0, len(nums), 2)]
        assert keys == sorted(set(keys)) and int(root.ParentTreeNextKey) == keys[-1] + 1
        # each page's marked content maps into the tree, each page its own key
        parents = [int(page_.StructParents) for page_ in pdf.pages]
        assert len(set(parents)) == len(pdf.pages) and set(parents) <= set(keys)
        for page_ in pdf.pages:
            mapped = nums[keys.index(int(page_.StructParents)) * 2 + 1]
            assert all(element.Pg.objgen == page_.objgen for element in mapped)


def test_qpdf_finds_nothing_wrong(library):
    for path in pdfs(library):
        result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert result.returncode == 0 and "WARNING" not in result.stdout + result.stderr, \
            (path.name, result.stdout[-500:], result.stderr[-500:])
