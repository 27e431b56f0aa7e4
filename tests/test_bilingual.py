"""--lang en+zh-HK: one leaflet in both languages, section by section, each block marked with
its language; side by side on A4, one after the other on A5."""

from __future__ import annotations

import re
import subprocess

import pytest
from conftest import REPO, page_count, pdf_text, run

PAGES = {"A4": (842, 24, 18), "A5": (595, 20, 15)}  # height (pt), top and bottom margin (mm)


def region(pdf, x: float, width: float, paper: str = "A4") -> str:
    """The text of a vertical strip of every page, between the running header and footer."""
    height, top, bottom = PAGES[paper]
    y, body = top / 25.4 * 72, height - (top + bottom) / 25.4 * 72
    text = ""
    for page in range(1, page_count(pdf) + 1):
        text += subprocess.run(["pdftotext", "-nodiag", "-f", str(page), "-l", str(page),
                                "-x", str(x),
                                "-y", f"{y:.0f}", "-W", str(width), "-H", f"{body:.0f}",
                                str(pdf), "-"],
                               capture_output=True, text=True, check=True).stdout
    # -nodiag: not the rotated draft mark; pdftotext drops a hyphen that ends a line
    return re.sub(r"[\s-]+", "", text)


@pytest.fixture(scope="module")
def leaflets(tmp_path_factory):
    out = tmp_path_factory.mktemp("bilingual")
    for args in (["--lang", "en+zh-HK"], ["--lang", "en"], ["--lang", "zh-HK"],
                 ["--lang", "en+zh-HK", "--paper", "A5", "--out", str(out / "a5")]):
        result = run("build", "baclofen", *args, *([] if "--out" in args else
                                                   ["--out", str(out)]), root=REPO)
        assert result.exit_code == 0, result.output
    return out


def test_side_by_side_on_a4_each_column_is_its_language_s_whole_leaflet(leaflets):
    both = leaflets / "baclofen.en+zh-HK.pdf"
    assert region(both, 0, 298) == region(leaflets / "baclofen.en.pdf", 0, 595)
    assert region(both, 298, 297) == region(leaflets / "baclofen.zh-HK.pdf", 0, 595)


def test_one_after_the_other_on_a5_section_by_section(leaflets):
    text = region(leaflets / "a5/baclofen.en+zh-HK.pdf", 0, 420, "A5")
    order = ["Names", "藥物名稱", "WhatisBaclofen?", "甚麼是巴氯芬？", "Dosage", "劑量",
             "Pharmacisttips", "藥劑師小貼士"]
    positions = [text.find(heading) for heading in order]
    assert -1 not in positions and positions == sorted(positions), positions


def test_each_block_is_marked_with_its_language(tmp_path):
    result = run("html", "baclofen", "--lang", "en+zh-HK", root=REPO)
    assert result.exit_code == 0
    blocks = re.findall(r'<(?:section|footer) class="[\w-]+"[^>]*>', result.stdout)
    english = [b for b in blocks if 'lang="en" dir="ltr"' in b]
    chinese = [b for b in blocks if 'lang="zh-Hant-HK"' in b]
    assert len(english) == len(chinese) == len(blocks) / 2 >= 12
    assert len(set(re.findall(r'\bid="([\w-]+)"', result.stdout))) == \
        len(re.findall(r'\bid="([\w-]+)"', result.stdout))  # ids stay unique


@pytest.mark.parametrize("tag", ["en+en", "en+zh-HK+ur", "en+xx"])
def test_a_bilingual_tag_that_is_not_two_languages_is_refused(tag, tmp_path):
    result = run("build", "baclofen", "--lang", tag, "--out", str(tmp_path), root=REPO)
    assert result.exit_code == 2 and result.stderr.startswith("error: ")
    assert not list(tmp_path.iterdir())


def test_a_project_template_that_cannot_be_paired_is_a_message(own_templates, tmp_path):
    template = own_templates / "templates/leaflet.html"
    text = template.read_text()
    body = text[text.index("<body"):text.index(">", text.index("<body")) + 1]
    template.write_text(text.replace(body, "<body>"))
    result = run("build", "baclofen", "--lang", "en+zh-HK", "--out", str(tmp_path / "o"),
                 root=own_templates)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "a bilingual leaflet needs the template's <body class=\"...\">" in result.stderr
    plain = text.replace("<section", "<div").replace("</section>", "</div>")
    template.write_text(plain)  # no sections to pair: each language whole, nothing dropped
    result = run("build", "baclofen", "--lang", "en+zh-HK", "--out", str(tmp_path / "p"),
                 root=own_templates)
    assert result.exit_code == 0, result.output
    text = re.sub(r"\s+", "", pdf_text(tmp_path / "p/baclofen.en+zh-HK.pdf"))
    for words in ("Pharmacisttips", "藥劑師小貼士", "Frequentlyaskedquestions", "常見問題"):
        assert words in text, words
