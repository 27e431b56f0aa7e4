"""One warm Renderer, many threads at once (the counter's web server): every
leaflet comes out in the language it was asked for."""

from __future__ import annotations

import re
import sys
from concurrent.futures import ThreadPoolExecutor
from io import BytesIO

from conftest import REPO
from pypdf import PdfReader

from medleaf.content.languages import Language
from medleaf.content.project import Project
from medleaf.render.renderer import Renderer
from medleaf.render.request import RenderRequest

LEAFLETS = ("baclofen", "amoxicillin", "metformin")
TITLE = {"en": "patient information leaflet", "zh-HK": "病人藥物資料單張"}


def test_html_from_many_threads_is_each_in_its_own_language():
    session = Renderer(Project.at(REPO))
    requests = [(name, tag) for _ in range(25) for name in LEAFLETS for tag in TITLE]

    def render(request):
        name, tag = request
        return request, session.html(RenderRequest(name, Language.parse(tag)))

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads take turns often: any shared state shows
    try:
        with ThreadPoolExecutor(6) as pool:
            results = list(pool.map(render, requests))
    finally:
        sys.setswitchinterval(interval)
    assert len(results) == len(requests) == 150
    wrong = []
    for (name, tag), html in results:
        title = re.search(r"<title>(.*?)</title>", html, re.S)[1]
        lang = re.search(r'<html lang="([^"]+)"', html)[1]
        heading = re.search(r'<section class="names" id="names">\s*<h2>(.*?)</h2>', html)[1]
        if TITLE[tag] not in title or lang != Language.parse(tag).html_lang or \
                heading != ("Names" if tag == "en" else "藥物名稱"):
            wrong.append((name, tag, title, heading))
    assert wrong == []


def test_pdfs_from_several_threads_are_whole_and_right():
    session = Renderer(Project.at(REPO))
    requests = [("baclofen", "en"), ("baclofen", "zh-HK")] * 3

    def render(request):
        name, tag = request
        return tag, session.render(RenderRequest(name, Language.parse(tag)))

    with ThreadPoolExecutor(3) as pool:
        results = list(pool.map(render, requests))
    for tag, pdf in results:
        reader = PdfReader(BytesIO(pdf))
        assert reader.trailer["/Root"]["/Lang"] == Language.parse(tag).html_lang
        text = re.sub(r"\s", "", reader.pages[0].extract_text())
        assert ("Baclofen" in text) if tag == "en" else ("巴氯芬" in text)
    by_language = {}
    for tag, pdf in results:  # the same request gives the same bytes, whichever thread
        by_language.setdefault(tag, set()).add(pdf)
    assert all(len(pdfs) == 1 for pdfs in by_language.values())
