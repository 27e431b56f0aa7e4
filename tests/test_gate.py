"""One gate: every error `medleaf check` reports for a leaflet refuses it in build, pack and
approval, with the same message, and nothing else refuses it."""

from __future__ import annotations

import shutil

import pytest
from conftest import REPO, run

YAML = "leaflets/baclofen.yaml"
PO = "locales/zh_Hant_HK/LC_MESSAGES/baclofen.po"
UI = "locales/zh_Hant_HK/LC_MESSAGES/ui.po"


def replace(path, old, new):
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


FAULTS = {
    "another medicine in the dose": lambda p: replace(
        p / YAML, "Adults usually start with 5 mg", "Adults usually start with 5 mg of "
        "carbimazole"),
    "a dose with no amount": lambda p: replace(
        p / YAML, "0.3 mg for each kg of body weight a day, split into 4 doses",
        "a small amount for each kg of body weight, split into several doses"),
    "a date in the future": lambda p: replace(p / YAML, "last_modified: 2026-12-01",
                                              "last_modified: 2999-01-01"),
    "a glyph no font has": lambda p: replace(p / YAML, "  generic: Baclofen",
                                             "  generic: Baclofen \U0001F48A"),
    "a changed dose in the translation": lambda p: replace(p / PO, "每次5毫克", "每次50毫克"),
    "every planted translation fault": lambda p: shutil.copy(REPO / "tests/fixtures/broken" /
                                                             PO, p / PO),
    "an interface string broken": lambda p: replace(p / UI, 'msgstr "藥物名稱"',
                                                    'msgstr "藥物名稱 100%"'),
}


def errors(result) -> set[str]:
    return {line for line in result.stderr.splitlines() if line.startswith("error: ")}


@pytest.mark.parametrize("fault", FAULTS)
def test_check_build_pack_and_approve_refuse_with_the_same_errors(baclofen_only, tmp_path,
                                                                  fault):
    project = baclofen_only
    FAULTS[fault](project)
    for lang in ("en", "zh-HK"):
        check = run("check", "baclofen", "--lang", lang, root=project)
        build = run("build", "baclofen", "--lang", lang, "--out", str(tmp_path / lang),
                    root=project)
        found = errors(check)
        if not found:  # a translation fault leaves English alone
            assert check.exit_code == 0 and build.exit_code == 0, (lang, build.output)
            continue
        assert check.exit_code == build.exit_code == 1, (lang, check.output, build.output)
        assert errors(build) == found, lang
        incomplete = run("build", "baclofen", "--lang", lang, "--allow-incomplete", "--out",
                         str(tmp_path / f"{lang}-incomplete"), root=project)
        translation_only = all(PO in line for line in found)
        assert (incomplete.exit_code == 0) == translation_only, incomplete.output
        approve = run("review", "approve", "baclofen", "--lang", lang, "--by", "Chan Tai Man",
                      root=project)
        assert approve.exit_code == 1 and errors(approve) == found, lang
    pack = project / "packs/baclofen.yaml"
    pack.write_text("title: Baclofen\nlanguages: [en, zh-HK]\nleaflets: [baclofen]\n")
    (project / "packs/diabetes-clinic.yaml").unlink()
    (project / "packs/paediatric.yaml").unlink()
    everything = errors(run("check", "baclofen", root=project))
    result = run("pack", str(pack), "--out", str(tmp_path / "pack.pdf"), root=project)
    assert result.exit_code == 1
    # the pack's own catalog has no translation of the new title: that is its own error
    assert errors(result) - {e for e in errors(result) if "packs" in e} <= everything
    assert not (tmp_path / "pack.pdf").exists()


def test_a_clean_leaflet_passes_everywhere(baclofen_only, tmp_path):
    assert run("check", "baclofen", root=baclofen_only).exit_code == 0
    assert run("build", "baclofen", "--out", str(tmp_path), root=baclofen_only).exit_code == 0


def test_warnings_never_refuse(baclofen_only, tmp_path):
    """A review that is due is a warning: check reports it, build and approval go on."""
    result = run("check", "baclofen", "--max-grade", "1", root=baclofen_only)
    assert result.exit_code == 0 and "warning: " in result.stderr
    assert run("review", "approve", "baclofen", "--by", "Chan Tai Man",
               root=baclofen_only).exit_code == 0


def test_check_validates_brand_and_pack_files(project):
    replace(project / "templates/brand/brand.yaml", 'primary: "#0b6e69"', 'primary: teal')
    replace(project / "packs/paediatric.yaml", "leaflets:", "leaflets:\n  - ibuprofen")
    result = run("check", root=project)
    assert result.exit_code == 1
    assert "error: templates/brand/brand.yaml:12: colours.primary: must be a colour written " \
        "like #0b6e69, not 'teal'" in result.stderr
    assert "error: packs/paediatric.yaml:" in result.stderr
    assert "leaflets[0]: no leaflet 'ibuprofen' in leaflets/" in result.stderr


def test_findings_are_kept_under_the_bytes_they_were_found_in(baclofen_only, monkeypatch,
                                                               tmp_path):
    """A catalog changing while it is checked never leaves the findings of one version kept
    under the other's hash."""
    from medleaf.checks import translation

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # the good bytes unchecked
    project = baclofen_only
    po = project / PO
    good = po.read_text()
    bad = good.replace("每次5毫克", "每次6毫克")
    read = translation.read_catalog

    def swapped_meanwhile(project_, path, *args, **kwargs):
        if path == po:
            po.write_text(bad)  # after the gate hashed the good bytes
        return read(project_, path, *args, **kwargs)

    monkeypatch.setattr(translation, "read_catalog", swapped_meanwhile)
    assert run("check", "baclofen", "--lang", "zh-HK", root=project).exit_code == 0
    assert po.read_text() == bad
    monkeypatch.setattr(translation, "read_catalog", read)
    result = run("check", "baclofen", "--lang", "zh-HK", root=project)  # the bad file
    assert result.exit_code == 1 and 'the English has "5 mg", the translation "6毫克" (6 mg)' \
        in result.stderr
    po.write_text(good)
    assert run("check", "baclofen", "--lang", "zh-HK", root=project).exit_code == 0


def test_check_validates_the_brand_it_is_given(project, tmp_path):
    """A clinic's second brand is checked before it is built with."""
    other = tmp_path / "other-brand"
    shutil.copytree(project / "templates/brand", other)
    replace(other / "brand.yaml", 'primary: "#0b6e69"', 'primary: teal')
    result = run("check", "baclofen", "--brand", str(other), root=project)
    assert result.exit_code == 1
    assert f"error: {other}/brand.yaml:12: colours.primary: must be a colour written like " \
        "#0b6e69, not 'teal'" in result.stderr.splitlines()
    assert run("check", "baclofen", root=project).exit_code == 0
