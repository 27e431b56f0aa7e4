"""`medleaf site`: the HTML twin. Every shipped leaflet has its page and PDF at the address
scheme's paths, with the PDF's own words, review state and draft mark; the index finds a
medicine as you type in a real Chromium; axe-core finds nothing serious on phone and desktop;
every block is in its language; a rebuild writes only what changed; bad input is a message.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest
from browser import chromium, serious_violations
from conftest import REPO, pdf_text, run
from test_bad_input import MEDLEAF, YAML, _without_root_override

from medleaf.content.addresses import page_address, page_path, pdf_path
from medleaf.content.languages import Language, available_languages
from medleaf.content.project import Project

EN, ZH = Language.parse("en"), Language.parse("zh-HK")
PHONE, DESKTOP = {"width": 360, "height": 740}, {"width": 1280, "height": 900}


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """`medleaf site` of the shipped project, once for the whole run."""
    out = tmp_path_factory.mktemp("site") / "site"
    shared = os.environ["XDG_CACHE_HOME"]  # its own render cache: builds of REPO after it
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("site-cache"))  # render anew
    try:
        result = run("site", "--out", str(out), root=REPO)
    finally:
        os.environ["XDG_CACHE_HOME"] = shared
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture
def two_leaflets(project) -> Path:
    """The project copy with baclofen and metformin only."""
    for path in (project / "leaflets").glob("*.yaml"):
        if path.stem not in ("baclofen", "metformin"):
            path.unlink()
    return project


def shipped() -> list[tuple[str, Language]]:
    project = Project.at(REPO)
    return [(name, language) for name in project.leaflet_names()
            for language in available_languages(project.locales_dir)]


class _Blocks(HTMLParser):
    """The text of each paragraph, list item and definition in a section of a page."""

    BLOCKS = ("p", "li", "dd", "dt")

    def __init__(self, section: str):
        super().__init__()
        self.section, self.inside, self.depth = section, False, 0
        self.texts: list[str] = []
        self.open: list[list[str]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "section":
            self.depth += 1
            if dict(attrs).get("id") == self.section:
                self.inside, self.depth = True, 1
        if self.inside and tag in self.BLOCKS:
            self.open.append([])

    def handle_endtag(self, tag):
        if self.inside and tag in self.BLOCKS and self.open:
            text = "".join(self.open.pop())
            if self.open:
                self.open[-1].append(text)
            self.texts.append(text)
        if tag == "section":
            self.depth -= 1
            if self.inside and self.depth == 0:
                self.inside = False

    def handle_data(self, data):
        if self.inside and self.open:
            self.open[-1].append(data)


def blocks(html: str, section: str) -> list[str]:
    parser = _Blocks(section)
    parser.feed(html)
    return [t for t in parser.texts if t.strip()]


def squeezed(text: str) -> str:
    """Text without its spaces and line breaks (where pdftotext breaks lines is layout)."""
    return re.sub(r"\s+", "", text)


def test_every_shipped_leaflet_has_its_page_and_pdf_at_the_address_scheme(site):
    for name, language in shipped():
        page, pdf = site / page_path(name, language), site / pdf_path(name, language)
        html = page.read_text(encoding="utf-8")
        assert f'<html lang="{language.html_lang}"' in html
        assert pdf.read_bytes().startswith(b"%PDF-")
        assert f'href="{name}.pdf"' in html  # the link to its PDF, beside it
        assert page_address("https://leaflets.example.hk/", name, language) == \
            f"https://leaflets.example.hk/{page_path(name, language)}"
    index = (site / "index.html").read_text(encoding="utf-8")
    for name, language in shipped():
        assert f'href="{page_path(name, language)}"' in index
        assert f'href="{pdf_path(name, language)}"' in index
    for asset in ("assets/site.css", "assets/search.js", "assets/logo.svg"):
        assert (site / asset).is_file()
    everything = " ".join(p.read_text(encoding="utf-8") for p in site.rglob("*")
                          if p.suffix in (".html", ".css", ".js"))
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", everything)  # nothing from the net
    assert "url(" not in (site / "assets/site.css").read_text()
    for page in site.rglob("*.html"):  # a strict CSP holds: no inline script or style
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\ssrc=)|<style|\sstyle=|\son[a-z]+=", html), page


@pytest.mark.parametrize("name,language", [("baclofen", EN), ("baclofen", ZH),
                                           ("salbutamol-inhaler", ZH)])
def test_a_page_has_the_words_of_its_pdf(site, name, language):
    html = (site / page_path(name, language)).read_text(encoding="utf-8")
    printed = squeezed(pdf_text(site / pdf_path(name, language), raw=True))  # in order
    for section in ("dosage", "warnings", "side-effects", "tips"):
        texts = blocks(html, section)
        assert len(texts) >= 3, section
        for text in texts:
            assert squeezed(text) in printed, (section, text)


def test_drafts_say_so_in_their_language_and_show_their_review_state(site):
    en = (site / page_path("baclofen", EN)).read_text(encoding="utf-8")
    zh = (site / page_path("baclofen", ZH)).read_text(encoding="utf-8")
    assert '<p class="draft-banner" role="note">DRAFT – not for patient use</p>' in en
    assert '<p class="draft-banner" role="note">草稿－不可供病人使用</p>' in zh
    assert "Content not yet reviewed" in en and "內容尚未經審閱 · 翻譯尚未經審閱" in zh
    assert "Last modified: " in en and "最後修訂日期：" in zh
    index = (site / "index.html").read_text(encoding="utf-8")
    assert index.count('class="draft"') == len(shipped())


def test_an_approved_leaflet_has_no_draft_mark(baclofen_only, tmp_path):
    for args in (["--by", "Chan Tai Man"], ["--lang", "zh-HK", "--by", "Lee Siu Ming"]):
        assert run("review", "approve", "baclofen", *args, root=baclofen_only).exit_code == 0
    out = tmp_path / "site"
    result = run("site", "--out", str(out), root=baclofen_only)
    assert result.exit_code == 0, result.output
    zh = (out / "zh-HK/baclofen.html").read_text(encoding="utf-8")
    assert "draft-banner" not in zh and "草稿" not in zh
    assert re.search(r"內容審閱日期：\d{4}年\d+月\d+日 · 翻譯審閱日期：\d{4}年", zh)
    assert "草稿" not in pdf_text(out / "zh-HK/baclofen.pdf", raw=True)
    assert 'class="draft"' not in (out / "index.html").read_text(encoding="utf-8")


CSP = "default-src 'self'; frame-ancestors 'none'"
HOST = "https://leaflets.test"
TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
         ".svg": "image/svg+xml", ".pdf": "application/pdf"}


def serve(page, folder: Path) -> list[str]:
    """Serve the folder to the page at HOST, as a static host would, under a strict
    Content-Security-Policy; returns the browser's errors (a refused inline script...)."""
    def handle(route):
        path = folder / urlparse(route.request.url).path.lstrip("/")
        if not path.is_file():
            route.fulfill(status=404, body="")
            return
        route.fulfill(status=200, body=path.read_bytes(), headers={
            "Content-Type": TYPES[path.suffix], "Content-Security-Policy": CSP})

    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.route(f"{HOST}/**", handle)
    return errors


