"""The pharmacist's counter page, end to end: a real `medleaf serve` (on 127.0.0.1, an
ephemeral port, a copy of the project) driven in Debian's Chromium, headless, under the
server's own Content-Security-Policy. What is checked is what the pharmacist sees: the
results, the words of the page, the PDF's text (pdftotext), the errors beside their fields,
and axe-core's verdict. A screenshot of each interface language is kept in test-artifacts/
(ignored by git)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from browser import chromium, serious_violations
from conftest import REPO, UI_PO, page_count
from playwright.sync_api import expect
from serve_support import server

from medleaf.checks.translation import catalog_problems, names_usage
from medleaf.content.languages import Language
from medleaf.content.project import Project
from medleaf.i18n.glossary import glossary
from medleaf.i18n.interface import SHIPPED
from medleaf.serve.page import catalog_path, page_strings

ARTIFACTS = REPO / "test-artifacts"
ZH = Language.parse("zh-HK")
TOKEN = "counter-page-token-0123456789"
WAIT = 90_000  # ms: a first render of a leaflet on a busy machine
PDF_RESPONSE = "**/api/leaflets/*.pdf*"


def copy_project(root: Path) -> Path:
    """The shipped project, as conftest's `project` fixture copies it (for a module)."""
    for folder in ("leaflets", "locales", "templates", "packs"):
        shutil.copytree(REPO / folder, root / folder, ignore=shutil.ignore_patterns("*.mo"))
    shutil.copy(SHIPPED / "zh_Hant_HK/LC_MESSAGES/ui.po", root / UI_PO)
    return root


@pytest.fixture(scope="module")
def counter(tmp_path_factory):
    """The server's base URL."""
    root = copy_project(tmp_path_factory.mktemp("project"))
    with server(root.parent / "serve.log", root, ["--workers", "2"]) as (url, _):
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as running:
        yield running


def watch(tab) -> list[str]:
    """What goes wrong in a tab as it runs: script errors and anything the server's
    Content-Security-Policy refused (an inline script, handler or style)."""
    problems = []
    tab.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    tab.on("console", lambda message: problems.append(message.text) if
           message.type == "error" and "Content Security Policy" in message.text else None)
    return problems


@pytest.fixture
def page(browser):
    """A fresh browser tab; at the end, nothing the page did broke the CSP and no script
    failed."""
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    tab = context.new_page()
    problems = watch(tab)
    try:
        yield tab
        assert problems == []
    finally:
        context.close()


def open_page(page, url: str, lang: str = "en"):
    page.goto(f"{url}/?lang={lang}")
    expect(page.locator("#results button").first).to_be_visible()  # the list has loaded


def choose(page, query: str):
    page.fill("#search", query)
    page.locator("#results button").first.click()


def pdf_text_of(data: bytes, tmp_path: Path, name: str) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    assert data.startswith(b"%PDF"), data[:200]
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_search_finds_a_medicine_by_chinese_name_and_by_brand_as_you_type(page, counter):
    open_page(page, counter)
    page.fill("#search", "巴氯")
    results = page.locator("#results")
    expect(results).to_contain_text("Baclofen")
    expect(page.locator("#results li")).to_have_count(1)
    expect(page.locator("#results-status")).to_have_text("1 medicine found.")
    page.fill("#search", "lioresal")
    expect(page.locator("#results li")).to_have_count(1)
    expect(results).to_contain_text("Baclofen")
    expect(results).to_contain_text("巴氯芬")
    expect(results).to_contain_text("Draft: not yet reviewed")  # the shipped leaflets are
    page.fill("#search", "zzzz")
    expect(page.locator("#results li")).to_have_count(0)
    expect(page.locator("#results-status")).to_have_text("No medicine found.")


