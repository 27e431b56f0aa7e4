"""Branding comes from one brand folder: a second brand changes the output, no template edits."""

from __future__ import annotations

import re

from conftest import pdf_text, run
from pypdf import PdfReader

SECOND_BRAND = """\
name:
  en: Kai Ming Community Pharmacy
  zh-HK: 啟明社區藥房
address:
  en: 3 Lantern Street, Sai Ying Pun
  zh-HK: 西營盤燈籠街3號
phone: +852 2999 0000
website: kaiming.example.hk
logo: mark.svg
colours: {primary: "#7a1f5c", accent: "#2d6be3", tint: "#f6eef3"}
"""
LOGO = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" width="10" height="10">
<rect width="10" height="10" fill="#7a1f5c"/></svg>"""


def make_brand(path, text=SECOND_BRAND):
    path.mkdir()
    (path / "brand.yaml").write_text(text)
    (path / "mark.svg").write_text(LOGO)
    return path


def test_a_second_brand_changes_the_leaflet_without_template_edits(project, tmp_path):
    brand = make_brand(tmp_path / "kaiming")
    out = tmp_path / "out"
    result = run("build", "baclofen", "--brand", str(brand), "--out", str(out), root=project)
    assert result.exit_code == 0, result.output
    en = pdf_text(out / "baclofen.en.pdf")
    zh = re.sub(r"\s", "", pdf_text(out / "baclofen.zh-HK.pdf"))
    assert "Kai Ming Community Pharmacy" in en and "+852 2999 0000" in en
    assert "Pine Harbour" not in en
    assert "啟明社區藥房" in zh and "松港" not in zh
    assert PdfReader(out / "baclofen.en.pdf").metadata.author == "Kai Ming Community Pharmacy"
    html = run("html", "baclofen", "--brand", str(brand), root=project).stdout
    assert "--primary: #7a1f5c" in html and "mark.svg" in html
    default = run("html", "baclofen", root=project).stdout  # the same templates, as shipped
    assert "--primary: #0b6e69" in default and "Pine Harbour Family Clinic" in default


def test_brand_errors_name_file_line_and_field(project, tmp_path):
    brand = make_brand(tmp_path / "bad", SECOND_BRAND.replace('primary: "#7a1f5c"',
                                                              'primary: "purple"')
                       .replace("logo: mark.svg", "logo: nowhere.svg"))
    result = run("html", "baclofen", "--brand", str(brand), root=project)
    assert result.exit_code == 1
    assert result.stderr == f"error: {brand}/brand.yaml:10: colours.primary: must be a colour " \
        "written like #0b6e69, not 'purple'\n"


def test_a_brand_key_in_any_spelling_of_the_language_is_used(project, tmp_path):
    brand = make_brand(tmp_path / "spelt", SECOND_BRAND.replace("  zh-HK: 啟明社區藥房",
                                                                "  zh_Hant_HK: 啟明社區藥房")
                       .replace("  zh-HK: 西營盤燈籠街3號", "  zh-Hant-HK: 西營盤燈籠街3號"))
    result = run("build", "baclofen", "--lang", "zh-HK", "--brand", str(brand), "--out",
                 str(tmp_path / "out"), root=project)
    assert result.exit_code == 0, result.output
    zh = re.sub(r"\s", "", pdf_text(tmp_path / "out/baclofen.zh-HK.pdf"))
    assert "啟明社區藥房" in zh and "西營盤燈籠街3號" in zh
    assert "KaiMingCommunityPharmacy" not in zh


def test_a_language_given_twice_in_a_brand_text_is_an_error(project, tmp_path):
    brand = make_brand(tmp_path / "twice", SECOND_BRAND.replace(
        "  zh-HK: 啟明社區藥房", "  zh-HK: 啟明社區藥房\n  zh_Hant_HK: 啟明藥房"))
    result = run("html", "baclofen", "--brand", str(brand), root=project)
    assert result.exit_code == 1
    assert result.stderr == f"error: {brand}/brand.yaml:4: name.zh_Hant_HK: zh_Hant_HK is the " \
        "same language as zh-HK: give each language once\n"


def test_an_empty_brand_field_is_an_error_with_its_line(project, tmp_path):
    brand = make_brand(tmp_path / "empty", SECOND_BRAND.replace("phone: +852 2999 0000",
                                                                'phone: " "'))
    result = run("html", "baclofen", "--brand", str(brand), root=project)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {brand}/brand.yaml:7: phone: String should have "
                                    "at least 1 character")
