"""WeasyPrint may load only the project's own templates/brand files and data: URIs."""

from __future__ import annotations

import pytest
from conftest import run

PIXEL = ("data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg' width='1' "
         "height='1'/>")


def add_to_template(project, html: str) -> None:
    path = project / "templates" / "leaflet.html"
    text = path.read_text()
    path.write_text(text.replace('<section class="title">', html + '<section class="title">', 1))


@pytest.mark.parametrize("url", ["file:///etc/hostname", "http://example.com/logo.png",
                                 "https://example.com/x.css"])
def test_assets_outside_the_project_are_refused(project, url):
    add_to_template(project, f'<img src="{url}">')
    result = run("build", "baclofen", "--lang", "en", "--out", str(project / "out"),
                 root=project)
    assert result.exit_code == 1
    assert f"error: refused to load {url}: leaflets may only use files in the project's " \
        "templates/ and brand folders, and data: URIs" in result.stderr
    assert not (project / "out" / "baclofen.en.pdf").exists()


def test_a_missing_project_asset_is_an_error_not_a_silent_gap(project):
    add_to_template(project, '<img src="brand/missing.svg">')
    result = run("build", "baclofen", "--lang", "en", "--out", str(project / "out"),
                 root=project)
    assert result.exit_code == 1
    assert "missing.svg" in result.stderr


def test_data_uris_and_project_files_are_allowed(project):
    add_to_template(project, f'<img src="{PIXEL}"><img src="brand/logo.svg">')
    result = run("build", "baclofen", "--lang", "en", "--out", str(project / "out"),
                 root=project)
    assert result.exit_code == 0, result.output
    assert (project / "out" / "baclofen.en.pdf").stat().st_size > 0