def test_in_chinese_the_page_and_the_leaflet_pdf_are_chinese(page, counter, tmp_path):
    open_page(page, counter)
    page.get_by_role("link", name="繁體中文").click()
    expect(page.locator("h1")).to_have_text("打印病人藥物單張")
    assert page.locator("html").get_attribute("lang") == "zh-Hant-HK"
    expect(page.locator("#results button").first).to_be_visible()
    choose(page, "巴氯")
    expect(page.locator("#chosen")).to_contain_text("巴氯芬")
    expect(page.locator("#lang")).to_have_value("zh-HK")  # the page's language by default
    page.select_option("#paper", "A5")
    link = page.locator("#open")
    with page.expect_popup() as popup:
        link.click()
    opened = popup.value.url
    assert "/api/leaflets/baclofen.pdf?" in opened and "lang=zh-HK" in opened and \
        "paper=A5" in opened
    response = page.request.get(opened, timeout=WAIT)
    assert response.ok, response.text()
    text = pdf_text_of(response.body(), tmp_path, "baclofen.zh-HK.pdf")
    assert "巴氯芬" in text and "Lioresal" in text
    assert "Patient information leaflet" not in text  # the Chinese leaflet, not the English


def open_personal(page, personal_only: bool = False):
    """Click the personal page's button: the request, the PDF bytes the page received (read
    on their way to it) and the tab the page opened."""
    got = []

    def passing(route):
        response = route.fetch(timeout=WAIT)
        got.append((route.request, response, response.body()))
        route.fulfill(response=response)

    page.route(PDF_RESPONSE, passing)
    button = page.locator("#personal-only" if personal_only else "#open-personal")
    try:
        with page.expect_popup(timeout=WAIT) as popup:
            button.click()
    finally:
        page.unroute(PDF_RESPONSE)
    (request, response, body), = got
    return request, response, body, popup.value


def test_a_personalised_leaflet_carries_a_supplementary_character_name(page, counter,
                                                                       tmp_path):
    open_page(page, counter)
    choose(page, "Lioresal")
    page.check("#personal")
    page.fill("#f-patient", "陳𠮷")
    page.fill("#f-dose", "1")
    page.fill("#f-times_a_day", "3")
    page.select_option("#f-food", "after")
    request, response, body, tab = open_personal(page)
    assert request.method == "POST" and response.status == 200
    assert response.headers["cache-control"] == "no-store"
    assert "陳" not in request.url and "%E9%99%B3" not in request.url  # only in the body
    assert tab.url.startswith(f"blob:{counter}/")  # the PDF the page opened, from memory
    text = pdf_text_of(body, tmp_path, "personal.pdf")
    assert "陳𠮷" in text
    assert "Baclofen" in text and "after food" in text
    expect(page.locator("#print-status")).to_have_text("The PDF is open in a new tab.")

    *_, body, _ = open_personal(page, personal_only=True)  # the personal page alone
    assert "陳𠮷" in pdf_text_of(body, tmp_path, "personal-only.pdf")
    assert page_count(tmp_path / "personal-only.pdf") == 1


def test_a_bad_field_is_shown_next_to_its_input_in_the_pages_language(page, counter):
    open_page(page, counter, "zh-HK")
    choose(page, "Lioresal")
    page.check("#personal")
    page.fill("#f-dose", "一粒")
    with page.expect_response(PDF_RESPONSE, timeout=WAIT) as answer:
        page.click("#open-personal")
    assert answer.value.status == 422
    dose, error = page.locator("#f-dose"), page.locator("#err-dose")
    expect(error).to_be_visible()
    expect(error).to_contain_text("份量")  # the server's message, in Chinese
    expect(dose).to_have_attribute("aria-invalid", "true")
    assert "err-dose" in dose.get_attribute("aria-describedby").split()
    expect(dose).to_be_focused()
    # beside its input: the same field, not a list at the top of the page
    assert error.evaluate("(e) => e.closest('.field') === document.getElementById('f-dose')"
                          ".closest('.field')")
    expect(page.locator("#print-status")).to_have_text("請更正下面標示的欄位。")
    assert serious_violations(page) == []
    page.fill("#f-dose", "1")  # corrected, the message goes
    with page.expect_response(PDF_RESPONSE, timeout=WAIT):
        page.click("#personal-only")
    expect(error).to_be_hidden()
    assert dose.get_attribute("aria-invalid") is None


