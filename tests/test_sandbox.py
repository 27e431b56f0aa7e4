"""WeasyPrint may load only the project's own templates/brand files and data: URIs."""

from __future__ import annotations

import re

import pytest
from conftest import run


@pytest.fixture
def project(own_templates):
    """Every test here edits the project's own copy of medleaf's templates."""
    return own_templates

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
    assert f"error: baclofen (en): [assets] refused to load {url}: leaflets may only use " \
        "files in the project's templates/ and brand folders, and data: URIs" in result.stderr
    assert not (project / "out" / "baclofen.en.pdf").exists()


def test_an_image_without_alternative_text_is_an_error(project):
    """PDF/UA: every image in the structure tree says what it shows (the running header's
    logo is an artifact, but its template gives it the clinic's name anyway)."""
    add_to_template(project, '<img src="brand/logo.svg">')
    result = run("build", "baclofen", "--lang", "en", "--out", str(project / "out"),
                 root=project)
    assert result.exit_code == 1
    assert 'Image "brand/logo.svg" has no required alt description' in result.stderr


def test_a_missing_project_asset_is_an_error_not_a_silent_gap(project):
    add_to_template(project, '<img src="brand/missing.svg">')
    result = run("build", "baclofen", "--lang", "en", "--out", str(project / "out"),
                 root=project)
    assert result.exit_code == 1
    assert "missing.svg" in result.stderr


def test_data_uris_and_project_files_are_allowed(project):
    add_to_template(project, f'<img src="{PIXEL}" alt="a dot">'
                             '<img src="brand/logo.svg" alt="logo">')
    result = run("build", "baclofen", "--lang", "en", "--out", str(project / "out"),
                 root=project)
    assert result.exit_code == 0, result.output
    assert (project / "out" / "baclofen.en.pdf").stat().st_size > 0


def build_en(project):
    return run("build", "baclofen", "--lang", "en", "--out", str(project / "out"),
               root=project)


def template_line(project, needle: str) -> int:
    lines = (project / "templates/leaflet.html").read_text().splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


@pytest.mark.parametrize("code", [
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ brand.directory.joinpath('/etc/passwd').read_text() }}",
    "{{ leaflet.leaflet.source.path.write_text('summary: gone') }}",
    "{{ brand.logo_path.touch() }}",
])
def test_a_template_cannot_reach_python_the_disk_or_the_system(project, code):
    monograph = (project / "leaflets/baclofen.yaml").read_bytes()
    add_to_template(project, code)
    result = build_en(project)
    assert result.exit_code == 1
    line = template_line(project, code[:20])
    assert re.search(rf"error: templates/leaflet.html:{line}: cannot render: (access to "
                     r"attribute '\w+' of '\w+' object is unsafe|'\w+' is undefined)",
                     result.stderr), result.stderr
    assert not (project / "out").exists()
    assert (project / "leaflets/baclofen.yaml").read_bytes() == monograph


@pytest.mark.parametrize("code", [
    "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
    '{% include "leaflet.html" %}',
    "{{ lipsum(10000000) }}",
    "{{ 'x' | center(3000000000) }}",
    "{{ '%3000000000s' % 'x' }}",
    "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
])
def test_a_template_cannot_recurse_exhaust_memory_or_hang(project, code):
    add_to_template(project, code)
    result = build_en(project)
    assert result.exit_code == 1
    assert f"error: templates/leaflet.html:{template_line(project, code)}: " \
        in result.stderr, result.stderr
    assert "Traceback" not in result.output


def test_a_template_that_includes_itself_is_stopped_at_once_and_named(project):
    (project / "templates/part.html").write_text('<p>{% include "leaflet.html" %}</p>')
    add_to_template(project, '{% include "part.html" %}')
    result = build_en(project)
    assert result.exit_code == 1
    assert "leaflet.html may not include itself (through leaflet.html -> part.html)" \
        in result.stderr, result.stderr
    assert "Traceback" not in result.output