def visible_leaflets(page) -> list[str]:
    return page.locator("#leaflets > li:visible h2").all_inner_texts()


def test_the_index_finds_a_medicine_as_you_type_and_lists_all_without_javascript(site):
    with chromium() as browser:
        page = browser.new_page(viewport=PHONE)
        errors = serve(page, site)
        page.goto(f"{HOST}/index.html")
        assert len(visible_leaflets(page)) == len(Project.at(REPO).leaflet_names())
        page.get_by_label("Find a medicine by its generic, brand or Chinese name").fill("巴氯")
        assert visible_leaflets(page) == ["Baclofen"]
        page.fill("#search", "Lioresal")
        assert visible_leaflets(page) == ["Baclofen"]
        page.fill("#search", "  METFORMIN ")
        assert visible_leaflets(page) == ["Metformin"]
        page.fill("#search", "「必理痛」")  # Panadol's Chinese name, typed with its brackets
        assert visible_leaflets(page) == ["Paracetamol"]
        assert not page.locator(".no-match").is_visible()
        page.fill("#search", "aspirin")
        assert visible_leaflets(page) == [] and page.locator(".no-match").is_visible()
        page.fill("#search", "")
        page.get_by_role("link", name="Baclofen").click()  # to its page, its switch, its PDF
        page.get_by_role("link", name="中文").click()
        assert page.url == f"{HOST}/zh-HK/baclofen.html" and page.title().startswith("巴氯芬")
        assert page.locator("a.pdf").evaluate("a => a.href") == f"{HOST}/zh-HK/baclofen.pdf"
        assert errors == []  # the CSP refused nothing, and nothing failed to load
        plain = browser.new_context(java_script_enabled=False).new_page()
        plain.goto((site / "index.html").as_uri())
        assert not plain.locator("#search").is_visible()  # no box that cannot work
        assert len(visible_leaflets(plain)) == len(Project.at(REPO).leaflet_names())


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_axe_finds_nothing_serious_and_a_phone_needs_no_sideways_scrolling(site, viewport):
    with chromium() as browser:
        page = browser.new_page(viewport=viewport)
        for path in ("index.html", page_path("baclofen", EN), page_path("baclofen", ZH),
                     page_path("paracetamol-oral-suspension", ZH)):
            page.goto((site / path).as_uri())
            assert serious_violations(page) == [], path
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= viewport["width"], path
            size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
            assert size >= 16, path


