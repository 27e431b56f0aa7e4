"""Interface strings (headings, footer, disclaimer) fall back to the translations medleaf
ships: a project's own ui.po overrides them string by string, and is needed whole only for a
language medleaf does not ship."""

from __future__ import annotations

import re
import shutil

import pytest
from conftest import UI_PO, pdf_text, run

from medleaf.checks.gate import Gate
from medleaf.content.languages import Language
from medleaf.content.project import Project
from medleaf.i18n import interface
from medleaf.publish.manifest import BuildOptions, Fingerprints

ZH = Language.parse("zh-HK")


@pytest.fixture
def borrowing(baclofen_only):
    """The project copy with no ui.po of its own: every interface string is medleaf's."""
    (baclofen_only / UI_PO).unlink()
    return baclofen_only


def test_without_a_ui_po_a_chinese_leaflet_prints_medleafs_headings(borrowing, tmp_path):
    assert run("check", "baclofen", root=borrowing).exit_code == 0
    result = run("build", "baclofen", "--lang", "zh-HK", "--out", str(tmp_path), root=borrowing)
    assert result.exit_code == 0, result.output
    text = pdf_text(tmp_path / "baclofen.zh-HK.pdf")
    assert "藥劑師小貼士" in text and "免責聲明" in text
    assert "Pharmacist tips" not in text


def test_stats_counts_medleafs_translations_and_update_starts_no_ui_po(borrowing):
    result = run("i18n", "stats", "--check", root=borrowing)
    assert result.exit_code == 0, result.output
    assert re.search(r"^zh-HK\s+ui\s+64\s+0\s+0\s+0\s+100%$", result.stdout, re.M)
    result = run("i18n", "update", root=borrowing)
    assert "ui.po" not in result.stdout
    assert not (borrowing / UI_PO).exists()


def test_a_string_of_the_projects_ui_po_overrides_medleafs(borrowing, tmp_path):
    result = run("i18n", "update", "ui", root=borrowing)  # asked for by name: started empty
    assert f"created {UI_PO}" in result.stdout
    assert run("check", "baclofen", root=borrowing).exit_code == 0  # an empty msgstr is medleaf's
    ui = borrowing / UI_PO
    ui.write_text(ui.read_text().replace('msgid "Pharmacist tips"\nmsgstr ""',
                                         'msgid "Pharmacist tips"\nmsgstr "本店藥劑師提提你"'))
    assert re.search(r"^zh-HK\s+ui\s+64\s+0\s+0\s+0\s+100%$",
                     run("i18n", "stats", root=borrowing).stdout, re.M)
    result = run("build", "baclofen", "--lang", "zh-HK", "--out", str(tmp_path), root=borrowing)
    assert result.exit_code == 0, result.output
    text = pdf_text(tmp_path / "baclofen.zh-HK.pdf")
    assert "本店藥劑師提提你" in text and "藥劑師小貼士" not in text
    assert "免責聲明" in text  # every other string still medleaf's


def test_a_fuzzy_override_is_reported_in_the_projects_catalog(borrowing):
    run("i18n", "update", "ui", root=borrowing)
    ui = borrowing / UI_PO
    ui.write_text(ui.read_text().replace('msgid "Dosage"\nmsgstr ""',
                                         '#, fuzzy\nmsgid "Dosage"\nmsgstr "份量"'))
    result = run("check", "baclofen", root=borrowing)
    assert result.exit_code == 1
    assert re.search(rf'^error: {UI_PO}:\d+: \[fuzzy\] "Dosage": fuzzy', result.stderr, re.M)


def test_a_language_medleaf_does_not_ship_needs_every_string(borrowing):
    assert run("i18n", "init", "ja", root=borrowing).exit_code == 0
    result = run("check", "--lang", "ja", root=borrowing)
    assert result.exit_code == 1
    assert '[untranslated] "Pharmacist tips": not translated' in result.stderr
    assert 'locales/ja/LC_MESSAGES/ui.po' in result.stderr


def test_a_template_string_medleaf_lacks_needs_the_projects_ui_po(borrowing, own_templates):
    page = borrowing / "templates/leaflet.html"
    page.write_text(page.read_text().replace("</body>",
                                             "<p>{{ _('Open 7 days a week') }}</p>\n</body>"))
    result = run("check", "baclofen", root=borrowing)
    assert result.exit_code == 1
    assert f"error: {UI_PO}: [untranslated] no zh-HK catalog: run 'medleaf i18n update " \
        "--locale zh-HK ui'" in result.stderr
    assert f"created {UI_PO}" in run("i18n", "update", "--locale", "zh-HK", "ui",
                                     root=borrowing).stdout
    result = run("check", "baclofen", root=borrowing)
    assert result.stderr.count("[untranslated]") == 1
    assert '"Open 7 days a week": not translated' in result.stderr


@pytest.fixture
def shipped_copy(tmp_path, monkeypatch):
    """medleaf's interface catalogs, copied where a test may edit them."""
    folder = tmp_path / "shipped"
    shutil.copytree(interface.SHIPPED, folder)
    monkeypatch.setattr(interface, "SHIPPED", folder)
    return folder / "zh_Hant_HK/LC_MESSAGES/ui.po"


def test_medleafs_catalog_is_in_the_gate_and_the_build_fingerprint(borrowing, shipped_copy):
    project = Project.at(borrowing)
    assert Gate(project).interface(ZH) == []
    before = Fingerprints(project, BuildOptions()).of("baclofen", ZH)
    shipped_copy.write_text(shipped_copy.read_text().replace(
        'msgstr "第 %(page)s 頁，共 %(pages)s 頁"', 'msgstr "第 %(page)s 頁"'))
    problems = Gate(project).interface(ZH)  # a new gate: what the user's cache kept
    assert [(p.file, p.check, p.message) for p in problems] == [
        (str(shipped_copy), "placeholders", "placeholder %(pages)s is missing")]
    assert Fingerprints(project, BuildOptions()).of("baclofen", ZH) != before


def test_interface_references_are_relative_to_medleaf_or_the_project(borrowing, tmp_path):
    clinic = tmp_path / "elsewhere"  # a project far from medleaf's installation
    shutil.copytree(borrowing, clinic)
    shutil.copy(interface.TOOL / "templates/cover.html", clinic / "templates/cover.html")
    assert run("i18n", "extract", root=clinic).exit_code == 0
    pot = (clinic / "locales/templates/ui.pot").read_text()
    references = set(re.findall(r"^#: (\S+):\d+$", pot, re.M))
    assert references == {"medleaf/templates/leaflet.html", "medleaf/templates/site-index.html",
                          "templates/cover.html"}
