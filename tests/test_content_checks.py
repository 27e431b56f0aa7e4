"""Content checks fire on planted faults, each reported as file:line: [check] field: ..."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from conftest import run

YAML = "leaflets/baclofen.yaml"


def line_of(path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def edit(path, old, new):
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def test_the_source_pages_slip_is_caught_if_typed_in_again(project):
    path = project / YAML
    edit(path, "Adults usually start with 5 mg three times a day",
         "Adults usually start with 5 mg of carbimazole three times a day")
    result = run("check", "baclofen", "--lang", "en", root=project)
    assert result.exit_code == 1
    line = line_of(path, "  adults: >")
    assert f"error: {YAML}:{line}: [wrong-medicine] dosage.adults: names another medicine, " \
        "'carbimazole' (if that is meant, list it under other_medicines)" in result.stderr


def test_names_from_the_bundled_list_are_caught_in_tips_but_declared_ones_pass(project):
    path = project / YAML
    edit(path, "Do not drink alcohol while you take baclofen",
         "Do not take Warfarin or Panadol Extra while you take baclofen")
    result = run("check", "baclofen", "--lang", "en", root=project)
    assert result.exit_code == 1
    assert re.search(r"\[wrong-medicine\] tips\[3\]\.body: names another medicine, 'warfarin'",
                     result.stderr)
    assert "'panadol extra'" in result.stderr
    edit(path, "\nfaqs:", "\nother_medicines: [warfarin, Panadol Extra]\n\nfaqs:")
    assert run("check", "baclofen", "--lang", "en", root=project).exit_code == 0


def test_a_medicine_named_in_the_warnings_is_not_a_slip(project):
    edit(project / YAML, "    - Kidney problems, which",
         "    - Warfarin, or kidney problems, which")
    assert run("check", "baclofen", "--lang", "en", root=project).exit_code == 0


def test_a_character_no_font_has_is_found_in_content_and_catalogs(project):
    path = project / YAML
    edit(path, "  generic_note: >\n    Baclofen is the generic name.",
         "  generic_note: >\n    Baclofen \U0001F48A is the generic name.")
    po = project / "locales/zh_Hant_HK/LC_MESSAGES/baclofen.po"
    edit(po, 'msgstr "儲存方法"', 'msgstr "儲存方法\U00020000"')
    result = run("check", "baclofen", root=project)
    assert result.exit_code == 1
    line = line_of(path, "  generic_note: >")
    assert f"{YAML}:{line}: [glyphs] names.generic_note: '\U0001F48A' (U+1F48A PILL) is not in " \
        "Noto Sans CJK HK" in result.stderr
    assert re.search(r"baclofen.po:\d+: \[glyphs\] baclofen:tips\[5\]\.title: '\U00020000' "
                     r"\(U\+20000 CJK UNIFIED IDEOGRAPH-20000\) is not in Noto Sans CJK HK",
                     result.stderr)


def test_a_brand_text_its_font_lacks_names_the_brand_file(project, tmp_path):
    edit(project / "templates/brand/brand.yaml", "  en: Pine Harbour Family Clinic",
         "  en: Pine Harbour Family Clinic \U0001F3E5")
    out = tmp_path / "out"
    result = run("build", "baclofen", "--lang", "en", "--out", str(out), root=project)
    assert result.exit_code == 1
    assert result.stderr == "error: templates/brand/brand.yaml:3: [glyphs] name.en: " \
        "'\U0001F3E5' (U+1F3E5 HOSPITAL) is not in Noto Sans CJK HK: it would print as a box\n"
    assert not out.exists()


def test_render_refuses_anything_that_would_print_as_a_box(own_templates, tmp_path):
    """The last net: whatever reaches the page (here a template's own text) is checked."""
    project = own_templates
    edit(project / "templates/leaflet.html", "<h2>{{ _('Names') }}</h2>",
         "<h2>{{ _('Names') }} \U0001F3E5</h2>")
    out = tmp_path / "out"
    result = run("build", "baclofen", "--lang", "en", "--out", str(out), root=project)
    assert result.exit_code == 1
    assert "error: baclofen (en): [glyphs] '\U0001F3E5' (U+1F3E5 HOSPITAL) is not in Noto " \
        "Sans CJK HK: it would print as a box" in result.stderr
    assert not list(out.glob("*.pdf"))


def test_a_dose_without_an_amount_and_a_future_date_are_errors(project):
    path = project / YAML
    text = path.read_text()
    start = text.index("    Adults usually start")
    path.write_text(text[:start] + "    Adults start with a small dose and raise it slowly.\n"
                    + text[text.index("  children: >"):])
    edit(path, "last_modified: 2026-12-01", "last_modified: 2999-01-01")
    result = run("check", "baclofen", "--lang", "en", root=project)
    assert result.exit_code == 1
    assert f"{YAML}:{line_of(path, '  adults: >')}: [completeness] dosage.adults: states no " \
        "amount: give a number with its unit" in result.stderr
    assert f"{YAML}:{line_of(path, 'last_modified')}: [completeness] last_modified: 2999-01-01 " \
        "is in the future" in result.stderr


def test_a_missing_section_is_an_error(project):
    path = project / YAML
    text = path.read_text()
    start, end = text.index("\nside_effects:"), text.index("\ntips:")
    path.write_text(text[:start] + text[end:])
    result = run("check", "baclofen", "--lang", "en", root=project)
    assert result.exit_code == 1
    assert f"error: {YAML}:1: side_effects: required field is missing" in result.stderr


def test_an_old_review_is_due_a_warning_or_with_strict_an_error(project):
    run("review", "approve", "baclofen", "--by", "Chan Tai Man", root=project)
    path = project / YAML
    old = (dt.date.today() - dt.timedelta(days=4 * 366)).isoformat()
    edit(path, f"  date: {dt.date.today().isoformat()}", f"  date: {old}")
    result = run("check", "baclofen", "--lang", "en", root=project)
    assert result.exit_code == 0
    assert f"warning: {YAML}:{line_of(path, '  date:')}: [review-due] review.date: last " \
        f"reviewed on {old}, more than 3 years ago: review due" in result.stderr
    assert result.stdout.endswith("No errors in 1 leaflets and 0 catalogs, 1 warnings.\n")
    assert run("check", "baclofen", "--lang", "en", "--strict", root=project).exit_code == 1
    assert "review-due" not in run("check", "baclofen", "--lang", "en", "--review-age", "5",
                                   root=project).stderr


def test_reading_grade_is_reported_and_a_hard_leaflet_is_warned(project):
    result = run("check", "baclofen", "--lang", "en", root=project)
    grade = float(re.search(r"^baclofen: reading grade (\d+\.\d) \(Flesch-Kincaid\)$",
                            result.stdout, re.M)[1])
    assert 3 < grade <= 8
    hard = ("Pharmacokinetic considerations notwithstanding, concomitant administration of "
            "centrally acting pharmacological agents necessitates individualised titration "
            "accompanied by comprehensive neurological reassessment.")
    edit(project / YAML, "  generic_note: >\n", f"  generic_note: >\n    {hard}\n")
    result = run("check", "baclofen", "--lang", "en", "--max-grade", "5", root=project)
    assert result.exit_code == 0
    assert re.search(rf"warning: {YAML}: \[readability\] reading grade \d+\.\d is above "
                     rf"5; hardest sentences: \"{hard[:40]}", result.stderr)
    assert run("check", "baclofen", "--lang", "en", "--max-grade", "5", "--strict",
               root=project).exit_code == 1


def test_checks_read_the_text_as_it_prints(project):
    """Emphasis inside a word hides nothing: 'carbi*ma*zole' prints 'carbimazole'."""
    edit(project / YAML, "Adults usually start with 5 mg", "Adults usually start with 5 mg "
         "of carbi*ma*zole")
    result = run("check", "baclofen", "--lang", "en", root=project)
    assert result.exit_code == 1
    assert "names another medicine, 'carbimazole'" in result.stderr


@pytest.mark.parametrize("name,message", [
    ("\u0441\u0430rbimazole", "writes '\u0441\u0430rbimazole' in Cyrillic, Greek or "
                              "phonetic letters"),
    ("\u0410\u0420\u0399\u0425\u0410\u0412\u0410\u039d", "writes '\u0410\u0420\u0399"
                                                          "\u0425\u0410\u0412\u0410\u039d' in"),
    ("w\u0251rfarin", "writes 'w\u0251rfarin' in Cyrillic, Greek or phonetic letters"),
    ("\uff43\uff41\uff52\uff42\uff49\uff4d\uff41\uff5a\uff4f\uff4c\uff45",
     "names another medicine, 'carbimazole'"),
])
def test_lookalike_letters_hide_no_medicine(project, name, message):
    edit(project / YAML, "Adults usually start with 5 mg", f"Adults usually start with 5 mg "
         f"of {name}")
    result = run("check", "baclofen", "--lang", "en", root=project)
    assert result.exit_code == 1
    assert message in result.stderr


def test_a_translation_that_names_another_medicine_is_an_error(project):
    po = project / "locales/zh_Hant_HK/LC_MESSAGES/baclofen.po"
    po.write_text(po.read_text().replace("每次5毫克", "每次5毫克卡比馬唑（Carbimazole）", 1))
    result = run("build", "baclofen", "--lang", "zh-HK", "--out", str(project / "out"),
                 root=project)
    assert result.exit_code == 1
    assert "[wrong-medicine] baclofen:dosage.adults: names another medicine, 'carbimazole'" \
        in result.stderr
