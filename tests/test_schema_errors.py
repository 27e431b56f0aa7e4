"""A broken monograph gives every problem at once as file:line: field: message, exit 1."""

from __future__ import annotations

import re

from conftest import run


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def break_monograph(project, *edits):
    path = project / "leaflets" / "baclofen.yaml"
    text = path.read_text()
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    path.write_text(text)
    return text


def test_every_problem_is_reported_with_file_line_and_field(project):
    text = break_monograph(
        project,
        ("last_modified: 2026-12-01", "last_modified: 2024-13-45"),  # bad date
        ("\nsummary: >", "\nsumary: >"),  # misspelt (so also missing)
        ("  adults: >\n    Adults usually", "  adultz: >\n    Adults usually"),
        ("\ntips:\n", "\ntips: 3\nspare_tips:\n"),  # wrong type, unknown field
    )
    result = run("build", "baclofen", "--lang", "en", "--out", str(project / "out"),
                 root=project)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    f = "leaflets/baclofen.yaml"
    expected = [
        f"{f}:{line_of(text, 'last_modified')}: last_modified: ",
        f"{f}:{line_of(text, 'sumary:')}: sumary: unknown field (misspelt?)",
        f"{f}:1: summary: required field is missing",
        f"{f}:{line_of(text, 'dosage:')}: dosage.adults: required field is missing",
        f"{f}:{line_of(text, 'adultz:')}: dosage.adultz: unknown field (misspelt?)",
        f"{f}:{line_of(text, 'tips: 3')}: tips: Input should be a valid list",
        f"{f}:{line_of(text, 'spare_tips:')}: spare_tips: unknown field (misspelt?)",
    ]
    for start in expected:
        assert any(e.startswith(f"error: {start}") for e in errors), (start, errors)
    assert "month value is outside expected range" in result.stderr
    assert "Traceback" not in result.output
    assert not (project / "out" / "baclofen.en.pdf").exists()


def test_raw_html_in_content_is_rejected_never_passed_through(project):
    text = break_monograph(project,
                           ("  generic: Baclofen", "  generic: Baclofen <script>x</script>"))
    result = run("html", "baclofen", root=project)
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"error: leaflets/baclofen.yaml:{line_of(text, '<script>')}: names.generic: "
        "raw HTML is not allowed in leaflet text")
    assert "<script>" not in result.stdout


def test_links_and_headings_are_not_leaflet_markup(project):
    break_monograph(project, ("    Take it as soon as you remember.",
                              "    See [this](http://example.com). Take it as soon as"))
    result = run("html", "baclofen", root=project)
    assert result.exit_code == 1
    assert re.search(r"baclofen.yaml:\d+: tips\[1\]\.body: a link is not allowed", result.stderr)


def test_invalid_yaml_names_the_line(project):
    path = project / "leaflets" / "baclofen.yaml"
    path.write_text(path.read_text().replace("names:\n", "names: [\n", 1))
    result = run("list", root=project)
    assert result.exit_code == 1
    assert re.match(r"error: leaflets/baclofen.yaml:\d+: invalid YAML: ", result.stderr)


def test_a_field_given_twice_is_an_error(project):
    text = break_monograph(project, ("\nwhat_it_is: >", "\nsummary: Again.\nwhat_it_is: >"))
    result = run("list", root=project)
    assert result.exit_code == 1
    assert f"baclofen.yaml:{line_of(text, 'summary: Again.')}: summary: field given twice" \
        in result.stderr


LEGAL_CLASSES = ["part-1-poison-schedule-3", "part-1-poison-schedule-1", "part-1-poison",
                 "part-2-poison", "non-poison", "antibiotic", "dangerous-drug"]


def test_a_legal_class_that_is_not_hong_kongs_lists_the_allowed_values(project):
    text = break_monograph(project, ("  legal_class: part-1-poison-schedule-3",
                                     "  legal_class: pharmacy-only"))
    result = run("check", "baclofen", root=project)
    assert result.exit_code == 1
    allowed = ", ".join(f"'{c}'" for c in LEGAL_CLASSES[:-1]) + f" or '{LEGAL_CLASSES[-1]}'"
    assert (f"error: leaflets/baclofen.yaml:{line_of(text, 'legal_class:')}: "
            f"availability.legal_class: Input should be {allowed}") in result.stderr


def test_a_status_that_the_legal_class_does_not_give_is_an_error(project):
    text = break_monograph(project, ("  legal_class: part-1-poison-schedule-3",
                                     "  legal_class: part-1-poison-schedule-3\n"
                                     "  status: over-the-counter"))
    result = run("check", "baclofen", root=project)
    assert result.exit_code == 1
    assert (f"error: leaflets/baclofen.yaml:{line_of(text, 'availability:')}: availability: "
            "status 'over-the-counter' does not fit legal_class 'part-1-poison-schedule-3', "
            "which is 'prescription-only' (leave status out)") in result.stderr


def test_availability_needs_a_legal_class_or_a_status(project):
    text = break_monograph(project, ("  legal_class: part-1-poison-schedule-3\n", ""))
    result = run("check", "baclofen", root=project)
    assert result.exit_code == 1
    assert (f"error: leaflets/baclofen.yaml:{line_of(text, 'availability:')}: availability: "
            "give legal_class (one of: " + ", ".join(LEGAL_CLASSES) + ")") in result.stderr


def test_a_monograph_with_the_old_status_alone_still_builds(project):
    break_monograph(project, ("  legal_class: part-1-poison-schedule-3",
                              "  status: prescription-only"))
    result = run("html", "baclofen", "--lang", "en", root=project)
    assert result.exit_code == 0, result.output
    assert "Prescription-only medicine" in result.stdout
    assert "Legal class in Hong Kong" not in result.stdout
