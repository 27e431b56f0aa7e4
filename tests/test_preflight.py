"""medleaf stops with the exact fix when the machine lacks the CJK font or HarfBuzz subset."""

from __future__ import annotations

import pytest
from conftest import REPO, run

from medleaf.content import versions
from medleaf.render import preflight


@pytest.fixture(autouse=True)
def fresh_check():
    preflight.check.cache_clear()
    versions.font_versions.cache_clear()
    yield
    preflight.check.cache_clear()
    versions.font_versions.cache_clear()


def test_missing_hong_kong_font_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setattr(preflight, "font_files", lambda family: ())
    result = run("build", "baclofen", "--force", "--out", str(tmp_path), root=REPO)
    assert result.exit_code == 1
    assert "the font 'Noto Sans CJK HK' is not installed" in result.stderr
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
    assert any("NotoSansCJK" in f for f in preflight.font_files(preflight.CJK_FAMILY))
