"""Typography a reader depends on, measured on WeasyPrint's laid-out pages."""

from __future__ import annotations

import pytest
from conftest import REPO
from weasyprint import HTML

from medleaf.content.languages import Language
from medleaf.content.project import Project
from medleaf.render.renderer import Renderer
from medleaf.render.request import RenderRequest


def text_boxes(box, in_margin=False):
    from weasyprint.formatting_structure import boxes

    in_margin = in_margin or isinstance(box, boxes.MarginBox)
    if isinstance(box, boxes.TextBox):
        yield box, in_margin
    for child in getattr(box, "children", []):
        yield from text_boxes(child, in_margin)


@pytest.fixture(scope="module")
def session():
    return Renderer(Project.at(REPO))


def laid_out_text(session, request: RenderRequest) -> list:
    """(text box, in a page margin) for every text box of the request's laid-out pages."""
    renderer = session.typesetter
    document = HTML(string=session.html(request), base_url=str(REPO / "templates") + "/",
                    url_fetcher=renderer.fetcher).render(
        stylesheets=[renderer.base_css, renderer.paper_css[request.paper]],
        font_config=renderer.font_config)
    return [(box, margin) for page in document.pages
            for box, margin in text_boxes(page._page_box)]


@pytest.mark.parametrize("lang", ["en", "zh-HK"])
@pytest.mark.parametrize("paper", ["A4", "A5", "Letter"])
def test_body_text_is_at_least_10pt_and_chinese_is_not_justified(session, lang, paper):
    body = laid_out_text(session, RenderRequest("baclofen", Language.parse(lang), paper))
    body_sizes = [box.style["font_size"] for box, margin in body if not margin]
    assert body_sizes and min(body_sizes) >= 10 * 4 / 3 - 0.01  # 10pt in CSS px
    if lang == "zh-HK":
        assert all(box.style["text_align_all"] != "justify" for box, _ in body)


def lines_of(document) -> list[str]:
    """The text of each laid-out line, in order."""
    from weasyprint.formatting_structure import boxes

    found = []

    def walk(box):
        if isinstance(box, boxes.LineBox):
            found.append("".join(b.text for b, _ in text_boxes(box)))
            return
        for child in getattr(box, "children", []):
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    return found


QUANTITY = r"\d+(?:\.\d+)?\s?(?:mg|ml|micrograms|毫克|毫升)"


@pytest.mark.parametrize("text", [
    "Take " + "10 mg, then 2.5 ml or 250 micrograms, " * 40 + "and stop.",
    "每次" + "10毫克，然後2.5毫升，" * 60 + "停止。",
])
def test_a_number_and_its_unit_are_never_split_across_lines(session, text):
    """Laid out in columns of several widths, so that lines end everywhere near a
    quantity: each quantity stays whole on one line."""
    import re

    from medleaf.content.markup import render_block

    renderer = session.typesetter
    wanted = len(re.findall(QUANTITY, text))
    for width in range(29, 43, 2):
        html = (f'<html lang="zh-Hant-HK"><body style="width: {width}mm; font-family: '
                f'\'Noto Sans CJK HK\'">{render_block(text)}</body></html>')
        document = HTML(string=html, base_url=str(REPO / "templates") + "/").render(
            stylesheets=[renderer.base_css], font_config=renderer.font_config)
        lines = lines_of(document)
        assert len(lines) > 20
        assert sum(len(re.findall(QUANTITY, line)) for line in lines) == wanted, width


@pytest.mark.parametrize("paper, size", [("letter", "612 x 792 pts (letter)"),
                                         ("A5", "419.528 x 595.276 pts")])
def test_a_leaflet_prints_on_the_paper_asked_for(tmp_path, paper, size):
    import subprocess

    from conftest import pdf_text, run

    result = run("build", "baclofen", "--lang", "zh-HK", "--paper", paper, "--out",
                 str(tmp_path), root=REPO)
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "baclofen.zh-HK.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert f"Page size:       {size}" in info
    assert "巴氯芬" in pdf_text(pdf)


@pytest.mark.parametrize("lang", ["en", "zh-HK"])
@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_large_print_body_text_is_16pt_and_headings_larger(session, lang, paper):
    html = session.html(RenderRequest("baclofen", Language.parse(lang), paper,
                                      large_print=True))
    body = laid_out_text(session, RenderRequest("baclofen", Language.parse(lang), paper,
                                                large_print=True))
    pt = 4 / 3  # CSS px per pt
    sizes = [box.style["font_size"] / pt for box, margin in body if not margin]
    assert sizes and min(sizes) >= 16 - 0.01
    headings = {box.style["font_size"] / pt for box, margin in body if not margin
                and box.element_tag in ("h1", "h2", "h3")}
    assert headings and min(headings) > 16
    margins = [box.style["font_size"] / pt for box, margin in body if margin]
    assert margins and min(margins) >= 11 - 0.01  # running header, page numbers
    normal = session.html(RenderRequest("baclofen", Language.parse(lang), paper))
    assert "large-print" in html and "large-print" not in normal


def test_a_large_print_leaflet_measures_16pt_in_the_pdf(tmp_path):
    """Measured in the PDF itself: every word on the page's body (outside the header and
    footer margins) is set at 16pt or more; the normal leaflet beside it at 10pt."""
    import re
    import subprocess

    from conftest import run

    result = run("build", "baclofen", "--large-print", "--out", str(tmp_path), root=REPO)
    assert result.exit_code == 0, result.output
    assert run("build", "baclofen", "--out", str(tmp_path), root=REPO).exit_code == 0

    def body_sizes(pdf):  # Noto Sans CJK's line box is 1.448 em: a word's height / 1.448
        words = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                               text=True, check=True).stdout
        top, bottom = 24 / 25.4 * 72, 842 - 18 / 25.4 * 72  # A4's margins, in pt
        return [(float(y1) - float(y0)) / 1.448 for y0, y1 in
                re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', words)
                if float(y0) > top and float(y1) < bottom]

    for lang in ("en", "zh-HK"):
        large = body_sizes(tmp_path / f"baclofen.{lang}.large.pdf")
        normal = body_sizes(tmp_path / f"baclofen.{lang}.pdf")
        assert len(large) > 200 and min(large) >= 15.95, lang
        assert min(normal) < 11, lang  # the same measure sees the normal leaflet's 10pt
