"""The browser tools find what they must: axe-core reports a planted violation in a real
Chromium, and none on a clean page."""

from __future__ import annotations

from browser import chromium, serious_violations

CLEAN = """<!doctype html><html lang="en"><head><title>Leaflet</title></head>
<body><main><h1>Baclofen</h1><p>Take one tablet.</p></main></body></html>"""
# an image with no alternative text and an input with no label: both serious or critical
PLANTED = """<!doctype html><html lang="en"><head><title>Leaflet</title></head>
<body><main><h1>Baclofen</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<input type="text"></main></body></html>"""


def test_axe_core_finds_a_planted_violation_and_passes_a_clean_page(tmp_path):
    clean, planted = tmp_path / "clean.html", tmp_path / "planted.html"
    clean.write_text(CLEAN, encoding="utf-8")
    planted.write_text(PLANTED, encoding="utf-8")
    with chromium() as browser:
        page = browser.new_page()
        page.goto(clean.as_uri())
        assert serious_violations(page) == []
        page.goto(planted.as_uri())
        found = " ".join(serious_violations(page))
    assert "image-alt" in found and "label" in found