# Every text node that is all Latin letters (a name, a word) and not inside an element whose
# language is English: on a Chinese page, each is a block in another language left unmarked.
UNMARKED = """() => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, text = node.textContent.trim();
    if (!/^[A-Za-z][A-Za-z .,'’()-]+$/.test(text) || !/[A-Za-z]{3}/.test(text)) continue;
    const lang = node.parentElement.closest("[lang]").getAttribute("lang");
    if (lang !== "en") found.push(text);
  }
  return found;
}"""


def language_faults(page) -> list[str]:
    faults = [f"unmarked English: {t}" for t in page.evaluate(UNMARKED)]
    for link in page.locator('nav.languages a, ol.leaflets .versions a[href$=".html"]').all():
        if not link.get_attribute("lang") or not link.get_attribute("hreflang"):
            faults.append(f"a language link without lang or hreflang: {link.inner_text()}")
    return faults


def test_every_block_is_in_its_language_and_planted_faults_are_found(site, tmp_path):
    with chromium() as browser:
        page = browser.new_page()
        for name, language in shipped():
            page.goto((site / page_path(name, language)).as_uri())
            assert page.evaluate("document.documentElement.lang") == language.html_lang
            assert language_faults(page) == [], (name, language)
            switch = page.locator("nav.languages a")
            assert [switch.nth(i).get_attribute("hreflang") for i in range(switch.count())] \
                == ["en", "zh-Hant-HK"]
        page.goto((site / "index.html").as_uri())
        assert language_faults(page) == []
        assert page.locator('ol.leaflets [lang="zh-Hant-HK"]', has_text="巴氯芬").count() == 1
        # planted faults: an English name left unmarked, a logo without alt, a link's lang
        copy = tmp_path / "site"
        shutil.copytree(site, copy)
        zh = copy / page_path("baclofen", ZH)
        html = zh.read_text(encoding="utf-8")
        planted = html.replace('<span class="english" lang="en" dir="ltr">', "<span>") \
            .replace(' alt=""', "", 1).replace(' lang="en" hreflang="en"', "", 1)
        assert planted.count("<img") == 1 and planted != html
        zh.write_text(planted, encoding="utf-8")
        page.goto(zh.as_uri())
        faults = language_faults(page)
        assert "unmarked English: Baclofen" in faults
        assert "a language link without lang or hreflang: English" in faults
        assert any(v.startswith("image-alt") for v in serious_violations(page))


def _files(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file()}


