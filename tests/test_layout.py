"""Typography a reader depends on, measured on WeasyPrint's laid-out pages."""

from __future__ import annotations

import pytest
from conftest import REPO
from weasyprint import HTML

from medleaf.build import Leaflets
from medleaf.locales import Language
from medleaf.project import Project


def text_boxes(box, in_margin=False):
    from weasyprint.formatting_structure import boxes

    in_margin = in_margin or isinstance(box, boxes.MarginBox)
    if isinstance(box, boxes.TextBox):
        yield box, in_margin
    for child in getattr(box, "children", []):
        yield from text_boxes(child, in_margin)


@pytest.fixture(scope="module")
def session():
    return Leaflets(Project.at(REPO))


@pytest.mark.parametrize("lang", ["en", "zh-HK"])
@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_body_text_is_at_least_10pt_and_chinese_is_not_justified(session, lang, paper):
    renderer = session.renderer
    html = session.html("baclofen", Language.parse(lang), paper)
    document = HTML(string=html, base_url=str(REPO / "templates") + "/",
                    url_fetcher=renderer.fetcher).render(
        stylesheets=[renderer.base_css, renderer.paper_css[paper]],
        font_config=renderer.font_config)
    body = [(box, margin) for page in document.pages
            for box, margin in text_boxes(page._page_box)]
    body_sizes = [box.style["font_size"] for box, margin in body if not margin]
    assert body_sizes and min(body_sizes) >= 10 * 4 / 3 - 0.01  # 10pt in CSS px
    if lang == "zh-HK":
        assert all(box.style["text_align_all"] != "justify" for box, _ in body)
