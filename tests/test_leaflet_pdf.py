"""What a patient holds: the words, fonts, footers and metadata of the built PDFs."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po
from conftest import REPO, page_count, pdf_fonts, pdf_text, run
from pypdf import PdfReader

from medleaf.i18n.interface import SHIPPED

EN_HEADINGS = [
    "Names", "Generic name", "Brand names", "What is Baclofen?", "How it works",
    "What it is used for", "How it is used: forms of the medicine", "Dosage", "Adults",
    "Children", "Older people", "Precautions for different ages, pregnancy and breastfeeding",
    "Pregnancy", "Breastfeeding", "Warnings", "Side effects", "Common side effects",
    "Serious side effects", "Pharmacist tips", "Availability in Hong Kong",
    "Frequently asked questions", "Disclaimer",
]
EN_FACTS = [
    "Adults usually start with 5 mg three times a day", "the maximum is 100 mg a day",
    "Lioresal", "Prescription-only medicine", "call 999",
    "Legal class in Hong Kong: Part 1 poison, Third Schedule (Pharmacy and Poisons Ordinance, "
    "Cap. 138)", "People with an active stomach ulcer",
    "thoughts of harming or killing themselves", "get medical help at once",
    "baclofen can raise blood sugar", "Keep it below 25°C",
    "Never take two doses at once", "Stopping at once can cause serious withdrawal",
    "Is baclofen addictive?", "within 10 to 20 hours", "Pine Harbour Family Clinic",
    "+852 2345 6789",
]
EN_TIPS = ["Starting baclofen", "Missed dose", "Do not stop suddenly", "Alcohol",
           "Driving and machines", "Storage", "Travelling", "Unused medicine", "Handling",
           "Take it regularly"]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def dense(text: str) -> str:
    """Chinese text without the line breaks and spaces that pdftotext puts between glyphs."""
    return re.sub(r"\s+", "", text)


def ui_translation(msgid: str) -> str:
    with open(SHIPPED / "zh_Hant_HK/LC_MESSAGES/ui.po", "rb") as fileobj:
        return read_po(fileobj).get(msgid).string


@pytest.fixture(scope="module")
def en(built):
    return built / "baclofen.en.pdf"


@pytest.fixture(scope="module")
def zh(built):
    return built / "baclofen.zh-HK.pdf"


def test_build_writes_both_languages(built):
    assert sorted(p.name for p in built.glob("*.pdf")) == ["baclofen.en.pdf", "baclofen.zh-HK.pdf"]


def test_english_pdf_has_every_section_and_the_key_facts(en):
    text = flat(pdf_text(en))
    for words in EN_HEADINGS + EN_FACTS + EN_TIPS:
        assert words in text, words
    assert text.count("?") >= 5  # every FAQ question


def test_the_source_pages_carbimazole_slip_is_not_repeated(en, zh):
    assert "carbimazole" not in pdf_text(en).lower()
    assert "卡比馬唑" not in dense(pdf_text(zh))


def test_chinese_pdf_has_every_section_in_chinese(zh):
    text = dense(pdf_text(zh))
    for heading in EN_HEADINGS:
        msgid = heading.replace("Baclofen", "%(generic)s")
        translated = ui_translation(msgid).replace("%(generic)s", "巴氯芬")
        assert dense(translated) in text, (heading, translated)
    for fact in ["巴氯芬", "Lioresal", "999", "處方藥物", "松港家庭醫務所",
                 "香港法律類別：《藥劑業及毒藥條例》（第138章）下的第1部毒藥（附表3）",
                 "患有活動性胃潰瘍", "自殺的念頭", "請立即求醫", "可令血糖上升", "攝氏25度以下"]:
        assert fact in text, fact
    assert re.search(r"5毫克", text) and re.search(r"100毫克", text)
    assert re.search(r"10至20小時|10到20小時|10-20小時|10–20小時", text)


def test_chinese_pdf_has_no_english_beyond_names(zh):
    allowed = {"Baclofen", "Lioresal", "GABA", "GABA-B", "pineharbour.example.hk",
               # the address of its page online (its QR code's), not English
               "https", "leaflets", "zh-HK", "baclofen.html"}
    words = set(re.findall(r"[A-Za-z][A-Za-z.\-]*[A-Za-z]", pdf_text(zh)))
    assert words <= allowed, words - allowed


def test_every_glyph_comes_from_the_hong_kong_cjk_font(en, zh):
    for pdf in (en, zh):
        fonts = pdf_fonts(pdf)
        assert fonts, pdf
        for font in fonts:
            assert re.fullmatch(r"[A-Z]{6}\+Noto-Sans-CJK-HK(-Bold)?", font), (pdf.name, font)


def test_english_footers_say_page_x_of_y_and_last_modified(en):
    pages = page_count(en)
    assert pages >= 2
    for page in range(1, pages + 1):
        text = flat(pdf_text(en, page))
        assert f"Page {page} of {pages}" in text
        assert "Last modified: 1 December 2026" in text
        assert "Pine Harbour Family Clinic" in text  # running header


def test_chinese_footers_are_localized(zh):
    pages = page_count(zh)
    for page in range(1, pages + 1):
        text = dense(pdf_text(zh, page))
        assert f"第{page}頁，共{pages}頁" in text
        assert "最後修訂日期：2026年12月1日" in text
        assert "松港家庭醫務所" in text


def test_pdf_metadata_is_localized(en, zh):
    meta = PdfReader(en).metadata
    assert meta.title == "Baclofen: patient information leaflet"
    assert meta.author == "Pine Harbour Family Clinic"
    assert meta.subject.startswith("A muscle relaxant")
    assert "Lioresal" in meta["/Keywords"]
    reader = PdfReader(zh)
    assert reader.trailer["/Root"]["/Lang"] == "zh-Hant-HK"
    assert PdfReader(en).trailer["/Root"]["/Lang"] == "en"
    assert reader.metadata.title.startswith("巴氯芬")
    assert "（Baclofen）" in reader.metadata.title
    assert reader.metadata.author == "松港家庭醫務所"


def test_same_inputs_give_a_byte_identical_pdf(built, tmp_path):
    result = run("build", "baclofen", "--out", str(tmp_path), root=REPO)
    assert result.exit_code == 0, result.output
    for name in ("baclofen.en.pdf", "baclofen.zh-HK.pdf"):
        assert (tmp_path / name).read_bytes() == (built / name).read_bytes(), name


@pytest.mark.parametrize("paper,size", [("A4", "595.276 x 841.890"), ("A5", "419.528 x 595.276")])
def test_paper_sizes(tmp_path, paper, size):
    result = run("build", "baclofen", "--paper", paper, "--out", str(tmp_path), root=REPO)
    assert result.exit_code == 0, result.output
    pdfs = sorted(tmp_path.glob("*.pdf"))
    assert [p.name for p in pdfs] == ["baclofen.en.pdf", "baclofen.zh-HK.pdf"]
    for pdf in pdfs:
        pages = PdfReader(pdf).pages
        assert len(pages) >= 2
        for page in pages:
            box = page.mediabox
            assert f"{float(box.width):.3f} x {float(box.height):.3f}" == size
        last = page_count(pdf)
        assert f"Page {last} of {last}" in pdf_text(pdf, last) or \
            f"第{last}頁，共{last}頁" in re.sub(r"\s", "", pdf_text(pdf, last))


LEGAL_CLASS_WORDS = {  # legal_class: (the supply status printed, the legal class printed)
    "part-1-poison-schedule-3": (
        "Prescription-only medicine",
        "Part 1 poison, Third Schedule (Pharmacy and Poisons Ordinance, Cap. 138)"),
    "part-1-poison-schedule-1": (
        "Pharmacy medicine: sold only by a pharmacist, who records the sale in the poisons book",
        "Part 1 poison, First Schedule (Pharmacy and Poisons Ordinance, Cap. 138)"),
    "part-1-poison": ("Pharmacy medicine: sold only under a pharmacist’s supervision",
                      "Part 1 poison (Pharmacy and Poisons Ordinance, Cap. 138)"),
    "part-2-poison": (
        "Over-the-counter medicine: sold at pharmacies and licensed medicine stores",
        "Part 2 poison (Pharmacy and Poisons Ordinance, Cap. 138)"),
    "non-poison": ("Over-the-counter medicine: on general sale",
                   "Not a poison under the Pharmacy and Poisons Ordinance (Cap. 138)"),
    "antibiotic": ("Prescription-only medicine", "Antibiotic (Antibiotics Ordinance, Cap. 137)"),
    "dangerous-drug": ("Prescription-only medicine",
                       "Dangerous drug (Dangerous Drugs Ordinance, Cap. 134)"),
}


@pytest.mark.parametrize("legal_class", sorted(LEGAL_CLASS_WORDS))
def test_every_legal_class_prints_in_english_and_chinese(project, legal_class):
    path = project / "leaflets" / "baclofen.yaml"
    path.write_text(path.read_text().replace("legal_class: part-1-poison-schedule-3",
                                             f"legal_class: {legal_class}"))
    supply, legal = LEGAL_CLASS_WORDS[legal_class]
    english = run("html", "baclofen", "--lang", "en", root=project)
    assert english.exit_code == 0, english.output
    assert supply in english.stdout and f"Legal class in Hong Kong: {legal}" in flat(english.stdout)
    chinese = run("html", "baclofen", "--lang", "zh-HK", root=project)
    assert chinese.exit_code == 0, chinese.output
    text = dense(chinese.stdout)
    assert dense(ui_translation(supply)) in text
    printed = ui_translation("Legal class in Hong Kong: %(legal_class)s")
    assert dense(printed % {"legal_class": ui_translation(legal)}) in text


def test_hydrocortisone_cream_is_a_part_1_poison_sold_by_a_pharmacist(project):
    result = run("html", "hydrocortisone-cream", "--lang", "zh-HK", root=project)
    assert result.exit_code == 0, result.output
    text = dense(result.stdout)
    assert "藥房藥物：須在藥劑師監督下出售的藥物" in text
    assert "香港法律類別：《藥劑業及毒藥條例》（第138章）下的第1部毒藥" in text
    assert "附表3" not in text