def test_a_template_cannot_include_a_file_outside_the_template_folders(project, tmp_path):
    (project / "templates/secret.html").symlink_to("/etc/hostname")
    for include in ('{% include "../../../../etc/hostname" %}', '{% include "secret.html" %}'):
        add_to_template(project, include)
        result = build_en(project)
        assert result.exit_code == 1
        assert f"templates/leaflet.html:{template_line(project, include)}: no template " \
            in result.stderr
        (project / "templates/leaflet.html").write_text(
            (project / "templates/leaflet.html").read_text().replace(include, ""))


def test_a_template_cannot_make_a_huge_text(project):
    add_to_template(project, "{{ 'x' * 1000000000 }}")
    result = build_en(project)
    assert result.exit_code == 1
    assert "may not repeat a text or list to more than 100,000 characters or items" in result.stderr


def test_a_template_syntax_error_names_file_and_line(project):
    add_to_template(project, "{% if %}")
    result = build_en(project)
    assert result.exit_code == 1
    assert result.stderr.endswith(f"error: templates/leaflet.html:"
                                  f"{template_line(project, '{% if %}')}: template syntax: "
                                  "Expected an expression, got 'end of statement block'\n")


def test_a_stylesheet_rule_weasyprint_ignores_is_an_error(project):
    css = project / "templates/leaflet.css"
    css.write_text(css.read_text() + "\nh1 { color: reed; }\n")
    line = len(css.read_text().splitlines())
    result = build_en(project)
    assert result.exit_code == 1
    assert f"error: templates/leaflet.css:{line}: [assets] WeasyPrint: Ignored `color: reed` " \
        f"at {line}:6, invalid value." in result.stderr


def test_a_stylesheet_url_outside_the_project_is_refused(project):
    css = project / "templates/leaflet.css"
    css.write_text(css.read_text() + "\nbody { background: url(http://example.com/x.png); }\n")
    result = build_en(project)
    assert result.exit_code == 1
    assert "refused to load http://example.com/x.png" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("svg,message", [
    ('<image href="http://example.com/x.png" width="5" height="5"/>',
     '<image href="http://example.com/x.png"> refers to a file or address outside the drawing'),
    ('<image xlink:href="file:///etc/passwd" width="5" height="5"/>',
     '<image href="file:///etc/passwd"> refers to a file or address outside the drawing'),
    ('<rect width="5" height="5" fill="url(http://x.example/p#g)"/>',
     "url(http://x.example/p#g) refers to a file or address outside the drawing"),
    ('<style>@import url(x.css);</style>', "url(x.css) refers to a file or address outside"),
])
def test_a_logo_that_refers_outside_itself_is_refused_and_nothing_recorded(project, svg,
                                                                            message):
    from medleaf.publish.cache import RenderCache

    logo = project / "templates/brand/logo.svg"
    text = logo.read_text()
    logo.write_text(text.replace("</svg>", f"\n{svg}\n</svg>").replace(
        "<svg ", '<svg xmlns:xlink="http://www.w3.org/1999/xlink" ', 1))
    line = next(i for i, row in enumerate(logo.read_text().splitlines(), 1) if svg[:12] in row)
    cached = set(RenderCache().folder.glob("*")) if RenderCache().folder.exists() else set()
    result = build_en(project)
    assert result.exit_code == 1
    assert f"error: templates/brand/logo.svg:{line}: [logo] {message}" in result.stderr
    assert not (project / "out").exists()  # no PDF, no manifest entry
    now = set(RenderCache().folder.glob("*")) if RenderCache().folder.exists() else set()
    assert now == cached


