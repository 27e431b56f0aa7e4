"""medleaf stops with the exact fix when the machine lacks the CJK font or HarfBuzz subset."""

from __future__ import annotations

import pytest
from conftest import REPO, run

from medleaf.checks import glyphs
from medleaf.content import versions
from medleaf.content.languages import Language
from medleaf.i18n.profiles import BUILT_IN, profile
from medleaf.render import preflight


@pytest.fixture(autouse=True)
def fresh_check():
    preflight.check.cache_clear()
    versions.font_versions.cache_clear()
    yield
    preflight.check.cache_clear()
    versions.font_versions.cache_clear()


def test_missing_hong_kong_font_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setattr(glyphs, "font_files", lambda family: ())
    result = run("build", "baclofen", "--force", "--out", str(tmp_path), root=REPO)
    assert result.exit_code == 1
    assert "the font 'Noto Sans CJK HK' of en (English) is not installed, so its text " \
        "cannot be printed" in result.stderr
    assert "sudo apt-get install fonts-noto-cjk" in result.stderr
    assert not list(tmp_path.iterdir())


def test_missing_harfbuzz_subset_says_what_to_install(monkeypatch, tmp_path):
    import weasyprint.text.ffi as ffi

    monkeypatch.setattr(ffi, "harfbuzz_subset", None)
    # (--force: a leaflet already rendered would only be copied from the render cache)
    result = run("build", "baclofen", "--force", "--out", str(tmp_path), root=REPO)
    assert result.exit_code == 1
    assert "sudo apt-get install libharfbuzz-subset0" in result.stderr


def test_the_machine_passes_preflight():
    preflight.check()
    assert any("NotoSansCJK" in f for f in glyphs.font_files("Noto Sans CJK HK"))


def test_the_set_up_installs_the_fonts_of_every_shipped_language():
    """Each profile medleaf ships names fonts `make setup` installs, from packages it names."""
    setup = (REPO / "scripts/setup-system.sh").read_text()
    shipped = sorted(BUILT_IN.glob("*.yaml"))
    assert len(shipped) >= 10
    for file in shipped:
        language = Language.parse(file.stem)
        found = profile(language)
        for package in found.packages:
            assert package in setup, (file.name, package)
        glyphs.require_fonts(found, language)  # raises if one is missing


def test_a_missing_font_of_a_language_names_its_package(monkeypatch, project, tmp_path):
    (project / "locales/ur/LC_MESSAGES").mkdir(parents=True)
    installed = glyphs.font_files
    monkeypatch.setattr(glyphs, "font_files", lambda family: () if "Nastaliq" in family
                        else installed(family))
    result = run("build", "baclofen", "--lang", "ur", "--allow-incomplete", "--force",
                 "--out", str(tmp_path / "out"), root=project)
    assert result.exit_code == 1
    assert "the font 'Noto Nastaliq Urdu' of ur (Urdu) is not installed, so its text cannot " \
        "be printed: install it with 'sudo apt-get install fonts-noto-core'" in result.stderr
    check = run("check", root=project)  # the report names the locale, and checks no further
    assert check.exit_code == 1
    assert "error: locales/ur: [fonts] the font 'Noto Nastaliq Urdu' of ur (Urdu) is not " \
        "installed" in check.stderr
