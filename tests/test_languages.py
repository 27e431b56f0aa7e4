"""A language is data: Urdu prints right to left in Nastaliq, Nepali in Devanagari, each with
the fonts, direction and number reading of its profile; a project can change a profile."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pikepdf
import pytest
from conftest import REPO, pdf_fonts, run
from fontTools.ttLib import TTFont

LANGUAGES = REPO / "tests/fixtures/languages"


@pytest.fixture(scope="module")
def languages_project(tmp_path_factory):
    """baclofen with partial Urdu and Nepali catalogs (and the whole interface)."""
    root = tmp_path_factory.mktemp("languages") / "project"
    (root / "leaflets").mkdir(parents=True)
    shutil.copy(REPO / "leaflets/baclofen.yaml", root / "leaflets")
    shutil.copytree(REPO / "templates", root / "templates")
    shutil.copytree(LANGUAGES / "locales", root / "locales")
    return root


@pytest.fixture(scope="module")
def built(languages_project):
    out = languages_project / "out"
    result = run("build", "--allow-incomplete", "--out", str(out), root=languages_project)
    assert result.exit_code == 0, result.output
    return out


def words(pdf, page: int = 1) -> list[tuple[float, float, str]]:
    """(x, y, word) of each word on the page, as Poppler places it."""
    xml = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf),
                          "-"], capture_output=True, text=True, check=True).stdout
    return [(float(x), float(y), w) for x, y, w in
            re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', xml)]


def page_width(pdf) -> float:
    with pikepdf.open(pdf) as document:
        return float(document.pages[0].mediabox[2])


def embedded(pdf, name: str) -> TTFont:
    """The embedded font program whose name contains `name`."""
    with pikepdf.open(pdf) as document:
        for page in document.pages:
            for font in page.Resources.Font.values():
                descendant = font.DescendantFonts[0]
                if name in str(descendant.BaseFont):
                    data = descendant.FontDescriptor.FontFile2.read_bytes()
                    return TTFont(io.BytesIO(data))
    raise AssertionError(f"no font {name} in {pdf}")


def test_urdu_and_nepali_print_in_their_own_fonts(built):
    assert any("Noto-Nastaliq-Urdu" in f for f in pdf_fonts(built / "baclofen.ur.pdf"))
    assert any("Noto-Sans-Devanagari" in f for f in pdf_fonts(built / "baclofen.ne.pdf"))
    assert not any("CJK" in f for f in pdf_fonts(built / "baclofen.ur.pdf") +
                   pdf_fonts(built / "baclofen.ne.pdf"))


def test_urdu_lays_out_right_to_left_with_latin_kept_in_order(built, languages_project):
    html = run("html", "baclofen", "--lang", "ur", "--allow-incomplete",
               root=languages_project).stdout
    assert '<html lang="ur" dir="rtl">' in html
    assert '<div class="pending" lang="en" dir="ltr">' in html  # English blocks stay LTR
    width = page_width(built / "baclofen.ur.pdf")

    def clinic_x(pdf):  # the brand name in the running header
        return next(x for x, _, w in words(pdf) if w == "Pine")

    assert clinic_x(built / "baclofen.en.pdf") < width / 3  # at the left in English
    assert clinic_x(built / "baclofen.ur.pdf") > width / 2  # mirrored in Urdu
    # "100 mg" reads left to right inside the Urdu sentence
    placed = words(built / "baclofen.ur.pdf", page=2)
    hundred = next((x, y) for x, y, w in placed if w == "100")
    mg = min((x for x, y, w in placed if w == "mg" and abs(y - hundred[1]) < 12
              and x > hundred[0]), default=None)
    assert mg is not None and mg - hundred[0] < 30


def test_urdu_is_shaped_not_printed_letter_by_letter(built):
    """Nastaliq joins letters into contextual forms and ligatures: a shaped page uses far
    more glyphs than it has distinct letters (unshaped, each letter has one glyph)."""
    font = embedded(built / "baclofen.ur.pdf", "Nastaliq-Urdu")
    text = (LANGUAGES / "locales/ur/LC_MESSAGES/ui.po").read_text() + \
        (LANGUAGES / "locales/ur/LC_MESSAGES/baclofen.po").read_text()
    letters = {c for c in text if "\u0600" <= c <= "\u06ff"}
    assert font["maxp"].numGlyphs > 2 * len(letters)


def test_nepali_conjuncts_come_out_as_written(built):
    text = subprocess.run(["pdftotext", str(built / "baclofen.ne.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "मात्रा" in text and "ब्याक्लोफेन" in text


def test_a_project_changes_a_languages_profile_with_a_file(languages_project, tmp_path):
    profile = languages_project / "locales/ur/language.yaml"
    profile.write_text("# Naskh, as this clinic's patients prefer\n"
                       "fonts: [Noto Naskh Arabic, Noto Sans]\n")
    try:
        out = tmp_path / "out"
        result = run("build", "--lang", "ur", "--allow-incomplete", "--out", str(out),
                     root=languages_project)
        assert result.exit_code == 0, result.output
        fonts = pdf_fonts(out / "baclofen.ur.pdf")
        assert any("Naskh" in f for f in fonts) and not any("Nastaliq" in f for f in fonts)
        profile.write_text("fonts: [Noto Naskh Arabic]\ndirection: sideways\n")
        result = run("check", "--lang", "ur", root=languages_project)
        assert result.exit_code == 1
        assert "error: locales/ur/language.yaml:2: direction: " in result.stderr
        result = run("build", "--lang", "ur", "--allow-incomplete", "--out", str(out),
                     root=languages_project)
        assert result.exit_code == 1 and "locales/ur/language.yaml:2: direction" in \
            result.stderr
    finally:
        profile.unlink()


def test_a_language_without_a_profile_gets_noto_sans_and_babels_direction(tmp_path):
    from medleaf.content.languages import Language
    from medleaf.i18n.profiles import profile

    assert profile(Language.parse("fr")).fonts == ["Noto Sans"]
    assert profile(Language.parse("fa")).direction == "rtl"  # Persian: Babel knows
    assert profile(Language.parse("ur")).direction == "rtl"
    assert profile(Language.parse("ne")).direction == "ltr"
