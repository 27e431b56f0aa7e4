"""`medleaf check` refuses brand colours a patient cannot read (WCAG AA, 4.5:1)."""

from __future__ import annotations

import pytest
from conftest import run

from medleaf.checks.contrast import ratio

BRAND = "templates/brand/brand.yaml"


def test_contrast_is_wcag_s():
    assert round(ratio("#000000", "#ffffff"), 2) == 21.0
    assert round(ratio("#777777", "#ffffff"), 2) == 4.48  # the classic just-failing grey
    assert ratio("#ffffff", "#777777") == ratio("#777777", "#ffffff")


@pytest.mark.parametrize("old, new, expected", [
    ('primary: "#0b6e69"', 'primary: "#7fb8b4"', [
        (12, "colours.primary: #7fb8b4 on #ffffff (headings on the page) has a contrast of "
             "2.23:1"),
        (12, "colours.primary: #7fb8b4 on #eaf4f3 (headings in the tips box, on "
             "colours.tint) has a contrast of 1.99:1")]),
    ('tint: "#eaf4f3"', 'tint: "#6a7f7e"', [
        (12, "colours.primary: #0b6e69 on #6a7f7e (headings in the tips box, on "
             "colours.tint) has a contrast of 1.44:1"),
        (14, "colours.tint: #1d1d1b on #6a7f7e (the body text on the tips box) has a "
             "contrast of 3.98:1")]),
])
def test_a_brand_colour_below_aa_is_an_error_on_its_line(project, old, new, expected):
    path = project / BRAND
    path.write_text(path.read_text().replace(old, new))
    result = run("check", "baclofen", root=project)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert errors == [f"error: {BRAND}:{line}: [contrast] {message}; WCAG AA asks at least "
                      "4.5:1 for text" for line, message in expected]


def test_the_shipped_brand_passes(project):
    result = run("check", "baclofen", "--lang", "en", root=project)
    assert result.exit_code == 0 and "[contrast]" not in result.stderr