def test_a_rebuild_writes_only_what_changed_and_removes_what_is_gone(two_leaflets, tmp_path):
    project, out = two_leaflets, tmp_path / "site"
    assert run("site", "--out", str(out), root=project).exit_code == 0
    before = _files(out)
    assert sorted(k for k in before if k.endswith((".html", ".pdf"))) == [
        "en/baclofen.html", "en/baclofen.pdf", "en/metformin.html", "en/metformin.pdf",
        "index.html", "zh-HK/baclofen.html", "zh-HK/baclofen.pdf", "zh-HK/metformin.html",
        "zh-HK/metformin.pdf"]

    again = run("site", "--out", str(out), root=project)
    assert again.exit_code == 0
    assert "0 written," in again.stdout and _files(out) == before  # not a byte touched

    po = project / "locales/zh_Hant_HK/LC_MESSAGES/metformin.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace("msgstr \"一種口服藥物，用於降低", "msgstr \"一種口服藥物，可降低",
                               1), encoding="utf-8")
    assert po.read_text(encoding="utf-8") != text
    changed = run("site", "--out", str(out), root=project)
    assert changed.exit_code == 0, changed.output
    after = _files(out)
    assert sorted(k for k in after if after[k] != before.get(k)) == [
        "manifest.json", "zh-HK/metformin.html", "zh-HK/metformin.pdf"]
    assert "一種口服藥物，可降低" in (out / "zh-HK/metformin.html").read_text(encoding="utf-8")

    (project / "leaflets/metformin.yaml").unlink()
    removed = run("site", "--out", str(out), root=project)
    assert removed.exit_code == 0, removed.output
    assert sorted(k for k in _files(out) if k.endswith((".html", ".pdf"))) == [
        "en/baclofen.html", "en/baclofen.pdf", "index.html", "zh-HK/baclofen.html",
        "zh-HK/baclofen.pdf"]
    assert "removed " in removed.stdout
    assert "Metformin" not in (out / "index.html").read_text(encoding="utf-8")
    manifest = json.loads((out / "manifest.json").read_text())
    assert not [key for key in manifest["outputs"] if "metformin" in key]

    del manifest["outputs"]["en/baclofen.html"]["generic"]  # an older or hand-edited manifest
    (out / "manifest.json").write_text(json.dumps(manifest))
    mended = run("site", "--out", str(out), root=project)
    assert mended.exit_code == 0, mended.output
    assert f"wrote {out / 'en/baclofen.html'}" in mended.stdout
    assert ">Baclofen</a></h2>" in (out / "index.html").read_text(encoding="utf-8")


def test_a_refused_catalog_is_refused_for_the_site_with_the_same_message(baclofen_only,
                                                                         tmp_path):
    project = baclofen_only
    out = tmp_path / "site"
    assert run("site", "--out", str(out), root=project).exit_code == 0
    path = project / YAML
    path.write_text(path.read_text().replace("Adults usually start", "Adults often start"))
    built = run("build", "--out", str(tmp_path / "out"), root=project)
    published = run("site", "--out", str(out), root=project)
    assert built.exit_code == published.exit_code == 1
    refusal = [line for line in built.stderr.splitlines() if line.startswith("error:")]
    assert refusal and all(line in published.stderr for line in refusal)
    assert "failed: baclofen (zh-HK):" in published.stderr
    # the Chinese page, now out of date, is gone with its PDF; the English one is rewritten
    assert not (out / "zh-HK").exists()
    assert "Adults often start" in (out / "en/baclofen.html").read_text(encoding="utf-8")
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "zh-HK/baclofen.html" not in index and "en/baclofen.html" in index


def test_release_refuses_drafts_as_build_does(baclofen_only, tmp_path):
    built = run("build", "--release", "--lang", "en", "--out", str(tmp_path / "o"),
                root=baclofen_only)
    published = run("site", "--release", "--lang", "en", "--out", str(tmp_path / "s"),
                    root=baclofen_only)
    assert built.exit_code == published.exit_code == 1
    refusal = [line for line in built.stderr.splitlines() if line.startswith("error:")]
    assert refusal and all(line in published.stderr for line in refusal)
    assert not (tmp_path / "s/en/baclofen.html").exists()


def test_output_inside_the_sources_or_a_bilingual_language_is_refused(baclofen_only):
    result = run("site", "--out", str(baclofen_only / "leaflets/site"), root=baclofen_only)
    assert result.exit_code == 2
    assert "refused to write into" in result.stderr and "leaflets/" in result.stderr
    assert not (baclofen_only / "leaflets/site").exists()
    result = run("site", "--lang", "en+zh-HK", root=baclofen_only)
    assert result.exit_code == 2 and "a site page is in one language" in result.stderr


def test_a_site_folder_medleaf_did_not_write_is_left_alone(baclofen_only, tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("<h1>Our clinic</h1>")
    result = run("site", "--lang", "en", "--out", str(out), root=baclofen_only)
    assert result.exit_code == 1
    assert f"{out / 'index.html'} exists and was not written by medleaf site" in result.stderr
    assert (out / "index.html").read_text() == "<h1>Our clinic</h1>"


def test_a_read_only_site_folder_is_one_message(baclofen_only, tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    out.chmod(0o555)
    try:
        done = _without_root_override(
            [*MEDLEAF, "--root", str(baclofen_only), "site", "--out", str(out)],
            capture_output=True, text=True, timeout=120)
    finally:
        out.chmod(0o755)
    assert done.returncode == 1, done.stderr
    assert done.stderr.strip() == f"error: cannot write into {out}: Permission denied"
    assert list(out.iterdir()) == []