def test_a_logo_with_a_dtd_or_entities_is_refused(project):
    logo = project / "templates/brand/logo.svg"
    logo.write_text('<?xml version="1.0"?>\n<!DOCTYPE svg [\n<!ENTITY a "aaaaaaaaaa">\n'
                    '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n]>\n'
                    '<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>\n')
    result = build_en(project)
    assert result.exit_code == 1
    assert "error: templates/brand/logo.svg:2: [logo] a DOCTYPE (DTD) is not allowed in a " \
        "logo: remove it" in result.stderr
    assert "error: templates/brand/logo.svg:3: [logo] the entity 'a' is not allowed" \
        in result.stderr


def test_a_logo_linked_from_outside_the_brand_folder_is_refused(project, tmp_path):
    outside = tmp_path / "logo.svg"
    outside.write_bytes((project / "templates/brand/logo.svg").read_bytes())
    (project / "templates/brand/logo.svg").unlink()
    (project / "templates/brand/logo.svg").symlink_to(outside)
    result = build_en(project)
    assert result.exit_code == 1
    assert f"error: templates/brand/brand.yaml:10: logo: logo.svg leads outside the brand " \
        f"folder (to {outside}): copy the file in" in result.stderr


def test_an_svg_the_template_includes_passes_the_logos_checks(project):
    """Any SVG a page loads, not only the brand's logo, must be self-contained."""
    (project / "templates/pic.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="5" height="5">\n'
        '<image href="https://example.com/x.png" width="5" height="5"/></svg>')
    add_to_template(project, '<img src="pic.svg">')
    result = build_en(project)
    assert result.exit_code == 1
    assert "error: baclofen (en): [assets] templates/pic.svg:2: [logo] <image " \
        'href="https://example.com/x.png"> refers to a file or address outside the drawing' \
        in result.stderr


@pytest.mark.parametrize("rule", ["h1 { font-size: 1e999px; }", "h1 { font-size: 99999999pt; }"])
def test_a_stylesheet_value_weasyprint_cannot_lay_out_is_an_error(project, rule):
    css = project / "templates/leaflet.css"
    css.write_text(css.read_text() + f"\n{rule}\n")
    result = build_en(project)
    assert result.exit_code == 1
    assert "error: baclofen (en): [assets] WeasyPrint could not lay it out (" in result.stderr
    assert "check the values in the project's stylesheets and templates" in result.stderr
    assert "Traceback" not in result.output


def test_a_font_face_outside_the_project_names_the_stylesheet(project):
    css = project / "templates/leaflet.css"
    css.write_text(css.read_text() + '\n@font-face { font-family: X; src: url("/etc/passwd"); }\n')
    result = build_en(project)
    assert result.exit_code == 1
    assert "error: templates/leaflet.css: [assets] refused to load file:///etc/passwd" \
        in result.stderr


@pytest.mark.parametrize("where,code", [
    ("templates/leaflet.css", 'h1::after { content: "\\202E 001"; }'),
    ("templates/leaflet.html", "<p>&#x202e;001</p>"),
])
def test_a_bidi_control_from_a_template_or_stylesheet_never_prints(project, where, code):
    if where.endswith(".css"):
        path = project / where
        path.write_text(path.read_text() + f"\n{code}\n")
    else:
        add_to_template(project, code)
    result = build_en(project)
    assert result.exit_code == 1
    if where.endswith(".html"):
        assert "error: baclofen (en): [characters] the page holds U+202E RIGHT-TO-LEFT " \
            "OVERRIDE, which prints other than it reads" in result.stderr
    else:
        line = len((project / where).read_text().splitlines())
        assert f"error: {where}:{line}: [characters] holds U+202E RIGHT-TO-LEFT OVERRIDE (as " \
            "CSS reads it)" in result.stderr
    assert not (project / "out").exists()


def test_a_template_looping_over_a_long_text_is_stopped(project):
    code = ("{% set s = 'x' * 100000 %}{% for a in s %}{% for b in s %}{% endfor %}"
            "{% endfor %}")
    add_to_template(project, code)
    result = build_en(project)
    assert result.exit_code == 1
    assert "the template ran past 5 s" in result.stderr
