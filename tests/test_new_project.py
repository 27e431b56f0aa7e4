"""`medleaf new DIR`: a clinic's own repository that checks and builds as it is, copying
nothing else from medleaf."""

from __future__ import annotations

import re
import shutil

import pytest
from conftest import REPO, pdf_text, run

MESSAGES = "locales/{}/LC_MESSAGES/{}.po"


def files(folder) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def clinic(tmp_path_factory):
    root = tmp_path_factory.mktemp("new") / "clinic"
    result = run("new", str(root), "--lang", "zh-HK")
    assert result.exit_code == 0, result.output
    return root, result


def test_new_lays_out_a_repository_for_the_chosen_languages(clinic):
    root, result = clinic
    assert files(root) == {
        ".gitignore", "README.md", "leaflets/paracetamol-tablets.yaml",
        "templates/brand/brand.yaml", "templates/brand/logo.svg",
        "locales/templates/ui.pot", "locales/templates/paracetamol-tablets.pot",
        MESSAGES.format("zh_Hant_HK", "paracetamol-tablets"),  # no template, no ui.po
        "locales/zh_Hant_HK/glossary.yaml"}
    assert f"created {root}/leaflets/paracetamol-tablets.yaml" in result.stdout
    assert "next: edit" in result.stdout
    assert (root / ".gitignore").read_text().split() == ["out/", "*.mo"]
    readme = (root / "README.md").read_text()
    assert "medleaf check" in readme and "medleaf build" in readme


def test_the_new_repository_passes_every_check(clinic):
    root, _ = clinic
    result = run("check", root=root)
    assert result.exit_code == 0, result.output
    assert "No errors in 1 leaflets and 2 catalogs." in result.stdout
    result = run("i18n", "stats", "--check", root=root)
    assert result.exit_code == 0, result.output
    assert re.search(r"^zh-HK\s+ui\s+64\s+0\s+0\s+0\s+100%$", result.stdout, re.M)


def test_the_new_repository_builds_in_english_and_chinese(clinic, tmp_path):
    root, _ = clinic
    result = run("build", "--out", str(tmp_path), root=root)
    assert result.exit_code == 0, result.output
    assert "2 built" in result.stdout
    en = pdf_text(tmp_path / "paracetamol-tablets.en.pdf")
    zh = re.sub(r"\s", "", pdf_text(tmp_path / "paracetamol-tablets.zh-HK.pdf"))
    assert "Example Family Clinic" in en and "Pharmacist tips" in en and "500 mg" in en
    assert "示例家庭診所" in zh and "撲熱息痛" in zh and "500毫克" in zh
    assert "藥劑師小貼士" in zh and "免責聲明" in zh  # medleaf's interface translations
    assert "Pharmacisttips" not in zh


def test_its_interface_template_refers_to_medleafs_templates_relatively(clinic):
    root, _ = clinic
    pot = (root / "locales/templates/ui.pot").read_text()
    references = set(re.findall(r"^#: (\S+):\d+$", pot, re.M))
    assert references == {"medleaf/templates/cover.html", "medleaf/templates/leaflet.html",
                          "medleaf/templates/site-index.html"}


def test_a_new_leaflet_gets_a_catalog_in_every_locale(tmp_path):
    root = tmp_path / "clinic"
    assert run("new", str(root), "--lang", "zh-HK", "--lang", "ja").exit_code == 0
    assert (root / MESSAGES.format("ja", "ui")).is_file()  # medleaf ships no Japanese
    assert not (root / MESSAGES.format("zh_Hant_HK", "ui")).exists()
    shutil.copy(REPO / "leaflets/metformin.yaml", root / "leaflets")
    assert run("i18n", "extract", root=root).exit_code == 0
    result = run("i18n", "update", root=root)
    assert result.exit_code == 0, result.output
    for locale in ("ja", "zh_Hant_HK"):
        assert f"created {MESSAGES.format(locale, 'metformin')}" in result.stdout
        assert (root / MESSAGES.format(locale, "metformin")).is_file()
    result = run("check", "paracetamol-tablets", "--lang", "ja", root=root)
    assert result.exit_code == 1
    assert f'{MESSAGES.format("ja", "ui")}' in result.stderr
    assert '[untranslated] "Pharmacist tips": not translated' in result.stderr


def test_an_english_only_repository_needs_no_locale(tmp_path):
    root = tmp_path / "clinic"
    assert run("new", str(root), "--lang", "en").exit_code == 0
    assert not (root / "locales/zh_Hant_HK").exists()
    assert run("check", root=root).exit_code == 0
    assert run("i18n", "stats", "--check", root=root).exit_code == 0


def test_a_folder_that_is_not_empty_is_refused_and_left_alone(tmp_path):
    (tmp_path / "notes.txt").write_text("ours")
    result = run("new", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == f"error: {tmp_path}: is not empty: give a new folder (or an " \
        "empty one) for the repository\n"
    assert files(tmp_path) == {"notes.txt"}
    result = run("new", str(tmp_path / "notes.txt"))
    assert result.exit_code == 1
    assert "is a file, not a folder" in result.stderr


def test_an_unknown_language_is_a_usage_error_and_writes_nothing(tmp_path):
    result = run("new", str(tmp_path / "clinic"), "--lang", "xx-QQ")
    assert result.exit_code == 2
    assert result.stderr == "error: unknown language 'xx-QQ' (try en or zh-HK)\n"
    assert not (tmp_path / "clinic").exists()


def test_a_mistake_in_the_new_brand_names_its_line_and_field(tmp_path):
    root = tmp_path / "clinic"
    assert run("new", str(root), "--lang", "en").exit_code == 0
    brand = root / "templates/brand/brand.yaml"
    text = brand.read_text()
    brand.write_text(text.replace('primary: "#1f5f8b"', "primary: navy"))
    line = text[:text.index("primary:")].count("\n") + 1
    result = run("check", root=root)
    assert result.exit_code == 1
    assert result.stderr == f"error: templates/brand/brand.yaml:{line}: colours.primary: must " \
        "be a colour written like #0b6e69, not 'navy'\n"
