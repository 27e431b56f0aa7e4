"""Every check is one row of one registry: `medleaf check --list` shows it with its scope
and severity, `medleaf check` runs it, and the gate refuses its errors everywhere."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace

import pytest
from conftest import REPO, run

from medleaf.checks import registry
from medleaf.checks.check import Check
from medleaf.errors import Problem


def listed() -> dict[str, set[str]]:
    """`medleaf check --list` read back: each scope's printed tags with their severity."""
    result = run("check", "--list")
    assert result.exit_code == 0, result.output
    scopes, scope = {}, None
    for line in result.stdout.splitlines():
        if line and not line.startswith(" "):
            scope = line.split(":")[0]
            scopes[scope] = set()
        elif line.strip():
            tags, severity = re.fullmatch(r"\s+((?:\[[a-z-]+\] ?)+) (error|warning): .+",
                                          line).groups()
            scopes[scope] |= {f"{t} {severity}" for t in tags.split()}
    return scopes


def test_the_list_shows_each_scope_its_checks_and_their_severity():
    scopes = listed()
    assert list(scopes) == ["language", "brand", "pack", "packs catalog", "interface",
                            "leaflet", "catalog", "library", "message", "directions"]
    assert {"[numbers] error", "[script] error", "[placeholders] error", "[prohibition] error",
            "[omission] error", "[names] error", "[vocabulary] error"} <= scopes["message"]
    assert scopes["library"] == {"[consistency] error"}
    assert {"[review-due] warning", "[readability] warning", "[completeness] error",
            "[wrong-medicine] error"} <= scopes["leaflet"]
    assert {"[untranslated] error", "[fuzzy] error", "[out-of-date] error",
            "[wrong-medicine] error", "[glyphs] error", "[readability] warning"} <= \
        scopes["catalog"]


def test_every_finding_check_prints_is_a_listed_check(project):
    """No check runs outside the registry: each tag on the planted faults is in the list."""
    shutil.copytree(REPO / "tests/fixtures/broken", project, dirs_exist_ok=True)
    yaml = project / "leaflets/baclofen.yaml"
    yaml.write_text(yaml.read_text().replace("last_modified: 2024-05-22",
                                             "last_modified: 2999-01-01"))
    result = run("check", "--max-grade", "1", "--review-age", "1", root=project)
    printed = set(re.findall(r"^(error|warning): .*?(\[[a-z-]+\])", result.stderr, re.M))
    assert len(printed) >= 10, result.stderr
    every = {tag for tags in listed().values() for tag in tags}
    assert {f"{tag} {severity}" for severity, tag in printed} <= every


def _spasticity(subject) -> list[Problem]:
    source = subject.leaflet.source
    return [Problem(source.shown_as, None, None, "says spasticity", None)
            for _, text in subject.leaflet.texts() if "spasticity" in text][:1]


@pytest.mark.parametrize("severity", ["error", "warning"])
def test_a_row_added_to_the_registry_is_run_by_check_and_asked_by_the_gate(
        baclofen_only, tmp_path, monkeypatch, severity):
    monkeypatch.setattr(registry, "REGISTRY", (*registry.REGISTRY,
                                               Check("spasticity", "leaflet", _spasticity,
                                                     severity=severity, about="a word")))
    assert f"[spasticity] {severity}" in listed()["leaflet"]
    found = f"{severity}: leaflets/baclofen.yaml: [spasticity] says spasticity"
    check = run("check", "baclofen", "--lang", "en", root=baclofen_only)
    build = run("build", "baclofen", "--lang", "en", "--out", str(tmp_path),
                root=baclofen_only)
    assert found in check.stderr.splitlines()
    if severity == "error":
        assert check.exit_code == build.exit_code == 1
        assert found in build.stderr.splitlines() and not list(tmp_path.glob("*.pdf"))
    else:  # a warning is reported by check, and never refuses
        assert check.exit_code == build.exit_code == 0, build.output
        assert list(tmp_path.glob("*.pdf"))


def test_severity_is_the_registry_s(baclofen_only, tmp_path, monkeypatch):
    """A shipped error check made a warning no longer refuses: the row decides."""
    rows = tuple(replace(c, severity="warning") if (c.scope, c.name) ==
                 ("leaflet", "completeness") else c for c in registry.REGISTRY)
    monkeypatch.setattr(registry, "REGISTRY", rows)
    yaml = baclofen_only / "leaflets/baclofen.yaml"
    yaml.write_text(yaml.read_text().replace("last_modified: 2026-12-01",
                                             "last_modified: 2999-01-01"))
    check = run("check", "baclofen", "--lang", "en", root=baclofen_only)
    assert check.exit_code == 0 and "warning: leaflets/baclofen.yaml:" in check.stderr
    assert "[completeness] last_modified: 2999-01-01 is in the future" in check.stderr
    assert run("build", "baclofen", "--lang", "en", "--out", str(tmp_path),
               root=baclofen_only).exit_code == 0


def test_a_message_check_added_to_the_registry_checks_every_catalog(baclofen_only,
                                                                    monkeypatch):
    def no_exclamations(english, translation, usage):
        return ["an exclamation mark"] if "！" in translation else []

    monkeypatch.setattr(registry, "REGISTRY", (*registry.REGISTRY, Check(
        "exclaim", "message", no_exclamations, about="no ！")))
    po = baclofen_only / "locales/zh_Hant_HK/LC_MESSAGES/baclofen.po"
    po.write_text(po.read_text().replace('msgstr "巴氯芬"', 'msgstr "巴氯芬！"', 1))
    result = run("check", "baclofen", "--lang", "zh-HK", root=baclofen_only)
    assert result.exit_code == 1
    assert "[exclaim] baclofen:names.generic: an exclamation mark" in result.stderr


def test_dispense_asks_the_registry_s_directions_rows(project, tmp_path, monkeypatch):
    """A directions check added to the registry refuses a dispense like the shipped ones."""
    def no_more_than_a_tablet(subject):
        return [Problem("", None, "dose", "one tablet at most", None)] \
            if subject.directions.dose > 1 else []

    monkeypatch.setattr(registry, "REGISTRY", (*registry.REGISTRY, Check(
        "one-tablet", "directions", no_more_than_a_tablet, about="one tablet at most")))
    result = run("dispense", "baclofen", "--dose", "2", "--form", "tablet", "--strength",
                 "10 mg", "--times-a-day", "3", "--out", str(tmp_path / "x.pdf"), root=project)
    assert result.exit_code == 1
    assert result.stderr == "error: [one-tablet] dose: one tablet at most\n"
    assert not (tmp_path / "x.pdf").exists()