def test_by_keyboard_alone_search_choose_and_open(page, counter):
    open_page(page, counter)
    page.keyboard.press("Tab")
    expect(page.locator(".skip")).to_be_focused()  # first: straight to the search
    page.keyboard.press("Enter")
    expect(page.locator("#search")).to_be_focused()
    page.keyboard.type("am")  # names starting so first, then those containing it
    results = page.locator("#results button")
    expect(results.nth(0)).to_contain_text("Amlodipine")
    expect(results.nth(1)).to_contain_text("Amoxicillin")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(results.nth(1)).to_be_focused()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    expect(page.locator("#search")).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("Lioresal")
    page.keyboard.press("ArrowDown")
    result = results.first
    expect(result).to_be_focused()
    assert result.evaluate("(e) => getComputedStyle(e).outlineStyle") != "none"  # visible
    page.keyboard.press("Enter")
    expect(page.locator("#chosen")).to_contain_text("Baclofen")
    order = []
    for _ in range(8):  # then the leaflet's choices, in reading order, to the button
        page.keyboard.press("Tab")
        order.append(page.evaluate("() => document.activeElement.id"))
        if order[-1] == "open":
            break
    assert order == ["lang", "paper", "large_print", "personal", "open"]
    with page.expect_popup() as popup:
        page.keyboard.press("Enter")
    assert "/api/leaflets/baclofen.pdf?lang=en" in popup.value.url


def test_the_watch_on_each_tab_sees_what_the_csp_refuses(browser, counter):
    """The planted fault for `page`'s check: an inline event handler, which the server's
    CSP refuses, is reported."""
    context = browser.new_context()
    try:
        tab = context.new_page()
        problems = watch(tab)
        open_page(tab, counter)
        tab.evaluate("() => document.body.insertAdjacentHTML('beforeend', "
                     "'<img alt=\"\" src=\"data:,\" onerror=\"document.title=1\">')")
        expect(tab.locator("img[onerror]")).to_have_count(1)
        tab.wait_for_timeout(300)
        assert any("inline event handler" in p for p in problems), problems
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["en", "zh-HK"])
def test_axe_core_finds_no_serious_violation(page, counter, lang):
    open_page(page, counter, lang)
    choose(page, "baclofen")
    page.check("#personal")  # every field of the directions on show
    assert serious_violations(page) == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"counter-page.{lang}.png", full_page=True)
    page.set_viewport_size({"width": 380, "height": 800})  # a phone: one column, no overflow
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 380
    assert serious_violations(page) == []


def test_with_a_token_the_page_asks_for_it_first(browser, tmp_path):
    with server(tmp_path / "serve.log", REPO, ["--workers", "1"],
                env={"MEDLEAF_TOKEN": TOKEN}) as (url, _):
        context = browser.new_context()
        try:
            page = context.new_page()
            page.goto(f"{url}/?lang=zh-HK")
            expect(page.get_by_label("存取密碼")).to_be_visible()
            assert page.locator("#search").count() == 0  # nothing else before the token
            assert serious_violations(page) == []
            page.fill("#token", "not-the-token-0123456789")
            page.click("button[type=submit]")
            expect(page.get_by_label("存取密碼")).to_be_visible()  # asked again
            page.fill("#token", TOKEN)
            page.click("button[type=submit]")
            expect(page.locator("#search")).to_be_visible()
            expect(page.locator("#results button").first).to_be_visible()  # the API answers
        finally:
            context.close()


def counter_catalog_problems(path: Path) -> list[tuple[str, str]]:
    """The message checks of every translated catalog (numbers, placeholders, Hong Kong
    vocabulary, prohibitions...) on a counter.po, against the page's strings."""
    project = Project.at(REPO)
    return [(p.check, p.field) for p in catalog_problems(
        project, page_strings(), path, ZH, names_usage(glossary(project, ZH)))]


def test_every_word_of_the_page_is_translated_and_passes_the_message_checks(tmp_path):
    assert len(page_strings()) > 100
    assert counter_catalog_problems(catalog_path(ZH)) == []
    planted = tmp_path / "counter.po"  # the faults the test must see
    planted.write_text(catalog_path(ZH).read_text(encoding="utf-8")
                       .replace('msgstr "打印病人藥物單張"', 'msgstr "列印病人藥物單張"')
                       .replace('msgid "Paper size"', 'msgid "Paper"'), encoding="utf-8")
    assert sorted(counter_catalog_problems(planted)) == [
        ("out-of-date", '"Paper size"'), ("vocabulary", '"Print a patient leaflet"')]
